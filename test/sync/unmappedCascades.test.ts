/**
 * Deletes whose cascade reaches tables the sync does not map: the preview lists those records,
 * and a delete it cannot fully foresee is not made.
 */
import {MAX_CASCADE_LEVELS} from '../../frontend/sync/deletes/readCascadeReferences';
import type {DeleteDecision, DeletePreview} from '../../frontend/sync/deletes/types';
import {parseGuid, type Guid} from '../../frontend/sync/ids';
import type {RecordOutcome} from '../../frontend/sync/outcomes';
import type {CascadeDeleteRule} from '../../frontend/sync/ports';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    accountsTable,
    CONTACT,
    createRelationsHarness,
    OPPORTUNITIES_TABLE,
    opportunitiesTable,
    OPPORTUNITY,
    reference,
    type RelationsHarness,
} from './relationFixtures';

const ACME_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b1');
const ADA_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a1');
const GRACE_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a2');
const DEAL_ID = parseGuid('5e9b0c77-1a2b-4c3d-8e9f-0000000000d1');
const ADA_DEAL_ID = parseGuid('5e9b0c77-1a2b-4c3d-8e9f-0000000000d2');

/** Returns contact GUID number `index`, for chains of contacts. */
function contactGuid(index: number): Guid {
    return parseGuid(`1b5c0a1e-0d5a-4f0e-9a11-${String(index).padStart(12, '0')}`);
}

/** Acme with its two contacts and one opportunity in Dynamics; only Accounts is synced. */
async function createAccountsOnlyAsync(): Promise<RelationsHarness> {
    const harness = createRelationsHarness([accountsTable([])]);
    insertAcmeFamily(harness);
    await harness.runAndKeepWatermarksAsync();
    return harness;
}

function insertAcmeFamily(harness: RelationsHarness): void {
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

async function deleteAcmeAsync(harness: RelationsHarness, decision: DeleteDecision) {
    deleteAcmeRow(harness);
    const confirm = recordingDecision(decision);
    const summary = await harness.runAsync({confirmDeletesAsync: confirm.confirmDeletesAsync});
    const acmeTable = confirm.previews[0]?.tables.find(table => table.tableId === ACCOUNTS_TABLE);
    return {summary, preview: confirm.previews[0], acmeTable};
}

function findOutcome(outcomes: readonly RecordOutcome[], id: string): RecordOutcome | undefined {
    return outcomes.find(outcome => outcome.ref.dynamicsId === id);
}

/** Changes the delete behaviour of the rule from `parent` rows to `child` rows through `attribute`. */
function setRule(
    harness: RelationsHarness,
    [parent, child, attribute]: readonly [string, string, string],
    onDelete: CascadeDeleteRule['onDelete'],
): void {
    const rules = harness.dataverse.cascadeDeleteRules;
    const index = rules.findIndex(
        rule =>
            rule.referencedEntity === parent &&
            rule.referencingEntity === child &&
            rule.referencingAttribute === attribute,
    );
    const found = rules[index];
    if (found === undefined) {
        throw new Error(`No rule from ${parent} to ${child}.${attribute}.`);
    }
    rules[index] = {...found, onDelete};
}

describe('preview of unsynced cascades', () => {
    test('lists records of unsynced tables', async () => {
        const harness = await createAccountsOnlyAsync();

        const {acmeTable} = await deleteAcmeAsync(harness, {kind: 'declineAll'});

        const [acmeDelete] = acmeTable?.dynamicsDeletes ?? [];
        const deleted = acmeDelete?.cascade.deletedRecords ?? [];
        expect(acmeDelete?.cascade.description).toBe('also deletes 2 Contacts and 1 Opportunity');
        expect(deleted.map(record => record.ref.name).sort()).toEqual([
            'Engines',
            'Hopper',
            'Lovelace',
        ]);
        expect(deleted.every(record => record.tableId === null)).toBe(true);
        expect(deleted.every(record => record.tableName === null)).toBe(true);
        expect(deleted.every(record => record.ref.airtableRecordId === null)).toBe(true);
    });

    test('counts unsynced cascaded records', async () => {
        const harness = await createAccountsOnlyAsync();

        const {preview} = await deleteAcmeAsync(harness, {kind: 'declineAll'});

        expect(preview?.counts).toMatchObject({dynamicsDeletes: 1, cascadedRecords: 3});
    });

    test('declined delete keeps the children', async () => {
        const harness = await createAccountsOnlyAsync();

        await deleteAcmeAsync(harness, {kind: 'declineAll'});

        expect(harness.dataverse.hasRecord(CONTACT, ADA_ID)).toBe(true);
        expect(harness.dataverse.hasRecord(OPPORTUNITY, DEAL_ID)).toBe(true);
    });

    test('approved delete cascades in Dynamics', async () => {
        const harness = await createAccountsOnlyAsync();

        const {summary} = await deleteAcmeAsync(harness, {kind: 'approveAll'});

        expect(summary.error).toBeNull();
        expect(summary.counts.failed).toBe(0);
        expect(findOutcome(summary.outcomes, ACME_ID)).toMatchObject({status: 'deleted'});
        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(false);
        expect(harness.dataverse.hasRecord(CONTACT, ADA_ID)).toBe(false);
        expect(harness.dataverse.hasRecord(OPPORTUNITY, DEAL_ID)).toBe(false);
    });

    test('follows cascades below unsynced records', async () => {
        const harness = await createAccountsOnlyAsync();
        harness.dataverse.insertRecord(OPPORTUNITY, ADA_DEAL_ID, {
            name: 'Analytical engine',
            customerid: reference(CONTACT, ADA_ID),
        });

        const {acmeTable} = await deleteAcmeAsync(harness, {kind: 'declineAll'});

        const [acmeDelete] = acmeTable?.dynamicsDeletes ?? [];
        const contactRuleReads = harness.dataverse.referencingReads.filter(
            read => read.rule.referencedEntity === 'contact',
        );
        expect(acmeDelete?.cascade.description).toBe('also deletes 2 Contacts and 2 Opportunities');
        expect(contactRuleReads.length).toBeGreaterThan(0);
    });

    test('reads once per rule and level', async () => {
        const harness = createRelationsHarness([accountsTable([])]);
        insertAcmeFamily(harness);
        const otherId = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b2');
        harness.dataverse.insertRecord(ACCOUNT, otherId, {name: 'Other'});
        await harness.runAndKeepWatermarksAsync();
        harness.airtable.deleteRow(ACCOUNTS_TABLE, harness.findRowId(ACCOUNTS_TABLE, otherId)!);

        await deleteAcmeAsync(harness, {kind: 'declineAll'});

        const contactReads = harness.dataverse.referencingReads.filter(
            read =>
                read.rule.referencingEntity === 'contact' &&
                read.rule.referencedEntity === 'account',
        );
        expect(contactReads).toHaveLength(1);
        expect([...(contactReads[0]?.parentIds ?? [])].sort()).toEqual([ACME_ID, otherId].sort());
    });

    test('skips reads without Dynamics deletes', async () => {
        const harness = await createAccountsOnlyAsync();

        await harness.runAsync();

        expect(harness.dataverse.referencingReads).toHaveLength(0);
    });
});

describe('cascades into synced tables', () => {
    test('removes rows reached through unsynced records', async () => {
        const harness = createRelationsHarness([accountsTable([]), opportunitiesTable([])]);
        insertAcmeFamily(harness);
        harness.dataverse.insertRecord(OPPORTUNITY, ADA_DEAL_ID, {
            name: 'Analytical engine',
            customerid: reference(CONTACT, ADA_ID),
        });
        await harness.runAndKeepWatermarksAsync();
        const adaDealRow = harness.findRowId(OPPORTUNITIES_TABLE, ADA_DEAL_ID);

        const {summary, acmeTable} = await deleteAcmeAsync(harness, {kind: 'approveAll'});

        const cascaded = acmeTable?.dynamicsDeletes[0]?.cascade.deletedRecords ?? [];
        const adaDeal = cascaded.find(record => record.ref.dynamicsId === ADA_DEAL_ID);
        expect(adaDealRow).not.toBeNull();
        expect(adaDeal).toMatchObject({
            tableId: OPPORTUNITIES_TABLE,
            ref: {airtableRecordId: adaDealRow},
        });
        expect(harness.dataverse.hasRecord(OPPORTUNITY, ADA_DEAL_ID)).toBe(false);
        expect(harness.findRowId(OPPORTUNITIES_TABLE, ADA_DEAL_ID)).toBeNull();
        expect(findOutcome(summary.outcomes, ADA_DEAL_ID)).toMatchObject({
            status: 'deleted',
            side: 'airtable',
        });
    });
});

describe('unforeseeable deletes', () => {
    test('unsynced Restrict child blocks', async () => {
        const harness = await createAccountsOnlyAsync();
        setRule(harness, ['account', 'contact', 'parentcustomerid'], 'Restrict');
        const writes = harness.dataverse.writeCalls.length;

        const {summary, acmeTable} = await deleteAcmeAsync(harness, {kind: 'approveAll'});

        const outcome = findOutcome(summary.outcomes, ACME_ID);
        const message = outcome?.status === 'failed' ? outcome.message : '';
        expect(acmeTable?.blockedDeletes).toHaveLength(1);
        expect(outcome).toMatchObject({status: 'failed', code: 'deleteBlocked'});
        expect(message).toContain('2 Contacts point at it through parentcustomerid');
        expect(message).toContain('Contacts are not synced with this base');
        expect(harness.dataverse.writeCalls).toHaveLength(writes);
        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(true);
    });

    test('failed read blocks the delete', async () => {
        const harness = await createAccountsOnlyAsync();
        harness.dataverse.rejectReferencingReads.set(
            CONTACT.logicalName,
            'Principal user is missing prvReadContact privilege.',
        );

        const {summary} = await deleteAcmeAsync(harness, {kind: 'approveAll'});

        const outcome = findOutcome(summary.outcomes, ACME_ID);
        const message = outcome?.status === 'failed' ? outcome.message : '';
        const detail = outcome?.status === 'failed' ? outcome.detail : null;
        expect(outcome).toMatchObject({status: 'failed', code: 'deleteBlocked'});
        expect(message).toContain('could not list the Contacts');
        expect(message).toContain('security role can read Contacts');
        expect(detail).toContain('prvReadContact');
        expect(harness.dataverse.hasRecord(ACCOUNT, ACME_ID)).toBe(true);
        expect(summary.error).toBeNull();
    });

    test.each([
        [MAX_CASCADE_LEVELS, 'deleted'],
        [MAX_CASCADE_LEVELS + 1, 'failed'],
    ])('chain of %i contacts is %s', async (length, status) => {
        const harness = createRelationsHarness([accountsTable([])]);
        setRule(harness, ['contact', 'contact', 'parentcustomerid'], 'Cascade');
        harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
        let parent = reference(ACCOUNT, ACME_ID);
        for (let index = 1; index <= length; index += 1) {
            harness.dataverse.insertRecord(CONTACT, contactGuid(index), {
                lastname: `Contact ${index}`,
                parentcustomerid: parent,
            });
            parent = reference(CONTACT, contactGuid(index));
        }
        await harness.runAndKeepWatermarksAsync();

        const {summary} = await deleteAcmeAsync(harness, {kind: 'approveAll'});

        expect(findOutcome(summary.outcomes, ACME_ID)?.status).toBe(status);
    });
});
