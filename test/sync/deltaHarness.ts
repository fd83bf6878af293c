/** The engine tests' harness with the extension's bookkeeping between runs, for delta reads. */
import type {AirtableRecordId, Guid} from '../../frontend/sync/ids';
import type {TableMapping} from '../../frontend/sync/mapping';
import type {RunSummary} from '../../frontend/sync/outcomes';
import type {TableDeltaState} from '../../frontend/sync/run/deltaState';
import type {SyncInput} from '../../frontend/sync/runSync';
import type {FakeRead} from './fakes/fakeDataverse';
import {accountTable, createHarness, type Harness} from './fixtures';

/**
 * The engine tests' harness, carrying each complete table's watermark and delta state from run to
 * run as the extension stores them, and counting the reads and writes of each run.
 */
export interface DeltaHarness extends Harness {
    deltaStates: Record<string, TableDeltaState>;
    syncAsync(overrides?: Partial<SyncInput>): Promise<RunSummary>;
    /** The reads of records made by the last `syncAsync`. */
    lastReads(): FakeRead[];
    /** The Dynamics and Airtable write calls made by the last `syncAsync`. */
    lastWriteCounts(): {dynamics: number; airtable: number};
    findRowId(id: Guid): AirtableRecordId;
}

export function createDeltaHarness(table: TableMapping = accountTable()): DeltaHarness {
    const harness = createHarness(table);
    const lastSyncedAt: Record<string, string> = {};
    const counts = {reads: 0, dynamicsWrites: 0, airtableWrites: 0};
    const delta: DeltaHarness = {
        ...harness,
        deltaStates: {},
        syncAsync: async overrides => {
            counts.reads = harness.dataverse.reads.length;
            counts.dynamicsWrites = harness.dataverse.writeCalls.length;
            counts.airtableWrites = harness.airtable.writeCalls.length;
            const summary = await harness.runAsync({
                lastSyncedAt: {...lastSyncedAt},
                deltaStates: {...delta.deltaStates},
                ...overrides,
            });
            for (const result of summary.tables) {
                if (result.isComplete && result.watermark !== null) {
                    lastSyncedAt[result.tableId] = result.watermark;
                }
                if (result.isComplete && result.deltaState !== null) {
                    delta.deltaStates[result.tableId] = result.deltaState;
                }
            }
            harness.clock.advance(60_000);
            return summary;
        },
        lastReads: () => harness.dataverse.reads.slice(counts.reads),
        lastWriteCounts: () => ({
            dynamics: harness.dataverse.writeCalls.length - counts.dynamicsWrites,
            airtable: harness.airtable.writeCalls.length - counts.airtableWrites,
        }),
        findRowId: id => {
            const row = harness.airtable
                .getRows(table.table.id)
                .find(candidate => candidate.cells[table.dynamicsIdFieldId] === id);
            if (row === undefined) {
                throw new Error(`No row is linked to ${id}.`);
            }
            return row.id;
        },
    };
    return delta;
}
