import {migrateFromTemplates} from '../../../frontend/settings/mapping/migrateTemplates';
import {
    parseStoredMapping,
    type MappingParseContext,
} from '../../../frontend/settings/mapping/parseStoredMapping';
import {toGlobalConfigValue} from '../../../frontend/settings/mapping/storeMapping';
import {SYNC_TEMPLATES} from '../../../frontend/settings/syncTemplates';
import {
    ACCOUNTS_WITH_LINK_FIELDS,
    CONTACTS_FIELDS,
    createRelatedSchemas,
    schema,
} from '../relatedSchemas';

const CONTEXT: MappingParseContext = {tables: createRelatedSchemas()};

/** The mapping migrated from the three sample tables, as globalConfig would return it. */
function storedSample(): Record<string, unknown> {
    const mapping = migrateFromTemplates(SYNC_TEMPLATES, CONTEXT.tables);
    return JSON.parse(JSON.stringify(toGlobalConfigValue(mapping))) as Record<string, unknown>;
}

function withFirstTable(change: (table: Record<string, unknown>) => unknown) {
    const stored = storedSample();
    const tables = stored.tables as Array<Record<string, unknown>>;
    return {...stored, tables: [change(tables[0] ?? {}), ...tables.slice(1)]};
}

function withFirstField(change: (field: Record<string, unknown>) => unknown) {
    return withFirstTable(table => {
        const fields = table.fields as Array<Record<string, unknown>>;
        return {...table, fields: [change(fields[0] ?? {}), ...fields.slice(1)]};
    });
}

describe('parseStoredMapping', () => {
    test('migrates a missing mapping', () => {
        const {mapping, problems, status} = parseStoredMapping(undefined, CONTEXT);

        expect(status).toBe('migrated');
        expect(problems).toEqual([]);
        expect(mapping).not.toHaveProperty('conflictPolicy');
        expect(mapping.tables.map(table => table.airtableTableId)).toEqual([
            'tblAccounts',
            'tblContacts',
            'tblOpportunities',
        ]);
        expect(mapping.tables[0]?.fields).toHaveLength(11);
    });

    test('reads a stored mapping back', () => {
        const stored = storedSample();

        const {mapping, problems, status} = parseStoredMapping(stored, CONTEXT);

        expect(status).toBe('current');
        expect(problems).toEqual([]);
        expect(toGlobalConfigValue(mapping)).toEqual(stored);
    });

    test('drops a stored policy copy', () => {
        const stored = {...storedSample(), conflictPolicy: 'airtableWins'};

        const {mapping, problems, status} = parseStoredMapping(stored, CONTEXT);

        expect(status).toBe('migrated');
        expect(problems).toEqual([]);
        expect(toGlobalConfigValue(mapping)).toEqual(storedSample());
    });

    test('keeps a copy beside dropped entries', () => {
        const stored = {...withFirstTable(() => 'not a table'), conflictPolicy: 'airtableWins'};

        const {problems, status} = parseStoredMapping(stored, CONTEXT);

        expect(status).toBe('current');
        expect(problems.map(problem => problem.code)).toEqual(['malformedTable']);
    });

    test('keeps a newer version unread', () => {
        const {mapping, problems, status} = parseStoredMapping(
            {...storedSample(), schemaVersion: 2, tables: 'changed shape'},
            CONTEXT,
        );

        expect(status).toBe('newerVersion');
        expect(mapping.tables).toEqual([]);
        expect(problems[0]?.code).toBe('newerSchemaVersion');
        expect(problems[0]?.severity).toBe('error');
        expect(problems[0]?.message).toMatch(/newer version of this extension/);
    });

    test.each([
        ['a string', 'mapping'],
        ['an array', []],
        ['no tables', {schemaVersion: 1}],
        ['version zero', {schemaVersion: 0, tables: []}],
    ])('replaces %s with templates', (_, stored) => {
        const {mapping, problems, status} = parseStoredMapping(stored, CONTEXT);

        expect(status).toBe('migrated');
        expect(mapping.tables).toHaveLength(3);
        expect(problems.map(problem => problem.code)).toEqual(['malformedMapping']);
    });

    test.each([
        ['not an object', () => 'account'],
        ['no entity', (table: Record<string, unknown>) => ({...table, entity: undefined})],
        [
            'an invalid logical name',
            (table: Record<string, unknown>) => ({
                ...table,
                entity: {...(table.entity as object), logicalName: 'Account'},
            }),
        ],
    ])('drops a table with %s', (_, change) => {
        const {mapping, problems} = parseStoredMapping(withFirstTable(change), CONTEXT);

        expect(mapping.tables.map(table => table.entity.logicalName)).toEqual([
            'contact',
            'opportunity',
        ]);
        expect(problems.map(problem => problem.code)).toEqual(['malformedTable']);
        expect(problems[0]?.message).toMatch(/^Table 1 of the saved field mapping/);
    });

    test.each([
        ['an unknown direction', {direction: 'sideways'}],
        ['an invalid field id', {airtableFieldId: 'fld Name'}],
        ['an unknown column type', {column: {logicalName: 'name', type: 'text'}}],
        [
            'a negative length',
            {
                column: {
                    logicalName: 'name',
                    type: 'string',
                    maxLength: -1,
                    isValidForCreate: true,
                    isValidForUpdate: true,
                },
            },
        ],
        [
            'invalid options',
            {
                column: {
                    logicalName: 'name',
                    type: 'picklist',
                    options: [{value: 'one', label: 'One'}],
                    isValidForCreate: true,
                    isValidForUpdate: true,
                },
            },
        ],
    ])('drops a field with %s', (_, change) => {
        const stored = withFirstField(field => ({...field, ...change}));

        const {mapping, problems} = parseStoredMapping(stored, CONTEXT);

        expect(mapping.tables[0]?.fields).toHaveLength(10);
        expect(problems.map(problem => problem.code)).toEqual(['malformedField']);
        expect(problems[0]?.entityLogicalName).toBe('account');
        expect(problems[0]?.message).toMatch(/of the Account mapping could not be read/);
    });

    test('defaults a missing enabled flag', () => {
        const stored = withFirstTable(table => ({...table, isEnabled: undefined}));

        const {mapping} = parseStoredMapping(stored, CONTEXT);

        expect(mapping.tables[0]?.isEnabled).toBe(true);
    });

    test('fills a table created later', () => {
        const before = {
            ...CONTEXT,
            tables: [schema('tblAccounts', 'Accounts', ACCOUNTS_WITH_LINK_FIELDS)],
        };
        const migrated = toGlobalConfigValue(parseStoredMapping(undefined, before).mapping);

        const {mapping, status} = parseStoredMapping(migrated, CONTEXT);

        expect(status).toBe('migrated');
        expect(mapping.tables[1]?.airtableTableId).toBe('tblContacts');
        expect(mapping.tables[1]?.fields.length).toBeGreaterThan(0);
    });

    test('maps a pending field once created', () => {
        const withoutEmail = CONTACTS_FIELDS.filter(field => field.id !== 'fldEmail');
        const before = {
            ...CONTEXT,
            tables: [CONTEXT.tables[0]!, schema('tblContacts', 'Contacts', withoutEmail)],
        };
        const migrated = parseStoredMapping(undefined, before).mapping;
        expect(migrated.tables[1]?.pendingTemplateColumns).toEqual(['emailaddress1']);

        const {mapping, status} = parseStoredMapping(toGlobalConfigValue(migrated), CONTEXT);

        expect(status).toBe('migrated');
        expect(mapping.tables[1]?.pendingTemplateColumns).toBeUndefined();
        const email = mapping.tables[1]?.fields.find(
            field => field.column.logicalName === 'emailaddress1',
        );
        expect(email?.airtableFieldId).toBe('fldEmail');
    });
});
