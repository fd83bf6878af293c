import {ACCOUNTS_TEMPLATE} from '../../frontend/settings/accountsTemplate';
import {resolveMapping, type MappingResolution} from '../../frontend/settings/resolveMapping';
import {
    describeSchemaProblem,
    listMissingFields,
    type SchemaProblem,
} from '../../frontend/settings/schemaProblems';
import type {TableMapping} from '../../frontend/sync/mapping';
import {accountsSchema, replaceField, withoutField} from './tableSchemas';

function getMapping(resolution: MappingResolution): TableMapping {
    if (!resolution.ok) {
        throw new Error(`Expected a mapping, got ${resolution.problems.length} problems.`);
    }
    return resolution.mapping;
}

function getProblems(resolution: MappingResolution): readonly SchemaProblem[] {
    if (resolution.ok) {
        throw new Error('Expected problems, got a mapping.');
    }
    return resolution.problems;
}

describe('resolveMapping', () => {
    test('maps every default column', () => {
        const mapping = getMapping(resolveMapping(ACCOUNTS_TEMPLATE, accountsSchema()));

        expect(mapping.fields).toHaveLength(10);
        expect(mapping.table).toEqual({id: 'tblAccounts', name: 'Accounts'});
        expect(mapping.dynamicsIdFieldId).toBe('fldDynamicsId');
        expect(mapping.syncStateFieldId).toBe('fldSyncState');
        expect(mapping.entity.entitySetName).toBe('accounts');
    });

    test('pairs columns with field ids', () => {
        const mapping = getMapping(resolveMapping(ACCOUNTS_TEMPLATE, accountsSchema()));
        const pairs = mapping.fields.map(({column, field}) => [column.logicalName, field.id]);

        expect(pairs).toEqual([
            ['name', 'fldName'],
            ['accountnumber', 'fldAccountNumber'],
            ['telephone1', 'fldMainPhone'],
            ['emailaddress1', 'fldEmail'],
            ['websiteurl', 'fldWebsite'],
            ['address1_city', 'fldCity'],
            ['address1_country', 'fldCountry'],
            ['revenue', 'fldRevenue'],
            ['numberofemployees', 'fldEmployees'],
            ['description', 'fldDescription'],
        ]);
    });

    test('reads field precision', () => {
        const mapping = getMapping(resolveMapping(ACCOUNTS_TEMPLATE, accountsSchema()));
        const revenue = mapping.fields.find(({field}) => field.id === 'fldRevenue');

        expect(revenue?.field.precision).toBe(2);
        expect(revenue?.field.type).toBe('currency');
    });

    test('matches names ignoring case', () => {
        const schema = accountsSchema(replaceField('fldCity', {name: 'CITY'}));

        const mapping = getMapping(resolveMapping(ACCOUNTS_TEMPLATE, schema));

        expect(mapping.fields.some(({field}) => field.id === 'fldCity')).toBe(true);
    });

    test('uses a renamed primary field', () => {
        const schema = accountsSchema(replaceField('fldName', {name: 'Company'}));

        const mapping = getMapping(resolveMapping(ACCOUNTS_TEMPLATE, schema));

        expect(mapping.fields[0]?.field).toMatchObject({id: 'fldName', name: 'Company'});
    });

    test('accepts a text field for email', () => {
        const schema = accountsSchema(replaceField('fldEmail', {type: 'singleLineText'}));

        expect(resolveMapping(ACCOUNTS_TEMPLATE, schema).ok).toBe(true);
    });

    test('reports a missing mapped field', () => {
        const problems = getProblems(
            resolveMapping(ACCOUNTS_TEMPLATE, accountsSchema(withoutField('fldMainPhone'))),
        );

        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatchObject({kind: 'fieldMissing', field: {name: 'Main Phone'}});
    });

    test('reports missing bookkeeping fields', () => {
        const fields = withoutField('fldDynamicsId').filter(({id}) => id !== 'fldSyncState');

        const problems = getProblems(resolveMapping(ACCOUNTS_TEMPLATE, accountsSchema(fields)));

        expect(listMissingFields(problems).map(({name}) => name)).toEqual([
            'Dynamics ID',
            'Sync state',
        ]);
    });

    test('reports a mistyped number field', () => {
        const schema = accountsSchema(replaceField('fldEmployees', {type: 'singleLineText'}));

        const problems = getProblems(resolveMapping(ACCOUNTS_TEMPLATE, schema));

        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatchObject({
            kind: 'fieldTypeMismatch',
            actual: {id: 'fldEmployees'},
        });
        expect(listMissingFields(problems)).toEqual([]);
    });

    test('rejects rich text sync state', () => {
        const schema = accountsSchema(replaceField('fldSyncState', {type: 'richText'}));

        const problems = getProblems(resolveMapping(ACCOUNTS_TEMPLATE, schema));

        expect(problems[0]).toMatchObject({kind: 'fieldTypeMismatch', field: {name: 'Sync state'}});
    });

    test('rejects a formula phone field', () => {
        const schema = accountsSchema(replaceField('fldMainPhone', {type: 'formula'}));

        const problems = getProblems(resolveMapping(ACCOUNTS_TEMPLATE, schema));

        expect(problems[0]?.kind).toBe('fieldTypeMismatch');
    });

    test('accepts a formula sent to Dynamics', () => {
        const template = {
            ...ACCOUNTS_TEMPLATE,
            columns: ACCOUNTS_TEMPLATE.columns.map(column =>
                column.column.logicalName === 'telephone1'
                    ? {...column, direction: 'toDynamics' as const}
                    : column,
            ),
        };
        const schema = accountsSchema(replaceField('fldMainPhone', {type: 'formula'}));

        const mapping = getMapping(resolveMapping(template, schema));

        const phone = mapping.fields.find(field => field.column.logicalName === 'telephone1');
        expect(phone?.field.type).toBe('formula');
        expect(phone?.direction).toBe('toDynamics');
    });
});

describe('describeSchemaProblem', () => {
    test('names a missing field and its type', () => {
        const problems = getProblems(
            resolveMapping(ACCOUNTS_TEMPLATE, accountsSchema(withoutField('fldMainPhone'))),
        );

        expect(describeSchemaProblem(problems[0]!, 'Accounts')).toBe(
            'Table "Accounts" has no field named "Main Phone". ' +
                'The sync needs it as a phone number field.',
        );
    });

    test('names the wrong and expected types', () => {
        const schema = accountsSchema(replaceField('fldEmployees', {type: 'singleLineText'}));
        const problems = getProblems(resolveMapping(ACCOUNTS_TEMPLATE, schema));

        expect(describeSchemaProblem(problems[0]!, 'Accounts')).toBe(
            'Field "Employees" in table "Accounts" is a single line text field, but the sync ' +
                'needs a number, currency or percent field. Change its type in Airtable, or ' +
                'rename it so the extension can create a new field.',
        );
    });
});
