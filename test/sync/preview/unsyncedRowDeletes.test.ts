import {airtableTableId, parseGuid, type AirtableRecordId} from '../../../frontend/sync/ids';
import {getApprovalReasons} from '../../../frontend/sync/preview/approvalRules';
import type {RunDecision, RunPreview, TablePreview} from '../../../frontend/sync/preview/types';
import {listDeletedRows} from '../../../frontend/ui/deletedRows';
import {accountTable, createHarness, NAME, REVENUE, type Harness} from '../fixtures';

const ACME_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000c1');
const NO_PREVIEW_EVERY_RUN = {shouldPreviewEveryRun: false, maxDeleteShare: 1};

interface SyncedAcme {
    readonly harness: Harness;
    readonly lastSyncedAt: Record<string, string>;
    readonly rowId: AirtableRecordId;
}

/** Syncs the account Acme to a row, then deletes the record in Dynamics. */
async function createDeletedAcmeAsync(): Promise<SyncedAcme> {
    const harness = createHarness(accountTable([NAME, REVENUE]));
    const tableId = harness.table.table.id;
    harness.dataverse.insertRecord(harness.table.entity, ACME_ID, {name: 'Acme', revenue: 10});
    const first = await harness.runAsync();
    harness.clock.advance(60_000);
    const row = harness.airtable
        .getRows(tableId)
        .find(({cells}) => cells[NAME.field.id] === 'Acme');
    if (row === undefined) {
        throw new Error('The first sync created no row for Acme.');
    }
    harness.dataverse.deleteRecord(harness.table.entity, ACME_ID);
    return {harness, lastSyncedAt: {[tableId]: first.tables[0]?.watermark ?? ''}, rowId: row.id};
}

function recordingConfirm(decision: RunDecision) {
    const previews: RunPreview[] = [];
    return {
        previews,
        confirmRunAsync: async (preview: RunPreview) => {
            previews.push(preview);
            return decision;
        },
    };
}

function getTable(preview: RunPreview | undefined, tableId: string): TablePreview {
    const table = preview?.tables.find(candidate => candidate.tableId === tableId);
    if (table === undefined) {
        throw new Error(`The preview has no table ${tableId}.`);
    }
    return table;
}

describe('row delete with unsynced edits', () => {
    test('preview flags the changed fields', async () => {
        const {harness, lastSyncedAt, rowId} = await createDeletedAcmeAsync();
        const tableId = harness.table.table.id;
        harness.airtable.editRow(tableId, rowId, {fldRevenue: 25});
        const confirm = recordingConfirm({kind: 'cancel'});

        await harness.runAsync({lastSyncedAt, confirmRunAsync: confirm.confirmRunAsync});

        const [preview] = confirm.previews;
        const [deleted] = getTable(preview, tableId).airtable.deletes;
        const [plannedDelete] = preview?.deletes.tables[0]?.airtableDeletes ?? [];
        expect(deleted?.ref.airtableRecordId).toBe(rowId);
        expect(deleted?.unsyncedFieldNames).toEqual([REVENUE.field.name]);
        expect(plannedDelete?.unsyncedFieldNames).toEqual([REVENUE.field.name]);
        expect(preview?.reasons).toContainEqual({kind: 'unsyncedRowDeletes', count: 1});
    });

    test('unedited row has no flag', async () => {
        const {harness, lastSyncedAt} = await createDeletedAcmeAsync();
        const confirm = recordingConfirm({kind: 'cancel'});

        await harness.runAsync({lastSyncedAt, confirmRunAsync: confirm.confirmRunAsync});

        const [preview] = confirm.previews;
        const [deleted] = getTable(preview, harness.table.table.id).airtable.deletes;
        expect(deleted?.unsyncedFieldNames).toEqual([]);
        expect(preview?.reasons.map(reason => reason.kind)).not.toContain('unsyncedRowDeletes');
    });

    test('stops without preview every run', async () => {
        const {harness, lastSyncedAt, rowId} = await createDeletedAcmeAsync();
        const tableId = harness.table.table.id;
        harness.airtable.editRow(tableId, rowId, {fldRevenue: 25});

        const summary = await harness.runAsync({
            lastSyncedAt,
            confirmRunAsync: undefined,
            approval: NO_PREVIEW_EVERY_RUN,
        });

        const rowIds = harness.airtable.getRows(tableId).map(row => row.id);
        expect(summary.error?.code).toBe('approvalNeeded');
        expect(summary.error?.message).toContain('changes not yet synced to Dynamics');
        expect(summary.counts.deletedInAirtable).toBe(0);
        expect(rowIds).toContain(rowId);
    });

    test('unedited row deletes without asking', async () => {
        const {harness, lastSyncedAt, rowId} = await createDeletedAcmeAsync();

        const summary = await harness.runAsync({
            lastSyncedAt,
            confirmRunAsync: undefined,
            approval: NO_PREVIEW_EVERY_RUN,
        });

        const rowIds = harness.airtable.getRows(harness.table.table.id).map(row => row.id);
        expect(summary.error).toBeNull();
        expect(summary.counts.deletedInAirtable).toBe(1);
        expect(rowIds).not.toContain(rowId);
    });

    test('approved delete removes the row', async () => {
        const {harness, lastSyncedAt, rowId} = await createDeletedAcmeAsync();
        const tableId = harness.table.table.id;
        harness.airtable.editRow(tableId, rowId, {fldRevenue: 25});
        const confirm = recordingConfirm({kind: 'apply', deletes: {kind: 'approveAll'}});

        const summary = await harness.runAsync({
            lastSyncedAt,
            confirmRunAsync: confirm.confirmRunAsync,
            approval: NO_PREVIEW_EVERY_RUN,
        });

        const rowIds = harness.airtable.getRows(tableId).map(row => row.id);
        expect(summary.error).toBeNull();
        expect(summary.counts.deletedInAirtable).toBe(1);
        expect(rowIds).not.toContain(rowId);
    });

    test('summary names the deleted row', async () => {
        const {harness, lastSyncedAt} = await createDeletedAcmeAsync();

        const summary = await harness.runAsync({lastSyncedAt});

        const deleted = listDeletedRows(summary.outcomes);
        expect(deleted.map(item => item.text)).toEqual(['Acme']);
        expect(deleted[0]?.details).toEqual([]);
    });
});

describe('getApprovalReasons for unsynced deletes', () => {
    test('counts rows across tables', () => {
        const side = (names: readonly string[][]) => ({
            creates: [],
            updates: [],
            deletes: names.map((unsyncedFieldNames, index) => ({
                key: `airtable:tblAccounts:rec${index}`,
                ref: {airtableRecordId: null, dynamicsId: null, name: `Account ${index}`},
                cascade: null,
                unsyncedFieldNames,
            })),
        });
        const table = (names: readonly string[][]): TablePreview => ({
            tableId: airtableTableId('tblAccounts'),
            tableName: 'Accounts',
            entityDisplayName: 'Account',
            isFirstSync: false,
            rowCount: 100,
            recordCount: 100,
            airtable: side(names),
            dynamics: side([]),
            conflicts: [],
            failures: [],
            blockedDeletes: [],
        });

        const reasons = getApprovalReasons(
            [table([['Description'], []]), table([['Phone', 'Revenue']])],
            NO_PREVIEW_EVERY_RUN,
        );

        expect(reasons).toEqual([{kind: 'unsyncedRowDeletes', count: 2}]);
    });
});
