/**
 * Measures the CPU time of the engine's planning alone on the rows and records of a resync where
 * nothing changed. It reads every row and record first, with the columns the resync read. Then it
 * plans the tables in the run's order with the run's link index, and the deferred links, as
 * `runSyncAsync` does.
 *
 * A resync plans each table in one of two modes. In full mode every record was read, so each row
 * is merged with its record (`planLinkedRow`). In delta mode a delta read returned no record, and
 * each row is planned from its baseline (`planUnchangedRecordRow`). A delta plan of rows that an
 * earlier plan found unchanged, in the same row objects, skips them (`plan/unchangedRows.ts`):
 * that is the next resync while the extension stays open. So delta mode is measured both on rows
 * planned for the first time and on rows planned before.
 */
import {
    parseGuid,
    planTable,
    runSyncAsync,
    type AirtableRow,
    type Clock,
    type DataverseRecord,
    type Guid,
    type PlanStep,
    type TableMapping,
    type TablePlan,
} from '../../frontend/sync';
import {
    getLinkGroups,
    type LinkGroup,
    type TableDirectory,
} from '../../frontend/sync/links/linkGroups';
import {LinkIndex} from '../../frontend/sync/links/linkIndex';
import {planDeferredLinks} from '../../frontend/sync/links/planDeferredLinks';
import {orderTables} from '../../frontend/sync/links/tableOrder';
import {BenchSession} from './benchSession';
import type {BenchOptions} from './options';

export interface PlanningReport {
    readonly recordCount: number;
    readonly cpuMs: number;
    readonly stepsByKind: Readonly<Partial<Record<PlanStep['kind'], number>>>;
    /** Rows whose plan needed the record's values that the delta read left out. */
    readonly unreadCount: number;
}

/**
 * `full`: every record was read. `delta`: a delta read found every record unchanged, and the rows
 * are planned for the first time. `deltaAgain`: the same, with the rows an earlier delta plan saw.
 */
export type PlanningMode = 'full' | 'delta' | 'deltaAgain';

/** Each table's rows and records, as a full read of the resync returns them. */
export type PlanningInputs = ReadonlyMap<string, TableInput>;

interface TableInput {
    readonly rows: readonly AirtableRow[];
    readonly records: readonly DataverseRecord[];
}

interface ModeInput extends TableInput {
    readonly unchangedRecordIds?: ReadonlySet<Guid>;
}

/** The planning measurements of each mode, one per repetition. */
export interface PlanningOnlyReport {
    readonly full: readonly PlanningReport[];
    readonly delta: readonly PlanningReport[];
    readonly deltaAgain: readonly PlanningReport[];
}

/** Repetitions of each mode in `--planning-only`, so one slow repetition shows as an outlier. */
export const PLANNING_REPETITIONS = 3;

/**
 * Seeds the workload, imports it into the empty tables and measures the planning of the resync
 * that follows, in full mode and in delta mode, `PLANNING_REPETITIONS` times each.
 */
export async function runPlanningOnlyAsync(options: BenchOptions): Promise<PlanningOnlyReport> {
    const session = await BenchSession.startAsync(options);
    try {
        const lastSyncedAt = await importWithoutPacingAsync(session);
        const inputs = await readPlanningInputsAsync(session);
        const measure = (mode: PlanningMode): PlanningReport[] =>
            Array.from({length: PLANNING_REPETITIONS}, () =>
                measurePlanning(session.base.mappings, inputs, lastSyncedAt, mode),
            );
        return {full: measure('full'), delta: measure('delta'), deltaAgain: measure('deltaAgain')};
    } finally {
        await session.closeAsync();
    }
}

/**
 * Runs the first import straight into the adapter, with a clock whose sleeps end at once, so the
 * engine's pacing of Airtable writes costs no wall time. Only the rows and states it leaves
 * matter here. Returns each table's `lastSyncedAt` for the resync.
 */
async function importWithoutPacingAsync(
    session: BenchSession,
): Promise<Readonly<Record<string, string>>> {
    const side = session.base.createSide();
    const summary = await runSyncAsync({
        tables: session.base.mappings,
        airtable: side,
        dataverse: session.dataverse,
        clock: createInstantClock(),
        conflictPolicy: 'dynamicsWins',
        newGuid: () => parseGuid(crypto.randomUUID()),
        runId: crypto.randomUUID().slice(0, 8),
        confirmRunAsync: async () => ({kind: 'apply', deletes: {kind: 'approveAll'}}),
    }).finally(() => side.unloadAll());
    if (summary.error !== null || summary.counts.failed > 0) {
        const reason = summary.error?.message ?? `${summary.counts.failed} records failed`;
        throw new Error(
            `The import before the planning measurement failed: ${reason}. Run the full benchmark to see that sync's report.`,
        );
    }

    const lastSyncedAt: Record<string, string> = {};
    for (const table of summary.tables) {
        if (table.isComplete && table.watermark !== null) {
            lastSyncedAt[table.tableId] = table.watermark;
        }
    }
    return lastSyncedAt;
}

/** Creates a clock that starts at the wall time and moves forward only by the time slept. */
function createInstantClock(): Clock {
    let nowMs = Date.now();
    return {
        nowMs: () => nowMs,
        sleepAsync: async ms => {
            nowMs += Math.max(0, ms);
            // Yields to the event loop as a real sleep does, so waiting calls can run.
            await new Promise(resolve => setImmediate(resolve));
        },
    };
}

/** Reads the inputs and measures the planning of the resync once, in full mode. */
export async function measurePlanningAsync(
    session: BenchSession,
    lastSyncedAt: Readonly<Record<string, string>>,
): Promise<PlanningReport> {
    const inputs = await readPlanningInputsAsync(session);
    return measurePlanning(session.base.mappings, inputs, lastSyncedAt, 'full');
}

/** Plans every table once in the given mode and returns the CPU time it took. */
export function measurePlanning(
    mappings: readonly TableMapping[],
    inputs: PlanningInputs,
    lastSyncedAt: Readonly<Record<string, string>>,
    mode: PlanningMode,
): PlanningReport {
    const modeInputs = new Map<string, ModeInput>();
    for (const [tableId, input] of inputs) {
        modeInputs.set(tableId, toModeInput(input, mode));
    }
    if (mode === 'deltaAgain') {
        planLikeRun(mappings, modeInputs, lastSyncedAt);
    }

    const before = process.cpuUsage();
    const plans = planLikeRun(mappings, modeInputs, lastSyncedAt);
    const used = process.cpuUsage(before);

    const stepsByKind: Partial<Record<PlanStep['kind'], number>> = {};
    for (const step of plans.flatMap(plan => plan.steps)) {
        stepsByKind[step.kind] = (stepsByKind[step.kind] ?? 0) + 1;
    }
    return {
        recordCount: [...inputs.values()].reduce((total, input) => total + input.records.length, 0),
        cpuMs: (used.user + used.system) / 1000,
        stepsByKind,
        unreadCount: plans.reduce((total, plan) => total + (plan.unreadRecordIds?.size ?? 0), 0),
    };
}

/** Reads every mapped table's rows and records, with the columns the session's last read used. */
export async function readPlanningInputsAsync(session: BenchSession): Promise<PlanningInputs> {
    const inputs = new Map<string, TableInput>();
    for (const table of session.base.mappings) {
        inputs.set(table.table.id, await readInputAsync(session, table));
    }
    return inputs;
}

/**
 * Returns the input of the mode. A delta read that found no change returns no record, and every
 * id is unchanged. A first delta plan gets copies of the rows, which no plan has seen.
 */
function toModeInput(input: TableInput, mode: PlanningMode): ModeInput {
    if (mode === 'full') {
        return input;
    }
    const unchangedRecordIds = new Set(input.records.map(record => record.id));
    const rows =
        mode === 'delta'
            ? input.rows.map(row => ({id: row.id, cells: {...row.cells}}))
            : input.rows;
    return {rows, records: [], unchangedRecordIds};
}

/** Plans every table's first pass and then the deferred links, in the run's order. */
function planLikeRun(
    mappings: readonly TableMapping[],
    inputs: ReadonlyMap<string, ModeInput>,
    lastSyncedAt: Readonly<Record<string, string>>,
): TablePlan[] {
    const order = orderTables(mappings);
    const directory: TableDirectory = new Map(mappings.map(table => [table.table.id, table]));
    const index = new LinkIndex();
    const plans: TablePlan[] = [];
    for (const table of order.tables) {
        const deferred = order.deferredColumns.get(table.table.id) ?? new Set<string>();
        const plan = planTable({
            table,
            ...getInput(inputs, table),
            conflictPolicy: 'dynamicsWins',
            newGuid: () => parseGuid(crypto.randomUUID()),
            lastSyncedAt: lastSyncedAt[table.table.id] ?? null,
            links: {
                index,
                groups: getLinkGroups(table, directory),
                isPlanned: (group: LinkGroup) => !deferred.has(group.column),
            },
        });
        addPairs(index, table, plan);
        plans.push(plan);
    }
    for (const table of order.tables) {
        const deferred = order.deferredColumns.get(table.table.id) ?? new Set<string>();
        if (deferred.size === 0) {
            continue;
        }
        const links = {
            index,
            groups: getLinkGroups(table, directory),
            isPlanned: (group: LinkGroup) => deferred.has(group.column),
        };
        const input = getInput(inputs, table);
        plans.push(planDeferredLinks({table, ...input, links, conflictPolicy: 'dynamicsWins'}));
    }
    return plans;
}

/** Adds the planned pairs to the index, as the run adds them from the applied outcomes. */
function addPairs(index: LinkIndex, table: TableMapping, plan: TablePlan): void {
    for (const step of plan.steps) {
        const {airtableRecordId, dynamicsId} = step.ref;
        if (airtableRecordId !== null && dynamicsId !== null && step.kind !== 'fail') {
            index.addPair(table.table.id, airtableRecordId, dynamicsId);
        }
    }
}

function getInput(inputs: ReadonlyMap<string, ModeInput>, table: TableMapping): ModeInput {
    const input = inputs.get(table.table.id);
    if (input === undefined) {
        throw new Error(`No rows and records of ${table.table.name} to plan with.`);
    }
    return input;
}

async function readInputAsync(session: BenchSession, table: TableMapping): Promise<TableInput> {
    const side = session.base.createSide();
    try {
        const rows = await side.readRowsAsync(table);
        const columns = session.dataverse.getReadColumnsIfExists(table.entity.logicalName);
        if (columns === null) {
            throw new Error(
                `The resync did not read ${table.entity.logicalName}, so no columns to plan with.`,
            );
        }
        const records = await session.dataverse.readAllAsync(table.entity, columns);
        return {rows, records};
    } finally {
        side.unloadAll();
    }
}
