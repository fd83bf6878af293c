import {airtableFieldId, parseGuid} from '../../frontend/sync/ids';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    CONTACT,
    CONTACTS_TABLE,
    createRelationsHarness,
    links,
    OPPORTUNITY,
    reference,
    type RelationsHarness,
} from './relationFixtures';

const ACME_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b1');
const GLOBEX_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b2');
const ADA_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a1');
const DEAL_ID = parseGuid('5e9b0c77-1a2b-4c3d-8e9f-0000000000d1');
const COMPANY_FIELD = airtableFieldId('fldCompany');

/**
 * Two accounts, a contact of Acme and an opportunity, synced twice so the second run has read the
 * first run's own writes. Accounts and Contacts link to each other, so one of the two links waits
 * for the second pass.
 */
async function createSyncedTablesAsync(): Promise<RelationsHarness> {
    const harness = createRelationsHarness();
    harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
    harness.dataverse.insertRecord(ACCOUNT, GLOBEX_ID, {name: 'Globex'});
    harness.dataverse.insertRecord(CONTACT, ADA_ID, {
        lastname: 'Lovelace',
        parentcustomerid: reference(ACCOUNT, ACME_ID),
    });
    harness.dataverse.insertRecord(OPPORTUNITY, DEAL_ID, {
        name: 'Engines',
        customerid: reference(ACCOUNT, ACME_ID),
    });
    await harness.runAndKeepWatermarksAsync();
    await harness.runAndKeepWatermarksAsync();
    return harness;
}

describe('delta reads of linked tables', () => {
    test('read each table once', async () => {
        const harness = await createSyncedTablesAsync();
        const readsBefore = harness.dataverse.reads.length;

        await harness.runAndKeepWatermarksAsync();

        const reads = harness.dataverse.reads.slice(readsBefore);
        expect(reads.map(read => read.resultKind)).toEqual(['changes', 'changes', 'changes']);
    });

    test('write nothing when unchanged', async () => {
        const harness = await createSyncedTablesAsync();
        const dynamicsCalls = harness.dataverse.writeCalls.length;
        const airtableCalls = harness.airtable.writeCalls.length;

        const summary = await harness.runAndKeepWatermarksAsync();

        expect(harness.dataverse.writeCalls).toHaveLength(dynamicsCalls);
        expect(harness.airtable.writeCalls).toHaveLength(airtableCalls);
        expect(summary.counts.unchanged).toBe(4);
    });

    test('push a link edited in Airtable', async () => {
        const harness = await createSyncedTablesAsync();
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
        const harness = await createSyncedTablesAsync();
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
