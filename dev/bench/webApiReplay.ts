/**
 * Replays the reads and writes a sync made through `dynamics-web-api` (2.x, Node's `http`
 * transport) against the same emulator, as the reference for the project's own client.
 *
 * Creates are replayed as upserts, because the rows exist after the sync; an upsert of an existing
 * row costs the emulator what an update does. Deletes are not replayed, because the rows are gone.
 * Writes go in requests of the same size and with as many in flight as the project's client sent.
 */
import {DynamicsWebApi} from 'dynamics-web-api';
import {DEFAULT_MAX_CONCURRENT_REQUESTS} from '../../frontend/dataverse/http';
import {
    ASSOCIATED_NAVIGATION_PROPERTY_ANNOTATION,
    LOOKUP_LOGICAL_NAME_ANNOTATION,
    formatEntityPath,
    MAX_PAGE_SIZE,
} from '../../frontend/dataverse/odata';
import {isLookupBinding} from '../../frontend/sync/lookupValues';
import type {DataverseWrite} from '../../frontend/sync';
import {chunk} from '../../frontend/sync/chunk';
import {DEV_TOKEN} from '../emulator/server';
import type {RecordedCall} from './recordingDataverseSide';

/** The annotations the project's client reads with every row. */
const READ_ANNOTATIONS = `${LOOKUP_LOGICAL_NAME_ANNOTATION},${ASSOCIATED_NAVIGATION_PROPERTY_ANNOTATION}`;

export interface ReplayResult {
    readonly wallMs: number;
    readonly rowsRead: number;
    readonly writesSent: number;
    readonly writesFailed: number;
    readonly deletesSkipped: number;
}

function createWebApi(environmentUrl: string): DynamicsWebApi {
    return new DynamicsWebApi({
        serverUrl: environmentUrl,
        onTokenRefresh: async () => DEV_TOKEN,
        propagateErrors: true,
    });
}

/**
 * The request shape of the project's client's writes, which the replay copies: one write per
 * request, or `$batch` requests of several writes.
 */
export interface WriteShape {
    readonly writesPerRequest: number;
    readonly requestsInFlight: number;
}

/**
 * Batches the project's client keeps in flight.
 * NOTE: copied from the client's batch writer, which does not export it to the benchmark yet. If
 * the client changes it, the replay no longer matches the client's shape.
 */
const CLIENT_BATCHES_IN_FLIGHT = 4;

/** Returns the shape of the client's writes from the `$batch` requests the emulator counted. */
export function getWriteShape(writeCount: number, batchRequests: number): WriteShape {
    if (batchRequests === 0) {
        return {writesPerRequest: 1, requestsInFlight: DEFAULT_MAX_CONCURRENT_REQUESTS};
    }
    return {
        writesPerRequest: Math.max(1, Math.ceil(writeCount / batchRequests)),
        requestsInFlight: CLIENT_BATCHES_IN_FLIGHT,
    };
}

export async function replayAsync(
    environmentUrl: string,
    calls: readonly RecordedCall[],
    shape: WriteShape,
): Promise<ReplayResult> {
    const webApi = createWebApi(environmentUrl);
    const startMs = performance.now();
    let rowsRead = 0;
    const writeCounts = {writesSent: 0, writesFailed: 0, deletesSkipped: 0};
    for (const call of calls) {
        if (call.kind === 'read') {
            rowsRead += await replayReadAsync(webApi, call);
        } else {
            const counts = await replayWritesAsync(environmentUrl, call.writes, shape);
            writeCounts.writesSent += counts.writesSent;
            writeCounts.writesFailed += counts.writesFailed;
            writeCounts.deletesSkipped += counts.deletesSkipped;
        }
    }
    return {wallMs: performance.now() - startMs, rowsRead, ...writeCounts};
}

/**
 * Reads every page of the table, or of the changes behind the call's delta link, and returns the
 * row count.
 * NOTE: a delta link replayed after the sync also returns the sync's own writes to Dynamics, so
 * after edits the replay can read more rows than the client did.
 */
async function replayReadAsync(
    webApi: DynamicsWebApi,
    call: Extract<RecordedCall, {readonly kind: 'read'}>,
): Promise<number> {
    const request = {
        collection: call.entity.entitySetName,
        select: [call.entity.primaryIdAttribute, ...call.columns],
        maxPageSize: MAX_PAGE_SIZE,
        includeAnnotations: READ_ANNOTATIONS,
        trackChanges: call.isTracked,
    };
    const retrievePageAsync = (link: string | undefined) =>
        retryOnConnectionResetAsync(() => webApi.retrieveMultiple(request, link));
    let page = await retrievePageAsync(call.deltaLink ?? undefined);
    let rowCount = page.value.length;
    while (page.oDataNextLink !== undefined) {
        page = await retrievePageAsync(page.oDataNextLink);
        rowCount += page.value.length;
    }
    return rowCount;
}

/**
 * Runs the read, and runs it once more if the connection was reset. `dynamics-web-api` keeps its
 * sockets alive in one agent for the whole process, and the emulator's Node server closes a socket
 * after 5 s idle (Node's default `keepAliveTimeout`). After a sync that kept the event loop busy
 * for seconds, a request can go out on a socket the server is closing in the same loop turn.
 * NOTE: a retried read adds a round trip to the replay's wall time; writes are not retried.
 */
async function retryOnConnectionResetAsync<T>(readAsync: () => Promise<T>): Promise<T> {
    try {
        return await readAsync();
    } catch (error) {
        if (!isConnectionReset(error)) {
            throw error;
        }
        return readAsync();
    }
}

function isConnectionReset(error: unknown): boolean {
    return error instanceof Error && 'code' in error && error.code === 'ECONNRESET';
}

async function replayWritesAsync(
    environmentUrl: string,
    writes: readonly DataverseWrite[],
    shape: WriteShape,
): Promise<Omit<ReplayResult, 'wallMs' | 'rowsRead'>> {
    const toSend = writes.filter((write): write is WriteToReplay => write.kind !== 'delete');
    const groups = chunk(toSend, shape.writesPerRequest);
    let next = 0;
    let writesFailed = 0;
    const sendGroupsAsync = async (): Promise<void> => {
        // A batch is built on the instance that starts it, so each worker has its own.
        const webApi = createWebApi(environmentUrl);
        for (let group = groups[next++]; group !== undefined; group = groups[next++]) {
            writesFailed += await sendGroupAsync(webApi, group, shape.writesPerRequest > 1);
        }
    };
    const workers = Array.from({length: shape.requestsInFlight}, () => sendGroupsAsync());
    await Promise.all(workers);
    return {
        writesSent: toSend.length,
        writesFailed,
        deletesSkipped: writes.length - toSend.length,
    };
}

/** Sends the writes as one `$batch` or one request each; returns how many failed. */
async function sendGroupAsync(
    webApi: DynamicsWebApi,
    writes: readonly WriteToReplay[],
    isBatch: boolean,
): Promise<number> {
    if (!isBatch) {
        const results = await Promise.allSettled(
            writes.map(write => sendWriteAsync(webApi, write)),
        );
        return results.filter(result => result.status === 'rejected').length;
    }
    webApi.startBatch();
    for (const write of writes) {
        await sendWriteAsync(webApi, write);
    }
    const responses = await webApi.executeBatch({continueOnError: true});
    return responses.filter(response => response instanceof Error).length;
}

type WriteToReplay = Exclude<DataverseWrite, {readonly kind: 'delete'}>;

/**
 * Sends one write. An update matches any version, because the sync's own write already changed
 * the version it read.
 */
async function sendWriteAsync(webApi: DynamicsWebApi, write: WriteToReplay): Promise<void> {
    const request = {
        collection: write.entity.entitySetName,
        key: write.id,
        data: toRequestBody(write.values),
        returnRepresentation: true,
        select: [write.entity.primaryIdAttribute, 'modifiedon'],
        inChangeSet: false,
    };
    if (write.kind === 'create') {
        await webApi.upsert(request);
    } else {
        await webApi.update({...request, ifmatch: '*'});
    }
}

/** Turns the engine's lookup bindings into `@odata.bind` properties, as the project's client does. */
function toRequestBody(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
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
