import {describeClearedLink} from '../../frontend/ui/deletePreviewText';
import {airtableTableId, logicalName, parseGuid} from '../../frontend/sync/ids';

const ref = {
    airtableRecordId: null,
    dynamicsId: parseGuid('c2e5f3c1-6d20-4f1b-8c8e-000000000001'),
    name: 'Rene Valdes (sample)',
};

describe('describeClearedLink', () => {
    test('names the synced table', () => {
        const text = describeClearedLink({
            tableId: airtableTableId('tblContacts'),
            tableName: 'Contacts',
            ref,
            column: logicalName('parentcustomerid'),
        });

        expect(text).toBe(
            "The parentcustomerid link of 'Rene Valdes (sample)' in Contacts is cleared; the record stays.",
        );
    });

    test('says Dynamics for an unsynced table', () => {
        const text = describeClearedLink({
            tableId: null,
            tableName: null,
            ref,
            column: logicalName('parentcustomerid'),
        });

        expect(text).toContain("'Rene Valdes (sample)' in Dynamics is cleared");
        expect(text).not.toContain('null');
    });
});
