/**
 * Lookups and relationships across account, contact and opportunity: binds with `@odata.bind`,
 * polymorphic customer lookups, lookup annotations and the cascade rules of a delete.
 */
import {
    callApiAsync,
    encodeQuery,
    readErrorAsync,
    readJsonAsync,
    readRowsAsync,
    useEmulator,
} from './helpers';

const getEmulator = useEmulator({seedSamples: false});

async function createAsync(entitySetName: string, body: Record<string, unknown>): Promise<string> {
    const response = await callApiAsync(getEmulator(), entitySetName, {method: 'POST', body});
    expect(response.status).toBe(204);
    return /\(([0-9a-f-]{36})\)$/.exec(response.headers.get('odata-entityid') ?? '')?.[1] ?? '';
}

function existsInStore(logicalName: string, id: string): boolean {
    return getEmulator().store.getIfExists(logicalName, id) !== null;
}

test('contact binds its company account', async () => {
    const accountId = await createAsync('accounts', {name: 'Analytical Engines Ltd'});
    const contactId = await createAsync('contacts', {
        firstname: 'Ada',
        lastname: 'Lovelace',
        'parentcustomerid_account@odata.bind': `/accounts(${accountId})`,
    });
    const response = await callApiAsync(
        getEmulator(),
        `contacts(${contactId})?$select=fullname,_parentcustomerid_value`,
        {
            headers: {Prefer: 'odata.include-annotations="*"'},
        },
    );
    const body = await readJsonAsync(response);

    expect(body['fullname']).toBe('Ada Lovelace');
    expect(body['_parentcustomerid_value']).toBe(accountId);
    expect(body['_parentcustomerid_value@OData.Community.Display.V1.FormattedValue']).toBe(
        'Analytical Engines Ltd',
    );
    expect(
        body['_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty'],
    ).toBe('parentcustomerid_account');
    expect(body['_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe(
        'account',
    );
});

test('contact binds a contact as company', async () => {
    const parentId = await createAsync('contacts', {lastname: 'Parent'});
    const childId = await createAsync('contacts', {
        lastname: 'Child',
        'parentcustomerid_contact@odata.bind': `contacts(${parentId})`,
    });
    const body = await readJsonAsync(
        await callApiAsync(getEmulator(), `contacts(${childId})?$select=_parentcustomerid_value`, {
            headers: {
                Prefer: 'odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname"',
            },
        }),
    );

    expect(body['_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe(
        'contact',
    );
});

test('bind accepts an absolute URL', async () => {
    const accountId = await createAsync('accounts', {name: 'Absolute Ltd'});
    const contactId = await createAsync('contacts', {
        lastname: 'Absolute',
        'parentcustomerid_account@odata.bind': `${getEmulator().url}/api/data/v9.2/accounts(${accountId})`,
    });

    expect(getEmulator().store.get('contact', contactId)['parentcustomerid']).toEqual({
        logicalName: 'account',
        id: accountId,
    });
});

test('bind rejects the wrong table', async () => {
    const contactId = await createAsync('contacts', {lastname: 'Wrong Target'});
    const response = await callApiAsync(getEmulator(), 'contacts', {
        method: 'POST',
        body: {lastname: 'X', 'parentcustomerid_account@odata.bind': `/contacts(${contactId})`},
    });

    expect(response.status).toBe(400);
    expect((await readErrorAsync(response)).code).toBe('0x80048d19');
});

test('bind rejects an unknown navigation property', async () => {
    const response = await callApiAsync(getEmulator(), 'contacts', {
        method: 'POST',
        body: {
            lastname: 'X',
            'nosuchlookup@odata.bind': '/accounts(00000000-0000-0000-0000-000000000001)',
        },
    });

    expect(response.status).toBe(400);
    expect((await readErrorAsync(response)).message).toContain(
        "An undeclared property 'nosuchlookup'",
    );
});

test('filters on a lookup value', async () => {
    const accountId = await createAsync('accounts', {name: 'Filter Parent'});
    await createAsync('contacts', {
        lastname: 'Filtered',
        'parentcustomerid_account@odata.bind': `/accounts(${accountId})`,
    });
    const query = encodeQuery({
        $select: 'lastname',
        $filter: `_parentcustomerid_value eq ${accountId}`,
    });
    const rows = await readRowsAsync(await callApiAsync(getEmulator(), `contacts?${query}`));

    expect(rows.map(row => row['lastname'])).toEqual(['Filtered']);
});

test('contact date-only column takes a date', async () => {
    const id = await createAsync('contacts', {lastname: 'Birthday', birthdate: '1815-12-10'});
    const timestamp = await callApiAsync(getEmulator(), 'contacts', {
        method: 'POST',
        body: {lastname: 'Timestamp', birthdate: '1815-12-10T00:00:00Z'},
    });

    expect(getEmulator().store.get('contact', id)['birthdate']).toBe('1815-12-10');
    expect(timestamp.status).toBe(400);
});

test('opportunity keeps its Open state', async () => {
    const id = await createAsync('opportunities', {
        name: 'Big Deal',
        estimatedvalue: 1000,
        closeprobability: 50,
    });
    const row = getEmulator().store.get('opportunity', id);

    expect(row['statecode']).toBe(0);
    expect(row['statuscode']).toBe(1);
    expect(row['transactioncurrencyid']).not.toBeNull();
});

test('account delete cascades to contacts and opportunities', async () => {
    const accountId = await createAsync('accounts', {name: 'Doomed Parent'});
    const contactId = await createAsync('contacts', {
        lastname: 'Employee',
        'parentcustomerid_account@odata.bind': `/accounts(${accountId})`,
    });
    const customerDealId = await createAsync('opportunities', {
        name: 'Customer Deal',
        'customerid_account@odata.bind': `/accounts(${accountId})`,
    });
    const contactDealId = await createAsync('opportunities', {
        name: 'Contact Deal',
        'customerid_contact@odata.bind': `/contacts(${contactId})`,
    });
    const response = await callApiAsync(getEmulator(), `accounts(${accountId})`, {
        method: 'DELETE',
    });

    expect(response.status).toBe(204);
    expect(existsInStore('account', accountId)).toBe(false);
    expect(existsInStore('contact', contactId)).toBe(false);
    expect(existsInStore('opportunity', customerDealId)).toBe(false);
    expect(existsInStore('opportunity', contactDealId)).toBe(false);
});

test('account delete removes parent links', async () => {
    const accountId = await createAsync('accounts', {name: 'Parent To Remove'});
    const childId = await createAsync('accounts', {
        name: 'Surviving Child',
        'parentaccountid@odata.bind': `/accounts(${accountId})`,
    });
    const dealId = await createAsync('opportunities', {
        name: 'Linked Deal',
        'parentaccountid@odata.bind': `/accounts(${accountId})`,
    });
    const childVersion = getEmulator().store.get('account', childId)['versionnumber'];
    await callApiAsync(getEmulator(), `accounts(${accountId})`, {method: 'DELETE'});

    expect(getEmulator().store.get('account', childId)['parentaccountid']).toBeNull();
    expect(getEmulator().store.get('account', childId)['versionnumber']).not.toBe(childVersion);
    expect(getEmulator().store.get('opportunity', dealId)['parentaccountid']).toBeNull();
});

test('contact delete clears the primary contact', async () => {
    const contactId = await createAsync('contacts', {lastname: 'Primary'});
    const accountId = await createAsync('accounts', {
        name: 'Has Primary',
        'primarycontactid@odata.bind': `/contacts(${contactId})`,
    });
    await callApiAsync(getEmulator(), `contacts(${contactId})`, {method: 'DELETE'});

    expect(getEmulator().store.get('account', accountId)['primarycontactid']).toBeNull();
});
