/**
 * Change tracking: `Prefer: odata.track-changes` returns a deltaLink, and the deltaLink returns the
 * rows created or updated since, then `$deletedEntity` items, then a fresh deltaLink.
 */
import {DEV_TOKEN} from '../../dev/emulator/server';
import {callApiAsync, readErrorAsync, readJsonAsync, useEmulator} from './helpers';

const getEmulator = useEmulator({seedCount: 12});
const TRACK = {Prefer: 'odata.track-changes'};

async function startTrackingAsync(select = 'name,accountnumber,telephone1'): Promise<string> {
    const response = await callApiAsync(getEmulator(), `accounts?$select=${select}`, {
        headers: TRACK,
    });
    const body = await readJsonAsync(response);
    return String(body['@odata.deltaLink']);
}

async function getLinkAsync(
    link: string,
    headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
    const response = await fetch(link, {
        headers: {Authorization: `Bearer ${DEV_TOKEN}`, ...headers},
    });
    expect(response.status).toBe(200);
    return readJsonAsync(response);
}

function valueOf(body: Record<string, unknown>): Record<string, unknown>[] {
    return body['value'] as Record<string, unknown>[];
}

test('initial query returns rows and a deltaLink', async () => {
    const response = await callApiAsync(
        getEmulator(),
        'accounts?$select=name,accountnumber,telephone1',
        {headers: TRACK},
    );
    const body = await readJsonAsync(response);
    const deltaLink = new URL(String(body['@odata.deltaLink']));

    expect(response.headers.get('preference-applied')).toBe('odata.track-changes');
    expect(valueOf(body)).toHaveLength(22);
    expect(deltaLink.pathname).toBe('/api/data/v9.2/accounts');
    expect(deltaLink.searchParams.get('$select')).toBe('name,accountnumber,telephone1');
    expect(deltaLink.searchParams.get('$deltatoken')).toMatch(
        /^\d+!\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/,
    );
    expect(String(body['@odata.deltaLink'])).toMatch(
        /\$deltatoken=\d+%21\d{2}%2f\d{2}%2f\d{4}%20\d{2}%3a\d{2}%3a\d{2}$/,
    );
});

test('delta lists changes then deletions', async () => {
    const emulator = getEmulator();
    const deltaLink = await startTrackingAsync();
    const created = emulator.store.insert('account', {
        name: 'Difference Engines Ltd',
        accountnumber: 'DE-1',
    });
    const doomed = emulator.store.insert('account', {name: 'Short-lived'});
    await callApiAsync(emulator, `accounts(${String(doomed['accountid'])})`, {method: 'DELETE'});
    const body = await getLinkAsync(deltaLink);
    const [changed, deleted, ...rest] = valueOf(body);

    expect(body['@odata.context']).toBe(
        `${emulator.url}/api/data/v9.2/$metadata#accounts(name,accountnumber,telephone1)/$delta`,
    );
    expect(changed?.['accountid']).toBe(created['accountid']);
    expect(changed?.['accountnumber']).toBe('DE-1');
    expect(changed?.['@odata.etag']).toMatch(/^W\/"\d+"$/);
    expect(deleted).toEqual({
        '@odata.context': `${emulator.url}/api/data/v9.2/$metadata#accounts/$deletedEntity`,
        id: doomed['accountid'],
        reason: 'deleted',
    });
    expect(rest).toEqual([]);
    expect(body['@odata.deltaLink']).not.toBe(deltaLink);
});

test('delta without changes is empty', async () => {
    const deltaLink = await startTrackingAsync();
    const body = await getLinkAsync(deltaLink);

    expect(valueOf(body)).toEqual([]);
    expect(typeof body['@odata.deltaLink']).toBe('string');
});

test('chained deltas report each change once', async () => {
    const emulator = getEmulator();
    const firstLink = await startTrackingAsync('name');
    const row = emulator.store.insert('account', {name: 'Chained'});
    const first = await getLinkAsync(firstLink);
    emulator.store.update('account', String(row['accountid']), {name: 'Chained, renamed'});
    const second = await getLinkAsync(String(first['@odata.deltaLink']));
    const third = await getLinkAsync(String(second['@odata.deltaLink']));

    expect(valueOf(first).map(item => item['name'])).toEqual(['Chained']);
    expect(valueOf(second).map(item => item['name'])).toEqual(['Chained, renamed']);
    expect(valueOf(third)).toEqual([]);
});

test('cascaded deletes reach the child delta', async () => {
    const emulator = getEmulator();
    const contactLink = String(
        (
            await readJsonAsync(
                await callApiAsync(emulator, 'contacts?$select=fullname', {headers: TRACK}),
            )
        )['@odata.deltaLink'],
    );
    const account = emulator.store.insert('account', {name: 'Cascading Parent'});
    const contact = emulator.store.insert('contact', {
        lastname: 'Cascaded',
        parentcustomerid: {logicalName: 'account', id: String(account['accountid'])},
    });
    await callApiAsync(emulator, `accounts(${String(account['accountid'])})`, {method: 'DELETE'});
    const body = await getLinkAsync(contactLink);

    expect(valueOf(body)).toEqual([
        expect.objectContaining({id: contact['contactid'], reason: 'deleted'}),
    ]);
});

test('delta pages with maxpagesize', async () => {
    const emulator = getEmulator();
    const deltaLink = await startTrackingAsync('name');
    for (let index = 0; index < 5; index += 1) {
        emulator.store.insert('account', {name: `Paged Change ${index}`});
    }
    const first = await getLinkAsync(deltaLink, {Prefer: 'odata.maxpagesize=3'});
    const second = await getLinkAsync(String(first['@odata.nextLink']), {
        Prefer: 'odata.maxpagesize=3',
    });

    expect(valueOf(first)).toHaveLength(3);
    expect(first['@odata.deltaLink']).toBeUndefined();
    expect(valueOf(second).map(item => item['name'])).toEqual(['Paged Change 3', 'Paged Change 4']);
    expect(typeof second['@odata.deltaLink']).toBe('string');
});

test('initial pages end with the deltaLink', async () => {
    const first = await readJsonAsync(
        await callApiAsync(getEmulator(), 'accounts?$select=name', {
            headers: {Prefer: 'odata.track-changes,odata.maxpagesize=20'},
        }),
    );
    const second = await getLinkAsync(String(first['@odata.nextLink']), {
        Prefer: 'odata.track-changes,odata.maxpagesize=20',
    });

    expect(first['@odata.deltaLink']).toBeUndefined();
    expect(typeof second['@odata.deltaLink']).toBe('string');
});

test('rejects filter with change tracking', async () => {
    const response = await callApiAsync(
        getEmulator(),
        "accounts?$select=name&$filter=name eq 'x'",
        {headers: TRACK},
    );
    const error = await readErrorAsync(response);

    expect(response.status).toBe(400);
    expect(error.message).toBe(
        'The "$filter" query parameter isn\'t supported when Change Tracking is enabled.',
    );
});

test('rejects top with change tracking', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts?$select=name&$top=1', {
        headers: TRACK,
    });

    expect(response.status).toBe(400);
    expect((await readErrorAsync(response)).message).toContain('"$top"');
});

test('rejects an expired delta token', async () => {
    const deltaLink = await startTrackingAsync('name');
    getEmulator().store.insert('account', {name: 'After Token'});
    getEmulator().store.discardChangeHistory();
    const response = await fetch(deltaLink, {headers: {Authorization: `Bearer ${DEV_TOKEN}`}});

    expect(response.status).toBe(400);
    expect((await readErrorAsync(response)).message).toBe(
        'Version stamp associated with the client has expired. Please perform a full sync.',
    );
});

test('rejects a malformed delta token', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts?$select=name&$deltatoken=banana');

    expect(response.status).toBe(400);
});
