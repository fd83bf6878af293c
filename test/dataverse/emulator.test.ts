/**
 * The client and the DataverseSide port against the local Dataverse emulator over real HTTP:
 * paging, retries after faults, conditional writes and the token refresh.
 */
import {randomUUID} from 'node:crypto';
import {startEmulatorAsync, DEV_TOKEN} from '../../dev/emulator/server';
import {
    DataverseClient,
    type DataverseClientOptions,
} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide} from '../../frontend/dataverse/dataverseSide';
import {DataverseError} from '../../frontend/dataverse/errors';
import {
    getAssociatedNavigationPropertyIfExists,
    getLookupLogicalNameIfExists,
} from '../../frontend/dataverse/odata';
import {
    createStaticTokenProvider,
    type TokenProvider,
} from '../../frontend/dataverse/tokenProvider';
import {logicalName, parseGuid, type Guid} from '../../frontend/sync/ids';
import type {EntityRef} from '../../frontend/sync/mapping';
import {FakeClock} from './doubles';

type Emulator = Awaited<ReturnType<typeof startEmulatorAsync>>;

let emulator: Emulator;
let account: EntityRef;

beforeAll(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 30});
    account = await createClient().getEntityDefinitionAsync(logicalName('account'));
});

afterAll(async () => {
    await emulator.closeAsync();
});

function createClient(options: Partial<DataverseClientOptions> = {}): DataverseClient {
    return new DataverseClient({
        environmentUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(DEV_TOKEN),
        ...options,
    });
}

function newGuid(): Guid {
    return parseGuid(randomUUID());
}

function requestsSince(
    start: number,
): ReadonlyArray<{method: string; path: string; status: number}> {
    return emulator.requestLog.slice(start);
}

async function catchDataverseErrorAsync(promise: Promise<unknown>): Promise<DataverseError> {
    try {
        await promise;
    } catch (error) {
        if (error instanceof DataverseError) {
            return error;
        }
        throw error;
    }
    throw new Error('Expected a DataverseError, but the call succeeded.');
}

/** Returns `wrong-token` until asked to refresh, then the emulator's development token. */
class RefreshingTokenProvider implements TokenProvider {
    refreshCount = 0;

    async getTokenAsync(options: {readonly forceRefresh: boolean}): Promise<string> {
        if (options.forceRefresh) {
            this.refreshCount += 1;
        }
        return this.refreshCount > 0 ? DEV_TOKEN : 'wrong-token';
    }
}

describe('DataverseClient against the emulator', () => {
    it('reads WhoAmI', async () => {
        const whoAmI = await createClient().whoAmIAsync();

        expect(whoAmI.userId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('reads the account definition', () => {
        expect(account.entitySetName).toBe('accounts');
        expect(account.primaryIdAttribute).toBe('accountid');
        expect(account.primaryNameAttribute).toBe('name');
    });

    it('reads account attributes', async () => {
        const attributes = await createClient().getAttributesAsync(logicalName('account'));

        const name = attributes.find(attribute => attribute.logicalName === 'name');
        expect(name?.attributeType).toBe('String');
        expect(name?.isValidForCreate).toBe(true);
    });

    it('pages through nextLink', async () => {
        const client = createClient();
        const onePage = await client.retrieveMultipleAsync(account, {select: ['name']});
        const start = emulator.requestLog.length;
        const pages: number[] = [];

        const rows = await client.retrieveAllAsync(
            account,
            {select: ['name']},
            {maxPageSize: 7, onPage: progress => pages.push(progress.rowCount)},
        );

        const ids = rows.map(row => row.accountid);
        expect(onePage.nextLink).toBeNull();
        expect(rows).toHaveLength(onePage.rows.length);
        expect(new Set(ids).size).toBe(ids.length);
        expect(pages).toHaveLength(Math.ceil(onePage.rows.length / 7));
        expect(requestsSince(start)).toHaveLength(pages.length);
    });

    it('retries 429 after Retry-After', async () => {
        const clock = new FakeClock();
        const client = createClient({clock});
        emulator.faults.add({
            method: 'GET',
            pathIncludes: 'WhoAmI',
            times: 1,
            response: {status: 429, retryAfterSeconds: 1},
        });
        const start = emulator.requestLog.length;

        await client.whoAmIAsync();

        expect(clock.sleeps).toEqual([1000]);
        expect(requestsSince(start).map(entry => entry.status)).toEqual([429, 200]);
    });

    it('retries 503 with backoff', async () => {
        const clock = new FakeClock();
        const client = createClient({clock, random: () => 0});
        emulator.faults.add({
            method: 'GET',
            pathIncludes: 'WhoAmI',
            times: 2,
            response: {status: 503},
        });

        await client.whoAmIAsync();

        expect(clock.sleeps).toEqual([1000, 2000]);
    });

    it('retries a dropped connection', async () => {
        const clock = new FakeClock();
        const client = createClient({clock});
        emulator.faults.add({
            method: 'GET',
            pathIncludes: 'WhoAmI',
            times: 1,
            response: {kind: 'drop'},
        });

        const whoAmI = await client.whoAmIAsync();

        expect(whoAmI.userId).toMatch(/^[0-9a-f-]{36}$/);
        expect(clock.sleeps).toHaveLength(1);
    });

    it('refreshes a rejected token once', async () => {
        const tokenProvider = new RefreshingTokenProvider();
        const client = createClient({tokenProvider});
        const start = emulator.requestLog.length;

        await client.whoAmIAsync();

        expect(tokenProvider.refreshCount).toBe(1);
        expect(requestsSince(start).map(entry => entry.status)).toEqual([401, 200]);
    });

    it('reports unauthorized after the refresh', async () => {
        const client = createClient({tokenProvider: createStaticTokenProvider('wrong-token')});

        const error = await catchDataverseErrorAsync(client.whoAmIAsync());

        expect(error.code).toBe('unauthorized');
        expect(error.httpStatus).toBe(401);
    });

    it('rejects a second create-only write', async () => {
        const client = createClient();
        const id = newGuid();

        const created = await client.createWithIdAsync(account, id, {name: 'Created once'});
        const error = await catchDataverseErrorAsync(
            client.createWithIdAsync(account, id, {name: 'Created twice'}),
        );

        expect(created.id).toBe(id);
        expect(error.code).toBe('alreadyExists');
        expect(error.httpStatus).toBe(412);
        const row = await client.retrieveAsync(account, id, {select: ['name']});
        expect(row.name).toBe('Created once');
    });

    it('rejects a stale If-Match', async () => {
        const client = createClient();
        const id = newGuid();
        const created = await client.createWithIdAsync(
            account,
            id,
            {name: 'Version 1'},
            {select: ['accountid']},
        );
        const staleVersion = created.version ?? '';

        const updated = await client.updateAsync(
            account,
            id,
            {name: 'Version 2'},
            {ifMatch: staleVersion, select: ['accountid']},
        );
        const error = await catchDataverseErrorAsync(
            client.updateAsync(account, id, {name: 'Version 3'}, {ifMatch: staleVersion}),
        );

        expect(staleVersion).toMatch(/^W\/"\d+"$/);
        expect(updated.version).not.toBe(staleVersion);
        expect(error.code).toBe('versionMismatch');
        expect(error.httpStatus).toBe(412);
    });

    it('reports notFound for an update of a missing row', async () => {
        const error = await catchDataverseErrorAsync(
            createClient().updateAsync(account, newGuid(), {name: 'x'}),
        );

        expect(error.code).toBe('notFound');
    });

    it('creates with POST and OData-EntityId', async () => {
        const client = createClient();

        const outcome = await client.createAsync(account, {name: 'Posted'});

        const row = await client.retrieveAsync(account, outcome.id, {select: ['name']});
        expect(row.name).toBe('Posted');
    });

    it('filters on hostile text', async () => {
        const client = createClient();
        const name = "O'Brien & Sons #1 — 100% Ünïcødé + more";
        const id = newGuid();
        await client.createWithIdAsync(account, id, {name});

        const page = await client.retrieveMultipleAsync(account, {
            select: ['name'],
            filter: {
                kind: 'comparison',
                column: 'name',
                operator: 'eq',
                value: {kind: 'string', value: name},
            },
        });

        expect(page.rows.map(row => row.accountid)).toEqual([id]);
        expect(page.rows[0]?.name).toBe(name);
    });

    it('maps a too-long value to validation', async () => {
        const error = await catchDataverseErrorAsync(
            createClient().createWithIdAsync(account, newGuid(), {name: 'x'.repeat(161)}),
        );

        expect(error.code).toBe('validation');
        expect(error.httpStatus).toBe(400);
        expect(error.rawMessage).toContain('160');
    });
});

describe('DataverseSide against the emulator', () => {
    it('round-trips create, read, update and delete', async () => {
        const side = createDataverseSide(createClient());
        const id = newGuid();
        const values = {name: 'Round trip', telephone1: '555-0100'};

        const [created] = await side.writeAsync([{kind: 'create', entity: account, id, values}]);
        const records = await side.readAllAsync(account, ['name', 'telephone1', 'modifiedon']);
        const record = records.find(candidate => candidate.id === id);
        const readVersion = record?.version ?? null;
        const update = {kind: 'update', entity: account, id, ifMatch: readVersion} as const;
        const [updated] = await side.writeAsync([{...update, values: {telephone1: '555-0199'}}]);
        const [stale] = await side.writeAsync([{...update, values: {name: 'Stale'}}]);
        const remove = {kind: 'delete', entity: account, id, ifMatch: null} as const;
        const [deleted] = await side.writeAsync([remove]);
        const [deletedAgain] = await side.writeAsync([remove]);

        expect(created).toEqual({
            status: 'ok',
            version: readVersion,
            modifiedOn: record?.values.modifiedon,
        });
        expect(record?.values.name).toBe('Round trip');
        expect(record?.values.telephone1).toBe('555-0100');
        expect(updated?.status).toBe('ok');
        expect(stale).toEqual({status: 'versionMismatch'});
        expect(deleted).toEqual({status: 'ok', version: null});
        expect(deletedAgain).toEqual({status: 'notFound'});
    });

    it('reads lookup annotations', async () => {
        const side = createDataverseSide(createClient());
        const parentId = newGuid();
        const childId = newGuid();
        await side.writeAsync([
            {kind: 'create', entity: account, id: parentId, values: {name: 'Parent'}},
        ]);
        await side.writeAsync([
            {
                kind: 'create',
                entity: account,
                id: childId,
                values: {name: 'Child', 'parentaccountid@odata.bind': `/accounts(${parentId})`},
            },
        ]);

        const records = await side.readAllAsync(account, ['name', '_parentaccountid_value']);

        const child = records.find(record => record.id === childId);
        expect(child?.values._parentaccountid_value).toBe(parentId);
        expect(getLookupLogicalNameIfExists(child?.values ?? {}, '_parentaccountid_value')).toBe(
            'account',
        );
        expect(
            getAssociatedNavigationPropertyIfExists(child?.values ?? {}, '_parentaccountid_value'),
        ).toBe('parentaccountid');
    });

    it('reports each write of a batch', async () => {
        const side = createDataverseSide(createClient({maxConcurrentRequests: 3}));
        const ids = Array.from({length: 12}, () => newGuid());
        const existing = ids[0] as Guid;
        await side.writeAsync([
            {kind: 'create', entity: account, id: existing, values: {name: 'Exists'}},
        ]);

        const results = await side.writeAsync(
            ids.map(
                id =>
                    ({kind: 'create', entity: account, id, values: {name: `Batch ${id}`}}) as const,
            ),
        );

        expect(results[0]).toEqual({status: 'alreadyExists'});
        expect(results.slice(1).every(result => result.status === 'ok')).toBe(true);
        expect(results).toHaveLength(12);
    });
});
