import {DYNAMICS_WRITES_PER_GROUP} from '../../frontend/sync/apply/dynamicsWriter';
import {
    airtableFieldId,
    parseGuid,
    type AirtableRecordId,
    type Guid,
} from '../../frontend/sync/ids';
import {
    PartialWriteError,
    type DataverseSide,
    type DataverseWrite,
    type DataverseWriteResult,
} from '../../frontend/sync/ports';
import {parseSyncState} from '../../frontend/sync/syncState';
import type {FakeDataverseSide} from './fakes/fakeDataverse';
import {createDeltaHarness, type DeltaHarness} from './deltaHarness';
import {createHarness, type Harness} from './fixtures';

/** Thrown like a token request that needs the user to sign in again. */
class InteractionRequiredError extends Error {
    readonly errorCode = 'interaction_required';

    constructor() {
        super('interaction_required: the user must sign in again.');
        this.name = 'InteractionRequiredError';
    }
}

/**
 * The fake Dataverse behind a port whose sign-in expires once `expireAfterWrites` writes were
 * sent. The group that reaches the limit sends its first writes and then throws, like requests in
 * flight when the token ran out: without results, or, with `reportsPartialResults`, with a
 * PartialWriteError carrying the results of the writes sent. Every result is recorded.
 */
class ExpiringDataverseSide implements DataverseSide {
    readonly results: DataverseWriteResult[] = [];
    expireAfterWrites: number | null = null;
    reportsPartialResults = false;

    private readonly fake: FakeDataverseSide;
    private sentCount = 0;

    constructor(fake: FakeDataverseSide) {
        this.fake = fake;
    }

    readAllAsync: DataverseSide['readAllAsync'] = (entity, columns) =>
        this.fake.readAllAsync(entity, columns);

    readChangesAsync: DataverseSide['readChangesAsync'] = (entity, columns) =>
        this.fake.readChangesAsync(entity, columns);

    readCascadeDeleteRulesAsync: DataverseSide['readCascadeDeleteRulesAsync'] = entity =>
        this.fake.readCascadeDeleteRulesAsync(entity);

    readReferencingRecordsAsync: DataverseSide['readReferencingRecordsAsync'] = (rule, ids) =>
        this.fake.readReferencingRecordsAsync(rule, ids);

    async writeAsync(writes: readonly DataverseWrite[]): Promise<DataverseWriteResult[]> {
        const limit = this.expireAfterWrites ?? Infinity;
        const allowed = writes.slice(0, Math.max(0, limit - this.sentCount));
        const results = allowed.length === 0 ? [] : await this.fake.writeAsync(allowed);
        this.sentCount += allowed.length;
        this.results.push(...results);
        if (allowed.length < writes.length) {
            throw this.reportsPartialResults
                ? new PartialWriteError(new InteractionRequiredError(), results)
                : new InteractionRequiredError();
        }
        return results;
    }
}

function createExpiringHarness(): {harness: Harness; side: ExpiringDataverseSide} {
    const harness = createHarness();
    return {harness, side: new ExpiringDataverseSide(harness.dataverse)};
}

function addRows(harness: Harness, count: number, prefix: string): AirtableRecordId[] {
    return Array.from({length: count}, (_, index) =>
        harness.airtable.insertRow(harness.table.table.id, {fldName: `${prefix} ${index}`}),
    );
}

/** Returns GUID number `index` of the harness's sequence, counted from 1. */
function sequenceGuid(index: number): Guid {
    return parseGuid(`00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
}

function getSentWrites(harness: Harness, fromCall = 0): DataverseWrite[] {
    return harness.dataverse.writeCalls.slice(fromCall).flat();
}

function countPendingRows(harness: Harness): number {
    return harness.airtable.getRows(harness.table.table.id).filter(row => {
        const parsed = parseSyncState(row.cells[harness.table.syncStateFieldId]);
        return parsed.ok && parsed.state?.isPendingCreate === true;
    }).length;
}

function countStatuses(results: readonly DataverseWriteResult[], status: string): number {
    return results.filter(result => result.status === status).length;
}

/** Syncs `count` rows once, then edits each in Airtable so the next run updates them. */
async function addEditedRowsAsync(harness: Harness, count: number): Promise<AirtableRecordId[]> {
    const rowIds = addRows(harness, count, 'Synced');
    await harness.runAsync();
    for (const rowId of rowIds) {
        harness.airtable.editRow(harness.table.table.id, rowId, {fldEmployees: 7});
    }
    return rowIds;
}

describe('run stopped by sign-in', () => {
    test('resumes without resending finished writes', async () => {
        const {harness, side} = createExpiringHarness();
        await addEditedRowsAsync(harness, 80);
        addRows(harness, 70, 'New');
        side.expireAfterWrites = DYNAMICS_WRITES_PER_GROUP;
        const callsBefore = harness.dataverse.writeCalls.length;

        const stopped = await harness.runAsync({dataverse: side});
        const finishedIds = new Set(getSentWrites(harness, callsBefore).map(write => write.id));
        side.expireAfterWrites = null;
        const callsBeforeResume = harness.dataverse.writeCalls.length;
        const resumed = await harness.runAsync({dataverse: side});
        const resentWrites = getSentWrites(harness, callsBeforeResume);

        expect(stopped.error?.code).toBe('dynamicsFailed');
        expect(stopped.error?.detail).toContain('interaction_required');
        expect(finishedIds.size).toBe(DYNAMICS_WRITES_PER_GROUP);
        expect(resumed.error).toBeNull();
        expect(resentWrites).toHaveLength(150 - DYNAMICS_WRITES_PER_GROUP);
        expect(resentWrites.filter(write => write.kind === 'create')).toEqual([]);
        expect(resentWrites.filter(write => finishedIds.has(write.id))).toEqual([]);
    });

    test('converges after resuming', async () => {
        const {harness, side} = createExpiringHarness();
        const editedRowIds = await addEditedRowsAsync(harness, 80);
        addRows(harness, 70, 'New');
        side.expireAfterWrites = DYNAMICS_WRITES_PER_GROUP;
        await harness.runAsync({dataverse: side});
        side.expireAfterWrites = null;
        await harness.runAsync({dataverse: side});
        const callsBefore = harness.dataverse.writeCalls.length;

        const next = await harness.runAsync({dataverse: side});

        const employees = editedRowIds.map(rowId => {
            const cell = harness.airtable.getCell(
                harness.table.table.id,
                rowId,
                harness.table.dynamicsIdFieldId,
            );
            const values = harness.dataverse.getValues(
                harness.table.entity,
                parseGuid(String(cell)),
            );
            return values.numberofemployees;
        });
        expect(harness.dataverse.writeCalls).toHaveLength(callsBefore);
        expect(next.counts.unchanged).toBe(150);
        expect(harness.dataverse.getRecordCount(harness.table.entity)).toBe(150);
        expect(countStatuses(side.results, 'alreadyExists')).toBe(0);
        expect(employees.every(value => value === 7)).toBe(true);
        expect(countPendingRows(harness)).toBe(0);
    });

    test('finishes rows before returning', async () => {
        const {harness, side} = createExpiringHarness();
        addRows(harness, 130, 'New');
        side.expireAfterWrites = DYNAMICS_WRITES_PER_GROUP;

        const stopped = await harness.runAsync({dataverse: side});

        expect(stopped.error?.code).toBe('dynamicsFailed');
        expect(stopped.counts.createdInDynamics).toBe(DYNAMICS_WRITES_PER_GROUP);
        expect(countPendingRows(harness)).toBe(130 - DYNAMICS_WRITES_PER_GROUP);
    });

    test('writes leftover finished rows on stop', async () => {
        const {harness, side} = createExpiringHarness();
        addRows(harness, 130, 'New');
        for (const index of [3, 40, 77]) {
            harness.dataverse.rejectWrites.set(sequenceGuid(index), 'Plugin rejected the row');
        }
        side.expireAfterWrites = DYNAMICS_WRITES_PER_GROUP;

        const stopped = await harness.runAsync({dataverse: side});
        side.expireAfterWrites = null;
        const callsBefore = harness.dataverse.writeCalls.length;
        await harness.runAsync({dataverse: side});
        const resentWrites = getSentWrites(harness, callsBefore);

        // Three calls reserve the 130 Dynamics IDs; a full call follows the first group.
        const finishingCalls = harness.airtable.writeCalls.slice(3, 5);
        expect(finishingCalls.map(call => call.recordCount)).toEqual([50, 47]);
        expect(stopped.counts.createdInDynamics).toBe(97);
        expect(stopped.counts.failed).toBe(3);
        expect(resentWrites).toHaveLength(33);
        expect(countStatuses(side.results, 'alreadyExists')).toBe(0);
        expect(harness.dataverse.getRecordCount(harness.table.entity)).toBe(130);
    });

    test('resends only the interrupted group', async () => {
        const {harness, side} = createExpiringHarness();
        await addEditedRowsAsync(harness, 80);
        addRows(harness, 70, 'New');
        side.expireAfterWrites = 85;
        const callsBefore = harness.dataverse.writeCalls.length;

        await harness.runAsync({dataverse: side});
        side.expireAfterWrites = null;
        const resumed = await harness.runAsync({dataverse: side});
        const resentWrites = getSentWrites(harness, callsBefore + 1);

        // The port threw without results, so the 70 creates and 15 updates it applied are unknown.
        expect(resentWrites.filter(write => write.kind === 'create')).toHaveLength(70);
        expect(countStatuses(side.results, 'alreadyExists')).toBe(70);
        expect(resentWrites.filter(write => write.kind === 'update')).toHaveLength(65);
        expect(resumed.counts.skipped).toBe(0);
        expect(harness.dataverse.getRecordCount(harness.table.entity)).toBe(150);
        expect(countPendingRows(harness)).toBe(0);
    });
});

describe('run cancelled between groups', () => {
    // The second group is already on its way to Dynamics while the first group's rows are written
    // to Airtable, where the cancel arrives, so the cancel takes effect before the third group.
    const rowCount = 2 * DYNAMICS_WRITES_PER_GROUP + 30;
    const sentBeforeCancel = 2 * DYNAMICS_WRITES_PER_GROUP;

    test('finishes the groups sent', async () => {
        const harness = createHarness();
        addRows(harness, rowCount, 'New');
        const controller = new AbortController();

        const stopped = await harness.runAsync({
            signal: controller.signal,
            onProgress: event => {
                if (event.phase === 'writingDynamics' && event.done === DYNAMICS_WRITES_PER_GROUP) {
                    controller.abort();
                }
            },
        });

        expect(stopped.error?.code).toBe('cancelled');
        expect(harness.dataverse.writeCalls).toHaveLength(2);
        expect(stopped.counts.createdInDynamics).toBe(sentBeforeCancel);
        expect(countPendingRows(harness)).toBe(rowCount - sentBeforeCancel);
    });

    test('next run sends only the rest', async () => {
        const harness = createHarness();
        addRows(harness, rowCount, 'New');
        const controller = new AbortController();
        await harness.runAsync({
            signal: controller.signal,
            onProgress: event => {
                if (event.phase === 'writingDynamics' && event.done === DYNAMICS_WRITES_PER_GROUP) {
                    controller.abort();
                }
            },
        });
        const finishedIds = new Set(getSentWrites(harness).map(write => write.id));

        const resumed = await harness.runAsync();
        const resentWrites = getSentWrites(harness, 2);

        expect(resumed.error).toBeNull();
        expect(resentWrites).toHaveLength(rowCount - sentBeforeCancel);
        expect(resentWrites.filter(write => finishedIds.has(write.id))).toEqual([]);
        expect(harness.dataverse.getRecordCount(harness.table.entity)).toBe(rowCount);
        expect(countPendingRows(harness)).toBe(0);
    });
});

describe('failed Airtable write of finished rows', () => {
    test('keeps unfinished creates pending', async () => {
        const {harness, side} = createExpiringHarness();
        addRows(harness, 130, 'New');
        harness.dataverse.beforeWrite = () => {
            harness.airtable.failNextCallWith = new Error('The tab was closed.');
        };

        const stopped = await harness.runAsync({dataverse: side});
        harness.dataverse.beforeWrite = null;
        const pendingAfterStop = countPendingRows(harness);
        const resumed = await harness.runAsync({dataverse: side});

        expect(stopped.error?.code).toBe('airtableFailed');
        // The second group was on its way to Dynamics when Airtable failed, so it was written
        // there too. Of the first group's two Airtable calls, sent together, one failed and the
        // other finished its 50 rows, so the other 80 come back as existing records.
        expect(harness.dataverse.writeCalls.map(call => call.length)).toEqual([100, 30, 80]);
        expect(pendingAfterStop).toBe(80);
        expect(countStatuses(side.results, 'alreadyExists')).toBe(80);
        expect(resumed.counts.createdInDynamics).toBe(80);
        expect(harness.dataverse.getRecordCount(harness.table.entity)).toBe(130);
        expect(countPendingRows(harness)).toBe(0);
    });

    test('keeps the stop reason', async () => {
        const {harness, side} = createExpiringHarness();
        addRows(harness, 130, 'New');
        harness.dataverse.rejectWrites.set(sequenceGuid(5), 'Plugin rejected the row');
        side.expireAfterWrites = DYNAMICS_WRITES_PER_GROUP;
        const realWriteAsync = side.writeAsync.bind(side);
        side.writeAsync = async writes => {
            try {
                return await realWriteAsync(writes);
            } catch (error) {
                harness.airtable.failNextCallWith = new Error('The network is down.');
                throw error;
            }
        };

        const stopped = await harness.runAsync({dataverse: side});
        const pendingAfterStop = countPendingRows(harness);
        side.expireAfterWrites = null;
        const resumed = await harness.runAsync({dataverse: side});

        expect(stopped.error?.code).toBe('dynamicsFailed');
        expect(stopped.counts.createdInDynamics).toBe(50);
        expect(pendingAfterStop).toBe(80);
        expect(countStatuses(side.results, 'alreadyExists')).toBe(49);
        expect(resumed.counts.createdInDynamics).toBe(80);
        expect(harness.dataverse.getRecordCount(harness.table.entity)).toBe(130);
        expect(countPendingRows(harness)).toBe(0);
    });
});

describe('run stopped inside a group', () => {
    test('finishes the confirmed writes', async () => {
        const {harness, side} = createExpiringHarness();
        addRows(harness, 130, 'New');
        side.expireAfterWrites = 40;
        side.reportsPartialResults = true;

        const stopped = await harness.runAsync({dataverse: side});

        expect(stopped.error?.code).toBe('dynamicsFailed');
        expect(stopped.error?.detail).toContain('interaction_required');
        expect(stopped.counts.createdInDynamics).toBe(40);
        expect(countPendingRows(harness)).toBe(90);
    });

    test('resends only the unconfirmed writes', async () => {
        const {harness, side} = createExpiringHarness();
        addRows(harness, 130, 'New');
        side.expireAfterWrites = 40;
        side.reportsPartialResults = true;
        await harness.runAsync({dataverse: side});
        side.expireAfterWrites = null;
        const callsBefore = harness.dataverse.writeCalls.length;

        const resumed = await harness.runAsync({dataverse: side});

        expect(getSentWrites(harness, callsBefore)).toHaveLength(90);
        expect(countStatuses(side.results, 'alreadyExists')).toBe(0);
        expect(resumed.counts.createdInDynamics).toBe(90);
        expect(harness.dataverse.getRecordCount(harness.table.entity)).toBe(130);
    });
});

describe('create answered already exists', () => {
    const NAME_FIELD = 'fldName';

    /** Creates one row's record and loses the response, so the row stays pending. */
    async function createWithLostAnswerAsync(
        harness: Harness,
    ): Promise<{rowId: AirtableRecordId; side: ExpiringDataverseSide}> {
        const side = new ExpiringDataverseSide(harness.dataverse);
        const [rowId] = addRows(harness, 1, 'Contoso');
        if (rowId === undefined) {
            throw new Error('No row was added.');
        }
        harness.dataverse.beforeWrite = () => {
            harness.airtable.failNextCallWith = new Error('The tab was closed.');
        };
        await harness.runAsync({dataverse: side});
        harness.dataverse.beforeWrite = null;
        return {rowId, side};
    }

    function getRowState(harness: Harness, rowId: AirtableRecordId) {
        const cell = harness.airtable.getCell(
            harness.table.table.id,
            rowId,
            harness.table.syncStateFieldId,
        );
        const parsed = parseSyncState(cell);
        return parsed.ok ? parsed.state : null;
    }

    test('leaves the row without baseline', async () => {
        const harness = createHarness();
        const {rowId, side} = await createWithLostAnswerAsync(harness);

        const resumed = await harness.runAsync({dataverse: side});

        expect(countStatuses(side.results, 'alreadyExists')).toBe(1);
        expect(resumed.counts.createdInDynamics).toBe(1);
        expect(getRowState(harness, rowId)?.isPendingCreate).toBe(false);
        expect(getRowState(harness, rowId)?.fieldHashes).toEqual({});
    });

    test('keeps an edit made meanwhile', async () => {
        const harness = createHarness();
        const {rowId} = await createWithLostAnswerAsync(harness);
        const id = parseGuid(
            String(
                harness.airtable.getCell(
                    harness.table.table.id,
                    rowId,
                    harness.table.dynamicsIdFieldId,
                ),
            ),
        );
        harness.airtable.editRow(harness.table.table.id, rowId, {[NAME_FIELD]: 'Contoso Ltd'});

        await harness.runAsync({conflictPolicy: 'airtableWins'});
        const merged = await harness.runAsync({conflictPolicy: 'airtableWins'});
        const quiet = await harness.runAsync({conflictPolicy: 'airtableWins'});

        expect(harness.dataverse.getValues(harness.table.entity, id).name).toBe('Contoso Ltd');
        expect(
            harness.airtable.getCell(harness.table.table.id, rowId, airtableFieldId(NAME_FIELD)),
        ).toBe('Contoso Ltd');
        expect(merged.counts.conflicts).toBe(1);
        expect(quiet.counts.unchanged).toBe(1);
    });
});

describe('abort at each phase boundary', () => {
    const ALPHA_ID = parseGuid('3f2504e0-4f89-41d3-9a0c-0305e82c33a1');
    const BETA_ID = parseGuid('3f2504e0-4f89-41d3-9a0c-0305e82c33b2');
    const GAMMA_ID = parseGuid('3f2504e0-4f89-41d3-9a0c-0305e82c33c3');
    const DELTA_ID = parseGuid('3f2504e0-4f89-41d3-9a0c-0305e82c33d4');
    const EPSILON_ID = parseGuid('3f2504e0-4f89-41d3-9a0c-0305e82c33e5');
    const approveAll = async () => ({kind: 'approveAll'}) as const;

    /**
     * Five synced accounts, then work of every kind for the next run: an edit on each side, a
     * record deleted in Dynamics, a row deleted in Airtable, a new row and a new record.
     */
    async function createScenarioAsync(): Promise<DeltaHarness> {
        const harness = createDeltaHarness();
        const {entity} = harness.table;
        const tableId = harness.table.table.id;
        for (const [id, name] of [
            [ALPHA_ID, 'Alpha'],
            [BETA_ID, 'Beta'],
            [GAMMA_ID, 'Gamma'],
            [DELTA_ID, 'Delta'],
        ] as const) {
            harness.dataverse.insertRecord(entity, id, {name});
        }
        await harness.syncAsync();
        await harness.syncAsync();

        harness.dataverse.editRecord(entity, ALPHA_ID, {name: 'Alpha Ltd'});
        harness.airtable.editRow(tableId, harness.findRowId(BETA_ID), {fldEmployees: 9});
        harness.dataverse.deleteRecord(entity, GAMMA_ID);
        harness.airtable.deleteRow(tableId, harness.findRowId(DELTA_ID));
        harness.airtable.insertRow(tableId, {fldName: 'Zeta'});
        harness.dataverse.insertRecord(entity, EPSILON_ID, {name: 'Epsilon'});
        return harness;
    }

    /** Lists each row's and each record's name and employees, sorted, to compare both sides. */
    function describeSides(harness: DeltaHarness): {rows: string[]; records: string[]} {
        const {table} = harness;
        const rows = harness.airtable.getRows(table.table.id).map(row => {
            const name = row.cells[airtableFieldId('fldName')];
            const employees = row.cells[airtableFieldId('fldEmployees')] ?? null;
            return `${String(name)}:${String(employees)}`;
        });
        const records = harness.airtable.getRows(table.table.id).flatMap(row => {
            const id = parseGuid(String(row.cells[table.dynamicsIdFieldId]));
            if (!harness.dataverse.hasRecord(table.entity, id)) {
                return [];
            }
            const values = harness.dataverse.getValues(table.entity, id);
            return [`${String(values.name)}:${String(values.numberofemployees ?? null)}`];
        });
        return {rows: rows.sort(), records: records.sort()};
    }

    /** Returns the index of each progress event that starts a new phase of the run. */
    async function findPhaseBoundariesAsync(): Promise<number[]> {
        const harness = await createScenarioAsync();
        const phases: string[] = [];
        await harness.syncAsync({
            confirmDeletesAsync: approveAll,
            onProgress: event => phases.push(`${event.phase} ${event.message}`),
        });
        return phases.flatMap((phase, index) => (phase !== phases[index - 1] ? [index] : []));
    }

    test('converges from every stop', async () => {
        const boundaries = await findPhaseBoundariesAsync();
        const expected = ['Alpha Ltd:null', 'Beta:9', 'Epsilon:null', 'Zeta:null'];
        const stopCodes: string[] = [];

        for (const boundary of boundaries) {
            const harness = await createScenarioAsync();
            const controller = new AbortController();
            let eventCount = 0;
            const stopped = await harness.syncAsync({
                confirmDeletesAsync: approveAll,
                signal: controller.signal,
                onProgress: () => {
                    if (eventCount === boundary) {
                        controller.abort();
                    }
                    eventCount += 1;
                },
            });
            await harness.syncAsync({confirmDeletesAsync: approveAll});
            await harness.syncAsync({confirmDeletesAsync: approveAll});
            const quiet = await harness.syncAsync({confirmDeletesAsync: approveAll});

            const stop = `stop at event ${boundary}: ${stopped.error?.code ?? 'finished'}`;
            stopCodes.push(stopped.error?.code ?? 'finished');
            expect({stop, ...describeSides(harness)}).toEqual({
                stop,
                rows: expected,
                records: expected,
            });
            expect({stop, reads: harness.lastReads().length}).toEqual({stop, reads: 1});
            expect({stop, writes: harness.lastWriteCounts()}).toEqual({
                stop,
                writes: {dynamics: 0, airtable: 0},
            });
            expect({stop, unchanged: quiet.counts.unchanged}).toEqual({stop, unchanged: 4});
        }
        // Every boundary but the last, the 'done' event, comes before the run's last check.
        expect(boundaries.length).toBeGreaterThan(5);
        expect(stopCodes.slice(0, -1).every(code => code === 'cancelled')).toBe(true);
    });
});
