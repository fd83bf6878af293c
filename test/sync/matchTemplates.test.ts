import {ACCOUNTS_TEMPLATE} from '../../frontend/settings/accountsTemplate';
import {CONTACTS_TEMPLATE} from '../../frontend/settings/contactsTemplate';
import {listTemplateFields, type MappingTemplate} from '../../frontend/settings/mappingTemplate';
import {OPPORTUNITIES_TEMPLATE} from '../../frontend/settings/opportunitiesTemplate';
import {
    resolveMapping,
    withFoundLinks,
    type LinkedTableIds,
} from '../../frontend/settings/resolveMapping';
import type {TableSchema} from '../../frontend/settings/tableSchema';
import {ACCOUNTS_TABLE_NAME, CONTACTS_TABLE_NAME} from '../../frontend/settings/templateTableNames';
import {airtableFieldId, airtableTableId} from '../../frontend/sync/ids';
import type {TableMapping} from '../../frontend/sync/mapping';

const TEMPLATES: ReadonlyArray<readonly [string, MappingTemplate]> = [
    ['Accounts', ACCOUNTS_TEMPLATE],
    ['Contacts', CONTACTS_TEMPLATE],
    ['Opportunities', OPPORTUNITIES_TEMPLATE],
];

const LINKED_TABLE_IDS: LinkedTableIds = new Map([
    [ACCOUNTS_TABLE_NAME, airtableTableId('tblAccounts')],
    [CONTACTS_TABLE_NAME, airtableTableId('tblContacts')],
]);

/** Builds the schema of a table with every field the template lists. */
function schemaFor(template: MappingTemplate, linkedTableIds: LinkedTableIds): TableSchema {
    const fields = listTemplateFields(withFoundLinks(template, linkedTableIds));
    return {
        id: airtableTableId('tblUnderTest'),
        name: template.tableName,
        fields: fields.map((field, index) => ({
            id: airtableFieldId(`fld${index}`),
            name: field.name,
            type: field.type,
            isPrimary: field.isPrimary === true,
            ...(field.precision === undefined ? {} : {precision: field.precision}),
            ...(field.linkedTableId === undefined ? {} : {linkedTableId: field.linkedTableId}),
        })),
    };
}

function resolve(template: MappingTemplate, linkedTableIds: LinkedTableIds): TableMapping {
    const resolution = resolveMapping(
        template,
        schemaFor(template, linkedTableIds),
        linkedTableIds,
    );
    if (!resolution.ok) {
        throw new Error(`Expected a mapping, got ${resolution.problems.length} problems.`);
    }
    return resolution.mapping;
}

describe('template match keys', () => {
    test('accounts match by number, then name', () => {
        expect(ACCOUNTS_TEMPLATE.matchKeys).toEqual([['accountnumber'], ['name']]);
    });

    test('contacts match by e-mail, then names', () => {
        expect(CONTACTS_TEMPLATE.matchKeys).toEqual([['emailaddress1'], ['firstname', 'lastname']]);
    });

    test('opportunities match by name and customer', () => {
        expect(OPPORTUNITIES_TEMPLATE.matchKeys).toEqual([['name', 'customerid']]);
    });

    test.each(TEMPLATES)('%s keys name template columns', (_name, template) => {
        const columns = new Set(template.columns.map(column => column.column.logicalName));

        const unknown = (template.matchKeys ?? []).flat().filter(name => !columns.has(name));

        expect(unknown).toEqual([]);
    });

    test.each(TEMPLATES)('%s mapping keeps its keys', (_name, template) => {
        const mapping = resolve(template, LINKED_TABLE_IDS);

        expect(mapping.matchKeys).toEqual(template.matchKeys);
    });

    test('drops keys with missing links', () => {
        const mapping = resolve(OPPORTUNITIES_TEMPLATE, new Map());

        expect(mapping.fields.some(field => field.column.logicalName === 'customerid')).toBe(false);
        expect(mapping.matchKeys).toBeUndefined();
    });
});
