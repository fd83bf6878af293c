/**
 * Every value placed into a Web API URL is escaped or validated before the request leaves. Names
 * with quotes and URL syntax go into `$filter` literals and must find exactly their own record. Ids
 * that are not GUIDs must be refused by the client before anything is sent. The emulator parses
 * every request like Dataverse does, so its request log shows whether it ever saw a broken query.
 */
import '../../dev/demo/browserGlobals';
import {closeBrowserGlobals} from '../../dev/demo/browserGlobals';
import {SDK_UNLOAD_DELAY_MS} from '../../dev/demo/demoSync';
import type {StoreSnapshot} from '../../dev/emulator/store';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {SYSTEM_CLOCK} from '../../frontend/dataverse/systemClock';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
import {entitySetName, logicalName, type Guid} from '../../frontend/sync/ids';
import type {EntityRef} from '../../frontend/sync/mapping';
import {ACCOUNTS_TABLE_ID, createDefaultMappings, row} from '../badInput/badInputBase';
import {BadInputWorld, SharedEmulator} from '../badInput/badInputWorld';

const ACCOUNT: EntityRef = {
    logicalName: logicalName('account'),
    entitySetName: entitySetName('accounts'),
    primaryIdAttribute: logicalName('accountid'),
    primaryNameAttribute: logicalName('name'),
    displayName: 'Account',
};

/** Names that break a query unless quotes are doubled and the literal is percent-encoded. */
const HOSTILE_NAMES = [
    "O'Brien",
    "O''Brien",
    "'",
    "''",
    "x' or name ne 'y",
    "x') or (name ne 'y",
    "Contoso' eq 'Contoso",
    '50% & Co #1 + more',
    'a&$filter=name ne null',
    'Zürich/Genève?x=1;y=2',
    '\\',
    '()',
    'ünïcödé 🙂',
    '%27%20or%201%20eq%201',
] as const;

/** Ids that are not GUIDs, some built to reshape the request path or its query. */
const HOSTILE_IDS = [
    "00000000-0000-0000-0000-000000000001' or '1' eq '1",
    '00000000-0000-0000-0000-000000000001)?$filter=name ne null&x=(',
    '../accounts',
    '00000000-0000-0000-0000-00000000000g',
    '',
    '00000000000000000000000000000001',
] as const;

let emulator: RunningEmulator;
let emptyStore: StoreSnapshot;
let requests: string[] = [];

beforeAll(async () => {
    emulator = await startEmulatorAsync({
        port: 0,
        seedCount: 0,
        seedSamples: false,
        serviceProtection: false,
    });
    emptyStore = emulator.store.snapshot();
});

afterEach(() => {
    requests = [];
    emulator.store.restore(emptyStore);
});

afterAll(async () => {
    await emulator.closeAsync();
});

function createClient(): DataverseClient {
    return new DataverseClient({
        environmentUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(DEV_TOKEN),
        fetch: (url, init) => {
            requests.push(`${init.method ?? 'GET'} ${url}`);
            return fetch(url, init);
        },
        clock: SYSTEM_CLOCK,
    });
}

/** Lists the requests from `fromIndex` on that the emulator rejected with a 4xx status. */
function listRejectedRequests(fromIndex: number): string[] {
    return emulator.requestLog
        .slice(fromIndex)
        .filter(entry => entry.status >= 400 && entry.status < 500)
        .map(entry => `${entry.status} ${entry.method} ${entry.path}`);
}

describe('filter literals', () => {
    test.each(HOSTILE_NAMES)('find only %p', async name => {
        const id = crypto.randomUUID();
        emulator.store.insert('account', {accountid: id, name});
        emulator.store.insert('account', {name: 'Bystander'});
        const logStart = emulator.requestLog.length;

        const rows = await createClient().retrieveAllAsync(ACCOUNT, {
            select: ['accountid', 'name'],
            filter: {
                kind: 'comparison',
                column: 'name',
                operator: 'eq',
                value: {kind: 'string', value: name},
            },
        });

        expect(rows.map(found => found['accountid'])).toEqual([id]);
        expect(listRejectedRequests(logStart)).toEqual([]);
    });

    test('emulator rejects an unescaped quote', async () => {
        const logStart = emulator.requestLog.length;
        const filter = encodeURIComponent("name eq 'O'Brien'");

        const response = await fetch(`${emulator.url}/api/data/v9.2/accounts?$filter=${filter}`, {
            headers: {Authorization: `Bearer ${DEV_TOKEN}`, Accept: 'application/json'},
        });

        // Without this, an empty list of rejected requests would prove nothing.
        expect(response.status).toBe(400);
        expect(listRejectedRequests(logStart)).toHaveLength(1);
    });

    test.each(HOSTILE_NAMES)('keep %p inside $filter', async name => {
        await createClient().retrieveAllAsync(ACCOUNT, {
            filter: {
                kind: 'comparison',
                column: 'name',
                operator: 'eq',
                value: {kind: 'string', value: name},
            },
        });

        const [request = ''] = requests;
        const query = new URL(request.slice('GET '.length)).searchParams;
        expect([...query.keys()]).toEqual(['$filter']);
        expect(query.get('$filter')).toBe(`name eq '${name.replace(/'/g, "''")}'`);
    });
});

describe('row ids', () => {
    const ROW_CALLS = [
        ['retrieve', (client: DataverseClient, id: Guid) => client.retrieveAsync(ACCOUNT, id)],
        [
            'update',
            (client: DataverseClient, id: Guid) => client.updateAsync(ACCOUNT, id, {name: 'x'}),
        ],
        [
            'upsert',
            (client: DataverseClient, id: Guid) => client.upsertAsync(ACCOUNT, id, {name: 'x'}),
        ],
        [
            'create with id',
            (client: DataverseClient, id: Guid) =>
                client.createWithIdAsync(ACCOUNT, id, {name: 'x'}),
        ],
        ['delete', (client: DataverseClient, id: Guid) => client.deleteAsync(ACCOUNT, id)],
    ] as const;

    const cases = ROW_CALLS.flatMap(([action, call]) =>
        HOSTILE_IDS.map(id => [action, id, call] as const),
    );

    test.each(cases)('%s rejects id %p unsent', async (_action, id, call) => {
        const logStart = emulator.requestLog.length;

        // The branded type stops this at compile time; a cell or a response can still hold it.
        const result = call(createClient(), id as Guid);

        await expect(result).rejects.toThrow(TypeError);
        expect(requests).toEqual([]);
        expect(emulator.requestLog.length).toBe(logStart);
    });

    test('filter rejects a GUID literal that is none', async () => {
        const result = createClient().retrieveAllAsync(ACCOUNT, {
            filter: {
                kind: 'comparison',
                column: 'accountid',
                operator: 'eq',
                value: {kind: 'guid', value: HOSTILE_IDS[0]},
            },
        });

        await expect(result).rejects.toThrow(TypeError);
        expect(requests).toEqual([]);
    });

    test('select rejects a column name with syntax', async () => {
        const result = createClient().retrieveAllAsync(ACCOUNT, {
            select: ['name,accountid&$top=1'],
        });

        await expect(result).rejects.toThrow(TypeError);
        expect(requests).toEqual([]);
    });
});

describe('names in paths', () => {
    test.each(["account') or ('1", 'Account', 'account/../contact', 'accounts?$top=1'])(
        'rejects table name %p',
        text => {
            expect(() => logicalName(text)).toThrow(TypeError);
            expect(() => entitySetName(text)).toThrow(TypeError);
        },
    );

    test('reads metadata by a quoted name', async () => {
        const logStart = emulator.requestLog.length;

        await createClient().getEntityDefinitionAsync(logicalName('account'));

        const [request = ''] = requests;
        expect(request).toContain("EntityDefinitions(LogicalName='account')");
        expect(listRejectedRequests(logStart)).toEqual([]);
    });
});

describe('engine with hostile cells', () => {
    let shared: SharedEmulator;

    beforeAll(async () => {
        shared = await SharedEmulator.startAsync();
    });

    afterAll(async () => {
        await shared.closeAsync();
        await new Promise(resolve => setTimeout(resolve, SDK_UNLOAD_DELAY_MS + 100));
        closeBrowserGlobals();
    });

    test.each(HOSTILE_IDS.filter(id => id !== ''))(
        'sends no broken query for Dynamics ID %p',
        async hostileId => {
            const world = await BadInputWorld.createAsync(shared, {
                accounts: [
                    row('recHostile', {fldName: "O'Brien & Sons", fldDynamicsId: hostileId}),
                    row('recPlain', {fldName: 'Plain'}),
                ],
                opportunities: [],
            });
            try {
                const logStart = shared.emulator.requestLog.length;

                const summary = await world.syncAsync(createDefaultMappings());

                const names = world.listRecords('account').map(record => record['name']);
                expect(summary.error).toBeNull();
                expect(shared.emulator.requestLog.length).toBeGreaterThan(logStart);
                expect(listRejectedRequestsOf(shared, logStart)).toEqual([]);
                expect(names).toContain('Plain');
                const outcome = summary.outcomes.find(
                    item => item.ref.airtableRecordId === 'recHostile',
                );
                expect(outcome?.status).toBe('failed');
                expect(
                    outcome !== undefined && 'message' in outcome ? outcome.message : '',
                ).toContain('is not a GUID');
                expect(world.getCell(ACCOUNTS_TABLE_ID, 'recHostile', 'fldDynamicsId')).toBe(
                    hostileId,
                );
            } finally {
                world.close();
            }
        },
    );

    test('matches a quoted name exactly', async () => {
        const world = await BadInputWorld.createAsync(shared, {
            accounts: [row('recQuoted', {fldName: "x' or name ne 'y", fldAccountNumber: "A'1"})],
            opportunities: [],
        });
        try {
            world.insertRecord('account', {name: 'Someone else', accountnumber: 'B-2'});
            const logStart = shared.emulator.requestLog.length;

            await world.syncAsync(createDefaultMappings());

            const names = world.listRecords('account').map(record => record['name']);
            expect(names.sort()).toEqual(['Someone else', "x' or name ne 'y"]);
            expect(listRejectedRequestsOf(shared, logStart)).toEqual([]);
            expect(world.getCell(ACCOUNTS_TABLE_ID, 'recQuoted', 'fldName')).toBe(
                "x' or name ne 'y",
            );
        } finally {
            world.close();
        }
    });
});

function listRejectedRequestsOf(shared: SharedEmulator, fromIndex: number): string[] {
    return shared.emulator.requestLog
        .slice(fromIndex)
        .filter(entry => entry.status >= 400 && entry.status < 500)
        .map(entry => `${entry.status} ${entry.method} ${entry.path}`);
}
