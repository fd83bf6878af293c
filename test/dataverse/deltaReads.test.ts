/**
 * The Dataverse side's change reads against the emulator over real HTTP: a full read that returns
 * a delta link, the changes and deletions behind it, and the full reads it falls back to.
 */
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide} from '../../frontend/dataverse/dataverseSide';
import {MAX_PAGE_SIZE} from '../../frontend/dataverse/odata';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
import {logicalName, parseGuid} from '../../frontend/sync/ids';
import {getLookupValueProperty} from '../../frontend/sync/lookupValues';
import type {EntityRef} from '../../frontend/sync/mapping';
import type {ChangesResult, DataverseSide} from '../../frontend/sync/ports';

let emulator: RunningEmulator;
let account: EntityRef;
let contact: EntityRef;
let sentPreferHeaders: string[];

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
    emulator.store.clear('contact');
    emulator.store.clear('account');
    sentPreferHeaders = [];
});

/** A client whose requests are recorded, so tests can check the page size each one requests. */
function createClient(): DataverseClient {
    return new DataverseClient({
        environmentUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(DEV_TOKEN),
        fetch: (url, init) => {
            const headers = (init.headers ?? {}) as Record<string, string>;
            if (init.method === 'GET' && !url.includes('EntityDefinitions')) {
                sentPreferHeaders.push(headers.Prefer ?? '');
            }
            return fetch(url, init);
        },
    });
}

function createSide(): DataverseSide {
    return createDataverseSide(createClient());
}

/** Starts counting emulator requests, and returns a function that lists them as `GET 200`. */
function countRequestsDuring(): () => string[] {
    const start = emulator.requestLog.length;
    return () => emulator.requestLog.slice(start).map(entry => `${entry.method} ${entry.status}`);
}

function expectKind<K extends ChangesResult['kind']>(
    result: ChangesResult,
    kind: K,
): Extract<ChangesResult, {kind: K}> {
    expect(result.kind).toBe(kind);
    return result as Extract<ChangesResult, {kind: K}>;
}

test('first read returns a delta link', async () => {
    emulator.store.insert('account', {name: 'Tracked Ltd'});

    const result = expectKind(await createSide().readChangesAsync(account, ['name'], null), 'all');

    expect(result.records.map(record => record.values.name)).toEqual(['Tracked Ltd']);
    expect(result.deltaLink).toContain('$deltatoken=');
    expect(result.fallbackReason).toBeNull();
    expect(sentPreferHeaders[0]).toContain('odata.track-changes');
});

test('delta returns changes and deletes', async () => {
    const kept = emulator.store.insert('account', {name: 'Kept'});
    const edited = emulator.store.insert('account', {name: 'Before Edit'});
    const removed = emulator.store.insert('account', {name: 'Removed'});
    const side = createSide();
    const first = expectKind(await side.readChangesAsync(account, ['name'], null), 'all');

    emulator.store.update('account', String(edited['accountid']), {name: 'After Edit'});
    emulator.store.remove('account', String(removed['accountid']));
    emulator.store.insert('account', {name: 'Added'});
    const changes = expectKind(
        await side.readChangesAsync(account, ['name'], first.deltaLink),
        'changes',
    );

    expect(changes.changed.map(record => record.values.name).sort()).toEqual([
        'Added',
        'After Edit',
    ]);
    expect(changes.removedIds).toEqual([parseGuid(String(removed['accountid']))]);
    expect(changes.changed.map(record => record.id)).not.toContain(kept['accountid']);
    expect(changes.deltaLink).not.toBe(first.deltaLink);
});

test('delta without changes is empty', async () => {
    emulator.store.insert('account', {name: 'Quiet'});
    const side = createSide();
    const first = expectKind(await side.readChangesAsync(account, ['name'], null), 'all');

    const changes = expectKind(
        await side.readChangesAsync(account, ['name'], first.deltaLink),
        'changes',
    );

    expect(changes.changed).toEqual([]);
    expect(changes.removedIds).toEqual([]);
});

test('unchanged delta is one request', async () => {
    emulator.store.insert('account', {name: 'Unchanged'});
    const first = expectKind(await createSide().readChangesAsync(account, ['name'], null), 'all');
    const requests = countRequestsDuring();

    await createSide().readChangesAsync(account, ['name'], first.deltaLink);

    expect(requests()).toEqual(['GET 200']);
});

test('first read is one request per page', async () => {
    for (let index = 0; index <= MAX_PAGE_SIZE; index += 1) {
        emulator.store.insert('account', {name: `Paged ${index}`});
    }
    const requests = countRequestsDuring();

    const result = expectKind(await createSide().readChangesAsync(account, ['name'], null), 'all');

    expect(result.records).toHaveLength(MAX_PAGE_SIZE + 1);
    expect(requests()).toEqual(['GET 200', 'GET 200']);
});

test('delta converts lookups to references', async () => {
    const parent = emulator.store.insert('account', {name: 'Parent'});
    const columns = ['lastname', getLookupValueProperty('parentcustomerid')];
    const side = createSide();
    const first = expectKind(await side.readChangesAsync(contact, columns, null), 'all');

    emulator.store.insert('contact', {
        lastname: 'Linked',
        parentcustomerid: {logicalName: 'account', id: String(parent['accountid'])},
    });
    const changes = expectKind(
        await side.readChangesAsync(contact, columns, first.deltaLink),
        'changes',
    );

    expect(changes.changed[0]?.values.parentcustomerid).toEqual({
        logicalName: 'account',
        id: parseGuid(String(parent['accountid'])),
    });
});

test('expired link falls back to a full read', async () => {
    emulator.store.insert('account', {name: 'Before Expiry'});
    const side = createSide();
    const first = expectKind(await side.readChangesAsync(account, ['name'], null), 'all');
    emulator.store.insert('account', {name: 'After Expiry'});
    emulator.store.discardChangeHistory();

    const result = expectKind(
        await side.readChangesAsync(account, ['name'], first.deltaLink),
        'all',
    );

    expect(result.fallbackReason).toBe('linkExpired');
    expect(result.records.map(record => record.values.name).sort()).toEqual([
        'After Expiry',
        'Before Expiry',
    ]);
    expect(result.deltaLink).toContain('$deltatoken=');
    expect(emulator.requestLog.some(entry => entry.status === 400)).toBe(true);
});

test('other columns force a full read', async () => {
    emulator.store.insert('account', {name: 'Columns', telephone1: '555-0100'});
    const side = createSide();
    const first = expectKind(await side.readChangesAsync(account, ['name'], null), 'all');
    const deltaRequestsBefore = emulator.requestLog.filter(entry =>
        entry.path.includes('$deltatoken'),
    ).length;

    const result = expectKind(
        await side.readChangesAsync(account, ['name', 'telephone1'], first.deltaLink),
        'all',
    );

    expect(result.fallbackReason).toBe('linkExpired');
    expect(result.records[0]?.values.telephone1).toBe('555-0100');
    expect(emulator.requestLog.filter(entry => entry.path.includes('$deltatoken'))).toHaveLength(
        deltaRequestsBefore,
    );
});

test('link to another host is not requested', async () => {
    const foreignLink =
        'https://contoso.crm.dynamics.com/api/data/v9.2/accounts?$select=accountid,name&$deltatoken=1%2101';
    const fetched: string[] = [];
    const client = new DataverseClient({
        environmentUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(DEV_TOKEN),
        fetch: (url, init) => {
            fetched.push(url);
            return fetch(url, init);
        },
    });

    const result = await createDataverseSide(client).readChangesAsync(
        account,
        ['name'],
        foreignLink,
    );

    expect(result.kind).toBe('all');
    expect(fetched.every(url => url.startsWith(emulator.url))).toBe(true);
});

describe('table without change tracking', () => {
    let currency: EntityRef;

    beforeAll(async () => {
        currency = await createClient().getEntityDefinitionAsync(
            logicalName('transactioncurrency'),
        );
    });

    test('reads all rows without a link', async () => {
        const result = expectKind(
            await createSide().readChangesAsync(currency, ['currencyname'], null),
            'all',
        );

        expect(result.records.length).toBeGreaterThan(0);
        expect(result.deltaLink).toBeNull();
        expect(result.fallbackReason).toBeNull();
        expect(sentPreferHeaders.at(-1)).not.toContain('track-changes');
    });

    test('reads without tracking once known', async () => {
        const side = createSide();
        await side.readChangesAsync(currency, ['currencyname'], null);
        const requests = countRequestsDuring();

        await side.readChangesAsync(currency, ['currencyname'], null);

        expect(requests()).toEqual(['GET 200']);
        expect(sentPreferHeaders.at(-1)).not.toContain('track-changes');
    });

    test('reports notTracked for a link', async () => {
        const link = `${emulator.url}/api/data/v9.2/transactioncurrencies?$select=transactioncurrencyid,currencyname&$deltatoken=1%2101`;

        const result = expectKind(
            await createSide().readChangesAsync(currency, ['currencyname'], link),
            'all',
        );

        expect(result.fallbackReason).toBe('notTracked');
        expect(result.deltaLink).toBeNull();
    });
});

test('every read asks for pages of 5000', async () => {
    emulator.store.insert('account', {name: 'Paged'});
    const side = createSide();
    const first = expectKind(await side.readChangesAsync(account, ['name'], null), 'all');
    await side.readChangesAsync(account, ['name'], first.deltaLink);
    await side.readAllAsync(account, ['name']);

    expect(sentPreferHeaders).toHaveLength(3);
    for (const prefer of sentPreferHeaders) {
        expect(prefer).toContain('odata.maxpagesize=5000');
    }
});
