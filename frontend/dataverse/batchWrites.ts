/**
 * Applies the engine's writes in `$batch` requests. Each write is its own part, not a change set,
 * and the batch sends `Prefer: odata.continue-on-error`, so one rejected record does not roll back
 * or stop the others. A failure that stops the run part-way throws a PartialWriteError that keeps the
 * results of the batches that completed.
 */
import {assertNever} from '../sync/assertNever';
import {chunk} from '../sync/chunk';
import {isLookupBinding} from '../sync/lookupValues';
import {PartialWriteError, type DataverseWrite, type DataverseWriteResult} from '../sync/ports';
import type {BatchOperation, BatchPartResponse, DataverseClient} from './dataverseClient';
import {classifyHttpStatus, parseErrorBody} from './errorResponse';
import {DataverseError, type DataverseErrorContext} from './errors';
import {isRecordFailure} from './failureScope';
import {getStringIfExists, isJsonObject, type JsonObject} from './json';
import {buildQueryString, formatEntityPath, getEtagIfExists} from './odata';

/**
 * The minimum number of writes per `$batch` request when there are enough to fill it. Dataverse's batch
 * documentation advises small batches sent in parallel over large ones, starting at 10.
 */
export const MIN_WRITES_PER_BATCH = 10;

/**
 * The maximum number of writes per `$batch` request. Dataverse accepts 1000, but the server runs a batch's
 * requests one after another within one request's time limit, and a lost response leaves every
 * write in it unknown until the next run reads the records back. 100 keeps both small while the
 * batches in flight still send 400 writes per round trip.
 * NOTE: 100 is a judgement from that documentation, not a size measured against a live
 * environment.
 */
export const MAX_WRITES_PER_BATCH = 100;

/**
 * Batches in flight at once. The server runs a batch's requests one at a time, so 4 batches keep 4
 * writes running, far below the 52 concurrent requests Dataverse allows per user, and leave half
 * of the client's default 8 request slots to reads.
 */
export const MAX_WRITE_BATCHES_IN_FLIGHT = 4;

/** The column Dynamics stamps with each row's last change, returned with every create and update. */
const MODIFIED_ON_COLUMN = 'modifiedon';

/** The first run-stopping failure of a call, shared by the batches in flight. */
interface RunStop {
    hasStopped: boolean;
    cause: unknown;
}

export interface BatchWriteOptions {
    /** A fixed batch size in place of the one `getBatchSize` chooses. */
    readonly maxWritesPerBatch?: number;
    readonly maxBatchesInFlight?: number;
}

/**
 * Sends the writes in batches, at most `maxBatchesInFlight` at once, and returns one result per
 * write in order. After a run-stopping failure no further batch starts, the batches in flight are
 * aborted, and a PartialWriteError carries the results known so far.
 */
export async function writeInBatchesAsync(
    client: DataverseClient,
    writes: readonly DataverseWrite[],
    options: BatchWriteOptions = {},
): Promise<DataverseWriteResult[]> {
    const batchesInFlight = options.maxBatchesInFlight ?? MAX_WRITE_BATCHES_IN_FLIGHT;
    const batchSize = options.maxWritesPerBatch ?? getBatchSize(writes.length, batchesInFlight);
    const batches = chunk(
        writes.map((write, index) => ({write, index})),
        batchSize,
    );
    const results: Array<DataverseWriteResult | undefined> = writes.map(() => undefined);
    const controller = new AbortController();
    const stop: RunStop = {hasStopped: false, cause: undefined};
    let nextBatch = 0;

    const runWorkerAsync = async (): Promise<void> => {
        for (let batch = batches[nextBatch++]; batch !== undefined; batch = batches[nextBatch++]) {
            if (controller.signal.aborted) {
                return;
            }
            const batchWrites = batch.map(item => item.write);
            const batchResults = await writeBatchOrStopAsync(client, batchWrites, controller, stop);
            batchResults?.forEach((result, position) => {
                const index = batch[position]?.index;
                if (index !== undefined) {
                    results[index] = result;
                }
            });
        }
    };
    const workerCount = Math.min(batchesInFlight, batches.length);
    await Promise.all(Array.from({length: workerCount}, runWorkerAsync));

    if (stop.hasStopped) {
        throw new PartialWriteError(stop.cause, results);
    }
    return results.map(result => result ?? assertResultKnown());
}

/**
 * Returns how many writes each batch carries: the writes spread evenly over the batches in
 * flight, so that a large run needs few round trips and a small one still runs in parallel,
 * within MIN_WRITES_PER_BATCH and MAX_WRITES_PER_BATCH.
 */
export function getBatchSize(writeCount: number, batchesInFlight: number): number {
    const evenShare = Math.ceil(writeCount / Math.max(1, batchesInFlight));
    return Math.min(MAX_WRITES_PER_BATCH, Math.max(MIN_WRITES_PER_BATCH, evenShare));
}

/**
 * Sends one batch and returns its results, or null after a run-stopping failure, which it records
 * in `stop` (the first one wins) before aborting the other batches.
 */
async function writeBatchOrStopAsync(
    client: DataverseClient,
    writes: readonly DataverseWrite[],
    controller: AbortController,
    stop: RunStop,
): Promise<DataverseWriteResult[] | null> {
    try {
        return await writeBatchAsync(client, writes, controller.signal);
    } catch (error) {
        if (isRecordFailure(error)) {
            // The batch as a whole was rejected, such as for a body Dynamics cannot read.
            return writes.map(() => toFailedResult(error));
        }
        if (!stop.hasStopped) {
            stop.hasStopped = true;
            stop.cause = error;
        }
        controller.abort();
        return null;
    }
}

async function writeBatchAsync(
    client: DataverseClient,
    writes: readonly DataverseWrite[],
    signal: AbortSignal,
): Promise<DataverseWriteResult[]> {
    const responses = await client.executeBatchAsync(writes.map(toBatchOperation), {
        context: batchContext(writes),
        signal,
    });
    return writes.map((write, index) => {
        const response = responses[index];
        // executeBatchAsync returns exactly one response per operation.
        return response === undefined ? assertResultKnown() : toWriteResult(write, response);
    });
}

function assertResultKnown(): never {
    throw new Error('A write has no result although every batch completed.');
}

/** Names the table when every write of the batch is to the same one. */
function batchContext(writes: readonly DataverseWrite[]): DataverseErrorContext {
    const tableNames = new Set(writes.map(write => write.entity.displayName));
    const [tableDisplayName] = tableNames;
    return tableNames.size === 1 ? {operation: 'write', tableDisplayName} : {operation: 'write'};
}

/**
 * Builds the part for one write. Creates and updates ask for a small representation, which carries
 * the row's new version and the `modifiedon` Dynamics stamped, so the run's watermark moves past
 * the engine's own writes.
 */
export function toBatchOperation(write: DataverseWrite): BatchOperation {
    const rowPath = formatEntityPath(write.entity.entitySetName, write.id);
    const select = buildQueryString({
        select: [write.entity.primaryIdAttribute, MODIFIED_ON_COLUMN],
    });
    const returnRepresentation = {Prefer: 'return=representation'};
    switch (write.kind) {
        case 'create':
            // If-None-Match makes the PATCH create-only: a retried create fails instead of updating.
            return {
                method: 'PATCH',
                path: rowPath + select,
                headers: {'If-None-Match': '*', ...returnRepresentation},
                body: toRequestBody(write.values),
            };
        case 'update':
            // If-Match: * keeps the PATCH from creating a row that was deleted meanwhile.
            return {
                method: 'PATCH',
                path: rowPath + select,
                headers: {'If-Match': write.ifMatch ?? '*', ...returnRepresentation},
                body: toRequestBody(write.values),
            };
        case 'delete':
            return {
                method: 'DELETE',
                path: rowPath,
                headers: write.ifMatch === null ? {} : {'If-Match': write.ifMatch},
            };
        default:
            return assertNever(write);
    }
}

/**
 * Turns each LookupBinding into the `@odata.bind` property that sets the lookup, or clears it when
 * the binding's id is null, so no separate `$ref` request is needed.
 */
function toRequestBody(values: Readonly<Record<string, unknown>>): JsonObject {
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
        if (isLookupBinding(value)) {
            body[`${value.navigationProperty}@odata.bind`] =
                value.id === null ? null : `/${formatEntityPath(value.entitySetName, value.id)}`;
        } else {
            body[key] = value;
        }
    }
    return body;
}

/**
 * Maps one part of the batch response to the write's result.
 * NOTE: a part that fails with 401, 429 or 503 is reported as that record's failure, because the
 * batch around it succeeded. Dataverse applies sign-in and service protection to the batch request,
 * so such parts are not expected.
 */
export function toWriteResult(
    write: DataverseWrite,
    response: BatchPartResponse,
): DataverseWriteResult {
    if (response.status >= 200 && response.status < 300) {
        return toOkResult(write, response);
    }
    const errorBody = parseErrorBody(response.body);
    const code = classifyHttpStatus(response.status, errorBody.code, {
        isCreateOnly: write.kind === 'create',
    });
    switch (code) {
        case 'alreadyExists':
            return {status: 'alreadyExists'};
        case 'notFound':
            return {status: 'notFound'};
        case 'versionMismatch':
            return {status: 'versionMismatch'};
        default:
            return {
                status: 'failed',
                message: errorBody.message ?? (response.rawText || `HTTP ${response.status}`),
                code: errorBody.code,
                httpStatus: response.status,
            };
    }
}

function toOkResult(write: DataverseWrite, response: BatchPartResponse): DataverseWriteResult {
    if (write.kind === 'delete') {
        return {status: 'ok', version: null};
    }
    const row = isJsonObject(response.body) ? response.body : null;
    const version = (row === null ? null : getEtagIfExists(row)) ?? response.headers.get('ETag');
    const modifiedOn = row === null ? null : getStringIfExists(row, MODIFIED_ON_COLUMN);
    return modifiedOn === null ? {status: 'ok', version} : {status: 'ok', version, modifiedOn};
}

function toFailedResult(error: DataverseError): DataverseWriteResult {
    return {
        status: 'failed',
        message: error.rawMessage ?? error.message,
        code: error.dataverseCode,
        httpStatus: error.httpStatus,
    };
}
