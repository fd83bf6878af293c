import {ACCOUNTS_TEMPLATE} from '../../../frontend/settings/accountsTemplate';
import {
    STORED_MAPPING_SCHEMA_VERSION,
    type StoredMapping,
    type StoredTableMapping,
} from '../../../frontend/settings/mapping/storedMapping';
import {airtableFieldId, airtableTableId, logicalName} from '../../../frontend/sync/ids';
import {
    addTableMapping,
    createTableMapping,
    withAirtableTable,
    withFieldMapping,
    withMatchKeys,
    withLiveColumns,
    withoutFieldMapping,
} from '../../../frontend/ui/mapping/mappingEdits';

const [NAME, NUMBER] = ACCOUNTS_TEMPLATE.columns.map(entry => entry.column);

function createEntry(): StoredTableMapping {
    if (NAME === undefined) {
        throw new Error('The Accounts template has no columns.');
    }
    return {
        ...createTableMapping(ACCOUNTS_TEMPLATE.entity),
        airtableTableId: airtableTableId('tblAccounts'),
        dynamicsIdFieldId: airtableFieldId('fldDynamicsId'),
        syncStateFieldId: airtableFieldId('fldSyncState'),
        fields: [{column: NAME, airtableFieldId: airtableFieldId('fldName'), direction: 'both'}],
        matchKeys: [[logicalName('name')]],
    };
}

function requireName() {
    if (NAME === undefined) {
        throw new Error('The Accounts template has no columns.');
    }
    return NAME;
}

function field(column: StoredTableMapping['fields'][number]['column']) {
    return {column, airtableFieldId: airtableFieldId('fldName'), direction: 'both' as const};
}

function createMapping(tables: readonly StoredTableMapping[] = [createEntry()]): StoredMapping {
    return {schemaVersion: STORED_MAPPING_SCHEMA_VERSION, tables};
}

describe('mapping edits', () => {
    test('new table clears field ids', () => {
        const entry = withAirtableTable(createEntry(), airtableTableId('tblOther'));

        expect(entry.airtableTableId).toBe('tblOther');
        expect(entry.fields).toEqual([]);
        expect(entry.dynamicsIdFieldId).toBeNull();
        expect(entry.syncStateFieldId).toBeNull();
        expect(entry.matchKeys).toEqual([['name']]);
    });

    test('same table keeps the entry', () => {
        const entry = createEntry();

        expect(withAirtableTable(entry, airtableTableId('tblAccounts'))).toBe(entry);
    });

    test('mapping a column replaces its field', () => {
        if (NAME === undefined) {
            throw new Error('The Accounts template has no columns.');
        }
        const entry = withFieldMapping(createEntry(), {
            column: NAME,
            airtableFieldId: airtableFieldId('fldTitle'),
            direction: 'toAirtable',
        });

        expect(entry.fields).toHaveLength(1);
        expect(entry.fields[0]?.airtableFieldId).toBe('fldTitle');
        expect(entry.fields[0]?.direction).toBe('toAirtable');
    });

    test('unmapping removes only that column', () => {
        if (NUMBER === undefined) {
            throw new Error('The Accounts template has fewer than two columns.');
        }
        const mapped = withFieldMapping(createEntry(), {
            column: NUMBER,
            airtableFieldId: airtableFieldId('fldNumber'),
            direction: 'both',
        });

        const entry = withoutFieldMapping(mapped, logicalName('name'));

        expect(entry.fields.map(field => field.column.logicalName)).toEqual(['accountnumber']);
    });

    test('empty match keys are dropped', () => {
        const entry = withMatchKeys(createEntry(), [[], [logicalName('name')]]);

        expect(entry.matchKeys).toEqual([['name']]);
    });

    test('adding a listed table changes nothing', () => {
        const mapping = createMapping();

        expect(addTableMapping(mapping, ACCOUNTS_TEMPLATE.entity)).toBe(mapping);
    });

    test('live columns replace stored copies', () => {
        const mapping = createMapping();
        const live = {...requireName(), maxLength: 200};

        const refreshed = withLiveColumns(mapping, new Map([[logicalName('account'), [live]]]));

        expect(refreshed.tables[0]?.fields[0]?.column.maxLength).toBe(200);
    });

    test('live columns keep the option map', () => {
        const optionMap = [{value: 1, airtableName: 'Yes'}];
        const stored = {...requireName(), optionMap};
        const mapping = createMapping([{...createEntry(), fields: [field(stored)]}]);

        const refreshed = withLiveColumns(
            mapping,
            new Map([[logicalName('account'), [{...requireName(), maxLength: 200}]]]),
        );

        expect(refreshed.tables[0]?.fields[0]?.column.optionMap).toEqual(optionMap);
    });

    test('equal live columns keep the mapping', () => {
        const mapping = createMapping();
        const reordered = Object.fromEntries(Object.entries(requireName()).reverse());
        const live = [{...requireName(), ...reordered}];

        expect(withLiveColumns(mapping, new Map([[logicalName('account'), live]]))).toBe(mapping);
    });
});
