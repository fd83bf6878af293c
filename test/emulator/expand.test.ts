/**
 * `$expand`: a lookup's navigation property expands to the referenced row, a one-to-many
 * relationship to the referencing rows with nested `$select`, `$filter`, `$orderby` and `$top`.
 */
import {
    callApiAsync,
    encodeQuery,
    readErrorAsync,
    readJsonAsync,
    readRowsAsync,
    SAMPLE_IDS,
    useEmulator,
} from './helpers';

const getEmulator = useEmulator();

test('expands a single-valued lookup', async () => {
    const query = encodeQuery({$select: 'name', $expand: 'primarycontactid($select=fullname)'});
    const response = await callApiAsync(
        getEmulator(),
        `accounts(${SAMPLE_IDS.fourthCoffee})?${query}`,
    );
    const body = await readJsonAsync(response);

    expect(response.status).toBe(200);
    expect(body['@odata.context']).toBe(
        `${getEmulator().url}/api/data/v9.2/$metadata#accounts(name,primarycontactid(fullname))/$entity`,
    );
    expect(body).toHaveProperty('primarycontactid.fullname', 'Yvonne McKay (sample)');
    expect(body).toHaveProperty('primarycontactid.contactid');
    expect(body).toHaveProperty(['primarycontactid', '@odata.etag']);
});

test('expands a missing lookup as null', async () => {
    const id = String(getEmulator().store.insert('account', {name: 'No Primary'})['accountid']);
    const body = await readJsonAsync(
        await callApiAsync(getEmulator(), `accounts(${id})?$select=name&$expand=primarycontactid`),
    );

    expect(body['primarycontactid']).toBeNull();
});

test('expands a polymorphic lookup by target', async () => {
    const contactId = 'c2e5f3c1-6d20-4f1b-8c8e-000000000009';
    const query = encodeQuery({
        $select: 'fullname',
        $expand:
            'parentcustomerid_account($select=name),parentcustomerid_contact($select=fullname)',
    });
    const body = await readJsonAsync(
        await callApiAsync(getEmulator(), `contacts(${contactId})?${query}`),
    );

    expect(body).toHaveProperty('parentcustomerid_account.name', 'Fourth Coffee (sample)');
    expect(body['parentcustomerid_contact']).toBeNull();
});

test('expands a one-to-many relationship', async () => {
    const query = encodeQuery({
        $select: 'name',
        $filter: "startswith(name,'A. Datum')",
        $expand: 'contact_customer_accounts($select=fullname,jobtitle;$orderby=fullname)',
    });
    const response = await callApiAsync(getEmulator(), `accounts?${query}`);
    const [account] = await readRowsAsync(response);
    const contacts = account?.['contact_customer_accounts'] as Record<string, unknown>[];

    expect(contacts).toHaveLength(1);
    expect(contacts[0]?.['fullname']).toBe('Rene Valdes (sample)');
    expect(contacts[0]?.['jobtitle']).toBe('Purchasing Manager');
});

test('filters and limits an expanded collection', async () => {
    const emulator = getEmulator();
    for (const lastname of ['Zeta', 'Alpha', 'Beta']) {
        emulator.store.insert('contact', {
            lastname,
            parentcustomerid: {logicalName: 'account', id: SAMPLE_IDS.litware},
        });
    }
    const query = encodeQuery({
        $select: 'name',
        $expand:
            "contact_customer_accounts($select=lastname;$filter=not endswith(lastname,'(sample)');$orderby=lastname desc;$top=2)",
    });
    const body = await readJsonAsync(
        await callApiAsync(emulator, `accounts(${SAMPLE_IDS.litware})?${query}`),
    );
    const names = (body['contact_customer_accounts'] as Record<string, unknown>[]).map(
        row => row['lastname'],
    );

    expect(names).toEqual(['Zeta', 'Beta']);
});

test('rejects an unknown navigation property', async () => {
    const response = await callApiAsync(
        getEmulator(),
        `accounts?$select=name&$expand=nosuchnavigation`,
    );

    expect(response.status).toBe(400);
    expect((await readErrorAsync(response)).message).toBe(
        "Could not find a property named 'nosuchnavigation' on type 'Microsoft.Dynamics.CRM.account'.",
    );
});

test('never returns 304 with expand', async () => {
    const first = await readJsonAsync(
        await callApiAsync(getEmulator(), `accounts(${SAMPLE_IDS.aDatum})?$select=name`),
    );
    const response = await callApiAsync(
        getEmulator(),
        `accounts(${SAMPLE_IDS.aDatum})?$select=name&$expand=primarycontactid`,
        {
            headers: {'If-None-Match': String(first['@odata.etag'])},
        },
    );

    expect(response.status).toBe(200);
});

test('update representation ignores expand', async () => {
    const response = await callApiAsync(
        getEmulator(),
        `accounts(${SAMPLE_IDS.adventureWorks})?$select=name&$expand=primarycontactid`,
        {
            method: 'PATCH',
            headers: {Prefer: 'return=representation'},
            body: {telephone2: '555-0199'},
        },
    );
    const body = await readJsonAsync(response);

    expect(response.status).toBe(200);
    expect(body).not.toHaveProperty('primarycontactid');
});
