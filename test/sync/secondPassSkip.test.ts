/**
 * When the preview's second pass of Accounts found nothing to do, the run skips that pass's reads,
 * unless something the preview did not see can give it work.
 */
import {airtableFieldId, logicalName, parseGuid, type Guid} from '../../frontend/sync/ids';
import type {TableMapping} from '../../frontend/sync/mapping';
import type {RunSummary} from '../../frontend/sync/outcomes';
import {PreviewedPlans} from '../../frontend/sync/run/previewedPlans';
import type {SyncInput} from '../../frontend/sync/runSync';
import {declineDeletesAsync} from './fixtures';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    accountsTable,
    ACME_ID,
    ADA_ID,
    CONTACT,
    CONTACTS_TABLE,
    contactsTable,
    createRelationsHarness,
    DEAL_ID,
    GLOBEX_ID,
    GRACE_ID,
    links,
    OPPORTUNITIES_TABLE,
    OPPORTUNITY,
    opportunitiesTable,
    reference,
    type RelationsHarness,
} from './relationFixtures';

const PRIMARY_CONTACT_FIELD = airtableFieldId('fldPrimaryContact');
const COMPANY_FIELD = airtableFieldId('fldCompany');
const INITECH_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b3');

/**
 * Syncs Acme (primary contact Ada) and Globex (primary contact Grace), whose contacts link back
 * to them, and the opportunity Engines of Acme, twice, so the next run reads deltas. Primary
 * Contact closes the cycle, so it is the lookup left to the second pass of Accounts.
 */
async function createSyncedHarnessAsync(
    tables: readonly TableMapping[] = [accountsTable(), contactsTable(), opportunitiesTable()],
): Promise<RelationsHarness> {
    const harness = createRelationsHarness(tables);
    harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
    harness.dataverse.insertRecord(ACCOUNT, GLOBEX_ID, {name: 'Globex'});
    harness.dataverse.insertRecord(CONTACT, ADA_ID, {
        lastname: 'Lovelace',
        parentcustomerid: reference(ACCOUNT, ACME_ID),
    });
    harness.dataverse.insertRecord(CONTACT, GRACE_ID, {
        lastname: 'Hopper',
        parentcustomerid: reference(ACCOUNT, GLOBEX_ID),
    });
    harness.dataverse.editRecord(ACCOUNT, ACME_ID, {primarycontactid: reference(CONTACT, ADA_ID)});
    harness.dataverse.editRecord(ACCOUNT, GLOBEX_ID, {
        primarycontactid: reference(CONTACT, GRACE_ID),
    });
    harness.dataverse.insertRecord(OPPORTUNITY, DEAL_ID, {
        name: 'Engines',
        customerid: reference(ACCOUNT, ACME_ID),
    });
    await harness.runAndKeepWatermarksAsync();
    await harness.runAndKeepWatermarksAsync();
    return harness;
}

/** Edits a name on each side in Accounts and in Contacts, and no lookup. */
function editNames(harness: RelationsHarness): void {
    harness.airtable.editRow(ACCOUNTS_TABLE, harness.getRowId(ACCOUNTS_TABLE, ACME_ID), {
        fldName: 'Acme Corp',
    });
    harness.airtable.editRow(CONTACTS_TABLE, harness.getRowId(CONTACTS_TABLE, ADA_ID), {
        fldName: 'King',
    });
    harness.dataverse.editRecord(ACCOUNT, GLOBEX_ID, {name: 'Globex Inc'});
    harness.dataverse.editRecord(CONTACT, GRACE_ID, {lastname: 'Hopper-Murray'});
}

interface AccountsReads {
    readonly summary: RunSummary;
    /** How many times the run read the rows of Accounts. */
    readonly rowReads: number;
    /** How many times the run read the records of Account. */
    readonly recordReads: number;
}

/** Runs a sync, keeping its watermarks, and counts its reads of Accounts on each side. */
async function syncAndCountReadsAsync(
    harness: RelationsHarness,
    overrides: Partial<SyncInput> = {},
): Promise<AccountsReads> {
    const readsBefore = harness.dataverse.reads.length;
    const spy = jest.spyOn(harness.airtable, 'readRowsAsync');
    try {
        const summary = await harness.runAndKeepWatermarksAsync(overrides);
        const rowReads = spy.mock.calls.filter(([table]) => table.table.id === ACCOUNTS_TABLE);
        const recordReads = harness.dataverse.reads
            .slice(readsBefore)
            .filter(read => read.entity === ACCOUNT.logicalName);
        return {summary, rowReads: rowReads.length, recordReads: recordReads.length};
    } finally {
        spy.mockRestore();
    }
}

/** Runs a sync the way runs did before the skip: every second pass reads and plans its table. */
async function syncWithoutSkipAsync(harness: RelationsHarness): Promise<AccountsReads> {
    const spy = jest
        .spyOn(PreviewedPlans.prototype, 'getSecondPassPlanIfEmpty')
        .mockReturnValue(null);
    try {
        return await syncAndCountReadsAsync(harness);
    } finally {
        spy.mockRestore();
    }
}

function getPrimaryContactRowIds(harness: RelationsHarness, accountId: Guid) {
    const rowId = harness.getRowId(ACCOUNTS_TABLE, accountId);
    return harness.airtable.getLinkedRowIds(ACCOUNTS_TABLE, rowId, PRIMARY_CONTACT_FIELD);
}

describe('second pass skip', () => {
    test('name edits make no second-pass read', async () => {
        const harness = await createSyncedHarnessAsync();
        editNames(harness);

        const {summary, rowReads, recordReads} = await syncAndCountReadsAsync(harness);

        expect(rowReads).toBe(1);
        expect(recordReads).toBe(1);
        expect(summary.error).toBeNull();
        expect(summary.counts.updatedInDynamics).toBe(2);
        expect(summary.counts.updatedInAirtable).toBe(2);
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).name).toBe('Acme Corp');
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid).toEqual(
            reference(CONTACT, ADA_ID),
        );
    });

    test('skip leaves summary and results alike', async () => {
        const skipping = await createSyncedHarnessAsync();
        const reading = await createSyncedHarnessAsync();
        editNames(skipping);
        editNames(reading);

        const skipped = await syncAndCountReadsAsync(skipping);
        const read = await syncWithoutSkipAsync(reading);
        const nextSkipped = await syncAndCountReadsAsync(skipping);
        const nextRead = await syncWithoutSkipAsync(reading);

        expect(skipped.rowReads).toBe(1);
        expect(read.rowReads).toBe(2);
        expect(read.recordReads).toBe(2);
        expect(skipped.summary).toEqual(read.summary);
        expect(skipped.summary.tables).toEqual(read.summary.tables);
        expect(skipped.summary.tables.every(result => result.isComplete)).toBe(true);
        expect(skipped.summary.tables.every(result => result.deltaState !== null)).toBe(true);
        expect(skipping.airtable.getRows(ACCOUNTS_TABLE)).toEqual(
            reading.airtable.getRows(ACCOUNTS_TABLE),
        );
        expect(skipping.dataverse.getValues(ACCOUNT, GLOBEX_ID)).toEqual(
            reading.dataverse.getValues(ACCOUNT, GLOBEX_ID),
        );
        expect(nextSkipped.summary).toEqual(nextRead.summary);
        expect(nextSkipped.summary.counts.unchanged).toBe(5);
    });

    test('leaves edits during the run to the next run', async () => {
        const harness = await createSyncedHarnessAsync();
        editNames(harness);
        const readChangesAsync = harness.dataverse.readChangesAsync.bind(harness.dataverse);
        let contactReads = 0;
        // Someone sets Globex's primary contact in Dynamics after the run read Accounts.
        harness.dataverse.readChangesAsync = async (entity, columns, deltaLink) => {
            if (entity.logicalName === CONTACT.logicalName && contactReads++ === 0) {
                harness.dataverse.editRecord(ACCOUNT, GLOBEX_ID, {
                    primarycontactid: reference(CONTACT, ADA_ID),
                });
            }
            return readChangesAsync(entity, columns, deltaLink);
        };

        const {summary, recordReads} = await syncAndCountReadsAsync(harness);
        const next = await harness.runAndKeepWatermarksAsync();

        const adaRow = harness.getRowId(CONTACTS_TABLE, ADA_ID);
        expect(recordReads).toBe(1);
        expect(summary.counts.failed).toBe(0);
        expect(next.counts.updatedInAirtable).toBe(1);
        expect(getPrimaryContactRowIds(harness, GLOBEX_ID)).toEqual([adaRow]);
    });

    test('lookup edited in Airtable runs the pass', async () => {
        const harness = await createSyncedHarnessAsync();
        editNames(harness);
        const graceRow = harness.getRowId(CONTACTS_TABLE, GRACE_ID);
        harness.airtable.editRow(ACCOUNTS_TABLE, harness.getRowId(ACCOUNTS_TABLE, ACME_ID), {
            fldPrimaryContact: links(graceRow),
        });

        const {summary, rowReads, recordReads} = await syncAndCountReadsAsync(harness);

        expect(rowReads).toBe(2);
        expect(recordReads).toBe(2);
        expect(summary.counts.failed).toBe(0);
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid).toEqual(
            reference(CONTACT, GRACE_ID),
        );
    });

    test('lookup edited in Dynamics runs the pass', async () => {
        const harness = await createSyncedHarnessAsync();
        editNames(harness);
        harness.dataverse.editRecord(ACCOUNT, GLOBEX_ID, {
            primarycontactid: reference(CONTACT, ADA_ID),
        });

        const {summary, rowReads, recordReads} = await syncAndCountReadsAsync(harness);

        expect(rowReads).toBe(2);
        expect(recordReads).toBe(2);
        expect(summary.counts.failed).toBe(0);
        expect(getPrimaryContactRowIds(harness, GLOBEX_ID)).toEqual([
            harness.getRowId(CONTACTS_TABLE, ADA_ID),
        ]);
    });

    test('link pulled into Airtable runs the pass', async () => {
        const harness = await createSyncedHarnessAsync();
        editNames(harness);
        // Airtable also changes the inverse of a link field it writes, which the preview never saw.
        harness.dataverse.editRecord(CONTACT, GRACE_ID, {
            parentcustomerid: reference(ACCOUNT, ACME_ID),
        });

        const {summary, rowReads, recordReads} = await syncAndCountReadsAsync(harness);

        const graceRow = harness.getRowId(CONTACTS_TABLE, GRACE_ID);
        expect(rowReads).toBe(2);
        expect(recordReads).toBe(2);
        expect(summary.counts.failed).toBe(0);
        expect(harness.airtable.getLinkedRowIds(CONTACTS_TABLE, graceRow, COMPANY_FIELD)).toEqual([
            harness.getRowId(ACCOUNTS_TABLE, ACME_ID),
        ]);
    });

    test('row created in Airtable runs the pass', async () => {
        const harness = await createSyncedHarnessAsync();
        editNames(harness);
        const adaRow = harness.getRowId(CONTACTS_TABLE, ADA_ID);
        const initechRow = harness.addRow(ACCOUNTS_TABLE, {
            fldName: 'Initech',
            fldPrimaryContact: links(adaRow),
        });

        const {summary, rowReads, recordReads} = await syncAndCountReadsAsync(harness);

        const initechId = harness.getDynamicsId(ACCOUNTS_TABLE, initechRow);
        expect(rowReads).toBe(2);
        expect(recordReads).toBe(2);
        expect(summary.counts.createdInDynamics).toBe(1);
        expect(summary.counts.failed).toBe(0);
        expect(harness.dataverse.getValues(ACCOUNT, initechId).primarycontactid).toEqual(
            reference(CONTACT, ADA_ID),
        );
    });

    test('record created in Dynamics runs the pass', async () => {
        const harness = await createSyncedHarnessAsync();
        editNames(harness);
        harness.dataverse.insertRecord(ACCOUNT, INITECH_ID, {
            name: 'Initech',
            primarycontactid: reference(CONTACT, GRACE_ID),
        });

        const {summary, rowReads, recordReads} = await syncAndCountReadsAsync(harness);

        expect(rowReads).toBe(2);
        expect(recordReads).toBe(2);
        expect(summary.counts.createdInAirtable).toBe(1);
        expect(summary.counts.failed).toBe(0);
        expect(getPrimaryContactRowIds(harness, INITECH_ID)).toEqual([
            harness.getRowId(CONTACTS_TABLE, GRACE_ID),
        ]);
    });

    test('matched row runs the pass', async () => {
        const accounts: TableMapping = {...accountsTable(), matchKeys: [[logicalName('name')]]};
        const harness = await createSyncedHarnessAsync([
            accounts,
            contactsTable(),
            opportunitiesTable(),
        ]);
        editNames(harness);
        const initechRow = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Initech'});
        harness.dataverse.insertRecord(ACCOUNT, INITECH_ID, {
            name: 'Initech',
            primarycontactid: reference(CONTACT, GRACE_ID),
        });

        const {summary, rowReads, recordReads} = await syncAndCountReadsAsync(harness);

        expect(harness.getDynamicsId(ACCOUNTS_TABLE, initechRow)).toBe(INITECH_ID);
        expect(rowReads).toBe(2);
        expect(recordReads).toBe(2);
        expect(summary.counts.failed).toBe(0);
        expect(getPrimaryContactRowIds(harness, INITECH_ID)).toEqual([
            harness.getRowId(CONTACTS_TABLE, GRACE_ID),
        ]);
    });

    test('planned delete runs the pass', async () => {
        const harness = await createSyncedHarnessAsync();
        editNames(harness);
        harness.airtable.deleteRow(
            OPPORTUNITIES_TABLE,
            harness.getRowId(OPPORTUNITIES_TABLE, DEAL_ID),
        );
        const readChangesAsync = harness.dataverse.readChangesAsync.bind(harness.dataverse);
        let contactReads = 0;
        // Someone sets Globex's primary contact in Dynamics after the run read Accounts. The
        // declined delete lets the run write updates its preview did not list.
        harness.dataverse.readChangesAsync = async (entity, columns, deltaLink) => {
            if (entity.logicalName === CONTACT.logicalName && contactReads++ === 0) {
                harness.dataverse.editRecord(ACCOUNT, GLOBEX_ID, {
                    primarycontactid: reference(CONTACT, ADA_ID),
                });
            }
            return readChangesAsync(entity, columns, deltaLink);
        };

        const {summary, rowReads, recordReads} = await syncAndCountReadsAsync(harness, {
            confirmRunAsync: declineDeletesAsync,
        });

        // Planning the delete adds full reads before the second pass: one of the rows, and two
        // of the records.
        expect(harness.dataverse.hasRecord(OPPORTUNITY, DEAL_ID)).toBe(true);
        expect(rowReads).toBe(3);
        expect(recordReads).toBe(4);
        expect(summary.counts.failed).toBe(0);
        expect(getPrimaryContactRowIds(harness, GLOBEX_ID)).toEqual([
            harness.getRowId(CONTACTS_TABLE, ADA_ID),
        ]);
    });

    test('row Airtable rejects runs the pass', async () => {
        const harness = await createSyncedHarnessAsync();
        editNames(harness);
        const graceRow = harness.getRowId(CONTACTS_TABLE, GRACE_ID);
        // Someone deletes Grace's row while the run writes her new name, which also empties
        // Globex's link to her.
        harness.airtable.rejectRowsWhere = (tableId, row) => {
            if (tableId !== CONTACTS_TABLE || row.id !== graceRow) {
                return null;
            }
            harness.airtable.deleteRow(CONTACTS_TABLE, graceRow);
            return 'rowNotFound';
        };

        const {summary, rowReads, recordReads} = await syncAndCountReadsAsync(harness);

        const grace = summary.outcomes.find(outcome => outcome.ref.dynamicsId === GRACE_ID);
        expect(grace?.status).toBe('failed');
        expect(rowReads).toBe(2);
        expect(recordReads).toBe(2);
        // The emptied link came after the preview, so the run leaves it to the next preview.
        expect(harness.dataverse.getValues(ACCOUNT, GLOBEX_ID).primarycontactid).toEqual(
            reference(CONTACT, GRACE_ID),
        );
    });
});
