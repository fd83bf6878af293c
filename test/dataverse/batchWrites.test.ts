/**
 * The Dataverse side's batched writes against the emulator over real HTTP: per-record failures
 * inside a batch, retries of a throttled batch, partial results when a run stops, and how many
 * batches are in flight.
 */
import {randomUUID} from 'node:crypto';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {
    DataverseClient,
    type DataverseClientOptions,
} from '../../frontend/dataverse/dataverseClient';
import {
    createDataverseSide,
    MAX_WRITE_BATCHES_IN_FLIGHT,
    MAX_WRITES_PER_BATCH,
    MIN_WRITES_PER_BATCH,
    type DataverseSideOptions,
} from '../../frontend/dataverse/dataverseSide';
import {getBatchSize} from '../../frontend/dataverse/batchWrites';
import {DataverseError} from '../../frontend/dataverse/errors';
import type {FetchFunction} from '../../frontend/dataverse/http';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
import {entitySetName, logicalName, parseGuid, type Guid} from '../../frontend/sync/ids';
import type {EntityRef} from '../../frontend/sync/mapping';
import {
    PartialWriteError,
    type DataverseSide,
    type DataverseWrite,
    type DataverseWriteResult,
} from '../../frontend/sync/ports';
import {CountingTokenProvider, FakeClock} from './doubles';

/** A batch size the tests of stopped runs fix, so they know where each batch ends. */
const FIXED_BATCH_SIZE = 10;

let emulator: RunningEmulator;
let account: EntityRef;
let contact: EntityRef;

beforeAll(async () => {
    emulator = await startEmulatorAsync({port: 0, seedSamples: false, seedCount: 0});
    const client = createClient();
    account = await client.getEntityDefinitionAsync(logicalName('account'));
    contact = await client.getEntityDefinitionAsync(logicalName('contact'));
});

afterAll(async () => {
    await emulator.closeAsync();
});

beforeEach(() => {
    emulator.faults.clear();
    emulator.store.clear('contact');
    emulator.store.clear('account');
});

function createClient(options: Partial<DataverseClientOptions> = {}): DataverseClient {
    return new DataverseClient({
        environmentUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(DEV_TOKEN),
        clock: new FakeClock(),
        retryPolicy: {
            retryableStatuses: [429, 503],
            shouldRetryNetworkErrors: true,
            maxAttempts: 2,
            initialDelayMs: 10,
            maxDelayMs: 10,
            maxTotalWaitMs: 10_000,
            jitterRatio: 0,
        },
        ...options,
    });
}

function createSide(
    clientOptions: Partial<DataverseClientOptions> = {},
    sideOptions: DataverseSideOptions = {},
): DataverseSide {
    return createDataverseSide(createClient(clientOptions), sideOptions);
}

function newGuid(): Guid {
    return parseGuid(randomUUID());
}

function createWrite(name: string): DataverseWrite {
    return {kind: 'create', entity: account, id: newGuid(), values: {name}};
}

function insertAccount(name: string): {id: Guid; version: string} {
    const row = emulator.store.insert('account', {name});
    return {
        id: parseGuid(String(row['accountid'])),
        version: `W/"${String(row['versionnumber'])}"`,
    };
}

function batchRequests(since: number) {
    return emulator.requestLog.slice(since).filter(entry => entry.path.endsWith('/$batch'));
}

async function catchPartialWriteErrorAsync(promise: Promise<unknown>): Promise<PartialWriteError> {
    try {
        await promise;
    } catch (error) {
        if (error instanceof PartialWriteError) {
            return error;
        }
        throw error;
    }
    throw new Error('Expected a PartialWriteError, but the writes succeeded.');
}

describe('batched writes', () => {
    test('create, update and delete', async () => {
        const edited = insertAccount('Before');
        const removed = insertAccount('Removed');
        const created = newGuid();

        const results = await createSide().writeAsync([
            {kind: 'create', entity: account, id: created, values: {name: 'Created'}},
            {
                kind: 'update',
                entity: account,
                id: edited.id,
                values: {name: 'After'},
                ifMatch: edited.version,
            },
            {kind: 'delete', entity: account, id: removed.id, ifMatch: null},
        ]);

        const [createResult, updateResult, deleteResult] = results;
        expect(createResult).toMatchObject({
            status: 'ok',
            version: expect.stringMatching(/^W\/"\d+"$/),
        });
        expect(createResult).toHaveProperty('modifiedOn');
        expect(updateResult).toMatchObject({
            status: 'ok',
            version: expect.stringMatching(/^W\/"\d+"$/),
        });
        expect(deleteResult).toEqual({status: 'ok', version: null});
        expect(emulator.store.get('account', created)['name']).toBe('Created');
        expect(emulator.store.get('account', edited.id)['name']).toBe('After');
        expect(emulator.store.getIfExists('account', removed.id)).toBeNull();
    });

    test('one failing item leaves others', async () => {
        emulator.faults.add({
            inBatch: true,
            method: 'PATCH',
            skip: 1,
            response: {
                kind: 'error',
                httpStatus: 400,
                code: '0x80044331',
                message:
                    "A validation error occurred.  The length of the 'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'.",
            },
        });
        const writes = ['First', 'Second', 'Third'].map(createWrite);

        const results = await createSide().writeAsync(writes);

        expect(results[0]?.status).toBe('ok');
        expect(results[1]).toEqual({
            status: 'failed',
            message: expect.stringContaining("'name' attribute"),
            code: '0x80044331',
            httpStatus: 400,
        });
        expect(results[2]?.status).toBe('ok');
        expect(
            emulator.store
                .list('account')
                .map(row => row['name'])
                .sort(),
        ).toEqual(['First', 'Third']);
    });

    test('412 inside a batch', async () => {
        const stale = insertAccount('Stale');
        const fresh = insertAccount('Fresh');
        emulator.faults.add({
            inBatch: true,
            method: 'PATCH',
            pathIncludes: stale.id,
            response: {kind: 'concurrentEdit'},
        });

        const results = await createSide().writeAsync([
            {
                kind: 'update',
                entity: account,
                id: stale.id,
                values: {name: 'Mine'},
                ifMatch: stale.version,
            },
            {
                kind: 'update',
                entity: account,
                id: fresh.id,
                values: {name: 'Mine Too'},
                ifMatch: fresh.version,
            },
        ]);

        expect(results[0]).toEqual({status: 'versionMismatch'});
        expect(results[1]?.status).toBe('ok');
        expect(emulator.store.get('account', stale.id)['name']).toBe('Stale');
    });

    test('existing and missing rows', async () => {
        const existing = insertAccount('Existing');

        const results = await createSide().writeAsync([
            {kind: 'create', entity: account, id: existing.id, values: {name: 'Again'}},
            {kind: 'update', entity: account, id: newGuid(), values: {name: 'Gone'}, ifMatch: null},
            {kind: 'delete', entity: account, id: newGuid(), ifMatch: null},
        ]);

        expect(results).toEqual([
            {status: 'alreadyExists'},
            {status: 'notFound'},
            {status: 'notFound'},
        ]);
        expect(emulator.store.get('account', existing.id)['name']).toBe('Existing');
    });

    test('binds and clears lookups', async () => {
        const parent = insertAccount('Parent');
        const child = newGuid();
        const binding = (id: Guid | null) => ({
            kind: 'lookupBinding' as const,
            navigationProperty: 'parentcustomerid_account',
            entitySetName: entitySetName('accounts'),
            id,
        });
        const side = createSide();

        await side.writeAsync([
            {
                kind: 'create',
                entity: contact,
                id: child,
                values: {lastname: 'Child', parentcustomerid: binding(parent.id)},
            },
        ]);
        const linked = emulator.store.get('contact', child)['parentcustomerid'];
        await side.writeAsync([
            {
                kind: 'update',
                entity: contact,
                id: child,
                values: {parentcustomerid: binding(null)},
                ifMatch: null,
            },
        ]);

        expect(linked).toEqual({logicalName: 'account', id: parent.id});
        expect(emulator.store.get('contact', child)['parentcustomerid']).toBeNull();
    });
});

describe('batch failures', () => {
    test('retries a throttled batch', async () => {
        const clock = new FakeClock();
        emulator.faults.add({
            method: 'POST',
            pathIncludes: '$batch',
            response: {status: 429, retryAfterSeconds: 7},
        });
        const start = emulator.requestLog.length;

        const results = await createSide({clock}).writeAsync([createWrite('Throttled')]);

        expect(results[0]?.status).toBe('ok');
        expect(batchRequests(start).map(entry => entry.status)).toEqual([429, 200]);
        expect(clock.sleeps).toContain(7000);
    });

    test('refreshes an expired token', async () => {
        const tokenProvider = new CountingTokenProvider();
        const start = emulator.requestLog.length;
        emulator.faults.add({method: 'POST', response: {kind: 'expiredToken'}});

        const results = await createSide({
            tokenProvider: {
                getTokenAsync: async options => {
                    await tokenProvider.getTokenAsync(options);
                    return DEV_TOKEN;
                },
            },
        }).writeAsync([createWrite('After Refresh')]);

        expect(results[0]?.status).toBe('ok');
        expect(tokenProvider.refreshCount).toBe(1);
        expect(batchRequests(start).map(entry => entry.status)).toEqual([401, 200]);
    });

    test('abort keeps the first batch', async () => {
        let batchCount = 0;
        const abortingFetch: FetchFunction = (url, init) => {
            batchCount += 1;
            if (batchCount === 2) {
                return Promise.reject(new DOMException('The sync was cancelled.', 'AbortError'));
            }
            return fetch(url, init);
        };
        const writes = Array.from({length: 3 * FIXED_BATCH_SIZE}, (_, index) =>
            createWrite(`Account ${index}`),
        );

        const error = await catchPartialWriteErrorAsync(
            createSide(
                {fetch: abortingFetch},
                {maxBatchesInFlight: 1, maxWritesPerBatch: FIXED_BATCH_SIZE},
            ).writeAsync(writes),
        );

        expect(error.cause).toBeInstanceOf(DataverseError);
        expect((error.cause as DataverseError).code).toBe('aborted');
        expect(error.results).toHaveLength(writes.length);
        expect(error.results.slice(0, FIXED_BATCH_SIZE).every(isOk)).toBe(true);
        expect(error.results.slice(FIXED_BATCH_SIZE).every(result => result === undefined)).toBe(
            true,
        );
        expect(emulator.store.list('account')).toHaveLength(FIXED_BATCH_SIZE);
        expect(batchCount).toBe(2);
    });

    test('dropped batch is all undefined', async () => {
        emulator.faults.add({
            method: 'POST',
            pathIncludes: '$batch',
            skip: 1,
            times: 2,
            response: {kind: 'drop'},
        });
        const writes = Array.from({length: 2 * FIXED_BATCH_SIZE}, (_, index) =>
            createWrite(`Account ${index}`),
        );

        const error = await catchPartialWriteErrorAsync(
            createSide({}, {maxBatchesInFlight: 1, maxWritesPerBatch: FIXED_BATCH_SIZE}).writeAsync(
                writes,
            ),
        );

        expect((error.cause as DataverseError).code).toBe('network');
        expect(error.results.slice(0, FIXED_BATCH_SIZE).every(isOk)).toBe(true);
        expect(error.results.slice(FIXED_BATCH_SIZE).every(result => result === undefined)).toBe(
            true,
        );
    });
});

test('1000+ writes use bounded batches', async () => {
    const writeCount = 1005;
    const batchCount = Math.ceil(writeCount / MAX_WRITES_PER_BATCH);
    expect(getBatchSize(writeCount, MAX_WRITE_BATCHES_IN_FLIGHT)).toBe(MAX_WRITES_PER_BATCH);
    // A short hold on each batch makes the batches overlap, so the bound is reached.
    emulator.faults.add({
        method: 'POST',
        pathIncludes: '$batch',
        times: batchCount,
        response: {kind: 'delay', ms: 5},
    });
    const start = emulator.requestLog.length;
    const writes = Array.from({length: writeCount}, (_, index) => createWrite(`Account ${index}`));

    const results = await createSide().writeAsync(writes);

    const batches = batchRequests(start);
    const peak = Math.max(...batches.map(entry => entry.concurrentRequestCount));
    expect(results.every(isOk)).toBe(true);
    expect(batches).toHaveLength(batchCount);
    expect(peak).toBeLessThanOrEqual(MAX_WRITE_BATCHES_IN_FLIGHT);
    expect(peak).toBeGreaterThan(1);
    expect(emulator.store.list('account')).toHaveLength(writeCount);
});

function isOk(result: DataverseWriteResult | undefined): boolean {
    return result?.status === 'ok';
}

describe('getBatchSize', () => {
    test('spreads writes over the batches', () => {
        expect(getBatchSize(200, 4)).toBe(50);
    });

    test('keeps small runs at the minimum', () => {
        expect(getBatchSize(12, 4)).toBe(MIN_WRITES_PER_BATCH);
    });

    test('caps large runs at the maximum', () => {
        expect(getBatchSize(5000, 4)).toBe(MAX_WRITES_PER_BATCH);
    });
});
