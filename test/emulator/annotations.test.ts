/**
 * `Prefer: odata.include-annotations`: formatted values for money, numbers, dates and options,
 * lookup annotations, the currency that comes with every money column, and count annotations.
 */
import {callApiAsync, readJsonAsync, SAMPLE_IDS, useEmulator} from './helpers';

const getEmulator = useEmulator();
const ALL = {Prefer: 'odata.include-annotations="*"'};
const FORMATTED = '@OData.Community.Display.V1.FormattedValue';

async function readAccountAsync(
    select: string,
    headers: Record<string, string> = ALL,
): Promise<{body: Record<string, unknown>; raw: string; response: Response}> {
    const response = await callApiAsync(
        getEmulator(),
        `accounts(${SAMPLE_IDS.fourthCoffee})?$select=${select}`,
        {headers},
    );
    const raw = await response.clone().text();
    return {body: await readJsonAsync(response), raw, response};
}

test('formats money with the currency symbol', async () => {
    const {body, response} = await readAccountAsync('revenue');

    expect(body[`revenue${FORMATTED}`]).toBe('$25,000.00');
    expect(body['revenue']).toBe(25000);
    expect(response.headers.get('preference-applied')).toBe('odata.include-annotations="*"');
});

test('writes money with four decimals', async () => {
    const {raw} = await readAccountAsync('revenue', {});

    expect(raw).toContain('"revenue":25000.0000');
});

test('adds the currency with money columns', async () => {
    const {body} = await readAccountAsync('name,revenue');

    expect(Object.keys(body)).toEqual([
        '@odata.context',
        '@odata.etag',
        'name',
        `revenue${FORMATTED}`,
        'revenue',
        `_transactioncurrencyid_value${FORMATTED}`,
        '_transactioncurrencyid_value@Microsoft.Dynamics.CRM.associatednavigationproperty',
        '_transactioncurrencyid_value@Microsoft.Dynamics.CRM.lookuplogicalname',
        '_transactioncurrencyid_value',
        'accountid',
    ]);
    expect(body[`_transactioncurrencyid_value${FORMATTED}`]).toBe('US Dollar');
    expect(body['_transactioncurrencyid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe(
        'transactioncurrency',
    );
});

test('adds the currency without annotations', async () => {
    const {body} = await readAccountAsync('revenue', {});

    expect(Object.keys(body)).toEqual([
        '@odata.context',
        '@odata.etag',
        'revenue',
        '_transactioncurrencyid_value',
        'accountid',
    ]);
});

test('formats whole numbers with grouping', async () => {
    const {body} = await readAccountAsync('numberofemployees');

    expect(body[`numberofemployees${FORMATTED}`]).toBe('120');
});

test('formats dates and options', async () => {
    const emulator = getEmulator();
    emulator.store.update('account', SAMPLE_IDS.fourthCoffee, {
        createdon: '2025-06-03T16:14:07Z',
        numberofemployees: 1200,
    });
    const {body} = await readAccountAsync('createdon,statecode,numberofemployees');

    expect(body[`createdon${FORMATTED}`]).toBe('6/3/2025 4:14 PM');
    expect(body['createdon']).toBe('2025-06-03T16:14:07Z');
    expect(body[`statecode${FORMATTED}`]).toBe('Active');
    expect(body[`numberofemployees${FORMATTED}`]).toBe('1,200');
});

test('names the owner in lookup annotations', async () => {
    const {body} = await readAccountAsync('_ownerid_value');

    expect(body[`_ownerid_value${FORMATTED}`]).toBe('Local Developer');
    expect(body['_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('systemuser');
    expect(body['_ownerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty']).toBe(
        'ownerid',
    );
});

test('includes only the requested annotations', async () => {
    const {body} = await readAccountAsync('revenue', {
        Prefer: 'odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname"',
    });

    expect(body).not.toHaveProperty([`revenue${FORMATTED}`]);
    expect(body).toHaveProperty([
        '_transactioncurrencyid_value@Microsoft.Dynamics.CRM.lookuplogicalname',
    ]);
});

test('adds total record count annotations', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts?$select=name&$count=true', {
        headers: {
            Prefer: 'odata.maxpagesize=3,odata.include-annotations="Microsoft.Dynamics.CRM.*"',
        },
    });
    const body = await readJsonAsync(response);

    expect(Object.keys(body).slice(0, 4)).toEqual([
        '@odata.context',
        '@odata.count',
        '@Microsoft.Dynamics.CRM.totalrecordcount',
        '@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded',
    ]);
    expect(body['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(10);
    expect(body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']).toBe(false);
    expect(response.headers.get('preference-applied')).toBe(
        'odata.include-annotations="Microsoft.Dynamics.CRM.*",odata.maxpagesize=3',
    );
});
