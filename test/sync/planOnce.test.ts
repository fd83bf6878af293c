import {airtableFieldId, parseGuid} from '../../frontend/sync/ids';
import * as planTableModule from '../../frontend/sync/plan/planTable';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    CONTACT,
    CONTACTS_TABLE,
    createRelationsHarness,
    links,
    OPPORTUNITIES_TABLE,
    OPPORTUNITY,
    reference,
    type RelationsHarness,
} from './relationFixtures';

const ACME_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b1');
const GLOBEX_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b2');
const ADA_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a1');
const DEAL_ID = parseGuid('5e9b0c77-1a2b-4c3d-8e9f-0000000000d1');
const NAME_FIELD = airtableFieldId('fldName');
const COMPANY_FIELD = airtableFieldId('fldCompany');
const CUSTOMER_ACCOUNT_FIELD = airtableFieldId('fldCustomerAccount');

/** Two accounts, a contact of Acme and an opportunity of Acme, synced twice. */
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

function getRowId(harness: RelationsHarness, tableId: typeof ACCOUNTS_TABLE, id: typeof ACME_ID) {
    const rowId = harness.findRowId(tableId, id);
    if (rowId === null) {
        throw new Error(`No row in ${tableId} has the Dynamics ID ${id}.`);
    }
    return rowId;
}

describe('planning each table once', () => {
    test('plans each table once', async () => {
        const harness = await createSyncedTablesAsync();
        harness.dataverse.editRecord(ACCOUNT, ACME_ID, {name: 'Acme Corp'});
        harness.airtable.editRow(CONTACTS_TABLE, getRowId(harness, CONTACTS_TABLE, ADA_ID), {
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

        const acmeRow = getRowId(harness, ACCOUNTS_TABLE, ACME_ID);
        const dealRow = getRowId(harness, OPPORTUNITIES_TABLE, DEAL_ID);
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
        const harness = await createSyncedTablesAsync();
        const adaRow = getRowId(harness, CONTACTS_TABLE, ADA_ID);
        const globexRow = getRowId(harness, ACCOUNTS_TABLE, GLOBEX_ID);
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
            expect.objectContaining({id: getRowId(harness, ACCOUNTS_TABLE, ACME_ID)}),
        ]);
    });
    test('plans again after an unplanned outcome', async () => {
        const harness = await createSyncedTablesAsync();
        const adaRow = getRowId(harness, CONTACTS_TABLE, ADA_ID);
        const globexRow = getRowId(harness, ACCOUNTS_TABLE, GLOBEX_ID);
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
