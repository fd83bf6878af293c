import {parseGuid, type Guid} from '../../frontend/sync/ids';
import type {TableMapping} from '../../frontend/sync/mapping';
import {parseSyncState} from '../../frontend/sync/syncState';
import {createDeltaHarness, type DeltaHarness} from './deltaHarness';
import {accountTable, DESCRIPTION, EMAIL, EMPLOYEES, fieldMapping, NAME, REVENUE} from './fixtures';

const CONTOSO_ID = parseGuid('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
const FABRIKAM_ID = parseGuid('3f2504e0-4f89-41d3-9a0c-0305e82c3302');

/** Two records synced to rows, then a second run that reads the first run's own writes. */
async function createSyncedHarnessAsync(table?: TableMapping): Promise<DeltaHarness> {
    const harness = createDeltaHarness(table);
    harness.dataverse.insertRecord(harness.table.entity, CONTOSO_ID, {name: 'Contoso'});
    harness.dataverse.insertRecord(harness.table.entity, FABRIKAM_ID, {name: 'Fabrikam'});
    await harness.syncAsync();
    await harness.syncAsync();
    return harness;
}

function getRowName(harness: DeltaHarness, id: Guid): unknown {
    return harness.airtable.getCell(harness.table.table.id, harness.findRowId(id), NAME.field.id);
}

describe('resync with nothing changed', () => {
    test('reads each table once', async () => {
        const harness = await createSyncedHarnessAsync();

        const summary = await harness.syncAsync();

        expect(harness.lastReads()).toEqual([
            expect.objectContaining({kind: 'readChanges', resultKind: 'changes'}),
        ]);
        expect(summary.counts.unchanged).toBe(2);
        expect(summary.error).toBeNull();
    });

    test('writes nothing anywhere', async () => {
        const harness = await createSyncedHarnessAsync();

        await harness.syncAsync();

        expect(harness.lastWriteCounts()).toEqual({dynamics: 0, airtable: 0});
    });

    test('keeps a delta state', async () => {
        const harness = await createSyncedHarnessAsync();
        const before = harness.deltaStates[harness.table.table.id];

        const summary = await harness.syncAsync();

        const [result] = summary.tables;
        expect(result?.deltaState?.rowCount).toBe(2);
        expect(result?.deltaState?.rowDigest).toBe(before?.rowDigest);
        expect(result?.deltaState?.deltaLink).toEqual(expect.any(String));
        expect(result?.deltaState?.columnsKey).toBe(before?.columnsKey);
    });
});

describe('delta read', () => {
    test('pulls a record changed in Dynamics', async () => {
        const harness = await createSyncedHarnessAsync();
        harness.dataverse.editRecord(harness.table.entity, CONTOSO_ID, {name: 'Contoso Ltd'});

        const summary = await harness.syncAsync();

        expect(harness.lastReads()).toHaveLength(1);
        expect(harness.lastReads()[0]?.resultKind).toBe('changes');
        expect(getRowName(harness, CONTOSO_ID)).toBe('Contoso Ltd');
        expect(summary.counts.updatedInAirtable).toBe(1);
        expect(summary.counts.unchanged).toBe(1);
    });

    test('pushes an Airtable edit', async () => {
        const harness = await createSyncedHarnessAsync();
        const rowId = harness.findRowId(FABRIKAM_ID);
        harness.airtable.editRow(harness.table.table.id, rowId, {fldEmployees: 12});
        const stateCell = harness.airtable.getCell(
            harness.table.table.id,
            rowId,
            harness.table.syncStateFieldId,
        );
        const parsed = parseSyncState(stateCell);
        const baselineVersion = parsed.ok ? parsed.state?.version : undefined;

        const summary = await harness.syncAsync();

        const [write] = harness.dataverse.writeCalls.at(-1) ?? [];
        expect(harness.lastReads()).toHaveLength(1);
        expect(write).toMatchObject({kind: 'update', id: FABRIKAM_ID, ifMatch: baselineVersion});
        expect(baselineVersion).toEqual(expect.any(String));
        expect(
            harness.dataverse.getValues(harness.table.entity, FABRIKAM_ID).numberofemployees,
        ).toBe(12);
        expect(summary.counts.updatedInDynamics).toBe(1);
    });

    test('pushes after an unmapped change', async () => {
        const harness = await createSyncedHarnessAsync();
        harness.dataverse.editRecord(harness.table.entity, FABRIKAM_ID, {telephone1: '555 0100'});
        await harness.syncAsync();
        const rowId = harness.findRowId(FABRIKAM_ID);
        harness.airtable.editRow(harness.table.table.id, rowId, {fldEmployees: 12});

        const summary = await harness.syncAsync();

        expect(harness.lastReads()[0]?.resultKind).toBe('changes');
        expect(summary.counts.skipped).toBe(0);
        expect(summary.counts.updatedInDynamics).toBe(1);
        expect(
            harness.dataverse.getValues(harness.table.entity, FABRIKAM_ID).numberofemployees,
        ).toBe(12);
    });

    test('skips a record changed meanwhile', async () => {
        const harness = await createSyncedHarnessAsync();
        const rowId = harness.findRowId(FABRIKAM_ID);
        harness.airtable.editRow(harness.table.table.id, rowId, {fldEmployees: 12});
        harness.dataverse.beforeWrite = () => {
            harness.dataverse.beforeWrite = null;
            harness.dataverse.editRecord(harness.table.entity, FABRIKAM_ID, {name: 'Fab'});
        };

        const racing = await harness.syncAsync();
        const next = await harness.syncAsync();

        const values = harness.dataverse.getValues(harness.table.entity, FABRIKAM_ID);
        expect(racing.counts.skipped).toBe(1);
        expect(next.counts.updatedInDynamics).toBe(1);
        expect(values.numberofemployees).toBe(12);
        expect(getRowName(harness, FABRIKAM_ID)).toBe('Fab');
    });

    test('fails an invalid Airtable edit', async () => {
        const harness = await createSyncedHarnessAsync();
        const rowId = harness.findRowId(FABRIKAM_ID);
        harness.airtable.editRow(harness.table.table.id, rowId, {fldEmail: 'ana@'});

        const summary = await harness.syncAsync();

        const failure = summary.outcomes.find(outcome => outcome.status === 'failed');
        expect(harness.lastReads()).toHaveLength(1);
        expect(summary.counts.failed).toBe(1);
        expect(failure?.ref.dynamicsId).toBe(FABRIKAM_ID);
        expect(harness.lastWriteCounts().dynamics).toBe(0);
    });

    test('adds a row for a new record', async () => {
        const harness = await createSyncedHarnessAsync();
        const newId = parseGuid('3f2504e0-4f89-41d3-9a0c-0305e82c3303');
        harness.dataverse.insertRecord(harness.table.entity, newId, {name: 'Northwind'});

        const summary = await harness.syncAsync();

        expect(harness.lastReads()[0]?.resultKind).toBe('changes');
        expect(summary.counts.createdInAirtable).toBe(1);
        expect(getRowName(harness, newId)).toBe('Northwind');
    });

    test('creates a record for a new row', async () => {
        const harness = await createSyncedHarnessAsync();
        harness.airtable.insertRow(harness.table.table.id, {fldName: 'Tailspin'});

        const summary = await harness.syncAsync();
        const next = await harness.syncAsync();

        expect(summary.counts.createdInDynamics).toBe(1);
        expect(harness.dataverse.getRecordCount(harness.table.entity)).toBe(3);
        expect(harness.lastReads()).toHaveLength(1);
        expect(next.counts.unchanged).toBe(3);
    });

    test('removes the row of a removed record', async () => {
        const harness = await createSyncedHarnessAsync();
        const rowId = harness.findRowId(CONTOSO_ID);
        harness.dataverse.deleteRecord(harness.table.entity, CONTOSO_ID);

        const summary = await harness.syncAsync({
            confirmDeletesAsync: async () => ({kind: 'approveAll'}),
        });

        const rowIds = harness.airtable.getRows(harness.table.table.id).map(row => row.id);
        expect(harness.lastReads()[0]?.resultKind).toBe('changes');
        expect(summary.counts.deletedInAirtable).toBe(1);
        expect(rowIds).not.toContain(rowId);
        expect(getRowName(harness, FABRIKAM_ID)).toBe('Fabrikam');
    });

    test('previews the removal first', async () => {
        const harness = await createSyncedHarnessAsync();
        harness.dataverse.deleteRecord(harness.table.entity, CONTOSO_ID);
        const previews: number[] = [];

        await harness.syncAsync({
            confirmDeletesAsync: async preview => {
                previews.push(preview.counts.airtableDeletes);
                return {kind: 'declineAll'};
            },
        });

        expect(previews).toEqual([1]);
        expect(harness.airtable.getRows(harness.table.table.id)).toHaveLength(2);
    });
});

describe('full read fallback', () => {
    test('reads in full without a link', async () => {
        const harness = await createSyncedHarnessAsync();
        harness.deltaStates = {};

        await harness.syncAsync();

        expect(harness.lastReads()).toEqual([
            expect.objectContaining({kind: 'readChanges', deltaLink: null, resultKind: 'all'}),
        ]);
    });

    test('reads in full after link expired', async () => {
        const harness = await createSyncedHarnessAsync();
        harness.dataverse.editRecord(harness.table.entity, CONTOSO_ID, {name: 'Contoso Ltd'});
        harness.dataverse.expireDeltaLinks();

        const expired = await harness.syncAsync();
        await harness.syncAsync();

        const [read] = harness.lastReads();
        expect(expired.counts.updatedInAirtable).toBe(1);
        expect(getRowName(harness, CONTOSO_ID)).toBe('Contoso Ltd');
        expect(expired.tables[0]?.deltaState).not.toBeNull();
        expect(read?.resultKind).toBe('changes');
    });

    test('reads in full after column change', async () => {
        const harness = await createSyncedHarnessAsync(accountTable([NAME, EMAIL, REVENUE]));
        const wide = accountTable([NAME, EMAIL, REVENUE, EMPLOYEES, DESCRIPTION]);
        harness.dataverse.addEntity(wide);

        await harness.syncAsync({tables: [wide]});

        expect(harness.lastReads()).toEqual([
            expect.objectContaining({kind: 'readChanges', deltaLink: null}),
        ]);
    });

    test('reads in full after row delete', async () => {
        const harness = await createSyncedHarnessAsync();
        harness.airtable.deleteRow(harness.table.table.id, harness.findRowId(CONTOSO_ID));
        const previews: number[] = [];

        const summary = await harness.syncAsync({
            confirmDeletesAsync: async preview => {
                previews.push(preview.counts.dynamicsDeletes);
                return {kind: 'approveAll'};
            },
        });

        expect(harness.lastReads()[0]).toMatchObject({kind: 'readChanges', deltaLink: null});
        expect(previews).toEqual([1]);
        expect(summary.counts.deletedInDynamics).toBe(1);
        expect(harness.dataverse.hasRecord(harness.table.entity, CONTOSO_ID)).toBe(false);
    });

    test('proposes a declined delete again', async () => {
        const harness = await createSyncedHarnessAsync();
        harness.airtable.deleteRow(harness.table.table.id, harness.findRowId(CONTOSO_ID));
        const previews: number[] = [];
        const declineAll = async (preview: {counts: {dynamicsDeletes: number}}) => {
            previews.push(preview.counts.dynamicsDeletes);
            return {kind: 'declineAll'} as const;
        };

        const declined = await harness.syncAsync({confirmDeletesAsync: declineAll});
        await harness.syncAsync({confirmDeletesAsync: declineAll});

        expect(declined.tables[0]?.isComplete).toBe(true);
        expect(declined.tables[0]?.deltaState).toBeNull();
        expect(previews).toEqual([1, 1]);
        expect(harness.dataverse.hasRecord(harness.table.entity, CONTOSO_ID)).toBe(true);
    });

    test('reads in full after relink', async () => {
        const harness = await createSyncedHarnessAsync();
        const rowId = harness.findRowId(CONTOSO_ID);
        harness.airtable.editRow(harness.table.table.id, rowId, {fldDynamicsId: ''});

        await harness.syncAsync();

        expect(harness.lastReads()[0]).toMatchObject({deltaLink: null});
    });

    test('reads in full for a pull-only edit', async () => {
        const pullOnly = fieldMapping(EMPLOYEES.column, EMPLOYEES.field, 'toAirtable');
        const harness = await createSyncedHarnessAsync(accountTable([NAME, pullOnly]));
        const rowId = harness.findRowId(CONTOSO_ID);
        harness.dataverse.editRecord(harness.table.entity, CONTOSO_ID, {numberofemployees: 40});
        await harness.syncAsync();
        harness.airtable.editRow(harness.table.table.id, rowId, {fldEmployees: 41});

        await harness.syncAsync();

        const employees = harness.airtable.getCell(
            harness.table.table.id,
            rowId,
            EMPLOYEES.field.id,
        );
        expect(harness.lastReads().map(read => read.resultKind)).toEqual(['changes', null]);
        expect(employees).toBe(40);
    });

    test('keeps the link of a failed run', async () => {
        const harness = await createSyncedHarnessAsync();
        const before = harness.deltaStates[harness.table.table.id];
        const rowId = harness.findRowId(FABRIKAM_ID);
        harness.airtable.editRow(harness.table.table.id, rowId, {fldEmployees: 12});
        harness.dataverse.editRecord(harness.table.entity, CONTOSO_ID, {name: 'Contoso Ltd'});
        harness.dataverse.rejectWrites.set(FABRIKAM_ID, 'Plugin rejected the row');

        const failed = await harness.syncAsync();
        const retried = await harness.syncAsync();

        expect(failed.tables[0]?.isComplete).toBe(false);
        expect(failed.tables[0]?.deltaState).toBeNull();
        expect(harness.lastReads()[0]?.deltaLink).toBe(before?.deltaLink);
        expect(retried.counts.updatedInDynamics).toBe(1);
        expect(
            harness.dataverse.getValues(harness.table.entity, FABRIKAM_ID).numberofemployees,
        ).toBe(12);
    });

    test('stores no state without tracking', async () => {
        const harness = createDeltaHarness();
        harness.dataverse.isChangeTracked = false;
        harness.dataverse.insertRecord(harness.table.entity, CONTOSO_ID, {name: 'Contoso'});

        const summary = await harness.syncAsync();

        expect(summary.tables[0]?.isComplete).toBe(true);
        expect(summary.tables[0]?.deltaState).toBeNull();
    });
});
