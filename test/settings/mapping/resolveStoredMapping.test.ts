import {migrateFromTemplates} from '../../../frontend/settings/mapping/migrateTemplates';
import {
    resolveStoredMapping,
    type StoredTableResolution,
} from '../../../frontend/settings/mapping/resolveStoredMapping';
import type {StoredMapping} from '../../../frontend/settings/mapping/storedMapping';
import {resolveTemplates} from '../../../frontend/settings/resolveTemplates';
import {SYNC_TEMPLATES} from '../../../frontend/settings/syncTemplates';
import type {FieldSchema, TableSchema} from '../../../frontend/settings/tableSchema';
import {logicalName} from '../../../frontend/sync/ids';
import {
    ACCOUNTS_WITH_LINK_FIELDS,
    CONTACTS_FIELDS,
    createRelatedSchemas,
    schema,
} from '../relatedSchemas';

function migrate(tables: readonly TableSchema[]): StoredMapping {
    return migrateFromTemplates(SYNC_TEMPLATES, tables);
}

function getResolution(
    resolutions: readonly StoredTableResolution[],
    name: string,
): StoredTableResolution {
    const resolution = resolutions.find(
        candidate => candidate.entry.entity.logicalName === logicalName(name),
    );
    if (resolution === undefined) {
        throw new Error(`No resolution for ${name}.`);
    }
    return resolution;
}

function without(fields: readonly FieldSchema[], id: string): FieldSchema[] {
    return fields.filter(field => field.id !== id);
}

function replace(fields: readonly FieldSchema[], id: string, change: Partial<FieldSchema>) {
    return fields.map(field => (field.id === id ? {...field, ...change} : field));
}

describe('resolveStoredMapping', () => {
    test('matches the template resolution', () => {
        const tables = createRelatedSchemas();

        const stored = resolveStoredMapping(migrate(tables), tables);

        expect(stored.mappings).toEqual(resolveTemplates(SYNC_TEMPLATES, tables).mappings);
    });

    test('keeps ids after a rename', () => {
        const tables = createRelatedSchemas();
        const mapping = migrate(tables);
        const renamed = tables.map(table =>
            table.name === 'Accounts'
                ? {
                      ...table,
                      name: 'Customers',
                      fields: replace(table.fields, 'fldCity', {name: 'Town'}),
                  }
                : table,
        );

        const {mappings} = resolveStoredMapping(mapping, renamed);

        const accounts = mappings.find(candidate => candidate.table.name === 'Customers');
        const city = accounts?.fields.find(field => field.column.logicalName === 'address1_city');
        expect(city?.field.name).toBe('Town');
        expect(mappings).toHaveLength(3);
    });

    test('blocks a table with a deleted field', () => {
        const tables = createRelatedSchemas();
        const mapping = migrate(tables);
        const changed = [
            schema('tblAccounts', 'Accounts', without(ACCOUNTS_WITH_LINK_FIELDS, 'fldCity')),
            ...tables.slice(1),
        ];

        const resolution = getResolution(resolveStoredMapping(mapping, changed).tables, 'account');

        expect(resolution.kind).toBe('problems');
        const problems = resolution.kind === 'problems' ? resolution.problems : [];
        expect(problems.map(problem => problem.code)).toEqual(['airtableFieldDeleted']);
        expect(problems[0]?.columnLogicalName).toBe('address1_city');
    });

    test('lists missing bookkeeping fields', () => {
        const tables = [
            schema('tblAccounts', 'Accounts', without(ACCOUNTS_WITH_LINK_FIELDS, 'fldSyncState')),
            ...createRelatedSchemas().slice(1),
        ];

        const resolution = getResolution(
            resolveStoredMapping(migrate(tables), tables).tables,
            'account',
        );

        expect(resolution.kind).toBe('problems');
        const missing = resolution.kind === 'problems' ? resolution.missingFields : [];
        expect(missing.map(field => field.name)).toEqual(['Sync state']);
    });

    test('finds created bookkeeping fields by name', () => {
        const before = [
            schema('tblAccounts', 'Accounts', without(ACCOUNTS_WITH_LINK_FIELDS, 'fldSyncState')),
            ...createRelatedSchemas().slice(1),
        ];
        const mapping = migrate(before);

        const {mappings} = resolveStoredMapping(mapping, createRelatedSchemas());

        expect(mappings[0]?.syncStateFieldId).toBe('fldSyncState');
    });

    test('drops links to blocked tables', () => {
        const tables = createRelatedSchemas();
        const mapping = migrate(tables);
        const contactsBroken = [
            tables[0] as TableSchema,
            schema('tblContacts', 'Contacts', without(CONTACTS_FIELDS, 'fldEmail')),
            tables[2] as TableSchema,
        ];

        const {tables: resolutions} = resolveStoredMapping(mapping, contactsBroken);

        const accounts = getResolution(resolutions, 'account');
        const fields = accounts.kind === 'ready' ? accounts.mapping.fields : [];
        expect(fields.some(field => field.column.logicalName === 'primarycontactid')).toBe(false);
        expect(accounts.kind === 'ready' ? accounts.problems[0]?.code : null).toBe(
            'lookupTargetUnmapped',
        );
        expect(getResolution(resolutions, 'opportunity').kind).toBe('ready');
    });

    test('holds back required links', () => {
        const tables = createRelatedSchemas();
        const base = migrate(tables);
        const mapping: StoredMapping = {
            ...base,
            tables: base.tables.map(entry =>
                entry.entity.logicalName === 'opportunity'
                    ? {
                          ...entry,
                          fields: entry.fields.map(field =>
                              field.column.logicalName === 'customerid'
                                  ? {...field, column: {...field.column, isRequired: true}}
                                  : field,
                          ),
                      }
                    : entry,
            ),
        };
        const accountsBroken = [
            schema('tblAccounts', 'Accounts', without(ACCOUNTS_WITH_LINK_FIELDS, 'fldCity')),
            ...tables.slice(1),
        ];

        const {tables: resolutions} = resolveStoredMapping(mapping, accountsBroken);

        expect(getResolution(resolutions, 'opportunity').kind).toBe('waiting');
    });

    test('skips tables turned off', () => {
        const tables = createRelatedSchemas();
        const base = migrate(tables);
        const mapping: StoredMapping = {
            ...base,
            tables: base.tables.map(entry =>
                entry.entity.logicalName === 'opportunity' ? {...entry, isEnabled: false} : entry,
            ),
        };

        const {tables: resolutions, mappings} = resolveStoredMapping(mapping, tables);

        expect(getResolution(resolutions, 'opportunity').kind).toBe('off');
        expect(mappings.map(candidate => candidate.table.name)).toEqual(['Accounts', 'Contacts']);
    });

    test('keeps match keys of mapped columns', () => {
        const tables = createRelatedSchemas();
        const base = migrate(tables);
        const mapping: StoredMapping = {
            ...base,
            tables: base.tables.map(entry => ({
                ...entry,
                fields: entry.fields.filter(field => field.column.logicalName !== 'accountnumber'),
            })),
        };

        const {mappings} = resolveStoredMapping(mapping, tables);

        expect(mappings[0]?.matchKeys).toEqual([['name']]);
    });

    test('waits for pending template fields', () => {
        const tables = [
            schema('tblAccounts', 'Accounts', without(ACCOUNTS_WITH_LINK_FIELDS, 'fldCity')),
            ...createRelatedSchemas().slice(1),
        ];

        const resolution = getResolution(
            resolveStoredMapping(migrate(tables), tables).tables,
            'account',
        );

        expect(resolution.kind).toBe('problems');
        const missing = resolution.kind === 'problems' ? resolution.missingFields : [];
        expect(missing.map(field => field.name)).toEqual(['City']);
    });
});
