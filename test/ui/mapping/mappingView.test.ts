import {mappingError, mappingWarning} from '../../../frontend/settings/mapping/mappingProblems';
import {
    STORED_MAPPING_SCHEMA_VERSION,
    type StoredMapping,
} from '../../../frontend/settings/mapping/storedMapping';
import {ACCOUNTS_TEMPLATE} from '../../../frontend/settings/accountsTemplate';
import {CONTACTS_TEMPLATE} from '../../../frontend/settings/contactsTemplate';
import {airtableFieldId, airtableTableId, logicalName} from '../../../frontend/sync/ids';
import {groupProblems, listSyncedTableIds} from '../../../frontend/ui/mapping/mappingView';
import {createTableMapping} from '../../../frontend/ui/mapping/mappingEdits';

const ACCOUNT = logicalName('account');
const CONTACT = logicalName('contact');
const NAME_COLUMN = ACCOUNTS_TEMPLATE.columns[0]?.column;

function createMapping(): StoredMapping {
    if (NAME_COLUMN === undefined) {
        throw new Error('The Accounts template has no columns.');
    }
    return {
        schemaVersion: STORED_MAPPING_SCHEMA_VERSION,
        tables: [
            {
                ...createTableMapping(ACCOUNTS_TEMPLATE.entity),
                isEnabled: true,
                airtableTableId: airtableTableId('tblAccounts'),
                fields: [
                    {
                        column: NAME_COLUMN,
                        airtableFieldId: airtableFieldId('fldName'),
                        direction: 'both',
                    },
                ],
            },
            {
                ...createTableMapping(CONTACTS_TEMPLATE.entity),
                airtableTableId: airtableTableId('tblContacts'),
            },
        ],
    };
}

describe('groupProblems', () => {
    test('puts column problems on rows', () => {
        const problem = mappingError(
            'airtableFieldDeleted',
            {entityLogicalName: ACCOUNT, columnLogicalName: logicalName('name')},
            'deleted',
        );

        const {byTable} = groupProblems(createMapping(), [problem]);

        expect(byTable.get(ACCOUNT)?.byColumn.get(logicalName('name'))).toEqual([problem]);
        expect(byTable.get(ACCOUNT)?.table).toEqual([]);
    });

    test('finds rows by mapped field', () => {
        const problem = mappingError(
            'fieldMappedTwice',
            {entityLogicalName: ACCOUNT, airtableFieldId: airtableFieldId('fldName')},
            'twice',
        );

        const {byTable} = groupProblems(createMapping(), [problem]);

        expect(byTable.get(ACCOUNT)?.byColumn.get(logicalName('name'))).toEqual([problem]);
    });

    test('keeps other problems on tables', () => {
        const problem = mappingWarning(
            'bookkeepingFieldMissing',
            {entityLogicalName: CONTACT},
            'x',
        );

        const {byTable, general} = groupProblems(createMapping(), [problem]);

        expect(byTable.get(CONTACT)?.table).toEqual([problem]);
        expect(general).toEqual([]);
    });

    test('keeps mapping-wide problems apart', () => {
        const problem = mappingError('malformedMapping', {}, 'unreadable');

        const {general} = groupProblems(createMapping(), [problem]);

        expect(general).toEqual([problem]);
    });
});

describe('listSyncedTableIds', () => {
    test('lists enabled tables only', () => {
        const ids = listSyncedTableIds(createMapping());

        expect([...ids]).toEqual([[ACCOUNT, 'tblAccounts']]);
    });
});
