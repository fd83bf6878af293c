/**
 * Writes rows through the Airtable port within Airtable's per-call, size and per-second limits.
 * A row that Airtable rejects on its own is reported to the caller and the chunk's other rows are
 * written. Only a failure that concerns every write stops the run.
 */
import type {AirtableRecordId} from '../ids';
import type {TableMapping} from '../mapping';
import {assertNever} from '../assertNever';
import {chunk} from '../chunk';
import type {RecordFailure} from '../plan/types';
import {
    AIRTABLE_MAX_RECORDS_PER_WRITE,
    AirtableSideError,
    type AirtableCells,
    type AirtableSide,
} from '../ports';
import type {RateLimiter} from '../rateLimiter';
import {chunkRowsForAirtable, writeChunkAsync, type FailedRow} from './airtableChunks';
import {checkNotCancelled, RunStoppedError, toSideFailedError} from './runStoppedError';

export type {FailedRow, RowRejection} from './airtableChunks';

/**
 * Airtable write calls in flight at once. One call at a time cannot reach Airtable's 15 calls per
 * second once a call's round trip passes 67 ms, and the rate limiter keeps any number of calls in
 * flight within that limit. The limiter frees a call's slot a second after the call ends, so the
 * sooner a second's 15 calls end, the sooner the next second's can start: 5 in flight send them
 * in 3 round trips. The calls of one batch touch different rows, so their order does not matter,
 * except that created rows may appear in the table out of order by a few calls.
 * NOTE: 5 is a judgement that keeps 15 calls per second for round trips of up to about 330 ms,
 * not a measured optimum.
 */
export const AIRTABLE_CALLS_IN_FLIGHT = 5;

export interface RowUpdate {
    readonly id: AirtableRecordId;
    readonly cells: AirtableCells;
}

/** Receives the rows of a call that Airtable rejected, which are then left unwritten. */
export type RowsFailedListener<T> = (failed: ReadonlyArray<FailedRow<T>>) => void;

export interface UpdateOptions<T> {
    /**
     * Whether a cancelled run stops before the next call. False for rows that finish records
     * already written in Dynamics, because the next run would otherwise send those writes again.
     */
    readonly isCancellable: boolean;
    /**
     * Receives rejected rows. Without it they are left out of `onChunkUpdated` and reported
     * nowhere, so pass it wherever the rows have outcomes of their own.
     */
    readonly onRowsFailed?: RowsFailedListener<T>;
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
        onRowsFailed: RowsFailedListener<T> = ignoreFailedRows,
    ): Promise<void> {
        await this.forEachChunkAsync(table, chunkRowsForAirtable(rows), true, rowsChunk =>
            this.writeChunkAsync(table, 'creating rows', rowsChunk, {
                callAsync: part => this.side.createRowsAsync(table.table.id, part),
                onWritten: (part, ids) => {
                    if (ids.length !== part.length) {
                        throw mismatchedIdsError(table, part.length, ids.length);
                    }
                    onChunkCreated(
                        part.map((row, index) => ({row, id: ids[index] as AirtableRecordId})),
                    );
                },
                onRowsFailed,
            }),
        );
    }

    /** Updates the rows in chunks, and `onChunkUpdated` gets each chunk's rows once written. */
    async updateRowsAsync<T extends RowUpdate>(
        table: TableMapping,
        rows: readonly T[],
        onChunkUpdated: (updated: readonly T[]) => void,
        options: UpdateOptions<T> = {isCancellable: true},
    ): Promise<void> {
        const chunks = chunkRowsForAirtable(rows);
        await this.forEachChunkAsync(table, chunks, options.isCancellable, rowsChunk =>
            this.writeChunkAsync(table, 'updating rows', rowsChunk, {
                callAsync: part =>
                    this.side.updateRowsAsync(
                        table.table.id,
                        part.map(({id, cells}) => ({id, cells})),
                    ),
                onWritten: part => onChunkUpdated(part),
                onRowsFailed: options.onRowsFailed ?? ignoreFailedRows,
            }),
        );
    }

    /** Deletes the rows in chunks; `onChunkDeleted` gets each chunk's ids once they are gone. */
    async deleteRowsAsync(
        table: TableMapping,
        ids: readonly AirtableRecordId[],
        onChunkDeleted: (deleted: readonly AirtableRecordId[]) => void,
        onRowsFailed: RowsFailedListener<AirtableRecordId> = ignoreFailedRows,
    ): Promise<void> {
        const chunks = chunk(ids, AIRTABLE_MAX_RECORDS_PER_WRITE);
        await this.forEachChunkAsync(table, chunks, true, idsChunk =>
            this.writeChunkAsync(table, 'deleting rows', idsChunk, {
                callAsync: part => this.side.deleteRowsAsync(table.table.id, part),
                onWritten: part => onChunkDeleted(part),
                onRowsFailed,
            }),
        );
    }

    /**
     * Writes the chunks with up to AIRTABLE_CALLS_IN_FLIGHT calls at once, within the rate limit.
     * After a failure or a cancel no further chunk starts, the chunks in flight finish, and the
     * first failure is thrown.
     */
    private async forEachChunkAsync<C>(
        table: TableMapping,
        chunks: readonly C[],
        isCancellable: boolean,
        writeAsync: (chunk: C) => Promise<void>,
    ): Promise<void> {
        const stop: {hasFailed: boolean; error: unknown} = {hasFailed: false, error: undefined};
        let next = 0;
        const runWorkerAsync = async (): Promise<void> => {
            for (let current = chunks[next++]; current !== undefined; current = chunks[next++]) {
                if (stop.hasFailed) {
                    return;
                }
                try {
                    if (isCancellable) {
                        checkNotCancelled(this.signal, table.table.name);
                    }
                    await writeAsync(current);
                } catch (error) {
                    if (!stop.hasFailed) {
                        stop.hasFailed = true;
                        stop.error = error;
                    }
                }
            }
        };
        const workerCount = Math.min(AIRTABLE_CALLS_IN_FLIGHT, chunks.length);
        await Promise.all(Array.from({length: workerCount}, runWorkerAsync));
        if (stop.hasFailed) {
            throw stop.error;
        }
    }

    private async writeChunkAsync<T, R>(
        table: TableMapping,
        action: string,
        rows: readonly T[],
        write: {
            readonly callAsync: (rows: readonly T[]) => Promise<R>;
            readonly onWritten: (rows: readonly T[], result: R) => void;
            readonly onRowsFailed: RowsFailedListener<T>;
        },
    ): Promise<void> {
        try {
            await writeChunkAsync(rows, {
                runLimitedAsync: callAsync => this.limiter.runAsync(callAsync),
                ...write,
            });
        } catch (error) {
            if (error instanceof RunStoppedError) {
                throw error;
            }
            throw toWriteFailedError(table, action, error);
        }
    }
}

/** Describes a rejected row for its outcome, naming the row, the field and the fix. */
export function describeFailedRow(
    table: TableMapping,
    rowName: string,
    failed: FailedRow<unknown>,
): RecordFailure {
    const where = `Couldn't write row '${rowName}' in '${table.table.name}'`;
    const {rejection} = failed;
    if (rejection.kind === 'unisolated') {
        return {
            code: 'invalidValue',
            message:
                `${where}: Airtable rejected a value in the group of rows that holds it, and ` +
                `the sync could not tell which row has it. Check the values of these rows ` +
                `against their fields' types, then sync again.`,
            detail: rejection.detail,
            problems: [],
        };
    }

    const {reason, fieldId, detail} = rejection.rejection;
    switch (reason) {
        case 'rowNotFound':
            return {
                code: 'unexpectedResult',
                message:
                    `${where}: the row was deleted in Airtable during the sync, so its sync ` +
                    `state could not be saved. Its Dynamics record stays as the sync left it, ` +
                    `so sync again to bring the two sides back in line.`,
                detail,
                problems: [],
            };
        case 'linkedRowNotFound':
            return {
                code: 'unresolvedLink',
                message:
                    `${where}: its field '${getFieldName(table, fieldId)}' links to a row ` +
                    `(${detail}) that was deleted in Airtable during the sync. Remove the link ` +
                    `or undo the delete, then sync again.`,
                detail,
                problems: [],
            };
        case 'invalidValue':
            return {
                code: 'invalidValue',
                message:
                    `${where}: Airtable rejected one of its values (${firstLine(detail)}). ` +
                    `Check that the mapped fields still have the types the mapping expects, ` +
                    `then sync again.`,
                detail,
                problems: [],
            };
        default:
            return assertNever(reason);
    }
}

function firstLine(text: string): string {
    return text.split('\n')[0] ?? text;
}

/** Returns the field's name as the mapping stores it, so a deleted field is named too. */
function getFieldName(table: TableMapping, fieldId: string | null): string {
    if (fieldId === table.dynamicsIdFieldId) {
        return `Dynamics ID (${fieldId})`;
    }
    if (fieldId === table.syncStateFieldId) {
        return `sync state (${fieldId})`;
    }
    const mapping = table.fields.find(({field}) => field.id === fieldId);
    return mapping?.field.name ?? String(fieldId);
}

// NOTE: the default for callers that pass no listener, whose rejected rows get no outcome from
// this call. Every create and update in `apply/` passes one, but the delete callers do not.
function ignoreFailedRows(): void {}

/** Builds the run error for a write that failed as a whole, naming deleted fields by name. */
function toWriteFailedError(table: TableMapping, action: string, error: unknown): RunStoppedError {
    if (!(error instanceof AirtableSideError) || error.code !== 'fieldNotFound') {
        return toSideFailedError('airtable', action, table.table.name, error);
    }

    const names = error.fieldIds.map(id => `'${getFieldName(table, id)}'`).join(', ');
    return new RunStoppedError({
        code: 'airtableFailed',
        message:
            `The sync stopped because table '${table.table.name}' no longer has the ` +
            `${error.fieldIds.length === 1 ? 'field' : 'fields'} ${names}, which the sync ` +
            `mapping needs. Open the extension's settings to map the columns to other fields, ` +
            `then sync again.`,
        detail: error.message,
        tableName: table.table.name,
    });
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
