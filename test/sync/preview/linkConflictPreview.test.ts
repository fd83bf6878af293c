/**
 * A conflict on a lookup names the linked records in the run preview, as the lookup's field
 * changes do, instead of showing their GUIDs.
 */
import {airtableFieldId} from '../../../frontend/sync/ids';
import type {RunPreview} from '../../../frontend/sync/preview/types';
import {
    ACCOUNTS_TABLE,
    ADA_ID,
    CONTACT,
    CONTACTS_TABLE,
    createSyncedSampleAsync,
    GLOBEX_ID,
    links,
} from '../relationFixtures';

const COMPANY_FIELD = airtableFieldId('fldCompany');

describe('preview of a lookup conflict', () => {
    test('names both linked records', async () => {
        const harness = await createSyncedSampleAsync({
            contacts: [[ADA_ID, 'Lovelace']],
            hasDeal: false,
        });
        // Ada moves to Globex in Airtable, and loses her company in Dynamics.
        harness.airtable.editRow(CONTACTS_TABLE, harness.getRowId(CONTACTS_TABLE, ADA_ID), {
            [COMPANY_FIELD]: links(harness.getRowId(ACCOUNTS_TABLE, GLOBEX_ID)),
        });
        harness.dataverse.editRecord(CONTACT, ADA_ID, {parentcustomerid: null});
        const previews: RunPreview[] = [];

        await harness.runAndKeepWatermarksAsync({
            confirmRunAsync: async preview => {
                previews.push(preview);
                return {kind: 'apply', deletes: {kind: 'approveAll'}};
            },
        });

        const contacts = previews[0]?.tables.find(table => table.tableId === CONTACTS_TABLE);
        expect(contacts?.conflicts).toEqual([
            expect.objectContaining({airtableValue: 'Globex', dynamicsValue: '(empty)'}),
        ]);
    });
});
