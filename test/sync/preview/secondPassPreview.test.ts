/**
 * The run preview of lookups set in the second pass: Accounts and Contacts link to each other, so
 * Accounts' Primary Contact is set once both tables' rows and records exist.
 */
import {airtableFieldId, parseGuid, type AirtableRecordId} from '../../../frontend/sync/ids';
import {countOutcomes, type RunSummary} from '../../../frontend/sync/outcomes';
import {UNREAD_VALUE_TEXT} from '../../../frontend/sync/preview/fieldChanges';
import type {RunDecision, RunPreview, TablePreview} from '../../../frontend/sync/preview/types';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    ACME_ID,
    ADA_ID,
    GRACE_ID,
    accountsTable,
    CONTACT,
    CONTACTS_TABLE,
    contactsTable,
    createRelationsHarness,
    links,
    reference,
    type RelationsHarness,
} from '../relationFixtures';

const ALAN_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a3');
const PRIMARY_CONTACT_FIELD = airtableFieldId('fldPrimaryContact');
const APPLY: RunDecision = {kind: 'apply', deletes: {kind: 'approveAll'}};

interface SyncedBase {
    readonly harness: RelationsHarness;
    readonly acmeRow: AirtableRecordId;
    readonly adaRow: AirtableRecordId;
    readonly graceRow: AirtableRecordId;
}

/** Syncs Acme with Ada as its Primary Contact, and Grace, a contact of no account. */
async function createSyncedBaseAsync(): Promise<SyncedBase> {
    const harness = createRelationsHarness([accountsTable(), contactsTable()]);
    harness.dataverse.insertRecord(CONTACT, ADA_ID, {lastname: 'Lovelace'});
    harness.dataverse.insertRecord(CONTACT, GRACE_ID, {lastname: 'Hopper'});
    harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {
        name: 'Acme',
        primarycontactid: reference(CONTACT, ADA_ID),
    });
    const first = await harness.runAndKeepWatermarksAsync();
    expect(first.error).toBeNull();
    return {
        harness,
        acmeRow: harness.getRowId(ACCOUNTS_TABLE, ACME_ID),
        adaRow: harness.getRowId(CONTACTS_TABLE, ADA_ID),
        graceRow: harness.getRowId(CONTACTS_TABLE, GRACE_ID),
    };
}

/** Runs once, approving the preview, and returns the summary with the preview shown. */
async function runPreviewedAsync(
    harness: RelationsHarness,
    options: {onPreview?: () => void; isFullRead?: boolean} = {},
): Promise<{summary: RunSummary; preview: RunPreview}> {
    const previews: RunPreview[] = [];
    const summary = await harness.runAndKeepWatermarksAsync({
        // Without delta states every record is read, so the preview has their old values.
        ...(options.isFullRead === true ? {deltaStates: {}} : {}),
        confirmRunAsync: async preview => {
            previews.push(preview);
            options.onPreview?.();
            return APPLY;
        },
    });
    const [preview] = previews;
    if (preview === undefined) {
        throw new Error('The run showed no preview.');
    }
    return {summary, preview};
}

function getTable(preview: RunPreview, tableId: string): TablePreview {
    const table = preview.tables.find(candidate => candidate.tableId === tableId);
    if (table === undefined) {
        throw new Error(`The preview has no table ${tableId}.`);
    }
    return table;
}

function countPreviewed(table: TablePreview) {
    return {
        createdInAirtable: table.airtable.creates.length,
        updatedInAirtable: table.airtable.updates.length,
        createdInDynamics: table.dynamics.creates.length,
        updatedInDynamics: table.dynamics.updates.length,
        failed: table.failures.length,
    };
}

function countSummarized(summary: RunSummary, tableId: string) {
    const counts = countOutcomes(summary.outcomes.filter(outcome => outcome.tableId === tableId));
    return {
        createdInAirtable: counts.createdInAirtable,
        updatedInAirtable: counts.updatedInAirtable,
        createdInDynamics: counts.createdInDynamics,
        updatedInDynamics: counts.updatedInDynamics,
        failed: counts.failed,
    };
}

function expectCountsAsPreviewed(summary: RunSummary, preview: RunPreview): void {
    for (const tableId of [ACCOUNTS_TABLE, CONTACTS_TABLE]) {
        expect({tableId, ...countSummarized(summary, tableId)}).toEqual({
            tableId,
            ...countPreviewed(getTable(preview, tableId)),
        });
    }
}

describe('run preview of the second pass', () => {
    test('lists a link changed in Airtable', async () => {
        const {harness, acmeRow, graceRow} = await createSyncedBaseAsync();
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {fldPrimaryContact: links(graceRow)});

        const {summary, preview} = await runPreviewedAsync(harness, {isFullRead: true});

        const accounts = getTable(preview, ACCOUNTS_TABLE);
        expect(summary.error).toBeNull();
        expect(accounts.dynamics.updates.map(write => write.ref.dynamicsId)).toEqual([ACME_ID]);
        expect(accounts.dynamics.updates[0]?.changes).toEqual([
            {fieldName: 'Primary contact', oldValue: 'Lovelace', newValue: 'Hopper'},
        ]);
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid).toEqual(
            reference(CONTACT, GRACE_ID),
        );
        expectCountsAsPreviewed(summary, preview);
    });

    test('names a row read by delta', async () => {
        const {harness, acmeRow, graceRow} = await createSyncedBaseAsync();
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {fldPrimaryContact: links(graceRow)});

        const {preview} = await runPreviewedAsync(harness);

        const accounts = getTable(preview, ACCOUNTS_TABLE);
        expect(accounts.dynamics.updates.map(write => write.ref.name)).toEqual(['Acme']);
    });

    test('lists a link changed in Dynamics', async () => {
        const {harness, acmeRow, graceRow} = await createSyncedBaseAsync();
        harness.dataverse.editRecord(ACCOUNT, ACME_ID, {
            primarycontactid: reference(CONTACT, GRACE_ID),
        });

        const {summary, preview} = await runPreviewedAsync(harness);

        const accounts = getTable(preview, ACCOUNTS_TABLE);
        expect(summary.error).toBeNull();
        expect(accounts.airtable.updates.map(write => write.ref.airtableRecordId)).toEqual([
            acmeRow,
        ]);
        expect(accounts.airtable.updates[0]?.changes).toEqual([
            {fieldName: 'Primary contact', oldValue: 'Lovelace', newValue: 'Hopper'},
        ]);
        expect(harness.airtable.getCell(ACCOUNTS_TABLE, acmeRow, PRIMARY_CONTACT_FIELD)).toEqual(
            links(graceRow),
        );
        expectCountsAsPreviewed(summary, preview);
    });

    test('lists a link to a new row', async () => {
        const {harness, acmeRow} = await createSyncedBaseAsync();
        const alanRow = harness.addRow(CONTACTS_TABLE, {fldName: 'Turing'});
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {fldPrimaryContact: links(alanRow)});

        const {summary, preview} = await runPreviewedAsync(harness);

        const accounts = getTable(preview, ACCOUNTS_TABLE);
        const contacts = getTable(preview, CONTACTS_TABLE);
        const alanId = harness.getDynamicsId(CONTACTS_TABLE, alanRow);
        expect(summary.error).toBeNull();
        expect(contacts.dynamics.creates.map(write => write.ref.dynamicsId)).toEqual([alanId]);
        expect(accounts.dynamics.updates[0]?.changes).toEqual([
            {fieldName: 'Primary contact', oldValue: UNREAD_VALUE_TEXT, newValue: 'Turing'},
        ]);
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid).toEqual(
            reference(CONTACT, alanId),
        );
        expectCountsAsPreviewed(summary, preview);
    });

    test('lists a link to a new record', async () => {
        const {harness, acmeRow} = await createSyncedBaseAsync();
        harness.dataverse.insertRecord(CONTACT, ALAN_ID, {lastname: 'Turing'});
        harness.dataverse.editRecord(ACCOUNT, ACME_ID, {
            primarycontactid: reference(CONTACT, ALAN_ID),
        });

        const {summary, preview} = await runPreviewedAsync(harness);

        const accounts = getTable(preview, ACCOUNTS_TABLE);
        const contacts = getTable(preview, CONTACTS_TABLE);
        const alanRow = harness.getRowId(CONTACTS_TABLE, ALAN_ID);
        expect(summary.error).toBeNull();
        expect(contacts.airtable.creates.map(write => write.ref.dynamicsId)).toEqual([ALAN_ID]);
        expect(accounts.airtable.updates[0]?.changes).toEqual([
            {fieldName: 'Primary contact', oldValue: 'Lovelace', newValue: 'Turing'},
        ]);
        expect(harness.airtable.getCell(ACCOUNTS_TABLE, acmeRow, PRIMARY_CONTACT_FIELD)).toEqual(
            links(alanRow),
        );
        expectCountsAsPreviewed(summary, preview);
    });

    test('new row lists only its create', async () => {
        const {harness, adaRow} = await createSyncedBaseAsync();
        const newco = harness.addRow(ACCOUNTS_TABLE, {
            fldName: 'Newco',
            fldPrimaryContact: links(adaRow),
        });

        const {summary, preview} = await runPreviewedAsync(harness);

        const accounts = getTable(preview, ACCOUNTS_TABLE);
        const newcoId = harness.getDynamicsId(ACCOUNTS_TABLE, newco);
        expect(summary.error).toBeNull();
        expect(accounts.dynamics.creates.map(write => write.ref.airtableRecordId)).toEqual([newco]);
        expect(accounts.dynamics.updates).toEqual([]);
        expect(harness.dataverse.getValues(ACCOUNT, newcoId).primarycontactid).toEqual(
            reference(CONTACT, ADA_ID),
        );
        expectCountsAsPreviewed(summary, preview);
    });

    test('merges link and value changes', async () => {
        const {harness, acmeRow, graceRow} = await createSyncedBaseAsync();
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {
            fldEmail: 'info@acme.example',
            fldPrimaryContact: links(graceRow),
        });

        const {summary, preview} = await runPreviewedAsync(harness);

        const accounts = getTable(preview, ACCOUNTS_TABLE);
        expect(summary.error).toBeNull();
        expect(accounts.dynamics.updates).toHaveLength(1);
        expect(accounts.dynamics.updates[0]?.changes).toEqual([
            {fieldName: 'Email', oldValue: UNREAD_VALUE_TEXT, newValue: "'info@acme.example'"},
            {fieldName: 'Primary contact', oldValue: UNREAD_VALUE_TEXT, newValue: 'Hopper'},
        ]);
        expectCountsAsPreviewed(summary, preview);
    });

    test('lists a second-pass conflict', async () => {
        const {harness, acmeRow, graceRow} = await createSyncedBaseAsync();
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {fldPrimaryContact: links(graceRow)});
        harness.dataverse.editRecord(ACCOUNT, ACME_ID, {primarycontactid: null});

        const {summary, preview} = await runPreviewedAsync(harness);

        const accounts = getTable(preview, ACCOUNTS_TABLE);
        expect(summary.error).toBeNull();
        expect(accounts.conflicts.map(conflict => conflict.fieldName)).toEqual(['Primary contact']);
        expect(accounts.conflicts[0]?.winner).toBe('dynamics');
        expectCountsAsPreviewed(summary, preview);
    });

    test('lists a second-pass failure', async () => {
        const {harness, acmeRow, adaRow, graceRow} = await createSyncedBaseAsync();
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {
            fldPrimaryContact: links(adaRow, graceRow),
        });
        // A run whose only entries are failures writes nothing, so it shows no preview.
        harness.airtable.editRow(CONTACTS_TABLE, adaRow, {fldName: 'King'});

        const {summary, preview} = await runPreviewedAsync(harness);

        const accounts = getTable(preview, ACCOUNTS_TABLE);
        const acmeOutcome = summary.outcomes.find(outcome => outcome.ref.dynamicsId === ACME_ID);
        expect(accounts.failures.map(failure => failure.ref.dynamicsId)).toEqual([ACME_ID]);
        expect(acmeOutcome?.status).toBe('failed');
        expect(accounts.failures[0]?.message).toBe(
            acmeOutcome?.status === 'failed' ? acmeOutcome.message : '',
        );
        expectCountsAsPreviewed(summary, preview);
    });
});

describe('preview gate in the second pass', () => {
    test('skips a link set after the preview', async () => {
        const {harness, acmeRow, graceRow} = await createSyncedBaseAsync();
        // The email makes the first pass write Acme's row, so the second pass reads it again.
        harness.dataverse.editRecord(ACCOUNT, ACME_ID, {emailaddress1: 'info@acme.example'});

        const {summary} = await runPreviewedAsync(harness, {
            onPreview: () =>
                harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {
                    fldPrimaryContact: links(graceRow),
                }),
        });
        const next = await runPreviewedAsync(harness);

        const accounts = getTable(next.preview, ACCOUNTS_TABLE);
        expect(summary.error).toBeNull();
        expect(accounts.dynamics.updates[0]?.changes).toEqual([
            {fieldName: 'Primary contact', oldValue: UNREAD_VALUE_TEXT, newValue: 'Hopper'},
        ]);
        expect(next.summary.error).toBeNull();
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid).toEqual(
            reference(CONTACT, GRACE_ID),
        );
    });

    test('leaves the unlisted link unwritten', async () => {
        const {harness, acmeRow, graceRow} = await createSyncedBaseAsync();
        harness.dataverse.editRecord(ACCOUNT, ACME_ID, {emailaddress1: 'info@acme.example'});

        await runPreviewedAsync(harness, {
            onPreview: () =>
                harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {
                    fldPrimaryContact: links(graceRow),
                }),
        });

        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid).toEqual(
            reference(CONTACT, ADA_ID),
        );
    });
});
