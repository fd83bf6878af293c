import {airtableFieldId} from '../../frontend/sync/ids';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    CONTACT,
    CONTACTS_TABLE,
    createSyncedSampleAsync,
    GLOBEX_ID,
    ADA_ID,
    links,
    reference,
} from './relationFixtures';

const COMPANY_FIELD = airtableFieldId('fldCompany');

describe('delta reads of linked tables', () => {
    test('read each table once', async () => {
        const harness = await createSyncedSampleAsync({
            contacts: [[ADA_ID, 'Lovelace']],
            hasDeal: true,
        });
        const readsBefore = harness.dataverse.reads.length;

        await harness.runAndKeepWatermarksAsync();

        const reads = harness.dataverse.reads.slice(readsBefore);
        expect(reads.map(read => read.resultKind)).toEqual(['changes', 'changes', 'changes']);
    });

    test('write nothing when unchanged', async () => {
        const harness = await createSyncedSampleAsync({
            contacts: [[ADA_ID, 'Lovelace']],
            hasDeal: true,
        });
        const dynamicsCalls = harness.dataverse.writeCalls.length;
        const airtableCalls = harness.airtable.writeCalls.length;

        const summary = await harness.runAndKeepWatermarksAsync();

        expect(harness.dataverse.writeCalls).toHaveLength(dynamicsCalls);
        expect(harness.airtable.writeCalls).toHaveLength(airtableCalls);
        expect(summary.counts.unchanged).toBe(4);
    });

    test('push a link edited in Airtable', async () => {
        const harness = await createSyncedSampleAsync({
            contacts: [[ADA_ID, 'Lovelace']],
            hasDeal: true,
        });
        const adaRow = harness.findRowId(CONTACTS_TABLE, ADA_ID)!;
        const globexRow = harness.findRowId(ACCOUNTS_TABLE, GLOBEX_ID)!;
        harness.airtable.editRow(CONTACTS_TABLE, adaRow, {fldCompany: links(globexRow)});
        const readsBefore = harness.dataverse.reads.length;

        const summary = await harness.runAndKeepWatermarksAsync();
        const next = await harness.runAndKeepWatermarksAsync();

        const reads = harness.dataverse.reads.slice(readsBefore);
        expect(harness.dataverse.getValues(CONTACT, ADA_ID).parentcustomerid).toEqual(
            reference(ACCOUNT, GLOBEX_ID),
        );
        expect(summary.counts.updatedInDynamics).toBe(1);
        expect(reads.filter(read => read.kind === 'readAll')).toEqual([]);
        expect(next.counts.unchanged).toBe(4);
    });

    test('pull a link changed in Dynamics', async () => {
        const harness = await createSyncedSampleAsync({
            contacts: [[ADA_ID, 'Lovelace']],
            hasDeal: true,
        });
        harness.dataverse.editRecord(CONTACT, ADA_ID, {
            parentcustomerid: reference(ACCOUNT, GLOBEX_ID),
        });

        await harness.runAndKeepWatermarksAsync();

        const adaRow = harness.findRowId(CONTACTS_TABLE, ADA_ID)!;
        const globexRow = harness.findRowId(ACCOUNTS_TABLE, GLOBEX_ID)!;
        expect(harness.airtable.getCell(CONTACTS_TABLE, adaRow, COMPANY_FIELD)).toEqual([
            expect.objectContaining({id: globexRow}),
        ]);
    });
});
