/** Deletes the rows a person chose in Clean up, in chunks within Airtable's write limits. */
import {AirtableWriter} from '../apply/airtableWriter';
import {RunStoppedError} from '../apply/runStoppedError';
import type {AirtableRecordId} from '../ids';
import type {TableMapping} from '../mapping';
import type {RunError} from '../outcomes';
import {AIRTABLE_MAX_WRITES_PER_SECOND, type AirtableSide, type Clock} from '../ports';
import {RateLimiter} from '../rateLimiter';
import {AIRTABLE_WRITE_WINDOW_MS} from '../runSync';
import type {CleanupCandidate} from './findCleanupCandidates';

export interface CleanupDeleteInput {
    readonly airtable: AirtableSide;
    readonly clock: Clock;
    /** The mapped tables the candidates come from. */
    readonly tables: readonly TableMapping[];
    readonly candidates: readonly CleanupCandidate[];
    readonly signal?: AbortSignal;
    /** Called after each chunk with the number of rows deleted so far. */
    readonly onProgress?: (deletedCount: number, totalCount: number) => void;
}

export interface CleanupDeleteResult {
    readonly deletedRowIds: readonly AirtableRecordId[];
    /** The error that stopped the deletes before the end, or null when every row was deleted. */
    readonly error: RunError | null;
}

export async function deleteCleanupRowsAsync(
    input: CleanupDeleteInput,
): Promise<CleanupDeleteResult> {
    const limiter = new RateLimiter(input.clock, {
        maxCalls: AIRTABLE_MAX_WRITES_PER_SECOND,
        windowMs: AIRTABLE_WRITE_WINDOW_MS,
    });
    const writer = new AirtableWriter(input.airtable, limiter, input.signal);
    const deletedRowIds: AirtableRecordId[] = [];
    const total = input.candidates.length;
    try {
        for (const table of input.tables) {
            const ids = input.candidates
                .filter(candidate => candidate.tableId === table.table.id)
                .map(candidate => candidate.rowId);
            await writer.deleteRowsAsync(table, [...new Set(ids)], deleted => {
                deletedRowIds.push(...deleted);
                input.onProgress?.(deletedRowIds.length, total);
            });
        }
        return {deletedRowIds, error: null};
    } catch (error) {
        if (error instanceof RunStoppedError) {
            return {deletedRowIds, error: error.runError};
        }
        throw error;
    }
}
