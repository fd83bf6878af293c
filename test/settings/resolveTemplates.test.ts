import {describeSchemaProblem} from '../../frontend/settings/schemaProblems';
import {resolveTemplates, type TemplateResolution} from '../../frontend/settings/resolveTemplates';
import {SYNC_TEMPLATES} from '../../frontend/settings/syncTemplates';
import type {FieldSchema} from '../../frontend/settings/tableSchema';
import type {TableMapping} from '../../frontend/sync/mapping';
import {
    ACCOUNTS_ID,
    ACCOUNTS_WITH_LINK_FIELDS,
    CONTACTS_FIELDS,
    CONTACTS_ID,
    createRelatedSchemas,
    OPPORTUNITIES_FIELDS,
    schema,
} from './relatedSchemas';
import {ACCOUNTS_FIELD_SCHEMAS} from './tableSchemas';

function getResolution(resolutions: readonly TemplateResolution[], tableName: string) {
    const resolution = resolutions.find(candidate => candidate.template.tableName === tableName);
    if (resolution === undefined) {
        throw new Error(`No resolution for ${tableName}.`);
    }
    return resolution;
}

function getMapping(resolutions: readonly TemplateResolution[], tableName: string): TableMapping {
    const resolution = getResolution(resolutions, tableName);
    if (resolution.kind !== 'ready') {
        throw new Error(`${tableName} is ${resolution.kind}, not ready.`);
    }
    return resolution.mapping;
}

function linkTargets(mapping: TableMapping): Array<[string, string | undefined]> {
    return mapping.fields
        .filter(({column}) => column.type === 'lookup')
        .map(({column, field}) => [column.logicalName, field.linkedTableId]);
}

function withoutField(fields: readonly FieldSchema[], id: string): FieldSchema[] {
    return fields.filter(field => field.id !== id);
}

describe('resolveTemplates', () => {
    test('maps all three tables', () => {
        const {mappings, resolutions} = resolveTemplates(SYNC_TEMPLATES, createRelatedSchemas());

        expect(mappings.map(mapping => mapping.table.name)).toEqual([
            'Accounts',
            'Contacts',
            'Opportunities',
        ]);
        expect(linkTargets(getMapping(resolutions, 'Accounts'))).toEqual([
            ['primarycontactid', 'tblContacts'],
        ]);
        expect(linkTargets(getMapping(resolutions, 'Contacts'))).toEqual([
            ['parentcustomerid', 'tblAccounts'],
        ]);
        expect(linkTargets(getMapping(resolutions, 'Opportunities'))).toEqual([
            ['customerid', 'tblAccounts'],
            ['parentaccountid', 'tblAccounts'],
            ['parentcontactid', 'tblContacts'],
        ]);
    });

    test('maps Accounts alone without links', () => {
        const tables = [schema('tblAccounts', 'Accounts', ACCOUNTS_FIELD_SCHEMAS)];

        const {mappings, resolutions} = resolveTemplates(SYNC_TEMPLATES, tables);

        expect(mappings).toHaveLength(1);
        expect(linkTargets(getMapping(resolutions, 'Accounts'))).toEqual([]);
        expect(getResolution(resolutions, 'Contacts').kind).toBe('tableMissing');
        expect(getResolution(resolutions, 'Opportunities').kind).toBe('tableMissing');
    });

    test('offers missing tables with found links', () => {
        const tables = [schema('tblAccounts', 'Accounts', ACCOUNTS_FIELD_SCHEMAS)];

        const opportunities = getResolution(
            resolveTemplates(SYNC_TEMPLATES, tables).resolutions,
            'Opportunities',
        );
        const linkFields = opportunities.template.columns
            .map(column => column.field)
            .filter(field => field.type === 'multipleRecordLinks');

        expect(linkFields.map(field => [field.name, field.linkedTableId])).toEqual([
            ['Potential Customer', ACCOUNTS_ID],
            ['Account', ACCOUNTS_ID],
        ]);
    });

    test('holds Contacts back without Accounts', () => {
        const tables = [schema('tblContacts', 'Contacts', CONTACTS_FIELDS)];

        const {mappings, resolutions} = resolveTemplates(SYNC_TEMPLATES, tables);
        const contacts = getResolution(resolutions, 'Contacts');

        expect(mappings).toEqual([]);
        expect(contacts.kind).toBe('waiting');
        expect(contacts.kind === 'waiting' ? contacts.reason : '').toBe(
            '"Contacts" needs the table "Accounts", because its links point at it. ' +
                'Create "Accounts" first.',
        );
    });

    test('reports a link to the wrong table', () => {
        const tables = createRelatedSchemas();
        tables[1] = schema(
            'tblContacts',
            'Contacts',
            CONTACTS_FIELDS.map(field =>
                field.id === 'fldCompany' ? {...field, linkedTableId: CONTACTS_ID} : field,
            ),
        );

        const contacts = getResolution(
            resolveTemplates(SYNC_TEMPLATES, tables).resolutions,
            'Contacts',
        );
        const problems = contacts.kind === 'schemaProblems' ? contacts.problems : [];

        expect(problems.map(problem => problem.kind)).toEqual(['linkedTableMismatch']);
        expect(problems.map(problem => describeSchemaProblem(problem, 'Contacts'))).toEqual([
            'Field "Company" in table "Contacts" links to another table, but the sync needs it ' +
                'to link to "Accounts". Change the linked table in Airtable, or rename the field ' +
                'so the extension can create a new one.',
        ]);
    });

    test('lists a missing link field with its table', () => {
        const tables = createRelatedSchemas();
        tables[0] = schema(
            'tblAccounts',
            'Accounts',
            withoutField(ACCOUNTS_WITH_LINK_FIELDS, 'fldPrimaryContact'),
        );

        const {resolutions} = resolveTemplates(SYNC_TEMPLATES, tables);
        const accounts = getResolution(resolutions, 'Accounts');
        const problems = accounts.kind === 'schemaProblems' ? accounts.problems : [];

        expect(problems.map(problem => [problem.kind, problem.field.linkedTableId])).toEqual([
            ['fieldMissing', CONTACTS_ID],
        ]);
        expect(getResolution(resolutions, 'Contacts').kind).toBe('waiting');
        expect(getResolution(resolutions, 'Opportunities').kind).toBe('waiting');
    });

    test('drops links to a table that cannot sync', () => {
        const tables = createRelatedSchemas();
        tables[1] = schema('tblContacts', 'Contacts', withoutField(CONTACTS_FIELDS, 'fldEmail'));

        const {mappings, resolutions} = resolveTemplates(SYNC_TEMPLATES, tables);

        expect(mappings.map(mapping => mapping.table.name)).toEqual(['Accounts', 'Opportunities']);
        expect(linkTargets(getMapping(resolutions, 'Accounts'))).toEqual([]);
        expect(linkTargets(getMapping(resolutions, 'Opportunities'))).toEqual([
            ['customerid', 'tblAccounts'],
            ['parentaccountid', 'tblAccounts'],
        ]);
    });

    test('finds tables ignoring case', () => {
        const tables = [
            schema('tblAccounts', 'accounts', ACCOUNTS_FIELD_SCHEMAS),
            schema('tblOpportunities', 'OPPORTUNITIES', OPPORTUNITIES_FIELDS),
        ];

        const {mappings} = resolveTemplates(SYNC_TEMPLATES, tables);

        expect(mappings.map(mapping => mapping.table.id)).toEqual([
            'tblAccounts',
            'tblOpportunities',
        ]);
    });
});
