import {airtableRecordId, airtableTableId, type RecordOutcome} from '../../frontend/sync';
import {listDeletedRows} from '../../frontend/ui/deletedRows';
import {MAX_SHOWN_TEXT_LENGTH, shortenText} from '../../frontend/ui/shortenText';

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

    test('shortens a long cascade root', () => {
        const root = ref('Coho Winery '.repeat(200), null);
        const outcome: RecordOutcome = {
            ...TABLE,
            ref: ref('Ben Ode', 'recBen'),
            status: 'deleted',
            side: 'airtable',
            cascadedFrom: root,
        };

        const [item] = listDeletedRows([outcome]);

        expect(item?.details).toEqual([`Deleted with '${shortenText(root.name)}'.`]);
        expect(shortenText(root.name)).toHaveLength(MAX_SHOWN_TEXT_LENGTH);
    });
});
