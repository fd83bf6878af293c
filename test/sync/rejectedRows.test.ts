/** How a sync records the rows Airtable rejects while it creates or marks rows. */
import {parseGuid} from '../../frontend/sync/ids';
import type {RecordOutcome} from '../../frontend/sync/outcomes';
import {createHarness, NAME} from './fixtures';

const FABRIKAM_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000c1');
const NORTHWIND_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000c2');

function findOutcome(outcomes: readonly RecordOutcome[], name: string): RecordOutcome {
    const outcome = outcomes.find(item => item.ref.name === name);
    if (outcome === undefined) {
        throw new Error(`No outcome for '${name}'.`);
    }
    return outcome;
}

function getFailure(outcome: RecordOutcome): Extract<RecordOutcome, {status: 'failed'}> {
    if (outcome.status !== 'failed') {
        throw new Error(`Expected '${outcome.ref.name}' to fail, but it is ${outcome.status}.`);
    }
    return outcome;
}

describe('rows Airtable rejects', () => {
    test('new row from Dynamics fails', async () => {
        const harness = createHarness();
        harness.dataverse.insertRecord(harness.table.entity, FABRIKAM_ID, {name: 'Fabrikam'});
        harness.dataverse.insertRecord(harness.table.entity, NORTHWIND_ID, {name: 'Northwind'});
        harness.airtable.rejectRowsWhere = (_tableId, row) =>
            row.id === null && row.cells[NAME.field.id] === 'Fabrikam' ? 'invalidValue' : null;

        const summary = await harness.runAsync();

        const fabrikam = findOutcome(summary.outcomes, 'Fabrikam');
        expect(summary.error).toBeNull();
        expect(fabrikam.status).toBe('failed');
        expect(getFailure(fabrikam).code).toBe('invalidValue');
        expect(getFailure(fabrikam).message).toContain(
            "Couldn't write row 'Fabrikam' in 'Accounts'",
        );
        expect(findOutcome(summary.outcomes, 'Northwind').status).toBe('created');
        expect(summary.counts.failed).toBe(1);
        expect(summary.counts.createdInAirtable).toBe(1);
        expect(harness.airtable.getRows(harness.table.table.id)).toHaveLength(1);
    });

    test('row deleted before marking fails', async () => {
        const harness = createHarness();
        const contosoId = harness.airtable.insertRow(harness.table.table.id, {fldName: 'Contoso'});
        harness.airtable.insertRow(harness.table.table.id, {fldName: 'Tailspin'});
        harness.airtable.rejectRowsWhere = (_tableId, row) =>
            row.id === contosoId ? 'rowNotFound' : null;

        const summary = await harness.runAsync();

        const contoso = findOutcome(summary.outcomes, 'Contoso');
        expect(summary.error).toBeNull();
        expect(contoso.status).toBe('failed');
        expect(getFailure(contoso).code).toBe('unexpectedResult');
        expect(getFailure(contoso).message).toContain(
            'the row was deleted in Airtable during the sync',
        );
        expect(findOutcome(summary.outcomes, 'Tailspin').status).toBe('created');
        expect(summary.counts.createdInDynamics).toBe(1);
        expect(harness.dataverse.getRecordCount(harness.table.entity)).toBe(1);
    });
});
