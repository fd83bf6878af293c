import {airtableFieldId, parseGuid} from '../../frontend/sync/ids';
import type {DeleteDecision, DeletePreview} from '../../frontend/sync/deletes/types';
import type {RecordOutcome, RunSummary} from '../../frontend/sync/outcomes';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    CONTACT,
    CONTACTS_TABLE,
    createRelationsHarness,
    DEFAULT_CASCADE_RULES,
    links,
    OPPORTUNITIES_TABLE,
    OPPORTUNITY,
    reference,
    type RelationsHarness,
} from './relationFixtures';

const ACME_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b1');
const ADA_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a1');
const GRACE_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a2');
const DEAL_ID = parseGuid('5e9b0c77-1a2b-4c3d-8e9f-0000000000d1');
const COMPANY_FIELD = airtableFieldId('fldCompany');
const PRIMARY_CONTACT_FIELD = airtableFieldId('fldPrimaryContact');

/** Acme with its two contacts and one opportunity, synced once so every row is linked. */
async function createSyncedAccountAsync(): Promise<RelationsHarness> {
    const harness = createRelationsHarness();
    harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
    for (const [id, lastname] of [
        [ADA_ID, 'Lovelace'],
        [GRACE_ID, 'Hopper'],
    ] as const) {
        harness.dataverse.insertRecord(CONTACT, id, {
            lastname,
            parentcustomerid: reference(ACCOUNT, ACME_ID),
        });
    }
    harness.dataverse.insertRecord(OPPORTUNITY, DEAL_ID, {
        name: 'Engines',
        customerid: reference(ACCOUNT, ACME_ID),
    });
    await harness.runAndKeepWatermarksAsync();
    return harness;
}

function deleteAcmeRow(harness: RelationsHarness): void {
    const acmeRow = harness.findRowId(ACCOUNTS_TABLE, ACME_ID);
    if (acmeRow === null) {
        throw new Error('Acme has no row.');
    }
    harness.airtable.deleteRow(ACCOUNTS_TABLE, acmeRow);
}

function recordingDecision(decision: DeleteDecision) {
    const previews: DeletePreview[] = [];
    return {
        previews,
        confirmDeletesAsync: async (preview: DeletePreview) => {
            previews.push(preview);
            return decision;
        },
    };
}

function findOutcome(outcomes: readonly RecordOutcome[], id: string): RecordOutcome | undefined {
    return outcomes.find(outcome => outcome.ref.dynamicsId === id);
}

function rowCounts(harness: RelationsHarness): number[] {
    return [ACCOUNTS_TABLE, CONTACTS_TABLE, OPPORTUNITIES_TABLE].map(
        table => harness.airtable.getRows(table).length,
    );
}

describe('deletes from Airtable', () => {
    test('account delete cascades everywhere', async () => {
        const harness = await createSyncedAccountAsync();
        deleteAcmeRow(harness);
        const confirm = recordingDecision({kind: 'approveAll'});

        const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        expect(summary.error).toBeNull();
        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(false);
        expect(harness.dataverse.hasRecord(CONTACT, ADA_ID)).toBe(false);
        expect(harness.dataverse.hasRecord(CONTACT, GRACE_ID)).toBe(false);
        expect(harness.dataverse.hasRecord(OPPORTUNITY, DEAL_ID)).toBe(false);
        expect(rowCounts(harness)).toEqual([0, 0, 0]);
        expect(summary.counts.deletedInDynamics).toBe(1);
        expect(summary.counts.deletedInAirtable).toBe(3);
        expect(findOutcome(summary.outcomes, ADA_ID)).toMatchObject({
            status: 'deleted',
            side: 'airtable',
            cascadedFrom: {dynamicsId: ACME_ID},
        });
    });

    test('preview shows the blast radius', async () => {
        const harness = await createSyncedAccountAsync();
        deleteAcmeRow(harness);
        const confirm = recordingDecision({kind: 'declineAll'});

        await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        const [preview] = confirm.previews;
        const [accounts] = preview?.tables ?? [];
        const [acmeDelete] = accounts?.dynamicsDeletes ?? [];
        expect(confirm.previews).toHaveLength(1);
        expect(preview?.tables).toHaveLength(1);
        expect(accounts?.tableName).toBe('Accounts');
        expect(acmeDelete?.ref).toMatchObject({dynamicsId: ACME_ID, name: 'Acme'});
        expect(acmeDelete?.cascade.description).toBe('also deletes 2 Contacts and 1 Opportunity');
        expect(acmeDelete?.cascade.deletedRecords.map(record => record.ref.name)).toEqual(
            expect.arrayContaining(['Lovelace', 'Hopper', 'Engines']),
        );
        expect(preview?.counts).toMatchObject({dynamicsDeletes: 1, cascadedRecords: 3});
    });

    test('declined preview changes nothing', async () => {
        const harness = await createSyncedAccountAsync();
        deleteAcmeRow(harness);
        const dynamicsWrites = harness.dataverse.writeCalls.length;
        const confirm = recordingDecision({kind: 'declineAll'});

        const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        expect(harness.dataverse.writeCalls).toHaveLength(dynamicsWrites);
        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(true);
        expect(harness.dataverse.getValues(CONTACT, ADA_ID).parentcustomerid).toEqual(
            reference(ACCOUNT, ACME_ID),
        );
        expect(rowCounts(harness)).toEqual([0, 2, 1]);
        expect(findOutcome(summary.outcomes, ACME_ID)).toMatchObject({
            status: 'skipped',
            reason: 'deleteDeclined',
        });
        expect(summary.counts.failed).toBe(0);
    });

    test('declined with restore re-creates the row', async () => {
        const harness = await createSyncedAccountAsync();
        deleteAcmeRow(harness);
        const confirm = recordingDecision({kind: 'declineAll', restoreRows: true});

        const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        const acmeRow = harness.findRowId(ACCOUNTS_TABLE, ACME_ID);
        const adaRow = harness.findRowId(CONTACTS_TABLE, ADA_ID);
        expect(acmeRow).not.toBeNull();
        expect(findOutcome(summary.outcomes, ACME_ID)?.status).toBe('restored');
        expect(harness.airtable.getCell(CONTACTS_TABLE, adaRow!, COMPANY_FIELD)).toEqual(
            links(acmeRow!),
        );
        expect(harness.dataverse.getValues(CONTACT, ADA_ID).parentcustomerid).toEqual(
            reference(ACCOUNT, ACME_ID),
        );
    });

    test('approves only the chosen deletes', async () => {
        const harness = await createSyncedAccountAsync();
        deleteAcmeRow(harness);
        harness.airtable.deleteRow(CONTACTS_TABLE, harness.findRowId(CONTACTS_TABLE, ADA_ID)!);
        const confirm = recordingDecision({
            kind: 'approveSome',
            approvedKeys: [`dynamics:${CONTACTS_TABLE}:${ADA_ID}`],
        });

        const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        expect(harness.dataverse.hasRecord(CONTACT, ADA_ID)).toBe(false);
        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(true);
        expect(harness.dataverse.hasRecord(CONTACT, GRACE_ID)).toBe(true);
        expect(findOutcome(summary.outcomes, ADA_ID)).toMatchObject({status: 'deleted'});
        expect(findOutcome(summary.outcomes, ACME_ID)).toMatchObject({reason: 'deleteDeclined'});
    });

    test('stops deletes without a callback', async () => {
        const harness = await createSyncedAccountAsync();
        deleteAcmeRow(harness);

        const summary = await harness.runAsync({confirmRunAsync: undefined});

        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(true);
        expect(summary.error?.code).toBe('approvalNeeded');
        expect(summary.outcomes).toHaveLength(0);
    });

    test('Restrict blocks with a clear error', async () => {
        const harness = await createSyncedAccountAsync();
        const rules = harness.dataverse.cascadeDeleteRules;
        rules.splice(0, rules.length, ...DEFAULT_CASCADE_RULES.map(restrictContactsOfAccounts));
        deleteAcmeRow(harness);
        const dynamicsWrites = harness.dataverse.writeCalls.length;
        const confirm = recordingDecision({kind: 'approveAll'});

        const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        const outcome = findOutcome(summary.outcomes, ACME_ID);
        const message = outcome?.status === 'failed' ? outcome.message : '';
        expect(outcome).toMatchObject({status: 'failed', code: 'deleteBlocked'});
        expect(message).toContain("Account 'Acme' can't be deleted");
        expect(message).toContain('2 Contacts');
        expect(message).toContain('parentcustomerid');
        expect(confirm.previews[0]?.tables[0]?.blockedDeletes).toHaveLength(1);
        expect(harness.dataverse.writeCalls).toHaveLength(dynamicsWrites);
        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(true);
        expect(rowCounts(harness)).toEqual([0, 2, 1]);
    });

    test('rejected delete leaves everything', async () => {
        const harness = await createSyncedAccountAsync();
        deleteAcmeRow(harness);
        harness.dataverse.rejectWrites.set(ACME_ID, 'The user lacks the Delete privilege.');
        const confirm = recordingDecision({kind: 'approveAll'});

        const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        expect(findOutcome(summary.outcomes, ACME_ID)).toMatchObject({
            status: 'failed',
            code: 'dynamicsRejected',
            detail: expect.stringContaining('Delete privilege'),
        });
        expect(harness.dataverse.hasRecord(CONTACT, ADA_ID)).toBe(true);
        expect(rowCounts(harness)).toEqual([0, 2, 1]);
    });

    test('keeps a record changed after the delete', async () => {
        const harness = await createSyncedAccountAsync();
        deleteAcmeRow(harness);
        harness.dataverse.editRecord(ACCOUNT, ACME_ID, {name: 'Acme Ltd'});
        const confirm = recordingDecision({kind: 'approveAll'});

        const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        const acmeRow = harness.findRowId(ACCOUNTS_TABLE, ACME_ID);
        const outcome = findOutcome(summary.outcomes, ACME_ID);
        expect(confirm.previews).toHaveLength(0);
        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(true);
        expect(acmeRow).not.toBeNull();
        expect(harness.airtable.getCell(ACCOUNTS_TABLE, acmeRow!, airtableFieldId('fldName'))).toBe(
            'Acme Ltd',
        );
        expect(outcome?.status).toBe('restored');
        expect(outcome?.status === 'restored' ? outcome.message : '').toContain(
            'changed in Dynamics',
        );
    });

    test('contact delete clears the primary contact', async () => {
        const harness = await createSyncedAccountAsync();
        const adaRow = harness.findRowId(CONTACTS_TABLE, ADA_ID)!;
        const acmeRow = harness.findRowId(ACCOUNTS_TABLE, ACME_ID)!;
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {fldPrimaryContact: links(adaRow)});
        await harness.runAndKeepWatermarksAsync();
        harness.airtable.deleteRow(CONTACTS_TABLE, adaRow);
        const confirm = recordingDecision({kind: 'approveAll'});

        await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});
        const second = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        const [contacts] = confirm.previews[0]?.tables ?? [];
        expect(contacts?.dynamicsDeletes[0]?.cascade.clearedLinks).toMatchObject([
            {tableName: 'Accounts', ref: {dynamicsId: ACME_ID}, column: 'primarycontactid'},
        ]);
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid).toBeNull();
        expect(harness.airtable.getCell(ACCOUNTS_TABLE, acmeRow, PRIMARY_CONTACT_FIELD)).toEqual(
            [],
        );
        expect(second.counts.failed).toBe(0);
        expect(confirm.previews).toHaveLength(1);
    });
});

describe('watermark after own writes', () => {
    const NAME_FIELD = airtableFieldId('fldName');

    async function renameAcmeAndSyncAsync(harness: RelationsHarness): Promise<RunSummary> {
        const acmeRow = harness.findRowId(ACCOUNTS_TABLE, ACME_ID)!;
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {fldName: 'Acme Ltd'});
        return harness.runAndKeepWatermarksAsync();
    }

    test('deletes a record the sync updated', async () => {
        const harness = await createSyncedAccountAsync();
        const update = await renameAcmeAndSyncAsync(harness);
        deleteAcmeRow(harness);
        const confirm = recordingDecision({kind: 'approveAll'});

        const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        expect(update.counts.updatedInDynamics).toBe(1);
        expect(confirm.previews).toHaveLength(1);
        expect(findOutcome(summary.outcomes, ACME_ID)).toMatchObject({
            status: 'deleted',
            side: 'dynamics',
        });
        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(false);
        expect(harness.findRowId(ACCOUNTS_TABLE, ACME_ID)).toBeNull();
    });

    test('restores a record edited after sync', async () => {
        const harness = await createSyncedAccountAsync();
        await renameAcmeAndSyncAsync(harness);
        harness.dataverse.editRecord(ACCOUNT, ACME_ID, {name: 'Acme Group'});
        deleteAcmeRow(harness);
        const confirm = recordingDecision({kind: 'approveAll'});

        const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        const acmeRow = harness.findRowId(ACCOUNTS_TABLE, ACME_ID);
        expect(confirm.previews).toHaveLength(0);
        expect(findOutcome(summary.outcomes, ACME_ID)?.status).toBe('restored');
        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(true);
        expect(acmeRow).not.toBeNull();
        expect(harness.airtable.getCell(ACCOUNTS_TABLE, acmeRow!, NAME_FIELD)).toBe('Acme Group');
    });

    test('deletes a record after its cleared link', async () => {
        const harness = await createSyncedAccountAsync();
        const acmeRow = harness.findRowId(ACCOUNTS_TABLE, ACME_ID)!;
        const adaRow = harness.findRowId(CONTACTS_TABLE, ADA_ID)!;
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {fldPrimaryContact: links(adaRow)});
        await harness.runAndKeepWatermarksAsync();
        harness.airtable.deleteRow(CONTACTS_TABLE, adaRow);
        const confirm = recordingDecision({kind: 'approveAll'});
        const contactDelete = await harness.runAndKeepWatermarksAsync({
            confirmDeletesAsync: confirm.confirmDeletesAsync,
        });
        deleteAcmeRow(harness);

        const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        expect(findOutcome(contactDelete.outcomes, ADA_ID)?.status).toBe('deleted');
        expect(confirm.previews).toHaveLength(2);
        expect(findOutcome(summary.outcomes, ACME_ID)).toMatchObject({
            status: 'deleted',
            side: 'dynamics',
        });
        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(false);
    });

    test('restores a record changed before delete', async () => {
        const harness = await createSyncedAccountAsync();
        deleteAcmeRow(harness);
        harness.dataverse.beforeWrite = write => {
            if (write.kind === 'delete') {
                harness.dataverse.editRecord(ACCOUNT, ACME_ID, {name: 'Acme Ltd'});
            }
        };
        const confirm = recordingDecision({kind: 'approveAll'});

        const summary = await harness.runAndKeepWatermarksAsync({
            confirmDeletesAsync: confirm.confirmDeletesAsync,
        });
        harness.dataverse.beforeWrite = null;
        await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        const outcome = findOutcome(summary.outcomes, ACME_ID);
        const acmeRow = harness.findRowId(ACCOUNTS_TABLE, ACME_ID);
        expect(outcome?.status).toBe('restored');
        expect(outcome?.status === 'restored' ? outcome.message : '').toContain(
            'changed in Dynamics during the sync',
        );
        expect(confirm.previews).toHaveLength(1);
        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(true);
        expect(acmeRow).not.toBeNull();
        expect(harness.airtable.getCell(ACCOUNTS_TABLE, acmeRow!, NAME_FIELD)).toBe('Acme Ltd');
    });
});

describe('cascade rules', () => {
    test('are read only for deletes', async () => {
        const harness = await createSyncedAccountAsync();

        await harness.runAsync();

        expect(harness.dataverse.cascadeRuleReadCount).toBe(0);
    });

    test('follow unmapped lookups', async () => {
        const harness = await createSyncedAccountAsync();
        const pitchId = parseGuid('5e9b0c77-1a2b-4c3d-8e9f-0000000000d2');
        harness.dataverse.insertRecord(OPPORTUNITY, pitchId, {
            name: 'Pitch',
            parentaccountid: reference(ACCOUNT, ACME_ID),
        });
        await harness.runAndKeepWatermarksAsync();
        deleteAcmeRow(harness);
        const confirm = recordingDecision({kind: 'approveAll'});

        await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        const [acmeDelete] = confirm.previews[0]?.tables[0]?.dynamicsDeletes ?? [];
        expect(acmeDelete?.cascade.clearedLinks).toMatchObject([
            {tableName: 'Opportunities', ref: {name: 'Pitch'}, column: 'parentaccountid'},
        ]);
        expect(acmeDelete?.cascade.description).toBe(
            'also deletes 2 Contacts and 1 Opportunity and clears the link on 1 record',
        );
        expect(harness.dataverse.hasRecord(OPPORTUNITY, pitchId)).toBe(true);
        expect(harness.findRowId(OPPORTUNITIES_TABLE, pitchId)).not.toBeNull();
    });
});

describe('deletes from Dynamics', () => {
    test('account delete removes every row', async () => {
        const harness = await createSyncedAccountAsync();
        harness.dataverse.deleteRecordWithCascade(ACCOUNT, ACME_ID);
        const confirm = recordingDecision({kind: 'approveAll'});

        const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        const [preview] = confirm.previews;
        expect(preview?.tables.map(table => table.airtableDeletes.length)).toEqual([1, 2, 1]);
        expect(rowCounts(harness)).toEqual([0, 0, 0]);
        expect(summary.counts.deletedInAirtable).toBe(4);
        expect(summary.counts.failed).toBe(0);
    });

    test('declined preview keeps the rows', async () => {
        const harness = await createSyncedAccountAsync();
        harness.dataverse.deleteRecordWithCascade(ACCOUNT, ACME_ID);
        const confirm = recordingDecision({kind: 'declineAll'});

        const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});

        expect(rowCounts(harness)).toEqual([1, 2, 1]);
        expect(summary.outcomes.map(outcome => outcome.status)).toEqual([
            'skipped',
            'skipped',
            'skipped',
            'skipped',
        ]);
    });
});

function restrictContactsOfAccounts(rule: (typeof DEFAULT_CASCADE_RULES)[number]) {
    const isContactsOfAccounts =
        rule.referencedEntity === 'account' && rule.referencingEntity === 'contact';
    return isContactsOfAccounts ? {...rule, onDelete: 'Restrict' as const} : rule;
}
