/**
 * Collection queries: `$select`, `$filter`, `$orderby`, `$top`, `$count` and the 400 errors for
 * unsupported options and bad syntax, as the Dataverse Web API returns them.
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

async function namesAsync(query: Record<string, string>): Promise<string[]> {
    const response = await callApiAsync(
        getEmulator(),
        `accounts?${encodeQuery({$select: 'name', ...query})}`,
    );
    expect(response.status).toBe(200);
    const rows = await readRowsAsync(response);
    return rows.map(row => String(row['name']));
}

async function queryErrorAsync(
    query: string,
): Promise<{status: number; code: string; message: string}> {
    const response = await callApiAsync(getEmulator(), `accounts?${query}`);
    return {status: response.status, ...(await readErrorAsync(response))};
}

describe('collection select', () => {
    test('returns selected columns, etag and key', async () => {
        const response = await callApiAsync(
            getEmulator(),
            'accounts?$select=name,telephone1&$top=1',
        );
        const body = await readJsonAsync(response);
        const [row] = (body['value'] as Record<string, unknown>[]) ?? [];

        expect(response.headers.get('content-type')).toBe(
            'application/json; odata.metadata=minimal',
        );
        expect(response.headers.get('odata-version')).toBe('4.0');
        expect(body['@odata.context']).toBe(
            `${getEmulator().url}/api/data/v9.2/$metadata#accounts(name,telephone1)`,
        );
        expect(Object.keys(row ?? {})).toEqual(['@odata.etag', 'name', 'telephone1', 'accountid']);
        expect(row?.['@odata.etag']).toMatch(/^W\/"\d+"$/);
    });

    test('returns every column without select', async () => {
        const rows = await readRowsAsync(await callApiAsync(getEmulator(), 'accounts?$top=1'));
        const row = rows[0] ?? {};

        expect(row['@odata.etag']).toBeDefined();
        expect(row).toHaveProperty('emailaddress1');
        expect(row).toHaveProperty('_ownerid_value');
        expect(row).toHaveProperty('statecode', 0);
        expect(row).toHaveProperty('versionnumber');
    });

    test('rejects an unknown selected column', async () => {
        const error = await queryErrorAsync('$select=name,nosuchcolumn');

        expect(error.status).toBe(400);
        expect(error.code).toBe('0x80060888');
        expect(error.message).toBe(
            "Could not find a property named 'nosuchcolumn' on type 'Microsoft.Dynamics.CRM.account'.",
        );
    });

    test('rejects selecting a lookup by its column name', async () => {
        const error = await queryErrorAsync('$select=parentaccountid');

        expect(error.status).toBe(400);
        expect(error.message).toContain("'parentaccountid'");
    });
});

describe('collection filter', () => {
    test('compares strings case-insensitively', async () => {
        expect(await namesAsync({$filter: "name eq 'fourth coffee (SAMPLE)'"})).toEqual([
            'Fourth Coffee (sample)',
        ]);
    });

    test('supports ne, gt, ge, lt and le on numbers', async () => {
        expect(await namesAsync({$filter: 'numberofemployees lt 100'})).toEqual([
            'Coho Winery (sample)',
        ]);
        expect(await namesAsync({$filter: 'numberofemployees le 85'})).toEqual([
            'Coho Winery (sample)',
        ]);
        expect(await namesAsync({$filter: 'numberofemployees gt 6000', $orderby: 'name'})).toEqual([
            'A. Datum Corporation (sample)',
            'City Power & Light (sample)',
        ]);
        expect(await namesAsync({$filter: 'numberofemployees ge 6200', $orderby: 'name'})).toEqual([
            'A. Datum Corporation (sample)',
            'City Power & Light (sample)',
        ]);
        expect(await namesAsync({$filter: "address1_city ne 'Redmond'"})).toHaveLength(7);
    });

    test('combines and, or, not and parentheses', async () => {
        const names = await namesAsync({
            $filter:
                "(address1_city eq 'Redmond' or address1_city eq 'Dallas') and not (revenue gt 50000)",
            $orderby: 'name',
        });
        expect(names).toEqual(['A. Datum Corporation (sample)', 'Litware, Inc. (sample)']);
    });

    test('matches contains, startswith and endswith', async () => {
        expect(await namesAsync({$filter: "contains(name,'winery')"})).toEqual([
            'Coho Winery (sample)',
        ]);
        expect(await namesAsync({$filter: "startswith(name,'Alpine')"})).toEqual([
            'Alpine Ski House (sample)',
        ]);
        expect(await namesAsync({$filter: "endswith(accountnumber,'0010')"})).toEqual([
            'Litware, Inc. (sample)',
        ]);
    });

    test('treats percent as a like wildcard', async () => {
        expect(await namesAsync({$filter: "startswith(name,'Blue%Airlines')"})).toEqual([
            'Blue Yonder Airlines (sample)',
        ]);
    });

    test('unescapes doubled single quotes', async () => {
        const emulator = getEmulator();
        const row = emulator.store.insert('account', {name: "O'Brien Outfitters"});
        try {
            expect(await namesAsync({$filter: "name eq 'O''Brien Outfitters'"})).toEqual([
                "O'Brien Outfitters",
            ]);
        } finally {
            emulator.store.remove('account', String(row['accountid']));
        }
    });

    test('compares null with eq and ne', async () => {
        const emulator = getEmulator();
        const row = emulator.store.insert('account', {name: 'No Phone Ltd'});
        try {
            expect(await namesAsync({$filter: 'telephone1 eq null'})).toEqual(['No Phone Ltd']);
            expect(await namesAsync({$filter: 'telephone1 ne null'})).toHaveLength(10);
        } finally {
            emulator.store.remove('account', String(row['accountid']));
        }
    });

    test('matches unquoted guid literals', async () => {
        expect(
            await namesAsync({$filter: 'accountid eq A1D4E2B0-5C1F-4E0A-9B7D-000000000009'}),
        ).toEqual(['Fourth Coffee (sample)']);
    });

    test('compares date-times', async () => {
        expect(await namesAsync({$filter: 'createdon gt 2000-01-01T00:00:00Z'})).toHaveLength(10);
        expect(await namesAsync({$filter: 'createdon lt 2000-01-01'})).toHaveLength(0);
    });

    test('rejects a quoted guid', async () => {
        const error = await queryErrorAsync(
            encodeQuery({$filter: "accountid eq 'a1d4e2b0-5c1f-4e0a-9b7d-000000000009'"}),
        );

        expect(error.status).toBe(400);
        expect(error.message).toBe(
            "A binary operator with incompatible types was detected. Found operand types 'Edm.Guid' and 'Edm.String' for operator kind 'Equal'.",
        );
    });

    test('rejects an unterminated literal', async () => {
        const error = await queryErrorAsync(encodeQuery({$filter: "name eq 'O'Brien'"}));

        expect(error.status).toBe(400);
        expect(error.code).toBe('0x80060888');
        expect(error.message).toBe(
            "There is an unterminated literal at position 17 in 'name eq 'O'Brien''.",
        );
    });

    test('rejects incomplete syntax', async () => {
        const error = await queryErrorAsync(encodeQuery({$filter: 'name eq'}));

        expect(error.status).toBe(400);
        expect(error.message).toBe("Syntax error at position 7 in 'name eq'.");
    });

    test('rejects an unknown filter column', async () => {
        const error = await queryErrorAsync(encodeQuery({$filter: "nosuch eq 'x'"}));

        expect(error.status).toBe(400);
        expect(error.message).toBe(
            "Could not find a property named 'nosuch' on type 'Microsoft.Dynamics.CRM.account'.",
        );
    });
});

describe('collection order and limits', () => {
    test('orders by several keys', async () => {
        const names = await namesAsync({
            $orderby: 'address1_city desc,name asc',
            $filter: "address1_city eq 'Redmond' or address1_city eq 'Santa Cruz'",
        });

        expect(names).toEqual([
            'Adventure Works (sample)',
            'A. Datum Corporation (sample)',
            'City Power & Light (sample)',
            'Contoso Pharmaceuticals (sample)',
        ]);
    });

    test('limits rows with top', async () => {
        expect(await namesAsync({$top: '3', $orderby: 'name'})).toEqual([
            'A. Datum Corporation (sample)',
            'Adventure Works (sample)',
            'Alpine Ski House (sample)',
        ]);
    });

    test('counts all matches with count', async () => {
        const response = await callApiAsync(
            getEmulator(),
            `accounts?${encodeQuery({$select: 'name', $count: 'true', $top: '2'})}`,
        );
        const body = await readJsonAsync(response);

        expect(body['@odata.count']).toBe(10);
        expect(body['value']).toHaveLength(2);
        expect(Object.keys(body)).toEqual(['@odata.context', '@odata.count', 'value']);
    });

    test('returns a plain-text count', async () => {
        const response = await callApiAsync(getEmulator(), 'accounts/$count');

        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('text/plain');
        expect(await response.text()).toBe('10');
    });

    test('rejects skip as unsupported', async () => {
        const error = await queryErrorAsync('$skip=5');

        expect(error.status).toBe(400);
        expect(error.code).toBe('0x80060888');
        expect(error.message).toContain('$skip');
    });

    test('rejects a negative top', async () => {
        const error = await queryErrorAsync('$top=-1');

        expect(error.status).toBe(400);
        expect(error.message).toContain("Invalid value '-1' for $top query option");
    });
});

describe('parameter aliases and functions', () => {
    test('filter reads a parameter alias', async () => {
        const response = await callApiAsync(
            getEmulator(),
            `accounts?$select=name&$filter=name eq @p1&@p1=${encodeURIComponent("'Coho Winery (sample)'")}`,
        );
        const rows = await readRowsAsync(response);

        expect(rows.map(row => row['name'])).toEqual(['Coho Winery (sample)']);
    });

    test('rejects a missing parameter alias', async () => {
        const error = await queryErrorAsync('$select=name&$filter=name eq @p2');

        expect(error.status).toBe(400);
        expect(error.message).toContain("'@p2'");
    });

    test('RetrieveTotalRecordCount counts tables', async () => {
        const query = `@p1=${encodeURIComponent('["account","contact","opportunity"]')}`;
        const response = await callApiAsync(
            getEmulator(),
            `RetrieveTotalRecordCount(EntityNames=@p1)?${query}`,
        );
        const body = await readJsonAsync(response);

        expect(response.status).toBe(200);
        expect(body['@odata.context']).toBe(
            `${getEmulator().url}/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.RetrieveTotalRecordCountResponse`,
        );
        expect(body['EntityRecordCountCollection']).toEqual({
            Count: 3,
            IsReadOnly: false,
            Keys: ['account', 'contact', 'opportunity'],
            Values: [10, 10, 8],
        });
    });
});

describe('query functions', () => {
    test('In matches listed values', async () => {
        const filter =
            "Microsoft.Dynamics.CRM.In(PropertyName='accountnumber',PropertyValues=['CWI-0006','LIT-0010'])";
        expect(await namesAsync({$filter: filter, $orderby: 'name'})).toEqual([
            'Coho Winery (sample)',
            'Litware, Inc. (sample)',
        ]);
    });

    test('In reads GUIDs in double quotes', async () => {
        const filter = `Microsoft.Dynamics.CRM.In(PropertyName='accountid',PropertyValues=["${SAMPLE_IDS.fourthCoffee.toUpperCase()}"])`;
        expect(await namesAsync({$filter: filter})).toEqual(['Fourth Coffee (sample)']);
    });

    test('NotIn excludes listed values', async () => {
        const filter =
            "Microsoft.Dynamics.CRM.NotIn(PropertyName='address1_city',PropertyValues=['Redmond'])";
        expect(await namesAsync({$filter: filter})).toHaveLength(7);
    });

    test('Between includes both bounds', async () => {
        const filter =
            "Microsoft.Dynamics.CRM.Between(PropertyName='numberofemployees',PropertyValues=['85','120'])";
        expect(await namesAsync({$filter: filter, $orderby: 'name'})).toEqual([
            'Coho Winery (sample)',
            'Fourth Coffee (sample)',
        ]);
    });

    test('rejects negating a query function', async () => {
        const error = await queryErrorAsync(
            encodeQuery({
                $filter: "not Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=['x'])",
            }),
        );

        expect(error.status).toBe(400);
    });

    test('rejects an unsupported query function', async () => {
        const error = await queryErrorAsync(
            encodeQuery({
                $filter:
                    "Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)",
            }),
        );

        expect(error.status).toBe(400);
        expect(error.message).toContain('LastXDays');
    });
});
