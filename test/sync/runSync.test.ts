import {parseGuid, type AirtableRecordId, type Guid} from '../../frontend/sync/ids';
import type {RecordOutcome} from '../../frontend/sync/outcomes';
import {parseSyncState} from '../../frontend/sync/syncState';
import {createHarness, declineDeletesAsync, type Harness} from './fixtures';

const ACME_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b1');

function addAirtableRow(
    harness: Harness,
    name: string,
    extra: Record<string, unknown> = {},
): AirtableRecordId {
    return harness.airtable.insertRow(harness.table.table.id, {fldName: name, ...extra});
}

function getDynamicsId(harness: Harness, rowId: AirtableRecordId): Guid {
    const cell = harness.airtable.getCell(
        harness.table.table.id,
        rowId,
        harness.table.dynamicsIdFieldId,
    );
    return parseGuid(String(cell));
}

function getState(harness: Harness, rowId: AirtableRecordId) {
    const cell = harness.airtable.getCell(
        harness.table.table.id,
        rowId,
        harness.table.syncStateFieldId,
    );
    const parsed = parseSyncState(cell);
    if (!parsed.ok || parsed.state === null) {
        throw new Error(`Row ${rowId} has no valid sync state: ${String(cell)}`);
    }
    return parsed.state;
}

function statuses(outcomes: readonly RecordOutcome[]): string[] {
    return outcomes.map(outcome => outcome.status);
}

describe('runSyncAsync', () => {
    test('creates Dynamics records for new rows', async () => {
        const harness = createHarness();
        const rowId = addAirtableRow(harness, 'Contoso', {fldRevenue: 1500.5, fldEmployees: 12});

        const summary = await harness.runAsync();

        const id = getDynamicsId(harness, rowId);
        expect(summary.error).toBeNull();
        expect(summary.counts.createdInDynamics).toBe(1);
        expect(harness.dataverse.getValues(harness.table.entity, id)).toMatchObject({
            name: 'Contoso',
            revenue: 1500.5,
            numberofemployees: 12,
        });
        expect(getState(harness, rowId).isPendingCreate).toBe(false);
        expect(getState(harness, rowId).version).not.toBeNull();
    });

    test('creates rows for new Dynamics records', async () => {
        const harness = createHarness();
        harness.dataverse.insertRecord(harness.table.entity, ACME_ID, {
            name: 'Acme',
            revenue: 20000,
        });

        const summary = await harness.runAsync();

        const rows = harness.airtable.getRows(harness.table.table.id);
        expect(summary.counts.createdInAirtable).toBe(1);
        expect(rows).toHaveLength(1);
        expect(rows[0]?.cells).toMatchObject({
            fldName: 'Acme',
            fldRevenue: 20000,
            fldDynamicsId: ACME_ID,
        });
        expect(summary.outcomes[0]?.ref.airtableRecordId).toBe(rows[0]?.id);
    });

    test('second run leaves everything unchanged', async () => {
        const harness = createHarness();
        addAirtableRow(harness, 'Contoso');
        harness.dataverse.insertRecord(harness.table.entity, ACME_ID, {name: 'Acme'});
        await harness.runAsync();
        const airtableCalls = harness.airtable.writeCalls.length;
        const dynamicsCalls = harness.dataverse.writeCalls.length;

        const summary = await harness.runAsync();

        expect(statuses(summary.outcomes)).toEqual(['unchanged', 'unchanged']);
        expect(harness.airtable.writeCalls).toHaveLength(airtableCalls);
        expect(harness.dataverse.writeCalls).toHaveLength(dynamicsCalls);
    });

    test('pushes and pulls edited fields', async () => {
        const harness = createHarness();
        const rowId = addAirtableRow(harness, 'Contoso', {fldEmployees: 10});
        await harness.runAsync();
        const id = getDynamicsId(harness, rowId);
        harness.airtable.editRow(harness.table.table.id, rowId, {fldEmployees: 11});
        harness.dataverse.editRecord(harness.table.entity, id, {description: 'Key account'});

        const summary = await harness.runAsync();

        expect(summary.outcomes[0]).toMatchObject({
            status: 'updated',
            airtableFields: ['description'],
            dynamicsFields: ['numberofemployees'],
        });
        expect(harness.dataverse.getValues(harness.table.entity, id).numberofemployees).toBe(11);
        expect(
            harness.airtable.getCell(harness.table.table.id, rowId, 'fldDescription' as never),
        ).toBe('Key account');
        expect(summary.counts.updatedInAirtable).toBe(1);
        expect(summary.counts.updatedInDynamics).toBe(1);
    });

    test('reports conflicts with both values', async () => {
        const harness = createHarness();
        const rowId = addAirtableRow(harness, 'Contoso');
        await harness.runAsync();
        const id = getDynamicsId(harness, rowId);
        harness.airtable.editRow(harness.table.table.id, rowId, {fldName: 'Contoso Ltd'});
        harness.dataverse.editRecord(harness.table.entity, id, {name: 'Contoso plc'});

        const summary = await harness.runAsync({conflictPolicy: 'airtableWins'});

        expect(summary.outcomes[0]).toMatchObject({
            status: 'conflict',
            conflicts: [
                {
                    logicalName: 'name',
                    airtableValue: 'Contoso Ltd',
                    dynamicsValue: 'Contoso plc',
                    kept: 'airtable',
                },
            ],
        });
        expect(harness.dataverse.getValues(harness.table.entity, id).name).toBe('Contoso Ltd');
        expect(summary.counts.conflicts).toBe(1);
    });

    test('retries a pending create without duplicate', async () => {
        const harness = createHarness();
        const rowId = addAirtableRow(harness, 'Contoso');
        harness.dataverse.failNextWriteWith = new Error('network down');

        const crashed = await harness.runAsync();
        const id = getDynamicsId(harness, rowId);
        const pending = getState(harness, rowId);
        const summary = await harness.runAsync();

        expect(crashed.error?.code).toBe('dynamicsFailed');
        expect(pending.isPendingCreate).toBe(true);
        expect(statuses(summary.outcomes)).toEqual(['created']);
        expect(getDynamicsId(harness, rowId)).toBe(id);
        expect(harness.dataverse.getRecordCount(harness.table.entity)).toBe(1);
        expect(getState(harness, rowId).isPendingCreate).toBe(false);
    });

    test('treats alreadyExists as created', async () => {
        const harness = createHarness();
        const rowId = addAirtableRow(harness, 'Contoso');
        // The crash comes after Dynamics created the record and before the final state was written.
        harness.dataverse.beforeWrite = () => {
            harness.airtable.failNextCallWith = new Error('tab closed');
        };
        const crashed = await harness.runAsync();
        harness.dataverse.beforeWrite = null;

        const summary = await harness.runAsync();

        expect(crashed.error?.code).toBe('airtableFailed');
        expect(summary.outcomes[0]).toMatchObject({status: 'created', side: 'dynamics'});
        expect(harness.dataverse.getRecordCount(harness.table.entity)).toBe(1);
        expect(getState(harness, rowId).isPendingCreate).toBe(false);
        expect(harness.airtable.getRows(harness.table.table.id)).toHaveLength(1);
    });

    test('one failed record spares the rest', async () => {
        const harness = createHarness();
        addAirtableRow(harness, 'Good one');
        const badRowId = addAirtableRow(harness, 'Bad one', {fldEmail: 'ana@'});
        addAirtableRow(harness, 'Good two');

        const summary = await harness.runAsync();

        const failed = summary.outcomes.find(outcome => outcome.status === 'failed');
        const message = failed?.status === 'failed' ? failed.message : '';
        expect(summary.counts.createdInDynamics).toBe(2);
        expect(summary.counts.failed).toBe(1);
        expect(failed?.ref.airtableRecordId).toBe(badRowId);
        expect(message).toContain("'ana@'");
        expect(summary.tables[0]?.isComplete).toBe(false);
    });

    test('reports a record Dynamics rejects', async () => {
        const harness = createHarness();
        addAirtableRow(harness, 'Contoso');
        harness.dataverse.rejectWrites.set(
            parseGuid('00000000-0000-4000-8000-000000000001'),
            'Plugin said no',
        );

        const summary = await harness.runAsync();

        expect(summary.outcomes[0]).toMatchObject({
            status: 'failed',
            code: 'dynamicsRejected',
            detail: 'Plugin said no (code 0x80040216)',
        });
    });

    test('skips a record changed mid-run', async () => {
        const harness = createHarness();
        const rowId = addAirtableRow(harness, 'Contoso', {fldEmployees: 5});
        await harness.runAsync();
        const id = getDynamicsId(harness, rowId);
        harness.airtable.editRow(harness.table.table.id, rowId, {fldEmployees: 6});
        harness.dataverse.beforeWrite = write =>
            harness.dataverse.editRecord(write.entity, write.id, {description: 'x'});

        const summary = await harness.runAsync();
        harness.dataverse.beforeWrite = null;
        const next = await harness.runAsync();

        expect(summary.outcomes[0]).toMatchObject({status: 'skipped', reason: 'changedDuringSync'});
        expect(harness.dataverse.getValues(harness.table.entity, id)).toMatchObject({
            numberofemployees: 6,
            description: 'x',
        });
        expect(next.outcomes[0]).toMatchObject({
            status: 'updated',
            dynamicsFields: ['numberofemployees'],
        });
    });

    test('stops on a failing read', async () => {
        const harness = createHarness();
        harness.airtable.failNextCallWith = new Error('base unavailable');

        const summary = await harness.runAsync();

        expect(summary.error).toMatchObject({
            code: 'airtableFailed',
            detail: 'base unavailable',
            tableName: 'Accounts',
        });
        expect(summary.outcomes).toEqual([]);
        expect(harness.dataverse.writeCalls).toEqual([]);
    });

    test('keeps outcomes before a failing write', async () => {
        const harness = createHarness();
        for (let index = 0; index < 60; index += 1) {
            harness.dataverse.insertRecord(harness.table.entity, guidFor(index), {
                name: `Account ${index}`,
            });
        }
        const realCreate = harness.airtable.createRowsAsync.bind(harness.airtable);
        let calls = 0;
        harness.airtable.createRowsAsync = async (tableId, rows) => {
            calls += 1;
            if (calls === 2) {
                throw new Error('quota exceeded');
            }
            return realCreate(tableId, rows);
        };

        const summary = await harness.runAsync();

        expect(summary.error?.code).toBe('airtableFailed');
        expect(summary.counts.createdInAirtable).toBe(50);
        expect(summary.outcomes).toHaveLength(50);
    });

    test('does not recreate rows deleted in Airtable', async () => {
        const harness = createHarness();
        harness.dataverse.insertRecord(harness.table.entity, ACME_ID, {name: 'Acme'});
        const first = await harness.runAsync();
        const [row] = harness.airtable.getRows(harness.table.table.id);
        harness.airtable.deleteRow(harness.table.table.id, row?.id as AirtableRecordId);
        harness.clock.advance(60_000);
        const newId = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b2');
        harness.dataverse.insertRecord(harness.table.entity, newId, {name: 'Newco'});

        const watermark = first.tables[0]?.watermark ?? '';
        const summary = await harness.runAsync({
            lastSyncedAt: {[harness.table.table.id]: watermark},
            confirmRunAsync: declineDeletesAsync,
        });

        expect(first.tables[0]?.isComplete).toBe(true);
        expect(summary.outcomes.find(outcome => outcome.ref.dynamicsId === ACME_ID)).toMatchObject({
            status: 'skipped',
            reason: 'deleteDeclined',
        });
        expect(summary.outcomes.find(outcome => outcome.ref.dynamicsId === newId)?.status).toBe(
            'created',
        );
    });

    test('fails rows sharing a Dynamics ID', async () => {
        const harness = createHarness();
        harness.dataverse.insertRecord(harness.table.entity, ACME_ID, {name: 'Acme'});
        addAirtableRow(harness, 'Acme A', {fldDynamicsId: ACME_ID});
        addAirtableRow(harness, 'Acme B', {fldDynamicsId: ACME_ID});

        const summary = await harness.runAsync();

        expect(
            summary.outcomes.map(outcome => outcome.status === 'failed' && outcome.code),
        ).toEqual(['duplicateDynamicsId', 'duplicateDynamicsId']);
        expect(harness.airtable.getRows(harness.table.table.id)).toHaveLength(2);
    });

    test('skips rows whose record is gone', async () => {
        const harness = createHarness();
        const rowId = addAirtableRow(harness, 'Contoso');
        await harness.runAsync();
        harness.dataverse.deleteRecord(harness.table.entity, getDynamicsId(harness, rowId));

        const summary = await harness.runAsync({confirmRunAsync: declineDeletesAsync});

        expect(summary.outcomes[0]).toMatchObject({status: 'skipped', reason: 'deleteDeclined'});
        expect(harness.airtable.getRows(harness.table.table.id)).toHaveLength(1);
    });

    test('stops when cancelled', async () => {
        const harness = createHarness();
        addAirtableRow(harness, 'Contoso');
        const controller = new AbortController();
        controller.abort();

        const summary = await harness.runAsync({signal: controller.signal});

        expect(summary.error?.code).toBe('cancelled');
        expect(harness.airtable.writeCalls).toEqual([]);
    });

    test('cancel while reading asks nobody', async () => {
        const harness = createHarness();
        addAirtableRow(harness, 'Contoso');
        const controller = new AbortController();
        const realReadAsync = harness.airtable.readRowsAsync.bind(harness.airtable);
        harness.airtable.readRowsAsync = async mapping => {
            const rows = await realReadAsync(mapping);
            controller.abort();
            return rows;
        };
        let isPreviewShown = false;

        const summary = await harness.runAsync({
            signal: controller.signal,
            confirmRunAsync: async () => {
                isPreviewShown = true;
                return {kind: 'cancel'};
            },
        });

        expect(summary.error?.code).toBe('cancelled');
        expect(isPreviewShown).toBe(false);
        expect(harness.airtable.writeCalls).toEqual([]);
    });

    test('rejects a field mapped twice', async () => {
        const harness = createHarness();
        const [nameField] = harness.table.fields;
        const doubled = {...harness.table, fields: [nameField!, nameField!]};

        const summary = await harness.runAsync({tables: [doubled]});

        expect(summary.error?.code).toBe('invalidMapping');
        expect(summary.error?.message).toContain("'Name'");
    });

    test('rejects an unsupported mapping up front', async () => {
        const harness = createHarness();
        const [nameField] = harness.table.fields;
        const broken = {
            ...harness.table,
            fields: [{...nameField!, field: {...nameField!.field, type: 'checkbox' as const}}],
        };

        const summary = await harness.runAsync({tables: [broken]});

        expect(summary.error?.code).toBe('invalidMapping');
        expect(harness.airtable.writeCalls).toEqual([]);
    });
});

function guidFor(index: number): Guid {
    return parseGuid(`11111111-0000-4000-8000-${String(index).padStart(12, '0')}`);
}
