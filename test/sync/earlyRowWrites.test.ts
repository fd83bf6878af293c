/**
 * Rows that take values from Dynamics and send nothing to it are written while the table's
 * Dynamics writes are still on their way, in whole calls only. What is left shares a call with
 * the rows whose Dynamics writes finished.
 */
import {airtableFieldId, parseGuid, type Guid} from '../../frontend/sync/ids';
import {AIRTABLE_MAX_RECORDS_PER_WRITE} from '../../frontend/sync/ports';
import {createHarness, type Harness} from './fixtures';

const NAME_FIELD = airtableFieldId('fldName');
const DYNAMICS_ID_FIELD = airtableFieldId('fldDynamicsId');

function recordId(position: number): Guid {
    return parseGuid(`3c8d5e21-7a4b-4c1d-9e2f-${String(position).padStart(12, '0')}`);
}

/** Syncs `count` records, then edits `pulled` of them in Dynamics and one other row in Airtable. */
async function createEditedBaseAsync(count: number, pulled: number): Promise<Harness> {
    const harness = createHarness();
    for (let position = 0; position < count; position += 1) {
        harness.dataverse.insertRecord(harness.table.entity, recordId(position), {
            name: `Account ${position}`,
        });
    }
    await harness.runAsync();
    harness.clock.advance(60_000);

    for (let position = 0; position < pulled; position += 1) {
        harness.dataverse.editRecord(harness.table.entity, recordId(position), {
            name: `Renamed in Dynamics ${position}`,
        });
    }
    const pushedRow = harness.airtable
        .getRows(harness.table.table.id)
        .find(row => row.cells[DYNAMICS_ID_FIELD] === recordId(count - 1));
    if (pushedRow === undefined) {
        throw new Error('The import created no row for the last record.');
    }
    harness.airtable.editRow(harness.table.table.id, pushedRow.id, {
        [NAME_FIELD]: 'Renamed in Airtable',
    });
    return harness;
}

/** Holds every Dynamics write until `release` is called, and counts the Airtable calls before. */
function holdDynamicsWrites(harness: Harness) {
    const writeAsync = harness.dataverse.writeAsync.bind(harness.dataverse);
    let release = () => undefined as void;
    const released = new Promise<void>(resolve => {
        release = resolve;
    });
    let airtableCallsBeforeRelease: number[] | null = null;
    harness.dataverse.writeAsync = async writes => {
        // Lets the writes that were started with the Dynamics writes reach the fake.
        await new Promise(resolve => setImmediate(resolve));
        airtableCallsBeforeRelease ??= harness.airtable.writeCalls
            .filter(call => call.kind === 'update')
            .map(call => call.recordCount);
        await released;
        return writeAsync(writes);
    };
    return {
        release,
        getCallsBeforeRelease: () => airtableCallsBeforeRelease,
    };
}

describe('rows that need nothing from Dynamics', () => {
    test('write whole calls during Dynamics writes', async () => {
        const pulled = AIRTABLE_MAX_RECORDS_PER_WRITE + 3;
        const harness = await createEditedBaseAsync(pulled + 1, pulled);
        const callsBefore = harness.airtable.writeCalls.length;
        const hold = holdDynamicsWrites(harness);

        const run = harness.runAsync();
        await new Promise(resolve => setTimeout(resolve, 0));
        hold.release();
        const summary = await run;

        expect(hold.getCallsBeforeRelease()?.slice(-1)).toEqual([AIRTABLE_MAX_RECORDS_PER_WRITE]);
        expect(summary.counts.updatedInAirtable).toBe(pulled);
        expect(summary.counts.updatedInDynamics).toBe(1);
        // The 3 rows left over share one call with the row Dynamics finished.
        const calls = harness.airtable.writeCalls.slice(callsBefore).map(call => call.recordCount);
        expect(calls).toEqual([AIRTABLE_MAX_RECORDS_PER_WRITE, 4]);
    });

    test('wait for Dynamics without a whole call', async () => {
        const harness = await createEditedBaseAsync(4, 3);
        const callsBefore = harness.airtable.writeCalls.length;
        const updatesBefore = harness.airtable.writeCalls.filter(
            call => call.kind === 'update',
        ).length;
        const hold = holdDynamicsWrites(harness);

        const run = harness.runAsync();
        await new Promise(resolve => setTimeout(resolve, 0));
        hold.release();
        await run;

        expect(hold.getCallsBeforeRelease()).toHaveLength(updatesBefore);
        const calls = harness.airtable.writeCalls.slice(callsBefore).map(call => call.recordCount);
        expect(calls).toEqual([4]);
    });
});
