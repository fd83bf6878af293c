/**
 * The run preview of links that a delete empties. Airtable drops a deleted row from every
 * linked-record cell, and a Dynamics delete clears the lookups its relationships remove the link
 * from. The run reads both sides again after its deletes, so the preview must plan as that read
 * will show: no failure for a link to a removed row, and no update for a lookup the cascade clears.
 */
import type {RunSummary} from '../../../frontend/sync/outcomes';
import type {RunDecision, RunPreview, TablePreview} from '../../../frontend/sync/preview/types';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    ACME_ID,
    ADA_ID,
    accountsTable,
    CONTACT,
    CONTACTS_TABLE,
    contactsTable,
    createRelationsHarness,
    GRACE_ID,
    reference,
    type RelationsHarness,
} from '../relationFixtures';

const APPLY: RunDecision = {kind: 'apply', deletes: {kind: 'approveAll'}};

/** Syncs Acme with Ada as its Primary Contact, and Grace, twice, so the next run reads deltas. */
async function createSyncedBaseAsync(): Promise<RelationsHarness> {
    const harness = createRelationsHarness([accountsTable(), contactsTable()]);
    harness.dataverse.insertRecord(CONTACT, ADA_ID, {lastname: 'Lovelace'});
    harness.dataverse.insertRecord(CONTACT, GRACE_ID, {lastname: 'Hopper'});
    harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {
        name: 'Acme',
        primarycontactid: reference(CONTACT, ADA_ID),
    });
    await harness.runAndKeepWatermarksAsync();
    const second = await harness.runAndKeepWatermarksAsync();
    expect(second.counts.failed).toBe(0);
    return harness;
}

async function runPreviewedAsync(
    harness: RelationsHarness,
): Promise<{summary: RunSummary; preview: RunPreview}> {
    const previews: RunPreview[] = [];
    const summary = await harness.runAndKeepWatermarksAsync({
        confirmRunAsync: async preview => {
            previews.push(preview);
            return APPLY;
        },
    });
    const [preview] = previews;
    if (preview === undefined) {
        throw new Error('The run showed no preview.');
    }
    return {summary, preview};
}

function getAccounts(preview: RunPreview): TablePreview {
    const table = preview.tables.find(candidate => candidate.tableId === ACCOUNTS_TABLE);
    if (table === undefined) {
        throw new Error('The preview has no Accounts table.');
    }
    return table;
}

describe('preview of links a delete empties', () => {
    test('lists no failure for a removed row', async () => {
        const harness = await createSyncedBaseAsync();
        // Dynamics deletes Ada and clears Acme's Primary Contact, so the run deletes her row.
        harness.dataverse.deleteRecordWithCascade(CONTACT, ADA_ID);

        const {summary, preview} = await runPreviewedAsync(harness);

        expect(getAccounts(preview).failures).toEqual([]);
        expect(summary.counts.failed).toBe(0);
        expect(summary.counts.deletedInAirtable).toBe(1);
    });

    test('lists no update the cascade makes', async () => {
        const harness = await createSyncedBaseAsync();
        // A person deletes Ada's row, so the run deletes Ada, whose delete clears Acme's lookup.
        harness.airtable.deleteRow(CONTACTS_TABLE, harness.getRowId(CONTACTS_TABLE, ADA_ID));

        const {summary, preview} = await runPreviewedAsync(harness);

        const accounts = getAccounts(preview);
        expect(accounts.dynamics.updates).toEqual([]);
        expect(accounts.failures).toEqual([]);
        expect(summary.counts.updatedInDynamics).toBe(0);
        expect(summary.counts.deletedInDynamics).toBe(1);
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid ?? null).toBeNull();
    });
});
