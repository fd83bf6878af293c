/** Writes rows through the Airtable port within Airtable's per-call, size and per-second limits. */
import type {AirtableRecordId} from '../ids';
import type {TableMapping} from '../mapping';
import {chunk} from '../chunk';
import {AIRTABLE_MAX_RECORDS_PER_WRITE, type AirtableCells, type AirtableSide} from '../ports';
import type {RateLimiter} from '../rateLimiter';
import {chunkRowsForAirtable} from './airtableChunks';
import {callSideAsync, checkNotCancelled, RunStoppedError} from './runStoppedError';

export interface RowUpdate {
    readonly id: AirtableRecordId;
    readonly cells: AirtableCells;
}

export interface UpdateOptions {
    /**
     * Whether a cancelled run stops before the next call. False for rows that finish records
     * already written in Dynamics, because the next run would otherwise send those writes again.
     */
    readonly isCancellable: boolean;
}

export class AirtableWriter {
    private readonly side: AirtableSide;
    private readonly limiter: RateLimiter;
    private readonly signal: AbortSignal | undefined;

    constructor(side: AirtableSide, limiter: RateLimiter, signal: AbortSignal | undefined) {
        this.side = side;
        this.limiter = limiter;
        this.signal = signal;
    }

    /** Creates the rows in chunks; `onChunkCreated` gets each chunk's rows with their new ids. */
    async createRowsAsync<T extends {readonly cells: AirtableCells}>(
        table: TableMapping,
        rows: readonly T[],
        onChunkCreated: (
            created: ReadonlyArray<{readonly row: T; readonly id: AirtableRecordId}>,
        ) => void,
    ): Promise<void> {
        for (const rowsChunk of chunkRowsForAirtable(rows)) {
            checkNotCancelled(this.signal, table.table.name);
            await this.limiter.takeSlotAsync();
            const ids = await callSideAsync('airtable', 'creating rows', table.table.name, () =>
                this.side.createRowsAsync(table.table.id, rowsChunk),
            );
            if (ids.length !== rowsChunk.length) {
                throw mismatchedIdsError(table, rowsChunk.length, ids.length);
            }
            onChunkCreated(
                rowsChunk.map((row, index) => ({row, id: ids[index] as AirtableRecordId})),
            );
        }
    }

    /** Updates the rows in chunks; `onChunkUpdated` gets each chunk once it is written. */
    async updateRowsAsync<T extends RowUpdate>(
        table: TableMapping,
        rows: readonly T[],
        onChunkUpdated: (updated: readonly T[]) => void,
        options: UpdateOptions = {isCancellable: true},
    ): Promise<void> {
        for (const rowsChunk of chunkRowsForAirtable(rows)) {
            if (options.isCancellable) {
                checkNotCancelled(this.signal, table.table.name);
            }
            await this.limiter.takeSlotAsync();
            const updates = rowsChunk.map(({id, cells}) => ({id, cells}));
            await callSideAsync('airtable', 'updating rows', table.table.name, () =>
                this.side.updateRowsAsync(table.table.id, updates),
            );
            onChunkUpdated(rowsChunk);
        }
    }

    /** Deletes the rows in chunks; `onChunkDeleted` gets each chunk's ids once they are gone. */
    async deleteRowsAsync(
        table: TableMapping,
        ids: readonly AirtableRecordId[],
        onChunkDeleted: (deleted: readonly AirtableRecordId[]) => void,
    ): Promise<void> {
        for (const idsChunk of chunk(ids, AIRTABLE_MAX_RECORDS_PER_WRITE)) {
            checkNotCancelled(this.signal, table.table.name);
            await this.limiter.takeSlotAsync();
            await callSideAsync('airtable', 'deleting rows', table.table.name, () =>
                this.side.deleteRowsAsync(table.table.id, idsChunk),
            );
            onChunkDeleted(idsChunk);
        }
    }
}

function mismatchedIdsError(table: TableMapping, sent: number, returned: number): RunStoppedError {
    return new RunStoppedError({
        code: 'airtableFailed',
        message:
            `The sync stopped because Airtable returned ${returned} ids for ${sent} new rows in ` +
            `'${table.table.name}'. Check the table for rows without a Dynamics ID and sync again.`,
        detail: null,
        tableName: table.table.name,
    });
}
