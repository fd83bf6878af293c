/**
 * Splits rows into Airtable write calls: at most AIRTABLE_MAX_RECORDS_PER_WRITE rows per call, and
 * fewer when the rows' encoded size would pass the SDK's payload limit. The SDK measures a write as
 * `encodeURIComponent(JSON.stringify(mutation)).length` and rejects one over 1.9 × 1024 × 1024
 * (Blocks SDK 1.19, `models/mutations.js`). Writes each chunk around the rows Airtable rejects,
 * so one bad row does not stop the others.
 */
import {
    AIRTABLE_MAX_RECORDS_PER_WRITE,
    AirtableSideError,
    type AirtableCells,
    type AirtableRowRejection,
} from '../ports';
import {assertNever} from '../assertNever';

export const AIRTABLE_MAX_WRITE_PAYLOAD = 1.9 * 1024 * 1024;
// Room for the parts of the mutation that are not cells: its type, the table id, the record ids.
const MUTATION_ENVELOPE_ALLOWANCE = 64 * 1024;

export function chunkRowsForAirtable<T extends {readonly cells: AirtableCells}>(
    rows: readonly T[],
): T[][] {
    const maxPayload = AIRTABLE_MAX_WRITE_PAYLOAD - MUTATION_ENVELOPE_ALLOWANCE;
    const chunks: T[][] = [];
    let current: T[] = [];
    let currentSize = 0;
    for (const row of rows) {
        const size = encodeURIComponent(JSON.stringify(row.cells)).length;
        const isFull = current.length === AIRTABLE_MAX_RECORDS_PER_WRITE;
        if (current.length > 0 && (isFull || currentSize + size > maxPayload)) {
            chunks.push(current);
            current = [];
            currentSize = 0;
        }
        current.push(row);
        currentSize += size;
    }
    if (current.length > 0) {
        chunks.push(current);
    }
    return chunks;
}

/**
 * Extra write calls one chunk may spend to write around rows that Airtable rejects, on top of its
 * first call. Each call counts against the run's rate limit like any other write. Six calls
 * narrow one bad row among 50 down to a group of at most seven, so the other rows are written.
 */
export const MAX_EXTRA_CALLS_PER_CHUNK = 6;

/** The reason a row of a chunk was not written. */
export type RowRejection =
    /** Airtable rejected the row itself, for `rejection.reason`. */
    | {readonly kind: 'rejected'; readonly rejection: AirtableRowRejection}
    /**
     * Airtable rejected a value in every call that held the row, and the chunk's extra calls ran
     * out before the row with the value was found. `detail` is Airtable's message.
     */
    | {readonly kind: 'unisolated'; readonly detail: string};

export interface FailedRow<T> {
    readonly row: T;
    readonly rejection: RowRejection;
}

/** One chunk's port call and what to do with its outcome. */
export interface ChunkWrite<T, R> {
    /** Runs the port call within the run's rate limit. */
    readonly runLimitedAsync: <C>(callAsync: () => Promise<C>) => Promise<C>;
    readonly callAsync: (rows: readonly T[]) => Promise<R>;
    readonly onWritten: (rows: readonly T[], result: R) => void;
    readonly onRowsFailed: (failed: ReadonlyArray<FailedRow<T>>) => void;
}

interface ChunkState {
    extraCalls: number;
}

/**
 * Writes one chunk, reporting the rows Airtable rejects on their own and writing the others.
 * Throws what the side threw when the failure concerns the whole call: an `AirtableSideError`
 * such as `permissionDenied`, or any error the side could not classify, such as when the
 * extension was closed.
 */
export async function writeChunkAsync<T, R>(
    rows: readonly T[],
    write: ChunkWrite<T, R>,
): Promise<void> {
    await writePartAsync(rows, write, {extraCalls: 0});
}

async function writePartAsync<T, R>(
    part: readonly T[],
    write: ChunkWrite<T, R>,
    state: ChunkState,
): Promise<void> {
    let result: R;
    try {
        result = await write.runLimitedAsync(() => write.callAsync(part));
    } catch (error) {
        await writeAroundFailureAsync(part, error, write, state);
        return;
    }
    write.onWritten(part, result);
}

async function writeAroundFailureAsync<T, R>(
    part: readonly T[],
    error: unknown,
    write: ChunkWrite<T, R>,
    state: ChunkState,
): Promise<void> {
    if (!(error instanceof AirtableSideError)) {
        throw error;
    }

    switch (error.code) {
        case 'rowsRejected': {
            const rest = reportRejectedRows(part, error.rejections, write);
            await retryAsync(rest, error, write, state);
            return;
        }
        case 'valueRejected':
            await splitAsync(part, error, write, state);
            return;
        case 'tableNotFound':
        case 'fieldNotFound':
        case 'tooManyRecords':
        case 'payloadTooLarge':
        case 'permissionDenied':
            throw error;
        default:
            assertNever(error.code);
    }
}

/** Reports the rows the side named, and returns the part's other rows. */
function reportRejectedRows<T, R>(
    part: readonly T[],
    rejections: readonly AirtableRowRejection[],
    write: ChunkWrite<T, R>,
): T[] {
    const failed = rejections.flatMap(rejection => {
        const row = part[rejection.index];
        return row === undefined ? [] : [{row, rejection: {kind: 'rejected', rejection} as const}];
    });
    write.onRowsFailed(failed);
    const rejectedIndexes = new Set(rejections.map(rejection => rejection.index));
    return part.filter((_row, index) => !rejectedIndexes.has(index));
}

async function retryAsync<T, R>(
    rest: readonly T[],
    error: AirtableSideError,
    write: ChunkWrite<T, R>,
    state: ChunkState,
): Promise<void> {
    if (rest.length === 0) {
        return;
    }
    if (state.extraCalls + 1 > MAX_EXTRA_CALLS_PER_CHUNK) {
        reportUnisolated(rest, error, write);
        return;
    }
    state.extraCalls += 1;
    await writePartAsync(rest, write, state);
}

/** Writes the part in halves, so the halves without the rejected value are written. */
async function splitAsync<T, R>(
    part: readonly T[],
    error: AirtableSideError,
    write: ChunkWrite<T, R>,
    state: ChunkState,
): Promise<void> {
    const [row] = part;
    if (part.length === 1 && row !== undefined) {
        const rejection: AirtableRowRejection = {
            index: 0,
            reason: 'invalidValue',
            fieldId: null,
            detail: error.message,
        };
        write.onRowsFailed([{row, rejection: {kind: 'rejected', rejection} as const}]);
        return;
    }
    if (state.extraCalls + 2 > MAX_EXTRA_CALLS_PER_CHUNK) {
        reportUnisolated(part, error, write);
        return;
    }

    state.extraCalls += 2;
    const middle = Math.ceil(part.length / 2);
    await writePartAsync(part.slice(0, middle), write, state);
    await writePartAsync(part.slice(middle), write, state);
}

function reportUnisolated<T, R>(
    rows: readonly T[],
    error: AirtableSideError,
    write: ChunkWrite<T, R>,
): void {
    const rejection = {kind: 'unisolated', detail: error.message} as const;
    write.onRowsFailed(rows.map(row => ({row, rejection})));
}
