/**
 * A row remembered as unchanged is planned again once a row it links to is linked to another
 * record or to none. Each case runs on two identical bases. One returns unchanged rows as the same
 * objects from run to run, as the extension's Airtable side does, so its plans use the remembered
 * rows. The other returns new objects on every read. Both must end in the same state.
 */
import {airtableFieldId, airtableRecordId} from '../../frontend/sync/ids';
import type {RunSummary} from '../../frontend/sync/outcomes';
import {planTable} from '../../frontend/sync/plan/planTable';
import {encodeSyncState, hashValue} from '../../frontend/sync/syncState';
import {accountTable, createGuidSequence, EMPLOYEES, NAME} from './fixtures';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    ACME_ID,
    ADA_ID,
    CONTACT,
    CONTACTS_TABLE,
    createSyncedSampleAsync,
    GLOBEX_ID,
    GRACE_ID,
    links,
    OPPORTUNITIES_TABLE,
    OPPORTUNITY,
    DEAL_ID,
    reference,
    type RelationsHarness,
} from './relationFixtures';

const DYNAMICS_ID_FIELD = airtableFieldId('fldDynamicsId');
const PRIMARY_CONTACT_FIELD = airtableFieldId('fldPrimaryContact');

type Edit = (harness: RelationsHarness) => void;

/**
 * Links Acme's primary contact to Ada's row, and syncs until a run finds every row unchanged, so
 * that the next plan has remembered rows. Then edits and syncs.
 */
async function syncAfterEditAsync(keepsUnchangedRows: boolean, edit: Edit) {
    const harness = await createSyncedSampleAsync({
        contacts: [
            [ADA_ID, 'Lovelace'],
            [GRACE_ID, 'Hopper'],
        ],
        hasDeal: true,
    });
    harness.airtable.keepsUnchangedRows = keepsUnchangedRows;
    harness.airtable.editRow(ACCOUNTS_TABLE, harness.getRowId(ACCOUNTS_TABLE, ACME_ID), {
        [PRIMARY_CONTACT_FIELD]: links(harness.getRowId(CONTACTS_TABLE, ADA_ID)),
    });
    // The first run writes the link, and the second reads that write back.
    await harness.runAndKeepWatermarksAsync();
    await harness.runAndKeepWatermarksAsync();
    const warmUp = await harness.runAndKeepWatermarksAsync();
    expect(warmUp.counts.unchanged).toBe(5);

    edit(harness);
    const summary = await harness.runAndKeepWatermarksAsync();
    return {harness, summary};
}

function describeBase(harness: RelationsHarness, summary: RunSummary): unknown {
    const dataverse = harness.dataverse;
    return {
        counts: summary.counts,
        error: summary.error,
        outcomes: summary.outcomes.map(outcome => [outcome.tableId, outcome.status]),
        rows: [ACCOUNTS_TABLE, CONTACTS_TABLE, OPPORTUNITIES_TABLE].map(tableId =>
            harness.airtable.getRows(tableId).map(row => row.cells),
        ),
        records: (
            [
                [ACCOUNT, ACME_ID],
                [ACCOUNT, GLOBEX_ID],
                [CONTACT, ADA_ID],
                [CONTACT, GRACE_ID],
                [OPPORTUNITY, DEAL_ID],
            ] as const
        ).map(([entity, id]) =>
            dataverse.hasRecord(entity, id) ? dataverse.getValues(entity, id) : null,
        ),
    };
}

async function expectSameWithRememberedRowsAsync(edit: Edit) {
    const remembering = await syncAfterEditAsync(true, edit);
    const planning = await syncAfterEditAsync(false, edit);
    expect(describeBase(remembering.harness, remembering.summary)).toEqual(
        describeBase(planning.harness, planning.summary),
    );
    return remembering;
}

/** Sets the Dynamics ID cell of the Accounts row linked to the record `id`. */
function setAccountId(harness: RelationsHarness, id: typeof ACME_ID, text: string): void {
    const rowId = harness.getRowId(ACCOUNTS_TABLE, id);
    harness.airtable.editRow(ACCOUNTS_TABLE, rowId, {[DYNAMICS_ID_FIELD]: text});
}

describe('rows remembered as unchanged', () => {
    test('push a link to a relinked row', async () => {
        const {harness, summary} = await expectSameWithRememberedRowsAsync(edited => {
            // The two Accounts rows swap records, so every link to Acme's row means Globex.
            const acmeRow = edited.getRowId(ACCOUNTS_TABLE, ACME_ID);
            setAccountId(edited, GLOBEX_ID, ACME_ID);
            edited.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {[DYNAMICS_ID_FIELD]: GLOBEX_ID});
        });

        expect(summary.error).toBeNull();
        expect(harness.dataverse.getValues(CONTACT, ADA_ID).parentcustomerid).toEqual(
            reference(ACCOUNT, GLOBEX_ID),
        );
        expect(harness.dataverse.getValues(OPPORTUNITY, DEAL_ID).customerid).toEqual(
            reference(ACCOUNT, GLOBEX_ID),
        );
    });

    test('push a deferred link to a relinked row', async () => {
        const {harness, summary} = await expectSameWithRememberedRowsAsync(edited => {
            // The two Contacts rows swap records, so Acme's primary contact now means Grace.
            const adaRow = edited.getRowId(CONTACTS_TABLE, ADA_ID);
            const graceRow = edited.getRowId(CONTACTS_TABLE, GRACE_ID);
            edited.airtable.editRow(CONTACTS_TABLE, adaRow, {[DYNAMICS_ID_FIELD]: GRACE_ID});
            edited.airtable.editRow(CONTACTS_TABLE, graceRow, {[DYNAMICS_ID_FIELD]: ADA_ID});
        });

        expect(summary.error).toBeNull();
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid).toEqual(
            reference(CONTACT, GRACE_ID),
        );
    });

    test('plan links to an invalid ID', async () => {
        const {summary} = await expectSameWithRememberedRowsAsync(edited =>
            setAccountId(edited, ACME_ID, 'not a GUID'),
        );

        const failedTables = summary.outcomes
            .filter(outcome => outcome.status === 'failed')
            .map(outcome => outcome.tableId);
        expect(failedTables).toContain(ACCOUNTS_TABLE);
    });

    test('plan links to a cleared ID', async () => {
        await expectSameWithRememberedRowsAsync(edited => setAccountId(edited, ACME_ID, ''));
    });

    test('plan links to a shared ID', async () => {
        await expectSameWithRememberedRowsAsync(edited => setAccountId(edited, GLOBEX_ID, ACME_ID));
    });

    test('stay unchanged without edits', async () => {
        const {summary} = await expectSameWithRememberedRowsAsync(() => undefined);

        expect(summary.counts.unchanged).toBe(5);
        expect(summary.outcomes.every(outcome => outcome.status === 'unchanged')).toBe(true);
    });
});

describe('a row planned from its cells alone', () => {
    const cells = {
        fldName: 'Acme',
        fldEmployees: 10,
        fldDynamicsId: ACME_ID,
        fldSyncState: encodeSyncState({
            version: 'W/"6"',
            isPendingCreate: false,
            fieldHashes: {name: hashValue('Acme')},
        }),
    };
    const row = {id: airtableRecordId('recAcme'), cells};

    function planWith(fields: Parameters<typeof accountTable>[0]) {
        return planTable({
            table: accountTable(fields),
            rows: [row],
            records: [],
            conflictPolicy: 'dynamicsWins',
            newGuid: createGuidSequence(),
            lastSyncedAt: null,
            unchangedRecordIds: new Set([ACME_ID]),
        });
    }

    test('replans after a mapped field is added', () => {
        const before = planWith([NAME]);
        const after = planWith([NAME, EMPLOYEES]);

        expect(before.steps.map(step => step.kind)).toEqual(['unchanged']);
        // The new field has no baseline, so the record must be read to plan it.
        expect(after.steps).toEqual([]);
        expect([...(after.unreadRecordIds ?? [])]).toEqual([ACME_ID]);
    });
});
