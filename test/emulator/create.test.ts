/**
 * Creates: `POST accounts` returns `204` with `OData-EntityId`, or `201` with the row for
 * `Prefer: return=representation`. The server fills system columns and validates payloads as
 * Dataverse does.
 */
import {callApiAsync, readErrorAsync, readJsonAsync, useEmulator} from './helpers';

const getEmulator = useEmulator();

function entityIdOf(response: Response): string {
    const header = response.headers.get('odata-entityid') ?? '';
    return /\(([0-9a-f-]{36})\)$/.exec(header)?.[1] ?? '';
}

test('returns 204 with OData-EntityId', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'Analytical Engines Ltd'},
    });
    const id = entityIdOf(response);

    expect(response.status).toBe(204);
    expect(response.headers.get('odata-entityid')).toBe(
        `${getEmulator().url}/api/data/v9.2/accounts(${id})`,
    );
    expect(response.headers.get('odata-version')).toBe('4.0');
    expect(await response.text()).toBe('');
    expect(getEmulator().store.get('account', id)['name']).toBe('Analytical Engines Ltd');
});

test('returns 201 with representation', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts?$select=name,revenue,createdon', {
        method: 'POST',
        headers: {Prefer: 'return=representation'},
        body: {name: 'Difference Engines Ltd', revenue: 5000000, industrycode: 7},
    });
    const body = await readJsonAsync(response);

    expect(response.status).toBe(201);
    expect(response.headers.get('preference-applied')).toBe('return=representation');
    expect(response.headers.get('odata-entityid')).toBeNull();
    expect(body['@odata.context']).toBe(
        `${getEmulator().url}/api/data/v9.2/$metadata#accounts(name,revenue,createdon)/$entity`,
    );
    expect(body['@odata.etag']).toMatch(/^W\/"\d+"$/);
    expect(body['name']).toBe('Difference Engines Ltd');
    expect(body['revenue']).toBe(5000000);
    expect(body['createdon']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(body['_transactioncurrencyid_value']).toBe('c0ffee00-0000-4000-8000-0000000000c1');
});

test('fills system columns', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'Defaults Ltd'},
    });
    const row = getEmulator().store.get('account', entityIdOf(response));

    expect(row['statecode']).toBe(0);
    expect(row['statuscode']).toBe(1);
    expect(row['createdon']).toBe(row['modifiedon']);
    expect(row['versionnumber']).toBe(getEmulator().store.currentVersion);
    expect(row['ownerid']).toEqual({
        logicalName: 'systemuser',
        id: 'c0ffee00-0000-4000-8000-0000000000f2',
    });
    expect(row['transactioncurrencyid']).toBeNull();
});

test('keeps a client-supplied id', async () => {
    const id = '3f0e6c1b-9d2a-4a8e-b3c4-0000000000a3';
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {accountid: id, name: 'Own Id Ltd'},
    });

    expect(entityIdOf(response)).toBe(id);
});

test('rejects a taken id', async () => {
    const id = '3f0e6c1b-9d2a-4a8e-b3c4-0000000000a4';
    await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {accountid: id, name: 'First'},
    });
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {accountid: id, name: 'Second'},
    });

    expect(response.status).toBe(412);
    expect((await readErrorAsync(response)).code).toBe('0x80040237');
});

test('takes money as a number', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'Rounding', revenue: 10.129},
    });

    expect(getEmulator().store.get('account', entityIdOf(response))['revenue']).toBe(10.13);
});

test('ignores columns invalid for create', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {
            name: 'Ignored Columns',
            statecode: 1,
            createdon: '2001-01-01T00:00:00Z',
            address1_composite: 'x',
        },
    });
    const row = getEmulator().store.get('account', entityIdOf(response));

    expect(response.status).toBe(204);
    expect(row['statecode']).toBe(0);
    expect(row['createdon']).not.toBe('2001-01-01T00:00:00Z');
    expect(row['address1_composite']).toBeNull();
});

test('rejects an unknown property', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'X', nosuchcolumn: 1},
    });
    const error = await readErrorAsync(response);

    expect(response.status).toBe(400);
    expect(error.code).toBe('0x80048d19');
    expect(error.message).toContain(
        "The property 'nosuchcolumn' does not exist on type 'Microsoft.Dynamics.CRM.account'.",
    );
});

test('rejects a string over MaxLength', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'x'.repeat(161)},
    });
    const error = await readErrorAsync(response);

    expect(response.status).toBe(400);
    expect(error.code).toBe('0x80044331');
    expect(error.message).toBe(
        "A validation error occurred.  The length of the 'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'.",
    );
});

test('accepts a string at MaxLength', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'x'.repeat(160)},
    });

    expect(response.status).toBe(204);
});

test('rejects numbers out of range', async () => {
    const employees = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'X', numberofemployees: 1_000_000_001},
    });
    const revenue = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'X', revenue: -1},
    });

    expect(employees.status).toBe(400);
    expect((await readErrorAsync(employees)).message).toContain("'numberofemployees'");
    expect(revenue.status).toBe(400);
    expect((await readErrorAsync(revenue)).message).toContain("'revenue'");
});

test('rejects a value of the wrong type', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'X', numberofemployees: 'many'},
    });
    const error = await readErrorAsync(response);

    expect(response.status).toBe(400);
    expect(error.code).toBe('0x80048d19');
    expect(error.message).toContain(
        "Cannot convert the literal 'many' to the expected type 'Edm.Int32'.",
    );
});

test('rejects an unknown option value', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'X', industrycode: 99},
    });

    expect(response.status).toBe(400);
    expect((await readErrorAsync(response)).message).toContain("'industrycode'");
});

test('rejects a status of another state', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {accountid: '3f0e6c1b-9d2a-4a8e-b3c4-0000000000a5', name: 'X', statuscode: 2},
    });
    const error = await readErrorAsync(response);

    expect(response.status).toBe(400);
    expect(error.code).toBe('0x80048408');
    expect(error.message).toBe(
        '2 is not a valid status code for state code AccountState.Active on account with Id 3f0e6c1b-9d2a-4a8e-b3c4-0000000000a5.',
    );
});

test('rejects a body that is not JSON', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: '{"name": ',
    });

    expect(response.status).toBe(400);
    expect((await readErrorAsync(response)).code).toBe('0x80048d19');
});

test('binds a parent account', async () => {
    const parent = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'Parent Co'},
    });
    const parentId = entityIdOf(parent);
    const child = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'Child Co', 'parentaccountid@odata.bind': `/accounts(${parentId})`},
    });

    expect(child.status).toBe(204);
    expect(getEmulator().store.get('account', entityIdOf(child))['parentaccountid']).toEqual({
        logicalName: 'account',
        id: parentId,
    });
});

test('rejects a bind to a missing row', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {
            name: 'Orphan',
            'parentaccountid@odata.bind': '/accounts(00000000-0000-0000-0000-0000000000ee)',
        },
    });

    expect(response.status).toBe(404);
    expect((await readErrorAsync(response)).message).toBe(
        'account With Id = 00000000-0000-0000-0000-0000000000ee Does Not Exist',
    );
});

test('rejects writing a lookup value property', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'X', _parentaccountid_value: '00000000-0000-0000-0000-0000000000ee'},
    });

    expect(response.status).toBe(400);
    expect((await readErrorAsync(response)).message).toContain(
        'Use Navigation properties instead.',
    );
});

test('rejects create on a system table', async () => {
    const response = await callApiAsync(getEmulator(), 'organizations', {
        method: 'POST',
        body: {name: 'X'},
    });

    expect(response.status).toBe(405);
});

test('rounds a double to its precision', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'Geo', address1_latitude: 47.1234567},
    });

    expect(getEmulator().store.get('account', entityIdOf(response))['address1_latitude']).toBe(
        47.12346,
    );
});
