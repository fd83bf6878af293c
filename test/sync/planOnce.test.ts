import {airtableFieldId} from '../../frontend/sync/ids';
import * as planTableModule from '../../frontend/sync/plan/planTable';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    CONTACT,
    CONTACTS_TABLE,
    createRelationsHarness,
    createSyncedSampleAsync,
    ACME_ID,
    GLOBEX_ID,
    ADA_ID,
    DEAL_ID,
    links,
    OPPORTUNITIES_TABLE,
    OPPORTUNITY,
    reference,
} from './relationFixtures';

const NAME_FIELD = airtableFieldId('fldName');
const COMPANY_FIELD = airtableFieldId('fldCompany');
const CUSTOMER_ACCOUNT_FIELD = airtableFieldId('fldCustomerAccount');

/** Runs `runAsync` and returns its result and the tables `planTable` planned, once per call. */
async function recordPlansAsync<T>(
    runAsync: () => Promise<T>,
): Promise<{result: T; planned: string[]}> {
    const spy = jest.spyOn(planTableModule, 'planTable');
    try {
        const result = await runAsync();
        return {result, planned: spy.mock.calls.map(([input]) => input.table.table.id)};
    } finally {
        spy.mockRestore();
    }
}

describe('planning each table once', () => {
    test('plans each table once', async () => {
        const harness = await createSyncedSampleAsync({
            contacts: [[ADA_ID, 'Lovelace']],
            hasDeal: true,
        });
        harness.dataverse.editRecord(ACCOUNT, ACME_ID, {name: 'Acme Corp'});
        harness.airtable.editRow(CONTACTS_TABLE, harness.getRowId(CONTACTS_TABLE, ADA_ID), {
            fldName: 'King',
        });

        const {planned} = await recordPlansAsync(() => harness.runAndKeepWatermarksAsync());

        expect(planned).toEqual([ACCOUNTS_TABLE, CONTACTS_TABLE, OPPORTUNITIES_TABLE]);
        expect(harness.dataverse.getValues(CONTACT, ADA_ID).lastname).toBe('King');
        expect(
            harness.airtable.getRows(ACCOUNTS_TABLE).map(row => row.cells[NAME_FIELD]),
        ).toContain('Acme Corp');
    });

    test('links children to created rows', async () => {
        const harness = createRelationsHarness();
        harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
        harness.dataverse.insertRecord(OPPORTUNITY, DEAL_ID, {
            name: 'Engines',
            customerid: reference(ACCOUNT, ACME_ID),
        });

        const {result: summary, planned} = await recordPlansAsync(() =>
            harness.runAndKeepWatermarksAsync(),
        );

        const acmeRow = harness.getRowId(ACCOUNTS_TABLE, ACME_ID);
        const dealRow = harness.getRowId(OPPORTUNITIES_TABLE, DEAL_ID);
        expect(planned).toEqual([ACCOUNTS_TABLE, CONTACTS_TABLE, OPPORTUNITIES_TABLE]);
        expect(summary.counts.failed).toBe(0);
        expect(
            harness.airtable.getCell(OPPORTUNITIES_TABLE, dealRow, CUSTOMER_ACCOUNT_FIELD),
        ).toEqual([expect.objectContaining({id: acmeRow})]);
    });

    test('plans again after a rejected row', async () => {
        const harness = createRelationsHarness();
        harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
        harness.dataverse.insertRecord(OPPORTUNITY, DEAL_ID, {
            name: 'Engines',
            customerid: reference(ACCOUNT, ACME_ID),
        });
        harness.airtable.rejectRowsWhere = (tableId, row) =>
            tableId === ACCOUNTS_TABLE && row.id === null ? 'invalidValue' : null;

        const {result: summary, planned} = await recordPlansAsync(() =>
            harness.runAndKeepWatermarksAsync(),
        );

        const deal = summary.outcomes.find(outcome => outcome.ref.dynamicsId === DEAL_ID);
        expect(planned.filter(tableId => tableId === OPPORTUNITIES_TABLE)).toHaveLength(2);
        expect(harness.findRowId(ACCOUNTS_TABLE, ACME_ID)).toBeNull();
        expect(deal?.status).toBe('failed');
        expect(harness.findRowId(OPPORTUNITIES_TABLE, DEAL_ID)).toBeNull();
    });

    test('reads unread records before the preview', async () => {
        const harness = await createSyncedSampleAsync({
            contacts: [[ADA_ID, 'Lovelace']],
            hasDeal: true,
        });
        const adaRow = harness.getRowId(CONTACTS_TABLE, ADA_ID);
        const globexRow = harness.getRowId(ACCOUNTS_TABLE, GLOBEX_ID);
        // A hand-edited state has no baselines, so the row needs its record's values.
        harness.airtable.editRow(CONTACTS_TABLE, adaRow, {
            fldSyncState: '',
            fldCompany: links(globexRow),
        });
        const readsBefore = harness.dataverse.reads.length;

        const {result: summary, planned} = await recordPlansAsync(() =>
            harness.runAndKeepWatermarksAsync(),
        );

        const reads = harness.dataverse.reads.slice(readsBefore);
        expect(reads.filter(read => read.kind === 'readAll').map(read => read.entity)).toEqual([
            CONTACT.logicalName,
        ]);
        expect(planned.filter(tableId => tableId === CONTACTS_TABLE)).toHaveLength(2);
        // Without a baseline both links count as edits, and the policy keeps the Dynamics one.
        expect(summary.counts.conflicts).toBe(1);
        expect(harness.airtable.getCell(CONTACTS_TABLE, adaRow, COMPANY_FIELD)).toEqual([
            expect.objectContaining({id: harness.getRowId(ACCOUNTS_TABLE, ACME_ID)}),
        ]);
    });
    test('plans again after an unplanned outcome', async () => {
        const harness = await createSyncedSampleAsync({
            contacts: [[ADA_ID, 'Lovelace']],
            hasDeal: true,
        });
        const adaRow = harness.getRowId(CONTACTS_TABLE, ADA_ID);
        const globexRow = harness.getRowId(ACCOUNTS_TABLE, GLOBEX_ID);
        harness.airtable.editRow(ACCOUNTS_TABLE, globexRow, {fldName: 'Globex Corp'});
        harness.airtable.editRow(CONTACTS_TABLE, adaRow, {fldCompany: links(globexRow)});
        const writeAsync = harness.dataverse.writeAsync.bind(harness.dataverse);
        // Someone deletes Globex in Dynamics after the preview, before its update arrives.
        harness.dataverse.writeAsync = async writes => {
            if (harness.dataverse.hasRecord(ACCOUNT, GLOBEX_ID)) {
                harness.dataverse.deleteRecord(ACCOUNT, GLOBEX_ID);
            }
            return writeAsync(writes);
        };

        const {result: summary, planned} = await recordPlansAsync(() =>
            harness.runAndKeepWatermarksAsync(),
        );

        const adaOutcome = summary.outcomes.find(outcome => outcome.ref.dynamicsId === ADA_ID);
        expect(planned.filter(tableId => tableId === CONTACTS_TABLE)).toHaveLength(2);
        expect(adaOutcome?.status).toBe('failed');
        expect(harness.dataverse.getValues(CONTACT, ADA_ID).parentcustomerid).toEqual(
            reference(ACCOUNT, ACME_ID),
        );
    });
});
