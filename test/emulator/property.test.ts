/**
 * Single-column operations: read, set and clear one column of a row, and set or clear a lookup
 * through `/<navigation>/$ref`, as the Web API documents them.
 */
import {callApiAsync, readErrorAsync, readJsonAsync, useEmulator} from './helpers';

const getEmulator = useEmulator({seedSamples: false});

function insert(logicalName: string, values: Record<string, string>): string {
    const row = getEmulator().store.insert(logicalName, values);
    return String(row[`${logicalName}id`]);
}

test('reads one column', async () => {
    const id = insert('account', {name: 'Single Column Ltd'});
    const response = await callApiAsync(getEmulator(), `accounts(${id})/name`);
    const body = await readJsonAsync(response);

    expect(response.status).toBe(200);
    expect(body['@odata.context']).toBe(
        `${getEmulator().url}/api/data/v9.2/$metadata#accounts(${id})/name`,
    );
    expect(body['value']).toBe('Single Column Ltd');
});

test('sets one column with PUT', async () => {
    const id = insert('account', {name: 'Before Put'});
    const response = await callApiAsync(getEmulator(), `accounts(${id})/name`, {
        method: 'PUT',
        body: {value: 'After Put'},
    });

    expect(response.status).toBe(204);
    expect(getEmulator().store.get('account', id)['name']).toBe('After Put');
});

test('validates a PUT value', async () => {
    const id = insert('account', {name: 'Validated'});
    const response = await callApiAsync(getEmulator(), `accounts(${id})/name`, {
        method: 'PUT',
        body: {value: 'x'.repeat(161)},
    });

    expect(response.status).toBe(400);
    expect((await readErrorAsync(response)).code).toBe('0x80044331');
});

test('clears one column with DELETE', async () => {
    const id = insert('account', {name: 'Has Description', description: 'To be cleared'});
    const response = await callApiAsync(getEmulator(), `accounts(${id})/description`, {
        method: 'DELETE',
    });

    expect(response.status).toBe(204);
    expect(getEmulator().store.get('account', id)['description']).toBeNull();
});

test('unknown column returns 404', async () => {
    const id = insert('account', {name: 'No Such Column'});
    const response = await callApiAsync(getEmulator(), `accounts(${id})/nosuchcolumn`);

    expect(response.status).toBe(404);
    expect((await readErrorAsync(response)).message).toBe(
        "Resource not found for the segment 'nosuchcolumn'.",
    );
});

test('sets a lookup with $ref', async () => {
    const accountId = insert('account', {name: 'Customer'});
    const opportunityId = insert('opportunity', {name: 'Deal'});
    const response = await callApiAsync(
        getEmulator(),
        `opportunities(${opportunityId})/customerid_account/$ref`,
        {
            method: 'PUT',
            body: {'@odata.id': `accounts(${accountId})`},
        },
    );

    expect(response.status).toBe(204);
    expect(getEmulator().store.get('opportunity', opportunityId)['customerid']).toEqual({
        logicalName: 'account',
        id: accountId,
    });
});

test('clears a lookup with $ref', async () => {
    const accountId = insert('account', {name: 'Former Customer'});
    const opportunityId = String(
        getEmulator().store.insert('opportunity', {
            name: 'Old Deal',
            customerid: {logicalName: 'account', id: accountId},
        })['opportunityid'],
    );
    const response = await callApiAsync(
        getEmulator(),
        `opportunities(${opportunityId})/customerid_account/$ref`,
        {method: 'DELETE'},
    );

    expect(response.status).toBe(204);
    expect(getEmulator().store.get('opportunity', opportunityId)['customerid']).toBeNull();
});

test('$ref on a missing row returns 404', async () => {
    const response = await callApiAsync(
        getEmulator(),
        'opportunities(00000000-0000-0000-0000-0000000000aa)/customerid_account/$ref',
        {
            method: 'DELETE',
        },
    );

    expect(response.status).toBe(404);
});
