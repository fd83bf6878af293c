import {airtableFieldId, parseGuid, type AirtableRecordId} from '../../../frontend/sync/ids';
import type {DataverseWrite} from '../../../frontend/sync/ports';
import type {RunDecision, RunPreview, TablePreview} from '../../../frontend/sync/preview/types';
import {accountTable, createHarness, NAME, REVENUE, type Harness} from '../fixtures';
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
    links,
    reference,
    type RelationsHarness,
} from '../relationFixtures';

const NEWCO_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b2');
const COMPANY_FIELD = airtableFieldId('fldCompany');
const NO_PREVIEW_EVERY_RUN = {shouldPreviewEveryRun: false, maxDeleteShare: 0.1};

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

const APPLY: RunDecision = {kind: 'apply', deletes: {kind: 'approveAll'}};

function getTable(preview: RunPreview | undefined, tableId: string): TablePreview {
    const table = preview?.tables.find(candidate => candidate.tableId === tableId);
    if (table === undefined) {
        throw new Error(`The preview has no table ${tableId}.`);
    }
    return table;
}

function writtenIds(writes: ReadonlyArray<readonly DataverseWrite[]>, kind: string): string[] {
    return writes
        .flat()
        .filter(write => write.kind === kind)
        .map(write => write.id)
        .sort();
}

function previewedIds(preview: RunPreview, pick: (table: TablePreview) => unknown[]): string[] {
    return preview.tables
        .flatMap(table => pick(table) as Array<{ref: {dynamicsId: string | null}}>)
        .map(write => write.ref.dynamicsId ?? '')
        .sort();
}

/** Syncs one account row and one record with a revenue, and returns the watermark. */
async function createSyncedHarnessAsync(): Promise<{harness: Harness; lastSyncedAt: string}> {
    const harness = createHarness(accountTable([NAME, REVENUE]));
    harness.dataverse.insertRecord(harness.table.entity, ACME_ID, {name: 'Acme', revenue: 10});
    harness.airtable.insertRow(harness.table.table.id, {fldName: 'Contoso', fldRevenue: 5});
    const first = await harness.runAsync();
    harness.clock.advance(60_000);
    return {harness, lastSyncedAt: first.tables[0]?.watermark ?? ''};
}

describe('run preview', () => {
    test('lists the creates then made', async () => {
        const harness = createHarness(accountTable([NAME, REVENUE]));
        harness.dataverse.insertRecord(harness.table.entity, ACME_ID, {name: 'Acme'});
        harness.airtable.insertRow(harness.table.table.id, {fldName: 'Contoso'});
        const confirm = recordingConfirm(APPLY);

        const summary = await harness.runAsync({confirmRunAsync: confirm.confirmRunAsync});

        const [preview] = confirm.previews;
        const table = getTable(preview, harness.table.table.id);
        const rowNames = harness.airtable
            .getRows(harness.table.table.id)
            .map(row => row.cells[NAME.field.id]);
        expect(summary.error).toBeNull();
        expect(table.airtable.creates.map(write => write.ref.name)).toEqual(['Acme']);
        expect(rowNames).toContain('Acme');
        expect(previewedIds(preview!, t => [...t.dynamics.creates])).toEqual(
            writtenIds(harness.dataverse.writeCalls, 'create'),
        );
    });

    test('lists the updates and deletes made', async () => {
        const {harness, lastSyncedAt} = await createSyncedHarnessAsync();
        const tableId = harness.table.table.id;
        const rows = harness.airtable.getRows(tableId);
        const contoso = rows.find(row => row.cells[NAME.field.id] === 'Contoso');
        const acme = rows.find(row => row.cells[NAME.field.id] === 'Acme');
        harness.airtable.editRow(tableId, contoso!.id, {fldRevenue: 7});
        harness.dataverse.editRecord(harness.table.entity, ACME_ID, {revenue: 20});
        harness.airtable.insertRow(tableId, {fldName: 'Fabrikam'});
        const writesBefore = harness.dataverse.writeCalls.length;
        const confirm = recordingConfirm(APPLY);

        const summary = await harness.runAsync({
            lastSyncedAt: {[tableId]: lastSyncedAt},
            confirmRunAsync: confirm.confirmRunAsync,
        });

        const [preview] = confirm.previews;
        const table = getTable(preview, tableId);
        const writes = harness.dataverse.writeCalls.slice(writesBefore);
        expect(summary.error).toBeNull();
        expect(previewedIds(preview!, t => [...t.dynamics.updates])).toEqual(
            writtenIds(writes, 'update'),
        );
        expect(previewedIds(preview!, t => [...t.dynamics.creates])).toEqual(
            writtenIds(writes, 'create'),
        );
        expect(table.airtable.updates.map(write => write.ref.airtableRecordId)).toEqual([acme!.id]);
        expect(table.airtable.updates[0]?.changes).toEqual([
            {fieldName: 'Revenue', oldValue: '10', newValue: '20'},
        ]);
        expect(table.dynamics.updates[0]?.changes).toEqual([
            {fieldName: 'Revenue', oldValue: '5', newValue: '7'},
        ]);
        expect(harness.dataverse.getValues(harness.table.entity, ACME_ID).revenue).toBe(20);
    });

    test('carries a long value in full', async () => {
        const {harness, lastSyncedAt} = await createSyncedHarnessAsync();
        const tableId = harness.table.table.id;
        const longName = `Contoso ${'Pharmaceuticals '.repeat(8)}`.trim();
        const contoso = harness.airtable
            .getRows(tableId)
            .find(row => row.cells[NAME.field.id] === 'Contoso');
        harness.airtable.editRow(tableId, contoso!.id, {fldName: longName});
        const confirm = recordingConfirm(APPLY);

        await harness.runAsync({
            lastSyncedAt: {[tableId]: lastSyncedAt},
            confirmRunAsync: confirm.confirmRunAsync,
        });

        const [change] = getTable(confirm.previews[0], tableId).dynamics.updates[0]?.changes ?? [];
        expect(change?.newValue).toMatch(/^'Contoso Pharmaceuticals .*…'$/);
        expect(change?.fullValues).toEqual({oldValue: "'Contoso'", newValue: `'${longName}'`});
    });

    test('lists a Dynamics delete made', async () => {
        const {harness, lastSyncedAt} = await createSyncedHarnessAsync();
        const tableId = harness.table.table.id;
        const acme = harness.airtable
            .getRows(tableId)
            .find(row => row.cells[NAME.field.id] === 'Acme');
        harness.airtable.deleteRow(tableId, acme!.id);
        const confirm = recordingConfirm(APPLY);

        await harness.runAsync({
            lastSyncedAt: {[tableId]: lastSyncedAt},
            confirmRunAsync: confirm.confirmRunAsync,
        });

        const [preview] = confirm.previews;
        expect(previewedIds(preview!, t => [...t.dynamics.deletes])).toEqual([ACME_ID]);
        expect(writtenIds(harness.dataverse.writeCalls, 'delete')).toEqual([ACME_ID]);
        expect(preview?.reasons.map(reason => reason.kind)).toContain('dynamicsDeletes');
    });

    test('skips writes added after it', async () => {
        const {harness, lastSyncedAt} = await createSyncedHarnessAsync();
        const tableId = harness.table.table.id;
        const contoso = harness.airtable
            .getRows(tableId)
            .find(row => row.cells[NAME.field.id] === 'Contoso');
        const contosoId = parseGuid(String(contoso?.cells[harness.table.dynamicsIdFieldId]));
        // The row delete this brings makes the run read the tables again after its deletes.
        harness.dataverse.deleteRecord(harness.table.entity, contosoId);
        const writesBefore = harness.dataverse.writeCalls.length;
        let lateRow: AirtableRecordId | null = null;

        const summary = await harness.runAsync({
            lastSyncedAt: {[tableId]: lastSyncedAt},
            confirmRunAsync: async () => {
                // Someone adds a row while the preview is open.
                lateRow = harness.airtable.insertRow(tableId, {fldName: 'Late'});
                return APPLY;
            },
        });

        const lateOutcome = summary.outcomes.find(
            outcome => outcome.ref.airtableRecordId === lateRow,
        );
        expect(summary.counts.deletedInAirtable).toBe(1);
        expect(writtenIds(harness.dataverse.writeCalls.slice(writesBefore), 'create')).toEqual([]);
        expect(lateOutcome).toMatchObject({status: 'skipped', reason: 'changedDuringSync'});
    });

    test('cancel writes nothing', async () => {
        const harness = createHarness();
        harness.dataverse.insertRecord(harness.table.entity, ACME_ID, {name: 'Acme'});
        harness.airtable.insertRow(harness.table.table.id, {fldName: 'Contoso'});

        const summary = await harness.runAsync({
            confirmRunAsync: async () => ({kind: 'cancel'}),
        });

        expect(summary.error?.code).toBe('cancelled');
        expect(harness.airtable.writeCalls).toHaveLength(0);
        expect(harness.dataverse.writeCalls).toHaveLength(0);
        expect(summary.tables.every(table => !table.isComplete)).toBe(true);
    });

    test('empty plan needs no approval', async () => {
        const {harness, lastSyncedAt} = await createSyncedHarnessAsync();
        const airtableWrites = harness.airtable.writeCalls.length;
        const confirm = recordingConfirm(APPLY);

        const summary = await harness.runAsync({
            lastSyncedAt: {[harness.table.table.id]: lastSyncedAt},
            confirmRunAsync: confirm.confirmRunAsync,
        });

        expect(summary.error).toBeNull();
        expect(confirm.previews).toHaveLength(0);
        expect(harness.airtable.writeCalls).toHaveLength(airtableWrites);
    });
});

describe('approval rules in a run', () => {
    test('first sync needs approval', async () => {
        const harness = createHarness();
        harness.dataverse.insertRecord(harness.table.entity, ACME_ID, {name: 'Acme'});

        const summary = await harness.runAsync({
            confirmRunAsync: undefined,
            approval: NO_PREVIEW_EVERY_RUN,
        });

        expect(summary.error?.code).toBe('approvalNeeded');
        expect(summary.error?.message).toContain('First sync of Accounts');
        expect(harness.airtable.writeCalls).toHaveLength(0);
        expect(harness.dataverse.writeCalls).toHaveLength(0);
    });

    test('Dynamics delete needs approval', async () => {
        const {harness, lastSyncedAt} = await createSyncedHarnessAsync();
        const tableId = harness.table.table.id;
        const acme = harness.airtable
            .getRows(tableId)
            .find(row => row.cells[NAME.field.id] === 'Acme');
        harness.airtable.deleteRow(tableId, acme!.id);
        const writesBefore = harness.dataverse.writeCalls.length;

        const summary = await harness.runAsync({
            lastSyncedAt: {[tableId]: lastSyncedAt},
            confirmRunAsync: undefined,
            approval: {shouldPreviewEveryRun: false, maxDeleteShare: 1},
        });

        expect(summary.error?.code).toBe('approvalNeeded');
        expect(summary.error?.message).toContain('Deletes 1 record in Dynamics');
        expect(harness.dataverse.hasRecord(harness.table.entity, ACME_ID)).toBe(true);
        expect(harness.dataverse.writeCalls).toHaveLength(writesBefore);
    });

    test('small runs apply without asking', async () => {
        const {harness, lastSyncedAt} = await createSyncedHarnessAsync();
        harness.dataverse.editRecord(harness.table.entity, ACME_ID, {revenue: 30});

        const summary = await harness.runAsync({
            lastSyncedAt: {[harness.table.table.id]: lastSyncedAt},
            confirmRunAsync: undefined,
            approval: NO_PREVIEW_EVERY_RUN,
        });

        const acme = harness.airtable
            .getRows(harness.table.table.id)
            .find(row => row.cells[NAME.field.id] === 'Acme');
        expect(summary.error).toBeNull();
        expect(acme?.cells[REVENUE.field.id]).toBe(30);
    });

    test('preview every run asks', async () => {
        const {harness, lastSyncedAt} = await createSyncedHarnessAsync();
        harness.dataverse.editRecord(harness.table.entity, ACME_ID, {revenue: 30});

        const summary = await harness.runAsync({
            lastSyncedAt: {[harness.table.table.id]: lastSyncedAt},
            confirmRunAsync: undefined,
        });

        expect(summary.error?.code).toBe('approvalNeeded');
        expect(summary.error?.message).toContain('"Preview every run" is on.');
    });

    test('large delete share needs approval', async () => {
        const harness = createHarness();
        const tableId = harness.table.table.id;
        for (let index = 0; index < 20; index += 1) {
            harness.airtable.insertRow(tableId, {fldName: `Account ${index}`});
        }
        const first = await harness.runAsync();
        harness.clock.advance(60_000);
        const lastSyncedAt = {[tableId]: first.tables[0]?.watermark ?? ''};
        const ids = harness.airtable
            .getRows(tableId)
            .map(row => parseGuid(String(row.cells[harness.table.dynamicsIdFieldId])));
        harness.dataverse.deleteRecord(harness.table.entity, ids[0]!);

        const small = await harness.runAsync({
            lastSyncedAt,
            confirmRunAsync: undefined,
            approval: NO_PREVIEW_EVERY_RUN,
        });
        for (const id of ids.slice(1, 4)) {
            harness.dataverse.deleteRecord(harness.table.entity, id);
        }
        const large = await harness.runAsync({
            lastSyncedAt,
            confirmRunAsync: undefined,
            approval: NO_PREVIEW_EVERY_RUN,
        });

        expect(small.error).toBeNull();
        expect(small.counts.deletedInAirtable).toBe(1);
        expect(large.error?.code).toBe('approvalNeeded');
        expect(large.error?.message).toContain('Deletes 3 of 19 rows of Accounts in Airtable');
        expect(harness.airtable.getRows(tableId)).toHaveLength(19);
    });
});

describe('run preview placeholders', () => {
    async function createLinkedHarnessAsync(): Promise<{
        harness: RelationsHarness;
        adaRow: AirtableRecordId;
    }> {
        const harness = createRelationsHarness([accountsTable([]), contactsTable()]);
        harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
        harness.dataverse.insertRecord(CONTACT, ADA_ID, {
            lastname: 'Lovelace',
            parentcustomerid: reference(ACCOUNT, ACME_ID),
        });
        await harness.runAndKeepWatermarksAsync();
        return {harness, adaRow: harness.findRowId(CONTACTS_TABLE, ADA_ID)!};
    }

    test('show planned rows by name', async () => {
        const {harness} = await createLinkedHarnessAsync();
        harness.dataverse.insertRecord(ACCOUNT, NEWCO_ID, {name: 'Newco'});
        harness.dataverse.editRecord(CONTACT, ADA_ID, {
            parentcustomerid: reference(ACCOUNT, NEWCO_ID),
        });
        const confirm = recordingConfirm(APPLY);

        await harness.runAndKeepWatermarksAsync({confirmRunAsync: confirm.confirmRunAsync});

        const contacts = getTable(confirm.previews[0], CONTACTS_TABLE);
        expect(contacts.airtable.updates[0]?.changes).toEqual([
            {fieldName: 'Company', oldValue: 'Acme', newValue: 'Newco'},
        ]);
    });

    test('resolve to the created rows', async () => {
        const {harness, adaRow} = await createLinkedHarnessAsync();
        harness.dataverse.insertRecord(ACCOUNT, NEWCO_ID, {name: 'Newco'});
        harness.dataverse.editRecord(CONTACT, ADA_ID, {
            parentcustomerid: reference(ACCOUNT, NEWCO_ID),
        });

        const summary = await harness.runAndKeepWatermarksAsync();

        const newcoRow = harness.findRowId(ACCOUNTS_TABLE, NEWCO_ID);
        expect(summary.error).toBeNull();
        expect(newcoRow).not.toBeNull();
        expect(harness.airtable.getCell(CONTACTS_TABLE, adaRow, COMPANY_FIELD)).toEqual(
            links(newcoRow!),
        );
    });
});
