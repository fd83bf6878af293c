import type {MappingProblemCode} from '../../../frontend/settings/mapping/mappingProblems';
import {checkCanSyncTable} from '../../../frontend/settings/mapping/mappingProblems';
import {migrateFromTemplates} from '../../../frontend/settings/mapping/migrateTemplates';
import type {
    StoredFieldMapping,
    StoredMapping,
    StoredTableMapping,
} from '../../../frontend/settings/mapping/storedMapping';
import {
    validateMapping,
    type LiveColumns,
} from '../../../frontend/settings/mapping/validateMapping';
import {SYNC_TEMPLATES} from '../../../frontend/settings/syncTemplates';
import type {FieldSchema, TableSchema} from '../../../frontend/settings/tableSchema';
import {airtableFieldId, logicalName} from '../../../frontend/sync/ids';
import type {ColumnSpec} from '../../../frontend/sync/mapping';
import {createRelatedSchemas} from '../relatedSchemas';

const TABLES = createRelatedSchemas();
const SAMPLE = migrateFromTemplates(SYNC_TEMPLATES, TABLES);

type Change = (entry: StoredTableMapping) => StoredTableMapping;

/** Changes the entry of the Dynamics table, leaving the others as migrated. */
function changeEntry(name: string, change: Change, mapping: StoredMapping = SAMPLE): StoredMapping {
    return {
        ...mapping,
        tables: mapping.tables.map(entry =>
            entry.entity.logicalName === name ? change(entry) : entry,
        ),
    };
}

function changeField(
    column: string,
    change: (field: StoredFieldMapping) => StoredFieldMapping,
): Change {
    return entry => ({
        ...entry,
        fields: entry.fields.map(field =>
            field.column.logicalName === column ? change(field) : field,
        ),
    });
}

function changeSchema(
    tableId: string,
    change: (fields: readonly FieldSchema[]) => FieldSchema[],
): TableSchema[] {
    return TABLES.map(table =>
        table.id === tableId ? {...table, fields: change(table.fields)} : table,
    );
}

function codesOf(mapping: StoredMapping, tables = TABLES, live?: LiveColumns) {
    return validateMapping(mapping, tables, live).map(problem => problem.code);
}

function accountColumns(): ColumnSpec[] {
    return SAMPLE.tables[0]?.fields.map(field => field.column) ?? [];
}

describe('validateMapping', () => {
    test('accepts the sample mapping', () => {
        expect(validateMapping(SAMPLE, TABLES)).toEqual([]);
    });

    test.each<[string, StoredMapping, TableSchema[], MappingProblemCode]>([
        [
            'a deleted table',
            SAMPLE,
            TABLES.filter(table => table.name !== 'Opportunities'),
            'airtableTableDeleted',
        ],
        [
            'an unchosen table',
            changeEntry('opportunity', entry => ({...entry, airtableTableId: null})),
            TABLES,
            'airtableTableNotChosen',
        ],
        [
            'a deleted field',
            SAMPLE,
            changeSchema('tblAccounts', fields => fields.filter(f => f.id !== 'fldEmail')),
            'airtableFieldDeleted',
        ],
        [
            'a retyped field',
            SAMPLE,
            changeSchema('tblAccounts', fields =>
                fields.map(f => (f.id === 'fldEmployees' ? {...f, type: 'checkbox'} : f)),
            ),
            'airtableFieldIncompatible',
        ],
        [
            'a computed field sent to Airtable',
            SAMPLE,
            changeSchema('tblAccounts', fields =>
                fields.map(f => (f.id === 'fldCity' ? {...f, type: 'formula'} : f)),
            ),
            'directionNotAllowed',
        ],
        [
            'a read-only column sent to Dynamics',
            changeEntry(
                'contact',
                changeField('fullname', field => ({...field, direction: 'both'})),
            ),
            TABLES,
            'directionNotAllowed',
        ],
        [
            'a column mapped twice',
            changeEntry('account', entry => ({
                ...entry,
                fields: [
                    ...entry.fields,
                    {...entry.fields[0]!, airtableFieldId: airtableFieldId('fldDescription')},
                ],
            })),
            TABLES,
            'columnMappedTwice',
        ],
        [
            'a lookup to an unmapped table',
            changeEntry('contact', entry => ({...entry, isEnabled: false})),
            TABLES,
            'lookupTargetUnmapped',
        ],
        [
            'a bookkeeping field retyped',
            SAMPLE,
            changeSchema('tblAccounts', fields =>
                fields.map(f => (f.id === 'fldSyncState' ? {...f, type: 'richText'} : f)),
            ),
            'bookkeepingFieldIncompatible',
        ],
        [
            'a missing bookkeeping field',
            SAMPLE,
            changeSchema('tblAccounts', fields => fields.filter(f => f.id !== 'fldDynamicsId')),
            'bookkeepingFieldMissing',
        ],
        [
            'one Dynamics table twice',
            {...SAMPLE, tables: [...SAMPLE.tables, SAMPLE.tables[0]!]},
            TABLES,
            'entityMappedTwice',
        ],
    ])('reports %s', (_, mapping, tables, code) => {
        expect(codesOf(mapping, tables)).toContain(code);
    });

    test('reports two columns into one field', () => {
        const mapping = changeEntry(
            'account',
            changeField('address1_country', field => ({
                ...field,
                airtableFieldId: airtableFieldId('fldCity'),
            })),
        );

        const problems = validateMapping(mapping, TABLES);

        expect(problems.map(problem => problem.code)).toEqual(['fieldMappedTwice']);
        expect(problems[0]?.airtableFieldId).toBe('fldCity');
    });

    test('accepts two columns read from one field', () => {
        const mapping = changeEntry(
            'account',
            changeField('address1_country', field => ({
                ...field,
                airtableFieldId: airtableFieldId('fldCity'),
                direction: 'toDynamics',
            })),
        );

        expect(codesOf(mapping)).toEqual([]);
    });

    test('attaches problems to the field', () => {
        const tables = changeSchema('tblAccounts', fields =>
            fields.map(f => (f.id === 'fldEmployees' ? {...f, type: 'checkbox'} : f)),
        );

        const [problem] = validateMapping(SAMPLE, tables);

        expect(problem?.entityLogicalName).toBe('account');
        expect(problem?.airtableFieldId).toBe('fldEmployees');
        expect(problem?.columnLogicalName).toBe('numberofemployees');
        expect(problem?.message).toBe(
            'Field "Employees" in table "Accounts" is a checkbox field, which can\'t hold the ' +
                "Dynamics column 'Number of Employees' (numberofemployees). Change it to a " +
                'number, currency or percent field, or map the column to another field.',
        );
    });

    test('reports columns gone from Dynamics', () => {
        const live: LiveColumns = new Map([
            [
                logicalName('account'),
                accountColumns().filter(column => column.logicalName !== 'websiteurl'),
            ],
        ]);

        const problems = validateMapping(SAMPLE, TABLES, live);

        expect(problems.map(problem => problem.code)).toEqual(['columnNotInDynamics']);
        expect(problems[0]?.columnLogicalName).toBe('websiteurl');
    });

    test('warns about unmapped required columns', () => {
        const required: ColumnSpec = {
            logicalName: logicalName('customertypecode'),
            displayName: 'Relationship Type',
            type: 'picklist',
            isValidForCreate: true,
            isValidForUpdate: true,
            isRequired: true,
        };
        const live: LiveColumns = new Map([
            [logicalName('account'), [...accountColumns(), required]],
        ]);

        const problems = validateMapping(SAMPLE, TABLES, live);

        expect(problems.map(problem => problem.code)).toEqual(['requiredColumnUnmapped']);
        expect(problems[0]?.severity).toBe('warning');
        expect(checkCanSyncTable(problems, logicalName('account'))).toEqual({ok: true});
    });

    test('disables a table with errors', () => {
        const tables = changeSchema('tblAccounts', fields =>
            fields.filter(f => f.id !== 'fldEmail'),
        );

        const check = checkCanSyncTable(validateMapping(SAMPLE, tables), logicalName('account'));

        expect(check.ok).toBe(false);
        expect(check.ok ? '' : check.reason).toMatch(/was deleted from "Accounts"/);
    });

    test('skips tables turned off', () => {
        const mapping = changeEntry('opportunity', entry => ({...entry, isEnabled: false}));

        expect(
            codesOf(
                mapping,
                TABLES.filter(table => table.name !== 'Opportunities'),
            ),
        ).toEqual([]);
    });
});
