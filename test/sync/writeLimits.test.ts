import {parseGuid} from '../../frontend/sync/ids';
import {AIRTABLE_MAX_WRITES_PER_SECOND} from '../../frontend/sync/ports';
import type {WriteCall} from './fakes/fakeAirtable';
import {createHarness, type Harness} from './fixtures';

function insertDynamicsRecords(harness: Harness, count: number): void {
    for (let index = 0; index < count; index += 1) {
        const id = parseGuid(`22222222-0000-4000-8000-${String(index).padStart(12, '0')}`);
        harness.dataverse.insertRecord(harness.table.entity, id, {name: `Account ${index}`});
    }
}

function getMaxCallsInAnyWindow(calls: readonly WriteCall[], windowMs: number): number {
    let max = 0;
    for (const call of calls) {
        const inWindow = calls.filter(
            other => other.atMs >= call.atMs && other.atMs < call.atMs + windowMs,
        );
        max = Math.max(max, inWindow.length);
    }
    return max;
}

describe('Airtable write chunking', () => {
    test.each([
        [0, []],
        [1, [1]],
        [50, [50]],
        [51, [50, 1]],
        [101, [50, 50, 1]],
    ])('creates %i rows in chunks %j', async (recordCount, chunkSizes) => {
        const harness = createHarness();
        insertDynamicsRecords(harness, recordCount);

        const summary = await harness.runAsync();

        expect(harness.airtable.writeCalls.map(call => call.recordCount)).toEqual(chunkSizes);
        expect(summary.counts.createdInAirtable).toBe(recordCount);
    });

    test.each([
        [0, []],
        [1, [1]],
        [50, [50]],
        [51, [50, 1]],
        [101, [50, 50, 1]],
    ])('updates %i rows in chunks %j', async (recordCount, chunkSizes) => {
        const harness = createHarness();
        insertDynamicsRecords(harness, recordCount);
        await harness.runAsync();
        for (const row of harness.airtable.getRows(harness.table.table.id)) {
            harness.dataverse.editRecord(
                harness.table.entity,
                parseGuid(String(row.cells['fldDynamicsId' as never])),
                {
                    description: 'Updated in Dynamics',
                },
            );
        }
        const callsBefore = harness.airtable.writeCalls.length;

        const summary = await harness.runAsync();

        const updateCalls = harness.airtable.writeCalls.slice(callsBefore);
        expect(updateCalls.map(call => call.recordCount)).toEqual(chunkSizes);
        expect(updateCalls.every(call => call.kind === 'update')).toBe(true);
        expect(summary.counts.updatedInAirtable).toBe(recordCount);
    });
});

describe('Airtable write pacing', () => {
    test('stays within 15 writes per second', async () => {
        const harness = createHarness();
        insertDynamicsRecords(harness, 50 * 40);

        const summary = await harness.runAsync();

        expect(summary.error).toBeNull();
        expect(harness.airtable.writeCalls).toHaveLength(40);
        expect(getMaxCallsInAnyWindow(harness.airtable.writeCalls, 1000)).toBeLessThanOrEqual(
            AIRTABLE_MAX_WRITES_PER_SECOND,
        );
        expect(harness.clock.sleeps.length).toBeGreaterThan(0);
    });
});

describe('Dynamics write groups', () => {
    test('sends creates in groups of 100', async () => {
        const harness = createHarness();
        for (let index = 0; index < 250; index += 1) {
            harness.airtable.insertRow(harness.table.table.id, {
                ['fldName' as never]: `Row ${index}`,
            });
        }

        const summary = await harness.runAsync();

        expect(harness.dataverse.writeCalls.map(call => call.length)).toEqual([100, 100, 50]);
        expect(summary.counts.createdInDynamics).toBe(250);
    });
});
