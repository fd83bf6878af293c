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
        const mapping: StoredMapping = {
            schemaVersion: STORED_MAPPING_SCHEMA_VERSION,
            conflictPolicy: 'dynamicsWins',
            tables: [createEntry()],
        };

        expect(addTableMapping(mapping, ACCOUNTS_TEMPLATE.entity)).toBe(mapping);
    });
});
