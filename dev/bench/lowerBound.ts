/**
 * The shortest wall time the two platforms allow for a workload, from their published limits and
 * the simulated latencies. It assumes a client that reads each table's pages one after another
 * (a page's next link comes with it), runs tables in parallel up to the client's concurrency, and
 * writes to both sides at once once the reads are done.
 */
import {DEFAULT_MAX_CONCURRENT_REQUESTS} from '../../frontend/dataverse/http';
import {MAX_PAGE_SIZE} from '../../frontend/dataverse/odata';
import {AIRTABLE_MAX_WRITES_PER_SECOND} from '../../frontend/sync';

/** Dataverse's limit on operations in one `$batch` request (Web API v9.2). */
export const DATAVERSE_MAX_BATCH_OPERATIONS = 1000;

export interface BoundInput {
    /** Per table, the rows a sync must read: every row on a full read, the changes on a delta. */
    readonly rowsToRead: readonly number[];
    readonly dataverseWrites: number;
    readonly airtableWriteCalls: number;
    readonly latencyMs: number;
}

export interface LowerBound {
    readonly dataverseRequests: number;
    readonly dataverseMs: number;
    readonly airtableMs: number;
    readonly totalMs: number;
}

export function computeLowerBound(input: BoundInput): LowerBound {
    // Even a read that finds nothing, such as a delta with no changes, is one request.
    const pagesPerTable = input.rowsToRead.map(rows =>
        Math.max(1, Math.ceil(rows / MAX_PAGE_SIZE)),
    );
    const readRequests = sum(pagesPerTable);
    const readRounds = Math.max(
        Math.max(0, ...pagesPerTable),
        Math.ceil(readRequests / DEFAULT_MAX_CONCURRENT_REQUESTS),
    );
    const batches = Math.ceil(input.dataverseWrites / DATAVERSE_MAX_BATCH_OPERATIONS);
    const writeRounds = Math.ceil(batches / DEFAULT_MAX_CONCURRENT_REQUESTS);

    const readMs = readRounds * input.latencyMs;
    const dataverseWriteMs = writeRounds * input.latencyMs;
    const airtableMs = (input.airtableWriteCalls / AIRTABLE_MAX_WRITES_PER_SECOND) * 1000;
    return {
        dataverseRequests: readRequests + batches,
        dataverseMs: readMs + dataverseWriteMs,
        airtableMs,
        totalMs: readMs + Math.max(dataverseWriteMs, airtableMs),
    };
}

function sum(values: readonly number[]): number {
    return values.reduce((total, value) => total + value, 0);
}
