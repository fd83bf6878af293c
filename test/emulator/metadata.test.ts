/**
 * Metadata: `EntityDefinitions(LogicalName='account')` as a bare object, its `Attributes` with
 * `$select` and `$filter`, and typed casts for MaxLength, ranges and precision.
 */
import {
    callApiAsync,
    encodeQuery,
    readErrorAsync,
    readJsonAsync,
    readRowsAsync,
    useEmulator,
} from './helpers';

const getEmulator = useEmulator();
const ACCOUNT = "EntityDefinitions(LogicalName='account')";

test('entity definition is a bare object', async () => {
    const response = await callApiAsync(
        getEmulator(),
        `${ACCOUNT}?$select=LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute`,
    );
    const body = await readJsonAsync(response);

    expect(response.status).toBe(200);
    expect(body).not.toHaveProperty('value');
    expect(body['@odata.context']).toBe(
        `${getEmulator().url}/api/data/v9.2/$metadata#EntityDefinitions(LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute)/$entity`,
    );
    expect(body['EntitySetName']).toBe('accounts');
    expect(body['PrimaryIdAttribute']).toBe('accountid');
    expect(body['PrimaryNameAttribute']).toBe('name');
    expect(body['MetadataId']).toMatch(/^[0-9a-f-]{36}$/);
});

test('entity definition carries display labels', async () => {
    const body = await readJsonAsync(
        await callApiAsync(getEmulator(), `${ACCOUNT}?$select=DisplayName`),
    );

    expect(body).toHaveProperty('DisplayName.UserLocalizedLabel.Label', 'Account');
    expect(body).toHaveProperty('DisplayName.LocalizedLabels.0.LanguageCode', 1033);
});

test('attributes list the common properties', async () => {
    const query = encodeQuery({
        $select:
            'LogicalName,AttributeType,DisplayName,IsValidForCreate,IsValidForUpdate,RequiredLevel',
        $filter: "LogicalName eq 'name'",
    });
    const response = await callApiAsync(getEmulator(), `${ACCOUNT}/Attributes?${query}`);
    const body = await readJsonAsync(response);
    const [name] = body['value'] as Record<string, unknown>[];

    expect(body['@odata.context']).toBe(
        `${getEmulator().url}/api/data/v9.2/$metadata#EntityDefinitions('account')/Attributes(LogicalName,AttributeType,DisplayName,IsValidForCreate,IsValidForUpdate,RequiredLevel)`,
    );
    expect(name?.['@odata.type']).toBe('#Microsoft.Dynamics.CRM.StringAttributeMetadata');
    expect(name?.['AttributeType']).toBe('String');
    expect(name?.['IsValidForCreate']).toBe(true);
    expect(name).toHaveProperty('RequiredLevel.Value', 'ApplicationRequired');
    expect(name).toHaveProperty('DisplayName.UserLocalizedLabel.Label', 'Account Name');
    expect(name?.['MetadataId']).toMatch(/^[0-9a-f-]{36}$/);
});

test('attributes flag read-only columns', async () => {
    const query = encodeQuery({$select: 'LogicalName', $filter: 'IsValidForCreate eq false'});
    const rows = await readRowsAsync(
        await callApiAsync(getEmulator(), `${ACCOUNT}/Attributes?${query}`),
    );
    const names = rows.map(row => row['LogicalName']);

    expect(names).toContain('statecode');
    expect(names).toContain('createdon');
    expect(names).toContain('address1_composite');
    expect(names).not.toContain('name');
});

test('attributes filter by enum type', async () => {
    const query = encodeQuery({
        $select: 'LogicalName',
        $filter: "AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Money'",
    });
    const rows = await readRowsAsync(
        await callApiAsync(getEmulator(), `${ACCOUNT}/Attributes?${query}`),
    );

    expect(rows.map(row => row['LogicalName'])).toEqual(['revenue', 'revenue_base']);
});

test('string cast returns MaxLength', async () => {
    const rows = await readRowsAsync(
        await callApiAsync(
            getEmulator(),
            `${ACCOUNT}/Attributes/Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=LogicalName,MaxLength,FormatName`,
        ),
    );
    const byName = new Map(rows.map(row => [row['LogicalName'], row]));

    expect(byName.get('name')?.['MaxLength']).toBe(160);
    expect(byName.get('telephone1')?.['MaxLength']).toBe(50);
    expect(byName.get('emailaddress1')).toHaveProperty('FormatName.Value', 'Email');
    expect(byName.get('name')).not.toHaveProperty(['@odata.type']);
    expect(byName.has('revenue')).toBe(false);
});

test('money cast returns range and precision', async () => {
    const rows = await readRowsAsync(
        await callApiAsync(
            getEmulator(),
            `${ACCOUNT}/Attributes/Microsoft.Dynamics.CRM.MoneyAttributeMetadata?$select=LogicalName,MinValue,MaxValue,Precision`,
        ),
    );
    const revenue = rows.find(row => row['LogicalName'] === 'revenue');

    expect(revenue?.['MinValue']).toBe(0);
    expect(revenue?.['MaxValue']).toBe(100000000000000);
    expect(revenue?.['Precision']).toBe(2);
});

test('single attribute under a cast', async () => {
    const response = await callApiAsync(
        getEmulator(),
        `${ACCOUNT}/Attributes(LogicalName='numberofemployees')/Microsoft.Dynamics.CRM.IntegerAttributeMetadata?$select=MinValue,MaxValue`,
    );
    const body = await readJsonAsync(response);

    expect(response.status).toBe(200);
    expect(body['MinValue']).toBe(0);
    expect(body['MaxValue']).toBe(1000000000);
});

test('rejects a typed property without a cast', async () => {
    const response = await callApiAsync(
        getEmulator(),
        `${ACCOUNT}/Attributes?$select=LogicalName,MaxLength`,
    );
    const error = await readErrorAsync(response);

    expect(response.status).toBe(400);
    expect(error.message).toBe(
        "Could not find a property named 'MaxLength' on type 'Microsoft.Dynamics.CRM.AttributeMetadata'.",
    );
});

test('returns 404 for an unknown table', async () => {
    const response = await callApiAsync(
        getEmulator(),
        "EntityDefinitions(LogicalName='nosuchtable')",
    );

    expect(response.status).toBe(404);
    expect((await readErrorAsync(response)).code).toBe('0x80040217');
});

test('lists entity definitions with a filter', async () => {
    const query = encodeQuery({$select: 'LogicalName', $filter: "EntitySetName eq 'accounts'"});
    const rows = await readRowsAsync(
        await callApiAsync(getEmulator(), `EntityDefinitions?${query}`),
    );

    expect(rows.map(row => row['LogicalName'])).toEqual(['account']);
});

describe('relationship metadata', () => {
    test('one-to-many lists cascade rules', async () => {
        const query = encodeQuery({
            $select: 'SchemaName,ReferencingEntity,ReferencingAttribute,CascadeConfiguration',
        });
        const response = await callApiAsync(
            getEmulator(),
            `${ACCOUNT}/OneToManyRelationships?${query}`,
        );
        const body = await readJsonAsync(response);
        const rows = body['value'] as Record<string, unknown>[];
        const bySchemaName = new Map(rows.map(row => [row['SchemaName'], row]));

        expect(response.status).toBe(200);
        expect(body['@odata.context']).toBe(
            `${getEmulator().url}/api/data/v9.2/$metadata#EntityDefinitions('account')/OneToManyRelationships(SchemaName,ReferencingEntity,ReferencingAttribute,CascadeConfiguration)`,
        );
        expect(bySchemaName.get('contact_customer_accounts')).toHaveProperty(
            'CascadeConfiguration.Delete',
            'Cascade',
        );
        expect(bySchemaName.get('contact_customer_accounts')?.['ReferencingAttribute']).toBe(
            'parentcustomerid',
        );
        expect(bySchemaName.get('opportunity_customer_accounts')).toHaveProperty(
            'CascadeConfiguration.Delete',
            'Cascade',
        );
        expect(bySchemaName.get('opportunity_parent_account')).toHaveProperty(
            'CascadeConfiguration.Delete',
            'RemoveLink',
        );
        expect(bySchemaName.get('account_parent_account')).toHaveProperty(
            'CascadeConfiguration.Delete',
            'RemoveLink',
        );
    });

    test('many-to-one lists bind names', async () => {
        const query = encodeQuery({
            $select:
                'ReferencedEntity,ReferencingAttribute,ReferencingEntityNavigationPropertyName',
            $filter: "ReferencingAttribute eq 'parentcustomerid'",
        });
        const rows = await readRowsAsync(
            await callApiAsync(
                getEmulator(),
                `EntityDefinitions(LogicalName='contact')/ManyToOneRelationships?${query}`,
            ),
        );
        const bindNames = rows.map(row => row['ReferencingEntityNavigationPropertyName']).sort();

        expect(bindNames).toEqual(['parentcustomerid_account', 'parentcustomerid_contact']);
    });

    test('rejects an unknown relationship property', async () => {
        const response = await callApiAsync(
            getEmulator(),
            `${ACCOUNT}/OneToManyRelationships?$select=Nope`,
        );

        expect(response.status).toBe(400);
    });
});

describe('option sets', () => {
    test('picklist option set lists labels', async () => {
        const response = await callApiAsync(
            getEmulator(),
            `${ACCOUNT}/Attributes(LogicalName='industrycode')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata/OptionSet?$select=Options`,
        );
        const body = await readJsonAsync(response);
        const options = body['Options'] as Record<string, unknown>[];

        expect(response.status).toBe(200);
        expect(body['@odata.context']).toBe(
            `${getEmulator().url}/api/data/v9.2/$metadata#EntityDefinitions('account')/Attributes(LogicalName='industrycode')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata/OptionSet(Options)/$entity`,
        );
        expect(options).toHaveLength(33);
        expect(options[0]?.['Value']).toBe(1);
        expect(options[0]).toHaveProperty('Label.UserLocalizedLabel.Label', 'Accounting');
        expect(options[6]).toHaveProperty('Label.UserLocalizedLabel.Label', 'Consulting');
    });

    test('status options name their state', async () => {
        const body = await readJsonAsync(
            await callApiAsync(
                getEmulator(),
                "EntityDefinitions(LogicalName='opportunity')/Attributes(LogicalName='statuscode')/Microsoft.Dynamics.CRM.StatusAttributeMetadata/OptionSet",
            ),
        );
        const options = body['Options'] as Record<string, unknown>[];

        expect(options.map(option => [option['Value'], option['State']])).toEqual([
            [1, 0],
            [2, 0],
            [3, 1],
            [4, 2],
            [5, 2],
        ]);
    });

    test('expands option sets under a cast', async () => {
        const query = encodeQuery({$select: 'LogicalName', $expand: 'OptionSet($select=Options)'});
        const rows = await readRowsAsync(
            await callApiAsync(
                getEmulator(),
                `${ACCOUNT}/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?${query}`,
            ),
        );
        const industry = rows.find(row => row['LogicalName'] === 'industrycode');

        expect(industry).toHaveProperty('OptionSet.Options.0.Value', 1);
        expect(industry?.['OptionSet']).not.toHaveProperty('Name');
    });

    test('rejects an option set on a text column', async () => {
        const response = await callApiAsync(
            getEmulator(),
            `${ACCOUNT}/Attributes(LogicalName='name')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata/OptionSet`,
        );

        expect(response.status).toBe(404);
    });
});
