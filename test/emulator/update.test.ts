/**
 * Updates and upserts through `PATCH accounts(<id>)`: optimistic concurrency with `If-Match`,
 * upsert without conditions, and the `If-Match: *` / `If-None-Match: *` guards.
 */
import {randomUUID} from 'node:crypto';

import {callApiAsync, readErrorAsync, readJsonAsync, useEmulator} from './helpers';

const getEmulator = useEmulator();

function createAccount(name: string): {id: string; etag: string} {
    const row = getEmulator().store.insert('account', {name});
    return {id: String(row['accountid']), etag: `W/"${String(row['versionnumber'])}"`};
}

function patchAsync(
    id: string,
    body: unknown,
    headers: Record<string, string> = {},
): Promise<Response> {
    return callApiAsync(getEmulator(), `accounts(${id})`, {method: 'PATCH', body, headers});
}

test('updates with a matching etag', async () => {
    const {id, etag} = createAccount('Analytical Engines Ltd');
    const response = await patchAsync(id, {name: 'Analytical Engines plc'}, {'If-Match': etag});
    const row = getEmulator().store.get('account', id);

    expect(response.status).toBe(204);
    expect(response.headers.get('odata-entityid')).toBe(
        `${getEmulator().url}/api/data/v9.2/accounts(${id})`,
    );
    expect(row['name']).toBe('Analytical Engines plc');
    expect(`W/"${String(row['versionnumber'])}"`).not.toBe(etag);
});

test('returns 412 for a stale etag', async () => {
    const {id, etag} = createAccount('Stale Ltd');
    await patchAsync(id, {telephone1: '555-0100'});
    const response = await patchAsync(id, {name: 'Lost Update'}, {'If-Match': etag});
    const error = await readErrorAsync(response);

    expect(response.status).toBe(412);
    expect(error.message).toBe(
        "The version of the existing record doesn't match the RowVersion property provided.",
    );
    expect(getEmulator().store.get('account', id)['name']).toBe('Stale Ltd');
});

test('upsert creates a missing row', async () => {
    const id = randomUUID();
    const response = await patchAsync(id, {name: 'Upserted Ltd'});

    expect(response.status).toBe(204);
    expect(response.headers.get('odata-entityid')).toBe(
        `${getEmulator().url}/api/data/v9.2/accounts(${id})`,
    );
    expect(getEmulator().store.get('account', id)['name']).toBe('Upserted Ltd');
});

test('upsert updates an existing row', async () => {
    const {id} = createAccount('Before Upsert');
    const response = await patchAsync(id, {name: 'After Upsert'});

    expect(response.status).toBe(204);
    expect(getEmulator().store.get('account', id)['name']).toBe('After Upsert');
});

test('If-Match star on a missing row returns 404', async () => {
    const id = '00000000-0000-0000-0000-0000000000ff';
    const response = await patchAsync(id, {name: 'Does not exist yet'}, {'If-Match': '*'});
    const error = await readErrorAsync(response);

    expect(response.status).toBe(404);
    expect(error.message).toBe(`account With Id = ${id} Does Not Exist`);
    expect(getEmulator().store.getIfExists('account', id)).toBeNull();
});

test('If-None-Match star on an existing row returns 412', async () => {
    const {id} = createAccount('Already There');
    const response = await patchAsync(id, {name: 'Duplicate'}, {'If-None-Match': '*'});
    const error = await readErrorAsync(response);

    expect(response.status).toBe(412);
    expect(error.message).toBe('A record with matching key values already exists.');
    expect(getEmulator().store.get('account', id)['name']).toBe('Already There');
});

test('If-None-Match star creates a missing row', async () => {
    const id = randomUUID();
    const response = await patchAsync(id, {name: 'Created Once'}, {'If-None-Match': '*'});

    expect(response.status).toBe(204);
    expect(getEmulator().store.get('account', id)['name']).toBe('Created Once');
});

test('representation returns 200 on update', async () => {
    const {id} = createAccount('Represented');
    const response = await callApiAsync(getEmulator(), `accounts(${id})?$select=name`, {
        method: 'PATCH',
        headers: {Prefer: 'return=representation', 'If-Match': '*'},
        body: {name: 'Represented Again'},
    });
    const body = await readJsonAsync(response);

    expect(response.status).toBe(200);
    expect(body['name']).toBe('Represented Again');
    expect(response.headers.get('etag')).toBe(body['@odata.etag']);
});

test('representation returns 201 on upsert create', async () => {
    const id = randomUUID();
    const response = await callApiAsync(getEmulator(), `accounts(${id})?$select=name`, {
        method: 'PATCH',
        headers: {Prefer: 'return=representation'},
        body: {name: 'Fresh'},
    });
    const body = await readJsonAsync(response);

    expect(response.status).toBe(201);
    expect(body['accountid']).toBe(id);
    expect(response.headers.get('etag')).toMatch(/^W\/"\d+"$/);
});

test('deactivates with state and status', async () => {
    const {id} = createAccount('Going Inactive');
    const response = await patchAsync(id, {statecode: 1, statuscode: 2});
    const row = getEmulator().store.get('account', id);

    expect(response.status).toBe(204);
    expect(row['statecode']).toBe(1);
    expect(row['statuscode']).toBe(2);
});

test('state alone takes its default status', async () => {
    const {id} = createAccount('Default Status');
    await patchAsync(id, {statecode: 1});

    expect(getEmulator().store.get('account', id)['statuscode']).toBe(2);
});

test('ignores the primary key on update', async () => {
    const {id} = createAccount('Key Stays');
    const response = await patchAsync(id, {accountid: randomUUID(), name: 'Key Still Stays'});

    expect(response.status).toBe(204);
    expect(getEmulator().store.get('account', id)['name']).toBe('Key Still Stays');
});

test('clears a lookup with a null bind', async () => {
    const parent = createAccount('Parent');
    const {id} = createAccount('Child');
    await patchAsync(id, {'parentaccountid@odata.bind': `/accounts(${parent.id})`});
    const response = await patchAsync(id, {'parentaccountid@odata.bind': null});

    expect(response.status).toBe(204);
    expect(getEmulator().store.get('account', id)['parentaccountid']).toBeNull();
});

test('clears a lookup by navigation name', async () => {
    const parent = createAccount('Parent Two');
    const {id} = createAccount('Child Two');
    await patchAsync(id, {'parentaccountid@odata.bind': `accounts(${parent.id})`});
    await patchAsync(id, {parentaccountid: null});

    expect(getEmulator().store.get('account', id)['parentaccountid']).toBeNull();
});

test('stores an empty string as null', async () => {
    const {id} = createAccount('Has Phone');
    await patchAsync(id, {telephone1: '555-0101'});
    await patchAsync(id, {telephone1: ''});

    expect(getEmulator().store.get('account', id)['telephone1']).toBeNull();
});
