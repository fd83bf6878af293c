import {parseGuid, type Guid} from '../../frontend/sync/ids';
import type {RecordOutcome} from '../../frontend/sync/outcomes';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    createRelationsHarness,
    reference,
    type RelationsHarness,
} from './relationFixtures';

const HOLDING_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000c1');
const BRANCH_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000c2');
const OFFICE_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000c3');

/** A chain of accounts, each the parent account of the next, synced once. */
async function createAccountChainAsync(ids: readonly Guid[]): Promise<RelationsHarness> {
    const harness = createRelationsHarness();
    let parentId: Guid | null = null;
    for (const [index, id] of ids.entries()) {
        harness.dataverse.insertRecord(ACCOUNT, id, {
            name: `Account ${index + 1}`,
            parentaccountid: parentId === null ? null : reference(ACCOUNT, parentId),
        });
        parentId = id;
    }
    await harness.runAndKeepWatermarksAsync();
    return harness;
}

function deleteRows(harness: RelationsHarness, ids: readonly Guid[]): void {
    for (const id of ids) {
        const rowId = harness.findRowId(ACCOUNTS_TABLE, id);
        if (rowId === null) {
            throw new Error(`Account ${id} has no row.`);
        }
        harness.airtable.deleteRow(ACCOUNTS_TABLE, rowId);
    }
}

function findOutcome(outcomes: readonly RecordOutcome[], id: Guid): RecordOutcome | undefined {
    return outcomes.find(outcome => outcome.ref.dynamicsId === id);
}

describe('parent and child deleted together', () => {
    test('deletes both records', async () => {
        const harness = await createAccountChainAsync([HOLDING_ID, BRANCH_ID]);
        deleteRows(harness, [HOLDING_ID, BRANCH_ID]);

        const summary = await harness.runAsync({
            confirmDeletesAsync: async () => ({kind: 'approveAll'}),
        });

        expect(summary.error).toBeNull();
        expect(harness.dataverse.hasRecord(ACCOUNT, HOLDING_ID)).toBe(false);
        expect(harness.dataverse.hasRecord(ACCOUNT, BRANCH_ID)).toBe(false);
        expect(findOutcome(summary.outcomes, BRANCH_ID)).toMatchObject({
            status: 'deleted',
            side: 'dynamics',
        });
        expect(summary.counts.restored).toBe(0);
        expect(harness.airtable.getRows(ACCOUNTS_TABLE)).toHaveLength(0);
    });

    test('deletes a chain of three', async () => {
        const ids = [HOLDING_ID, BRANCH_ID, OFFICE_ID];
        const harness = await createAccountChainAsync(ids);
        deleteRows(harness, ids);

        const summary = await harness.runAsync({
            confirmDeletesAsync: async () => ({kind: 'approveAll'}),
        });

        expect(summary.counts.deletedInDynamics).toBe(3);
        expect(summary.counts.restored).toBe(0);
        expect(harness.dataverse.getRecordCount(ACCOUNT)).toBe(0);
    });

    test('sends the child delete first', async () => {
        const harness = await createAccountChainAsync([HOLDING_ID, BRANCH_ID]);
        deleteRows(harness, [HOLDING_ID, BRANCH_ID]);
        const callsBefore = harness.dataverse.writeCalls.length;

        await harness.runAsync({confirmDeletesAsync: async () => ({kind: 'approveAll'})});

        const deletes = harness.dataverse.writeCalls
            .slice(callsBefore)
            .flat()
            .filter(write => write.kind === 'delete')
            .map(write => write.id);
        expect(deletes).toEqual([BRANCH_ID, HOLDING_ID]);
    });

    test('keeps a child deleted alone', async () => {
        const harness = await createAccountChainAsync([HOLDING_ID, BRANCH_ID]);
        deleteRows(harness, [HOLDING_ID]);

        const summary = await harness.runAsync({
            confirmDeletesAsync: async () => ({kind: 'approveAll'}),
        });

        expect(harness.dataverse.hasRecord(ACCOUNT, HOLDING_ID)).toBe(false);
        expect(harness.dataverse.getValues(ACCOUNT, BRANCH_ID).parentaccountid).toBeNull();
        expect(summary.counts.failed).toBe(0);
    });
});
