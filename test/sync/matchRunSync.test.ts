import {logicalName, parseGuid, type AirtableRecordId, type Guid} from '../../frontend/sync/ids';
import type {TableMapping} from '../../frontend/sync/mapping';
import type {RunSummary} from '../../frontend/sync/outcomes';
import {
    accountTable,
    column,
    createHarness,
    declineDeletesAsync,
    EMPLOYEES,
    field,
    fieldMapping,
    NAME,
    REVENUE,
    type Harness,
} from './fixtures';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    accountsTable,
    createRelationsHarness,
    CUSTOMER_ACCOUNT,
    links,
    OPPORTUNITIES_TABLE,
    OPPORTUNITY,
    opportunitiesTable,
    reference,
} from './relationFixtures';

const ACCOUNT_NUMBER = fieldMapping(
    column('accountnumber', {type: 'string', maxLength: 20}),
    field('fldAccountNumber', 'Account Number', 'singleLineText'),
);

const TABLE: TableMapping = {
    ...accountTable([NAME, ACCOUNT_NUMBER, REVENUE, EMPLOYEES]),
    matchKeys: [[logicalName('accountnumber')], [logicalName('name')]],
};

const CONTOSO_ID = parseGuid('3c2b9a10-8f1e-4b7d-a3c5-0000000000c1');
const FABRIKAM_ID = parseGuid('3c2b9a10-8f1e-4b7d-a3c5-0000000000f1');
const NORTHWIND_ID = parseGuid('3c2b9a10-8f1e-4b7d-a3c5-0000000000a1');
const LITWARE_ID = parseGuid('3c2b9a10-8f1e-4b7d-a3c5-0000000000d1');
const ADVENTURE_ID = parseGuid('3c2b9a10-8f1e-4b7d-a3c5-0000000000e1');

function addRow(harness: Harness, cells: Record<string, unknown>): AirtableRecordId {
    return harness.airtable.insertRow(TABLE.table.id, cells);
}

function getRowIds(harness: Harness): Array<Guid | null> {
    return harness.airtable
        .getRows(TABLE.table.id)
        .map(row => (row.cells[TABLE.dynamicsIdFieldId] as Guid | undefined) ?? null);
}

function getDynamicsId(harness: Harness, rowId: AirtableRecordId): unknown {
    return harness.airtable.getCell(TABLE.table.id, rowId, TABLE.dynamicsIdFieldId);
}

function watermarksOf(summary: RunSummary): Record<string, string> {
    const watermarks: Record<string, string> = {};
    for (const table of summary.tables) {
        if (table.isComplete && table.watermark !== null) {
            watermarks[table.tableId] = table.watermark;
        }
    }
    return watermarks;
}

/** Creates a base with three rows for existing records, and Dynamics with those and two more. */
function createExistingBase(): {harness: Harness; rowIds: AirtableRecordId[]} {
    const harness = createHarness(TABLE);
    const rowIds = [
        addRow(harness, {fldName: 'Contoso', fldAccountNumber: 'AC-1', fldEmployees: 40}),
        addRow(harness, {fldName: 'Fabrikam Inc', fldAccountNumber: 'AC-2'}),
        addRow(harness, {fldName: 'Northwind  Traders', fldRevenue: 1200}),
    ];
    const {entity} = TABLE;
    harness.dataverse.insertRecord(entity, CONTOSO_ID, {name: 'Contoso', accountnumber: 'ac-1'});
    harness.dataverse.insertRecord(entity, FABRIKAM_ID, {name: 'Fabrikam', accountnumber: 'AC-2'});
    harness.dataverse.insertRecord(entity, NORTHWIND_ID, {
        name: 'northwind traders',
        accountnumber: 'AC-3',
        numberofemployees: 12,
    });
    harness.dataverse.insertRecord(entity, LITWARE_ID, {name: 'Litware', accountnumber: 'AC-4'});
    harness.dataverse.insertRecord(entity, ADVENTURE_ID, {name: 'Adventure Works'});
    return {harness, rowIds};
}

describe('runSyncAsync with match keys', () => {
    test('counts a match as the preview does', async () => {
        const harness = createHarness(TABLE);
        addRow(harness, {fldName: 'Contoso', fldAccountNumber: 'AC-1'});
        harness.dataverse.insertRecord(TABLE.entity, CONTOSO_ID, {
            name: 'Contoso',
            accountnumber: 'AC-1',
        });
        let previewedUpdates = -1;

        const summary = await harness.runAsync({
            confirmRunAsync: async preview => {
                previewedUpdates = preview.tables[0]?.airtable.updates.length ?? -1;
                return {kind: 'apply', deletes: {kind: 'approveAll'}};
            },
        });

        // Both sides already agree, so the match writes only the Dynamics ID into the row.
        expect(previewedUpdates).toBe(1);
        expect(summary.counts.updatedInAirtable).toBe(1);
        expect(summary.counts.unchanged).toBe(0);
    });

    test('links existing records without duplicates', async () => {
        const {harness, rowIds} = createExistingBase();

        const summary = await harness.runAsync();

        const ids = getRowIds(harness);
        expect(summary.error).toBeNull();
        expect(ids).toHaveLength(5);
        expect(harness.dataverse.getRecordCount(TABLE.entity)).toBe(5);
        expect(new Set(ids)).toEqual(
            new Set([CONTOSO_ID, FABRIKAM_ID, NORTHWIND_ID, LITWARE_ID, ADVENTURE_ID]),
        );
        expect(rowIds.map(rowId => getDynamicsId(harness, rowId))).toEqual([
            CONTOSO_ID,
            FABRIKAM_ID,
            NORTHWIND_ID,
        ]);
        expect(summary.counts.createdInDynamics).toBe(0);
        expect(summary.counts.createdInAirtable).toBe(2);
        expect(summary.tables[0]?.isComplete).toBe(true);
    });

    test('merges values of matched pairs', async () => {
        const {harness, rowIds} = createExistingBase();

        await harness.runAsync();

        const [contoso, , northwind] = rowIds;
        const contosoValues = harness.dataverse.getValues(TABLE.entity, CONTOSO_ID);
        const northwindValues = harness.dataverse.getValues(TABLE.entity, NORTHWIND_ID);
        expect(contosoValues.numberofemployees).toBe(40);
        expect(northwindValues.revenue).toBe(1200);
        expect(harness.airtable.getCell(TABLE.table.id, northwind!, EMPLOYEES.field.id)).toBe(12);
        expect(harness.airtable.getCell(TABLE.table.id, contoso!, ACCOUNT_NUMBER.field.id)).toBe(
            'ac-1',
        );
    });

    test('second sync changes nothing', async () => {
        const {harness} = createExistingBase();
        const first = await harness.runAsync();
        harness.clock.advance(60_000);
        const airtableCalls = harness.airtable.writeCalls.length;
        const dynamicsCalls = harness.dataverse.writeCalls.length;

        const second = await harness.runAsync({lastSyncedAt: watermarksOf(first)});

        expect(second.outcomes).toHaveLength(5);
        expect(second.outcomes.every(outcome => outcome.status === 'unchanged')).toBe(true);
        expect(harness.airtable.writeCalls).toHaveLength(airtableCalls);
        expect(harness.dataverse.writeCalls).toHaveLength(dynamicsCalls);
    });

    test('ambiguous match creates nothing', async () => {
        const harness = createHarness(TABLE);
        const contoso = addRow(harness, {fldName: 'Contoso', fldAccountNumber: 'AC-1'});
        const contosoLtd = addRow(harness, {fldName: 'Contoso Ltd', fldAccountNumber: 'AC-1'});
        harness.dataverse.insertRecord(TABLE.entity, CONTOSO_ID, {
            name: 'Contoso',
            accountnumber: 'AC-1',
        });

        const first = await harness.runAsync();
        const second = await harness.runAsync({lastSyncedAt: watermarksOf(first)});

        expect(first.outcomes.map(outcome => outcome.status)).toEqual([
            'skipped',
            'skipped',
            'skipped',
        ]);
        expect(first.tables[0]?.isComplete).toBe(false);
        expect(second.counts.skipped).toBe(3);
        expect(harness.airtable.getRows(TABLE.table.id)).toHaveLength(2);
        expect(harness.dataverse.getRecordCount(TABLE.entity)).toBe(1);
        expect(getDynamicsId(harness, contoso)).toBeNull();
        expect(getDynamicsId(harness, contosoLtd)).toBeNull();
    });

    test('resolved ambiguity syncs normally', async () => {
        const harness = createHarness(TABLE);
        const contoso = addRow(harness, {fldName: 'Contoso', fldAccountNumber: 'AC-1'});
        const contosoLtd = addRow(harness, {fldName: 'Contoso Ltd', fldAccountNumber: 'AC-1'});
        harness.dataverse.insertRecord(TABLE.entity, CONTOSO_ID, {
            name: 'Contoso',
            accountnumber: 'AC-1',
        });
        await harness.runAsync();
        harness.airtable.editRow(TABLE.table.id, contoso, {
            [TABLE.dynamicsIdFieldId]: CONTOSO_ID,
        });

        const summary = await harness.runAsync();

        expect(summary.counts.createdInDynamics).toBe(1);
        expect(summary.counts.skipped).toBe(0);
        expect(getDynamicsId(harness, contosoLtd)).not.toBe(CONTOSO_ID);
        expect(harness.dataverse.getRecordCount(TABLE.entity)).toBe(2);
    });

    test('keeps deleted rows from matching', async () => {
        const harness = createHarness(TABLE);
        harness.dataverse.insertRecord(TABLE.entity, CONTOSO_ID, {
            name: 'Contoso',
            accountnumber: 'AC-1',
        });
        const first = await harness.runAsync();
        const [synced] = harness.airtable.getRows(TABLE.table.id);
        harness.airtable.deleteRow(TABLE.table.id, synced!.id);
        harness.clock.advance(60_000);
        const retyped = addRow(harness, {fldName: 'Contoso', fldAccountNumber: 'AC-1'});

        const summary = await harness.runAsync({
            lastSyncedAt: watermarksOf(first),
            confirmRunAsync: declineDeletesAsync,
        });

        const contosoOutcome = summary.outcomes.find(
            outcome => outcome.ref.dynamicsId === CONTOSO_ID,
        );
        expect(contosoOutcome).toMatchObject({status: 'skipped', reason: 'deleteDeclined'});
        expect(getDynamicsId(harness, retyped)).not.toBe(CONTOSO_ID);
        expect(harness.dataverse.getRecordCount(TABLE.entity)).toBe(2);
    });

    test('unwritten match keeps table incomplete', async () => {
        const harness = createHarness(TABLE);
        const contoso = addRow(harness, {fldName: 'Contoso', fldEmployees: 40});
        harness.dataverse.insertRecord(TABLE.entity, CONTOSO_ID, {name: 'Contoso'});
        harness.dataverse.beforeWrite = write => {
            harness.dataverse.beforeWrite = null;
            harness.dataverse.editRecord(TABLE.entity, write.id, {revenue: 10});
        };

        const summary = await harness.runAsync();

        expect(summary.outcomes[0]).toMatchObject({status: 'skipped', reason: 'changedDuringSync'});
        expect(getDynamicsId(harness, contoso)).toBeNull();
        expect(summary.tables[0]?.isComplete).toBe(false);
    });
});

describe('runSyncAsync with link match keys', () => {
    const GLOBEX_ID = parseGuid('3c2b9a10-8f1e-4b7d-a3c5-0000000000b1');
    const RENEWAL_CONTOSO_ID = parseGuid('3c2b9a10-8f1e-4b7d-a3c5-0000000001c1');
    const RENEWAL_GLOBEX_ID = parseGuid('3c2b9a10-8f1e-4b7d-a3c5-0000000001b1');

    test('matches opportunities by customer', async () => {
        const accounts: TableMapping = {
            ...accountsTable([]),
            matchKeys: [[logicalName('name')]],
        };
        const opportunities: TableMapping = {
            ...opportunitiesTable([CUSTOMER_ACCOUNT]),
            matchKeys: [[logicalName('name'), logicalName('customerid')]],
        };
        const harness = createRelationsHarness([accounts, opportunities]);
        const contosoRow = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Contoso'});
        const globexRow = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Globex'});
        const renewalContoso = harness.addRow(OPPORTUNITIES_TABLE, {
            fldName: 'Renewal',
            fldCustomerAccount: links(contosoRow),
        });
        const renewalGlobex = harness.addRow(OPPORTUNITIES_TABLE, {
            fldName: 'Renewal',
            fldCustomerAccount: links(globexRow),
        });
        harness.dataverse.insertRecord(ACCOUNT, CONTOSO_ID, {name: 'Contoso'});
        harness.dataverse.insertRecord(ACCOUNT, GLOBEX_ID, {name: 'Globex'});
        harness.dataverse.insertRecord(OPPORTUNITY, RENEWAL_GLOBEX_ID, {
            name: 'Renewal',
            customerid: reference(ACCOUNT, GLOBEX_ID),
        });
        harness.dataverse.insertRecord(OPPORTUNITY, RENEWAL_CONTOSO_ID, {
            name: 'renewal',
            customerid: reference(ACCOUNT, CONTOSO_ID),
        });

        const summary = await harness.runAsync();

        expect(summary.error).toBeNull();
        expect(harness.getDynamicsId(OPPORTUNITIES_TABLE, renewalContoso)).toBe(RENEWAL_CONTOSO_ID);
        expect(harness.getDynamicsId(OPPORTUNITIES_TABLE, renewalGlobex)).toBe(RENEWAL_GLOBEX_ID);
        expect(harness.dataverse.getRecordCount(OPPORTUNITY)).toBe(2);
        expect(harness.airtable.getRows(OPPORTUNITIES_TABLE)).toHaveLength(2);
    });
});
