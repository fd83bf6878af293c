import {airtableRecordId, airtableTableId, type RecordOutcome} from '../../frontend/sync';
import {listDeletedRows} from '../../frontend/ui/deletedRows';

const TABLE = {tableId: airtableTableId('tblContacts'), tableName: 'Contacts'};

function ref(name: string, rowId: string | null) {
    return {
        airtableRecordId: rowId === null ? null : airtableRecordId(rowId),
        dynamicsId: null,
        name,
    };
}

describe('listDeletedRows', () => {
    test('names rows deleted in Airtable', () => {
        const coho = ref('Coho Winery', null);
        const outcomes: RecordOutcome[] = [
            {
                ...TABLE,
                ref: ref('Ana Ruiz', 'recAna'),
                status: 'deleted',
                side: 'airtable',
                cascadedFrom: null,
            },
            {
                ...TABLE,
                ref: ref('Ben Ode', 'recBen'),
                status: 'deleted',
                side: 'airtable',
                cascadedFrom: coho,
            },
            {
                ...TABLE,
                ref: ref('Cleo Park', null),
                status: 'deleted',
                side: 'dynamics',
                cascadedFrom: null,
            },
            {...TABLE, ref: ref('Dee Lin', 'recDee'), status: 'unchanged'},
        ];

        const items = listDeletedRows(outcomes);

        expect(items.map(item => item.text)).toEqual(['Ana Ruiz', 'Ben Ode']);
        expect(items[0]?.details).toEqual([]);
        expect(items[1]?.details).toEqual(["Deleted with 'Coho Winery'."]);
    });
});
