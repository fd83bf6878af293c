/**
 * Runs one sync of every mapped table: reads both sides, plans, and applies the plan through the
 * ports. Dynamics is read through each table's delta link when `checkCanReadChanges` allows it. Tables sync parents first, so links to rows and records created in the same run resolve.
 * Lookups in a cycle are set in a second pass. One record's failure never stops the others. A
 * failing side or a cancel stops the run with a run error and the outcomes so far.
 */
import {AirtableWriter} from './apply/airtableWriter';
import {applyTablePlanAsync} from './apply/applyTablePlan';
import {
    callSideAsync,
    checkNotCancelled,
    describeThrown,
    RunStoppedError,
} from './apply/runStoppedError';
import {
    getDynamicsDeleteRoots,
    isPlanEmpty,
    planDeletes,
    type DeletePlan,
} from './deletes/planDeletes';
import {readCascadeReferencesAsync} from './deletes/readCascadeReferences';
import {syncDeletesAsync, type DeletePhaseResult} from './deletes/syncDeletes';
import type {ConfirmDeletes, DeleteDecision} from './deletes/types';
import {parseGuid, type AirtableTableId, type Guid} from './ids';
import {
    getLinkGroups,
    isLookupMapping,
    type LinkGroup,
    type TableDirectory,
} from './links/linkGroups';
import {LinkIndex} from './links/linkIndex';
import {planDeferredLinks} from './links/planDeferredLinks';
import {orderTables, type TableOrder} from './links/tableOrder';
import {createRunLogger, type Logger, type RunLogger} from './logger';
import {hasUnsettledMatches} from './match/unsettledMatches';
import type {ConflictPolicy, TableMapping} from './mapping';
import {
    combineOutcomes,
    countOutcomes,
    type RecordOutcome,
    type RunError,
    type RunSummary,
    type TableResult,
} from './outcomes';
import {planTable} from './plan/planTable';
import type {PlanStep, TablePlan} from './plan/types';
import {
    AIRTABLE_MAX_WRITES_PER_SECOND,
    type AirtableSide,
    type CascadeDeleteRule,
    type Clock,
    type DataverseSide,
} from './ports';
import {DEFAULT_APPROVAL_SETTINGS, type ApprovalSettings} from './preview/approvalRules';
import {getConfirmRun} from './preview/legacyConfirm';
import {createPreviewGate, type PreviewGate} from './preview/previewGate';
import {previewRunAsync} from './preview/previewRun';
import type {ConfirmRun} from './preview/types';
import type {ProgressListener} from './progress';
import {RateLimiter} from './rateLimiter';
import {checkCanSyncTables} from './run/checkMappings';
import {
    readRecordsAsync,
    readTableAsync,
    type ReadContext,
    type TableSnapshot,
} from './run/readTable';
import {addClearedLinkTimes, RunWatermarks, trackWriteTimes} from './run/watermarks';
import {buildDeltaStateIfSafe, type IssuedDeltaLink, type TableDeltaState} from './run/deltaState';
import {readTableChangesAsync, readUnchangedRecordsAsync} from './run/readTableChanges';

/**
 * The window Airtable counts writes in, plus a margin, because requests sent exactly one second
 * apart can reach Airtable's server closer together.
 * NOTE: the 100 ms margin is an estimate of network jitter, not a measured figure.
 */
export const AIRTABLE_WRITE_WINDOW_MS = 1000 + 100;

export interface SyncInput {
    /** The mapped tables, in any order: the run orders them by their lookups. */
    readonly tables: readonly TableMapping[];
    readonly airtable: AirtableSide;
    readonly dataverse: DataverseSide;
    readonly clock: Clock;
    readonly conflictPolicy: ConflictPolicy;
    /** Returns a new random (version 4) GUID for each record created in Dynamics. */
    readonly newGuid: () => Guid;
    readonly runId: string;
    /**
     * Per Airtable table id, the `watermark` of that table's last complete run (see `TableResult`).
     * Without it, a record with no row always gets a new row.
     */
    readonly lastSyncedAt?: Readonly<Record<string, string>>;
    /**
     * Per Airtable table id, the `deltaState` of that table's last complete run (see
     * `TableResult`). Without it, the table's records are read in full.
     */
    readonly deltaStates?: Readonly<Record<string, TableDeltaState>>;
    /**
     * Shows the preview of the whole run and returns the decision. Called at most once per run,
     * after the reads and before any write, and only when the run needs approval. Without it, a
     * run that needs approval stops with an `approvalNeeded` run error and writes nothing.
     */
    readonly confirmRunAsync?: ConfirmRun;
    /** The rules for when a run needs approval; `DEFAULT_APPROVAL_SETTINGS` when not given. */
    readonly approval?: ApprovalSettings;
    /**
     * @deprecated Use `confirmRunAsync`. Used only when `confirmRunAsync` is not given: it then
     * decides the run's deletes, and approves the rest of the run without showing it.
     */
    readonly confirmDeletesAsync?: ConfirmDeletes;
    readonly onProgress?: ProgressListener;
    readonly logger?: Logger;
    readonly signal?: AbortSignal;
}

export async function runSyncAsync(input: SyncInput): Promise<RunSummary> {
    const startedAtMs = input.clock.nowMs();
    const logger = createRunLogger(input.logger, input.runId);
    const onProgress = input.onProgress ?? (() => undefined);
    const state = new RunState();
    logger.info('Sync started', {tables: input.tables.length});

    const mappingError = checkCanSyncTables(input.tables);
    const error = mappingError ?? (await syncTablesAsync(input, state, {logger, onProgress}));

    const outcomes = state.getOutcomes();
    const summary: RunSummary = {
        runId: input.runId,
        startedAtMs,
        endedAtMs: input.clock.nowMs(),
        counts: countOutcomes(outcomes),
        outcomes,
        tables: state.getTableResults(),
        error,
    };
    logFinish(logger, summary);
    onProgress({
        phase: 'done',
        table: null,
        done: outcomes.length,
        total: outcomes.length,
        message: error === null ? 'Sync finished' : error.message,
    });
    return summary;
}

/** The outcomes and table results a run collects, per table in the order the tables synced. */
class RunState {
    private readonly outcomesByTable = new Map<AirtableTableId, RecordOutcome[]>();
    private readonly results = new Map<AirtableTableId, TableResult>();
    private readonly unsettledTableIds = new Set<AirtableTableId>();

    addOutcome(outcome: RecordOutcome): void {
        this.getTableOutcomes(outcome.tableId).push(outcome);
    }

    /** Adds a second-pass outcome, combined with the record's first-pass outcome if it has one. */
    addSecondPassOutcome(outcome: RecordOutcome): void {
        const outcomes = this.getTableOutcomes(outcome.tableId);
        const index = outcomes.findIndex(
            first =>
                first.ref.airtableRecordId === outcome.ref.airtableRecordId &&
                first.ref.dynamicsId === outcome.ref.dynamicsId,
        );
        const first = outcomes[index];
        if (first === undefined) {
            outcomes.push(outcome);
        } else {
            outcomes[index] = combineOutcomes(first, outcome);
        }
    }

    /** Reports the rows created for restored records as restored, with the reason. */
    markRestored(table: TableMapping, restored: ReadonlyMap<Guid, string>): void {
        const outcomes = this.getTableOutcomes(table.table.id);
        outcomes.forEach((outcome, index) => {
            const message =
                outcome.ref.dynamicsId === null ? undefined : restored.get(outcome.ref.dynamicsId);
            if (message !== undefined && outcome.status === 'created') {
                outcomes[index] = {...outcome, status: 'restored', message};
            }
        });
    }

    getTableOutcomes(tableId: AirtableTableId): RecordOutcome[] {
        let outcomes = this.outcomesByTable.get(tableId);
        if (outcomes === undefined) {
            outcomes = [];
            this.outcomesByTable.set(tableId, outcomes);
        }
        return outcomes;
    }

    /** Keeps the table from counting as complete, because matching left rows or records unlinked. */
    markUnsettled(tableId: AirtableTableId): void {
        this.unsettledTableIds.add(tableId);
    }

    setTableResult(
        table: TableMapping,
        isFinished: boolean,
        watermark: string | null,
        link: IssuedDeltaLink | null,
    ): void {
        const outcomes = this.getTableOutcomes(table.table.id);
        const isComplete =
            isFinished &&
            !this.unsettledTableIds.has(table.table.id) &&
            outcomes.every(outcome => outcome.status !== 'failed');
        this.results.set(table.table.id, {
            tableId: table.table.id,
            tableName: table.table.name,
            isComplete,
            watermark: isFinished ? watermark : null,
            deltaState: isComplete && link !== null ? buildDeltaStateIfSafe(link, outcomes) : null,
        });
    }

    getOutcomes(): RecordOutcome[] {
        return [...this.outcomesByTable.values()].flat();
    }

    getTableResults(): TableResult[] {
        return [...this.results.values()];
    }
}

interface RunTools {
    readonly logger: RunLogger;
    readonly onProgress: ProgressListener;
}

interface RunContext extends RunTools {
    readonly input: SyncInput;
    /** The input's Dataverse side, with the time of every write added to the run's watermarks. */
    readonly dataverse: DataverseSide;
    readonly state: RunState;
    readonly writer: AirtableWriter;
    readonly order: TableOrder;
    readonly directory: TableDirectory;
    readonly index: LinkIndex;
    readonly read: ReadContext;
    /** The first-pass snapshots of the tables that pass wrote nothing to, by table id. */
    readonly unwrittenSnapshots: Map<AirtableTableId, TableSnapshot>;
}

/** Syncs the tables; returns the run error that stopped the run, or null. */
async function syncTablesAsync(
    input: SyncInput,
    state: RunState,
    tools: RunTools,
): Promise<RunError | null> {
    // One limiter for the whole run, because Airtable counts writes per base, not per table.
    const limiter = new RateLimiter(input.clock, {
        maxCalls: AIRTABLE_MAX_WRITES_PER_SECOND,
        windowMs: AIRTABLE_WRITE_WINDOW_MS,
    });
    const order = orderTables(input.tables);
    const watermarks = new RunWatermarks();
    const dataverse = trackWriteTimes(input.dataverse, watermarks);
    const context: RunContext = {
        ...tools,
        input,
        dataverse,
        state,
        writer: new AirtableWriter(input.airtable, limiter, input.signal),
        order,
        directory: new Map(input.tables.map(table => [table.table.id, table])),
        index: new LinkIndex(),
        unwrittenSnapshots: new Map(),
        read: {
            ...tools,
            airtable: input.airtable,
            dataverse,
            signal: input.signal,
        },
    };

    const finished = new Set<AirtableTableId>();
    const links = new Map<AirtableTableId, IssuedDeltaLink>();
    let current: TableMapping | null = null;
    try {
        let snapshots: TableSnapshot[] = [];
        for (const table of order.tables) {
            current = table;
            const tableId = table.table.id;
            const read = await readTableChangesAsync(
                context.read,
                table,
                input.deltaStates?.[tableId] ?? null,
            );
            watermarks.addFirstRead(read.snapshot, input.lastSyncedAt?.[tableId] ?? null);
            if (read.link !== null) {
                links.set(tableId, read.link);
            }
            snapshots.push(read.snapshot);
        }

        current = null;
        const planned = await planRunDeletesAsync(context, snapshots);
        snapshots = await readUnreadTablesAsync(context, planned.snapshots);
        const deletePlan = planned.plan;
        const previewed = await previewRunAsync({
            snapshots,
            deletePlan,
            order,
            directory: context.directory,
            conflictPolicy: input.conflictPolicy,
            newGuid: input.newGuid,
            getLastSyncedAt: tableId => input.lastSyncedAt?.[tableId] ?? null,
            settings: input.approval ?? DEFAULT_APPROVAL_SETTINGS,
            confirmRunAsync: getConfirmRun(input),
            logger: tools.logger,
        });
        if (previewed.kind === 'stop') {
            return previewed.error;
        }
        checkNotCancelled(input.signal, null);
        const deletes = await applyRunDeletesAsync(context, deletePlan, previewed.deletes);
        const gate = createPreviewGate(previewed.values, {
            restoredRecordIds: new Set(deletes.restoredRecords.keys()),
            isAnyRecordKept:
                previewed.deletes.kind !== 'approveAll' || previewed.deletes.restoreRows === true,
        });
        if (deletes.isAnyDeleted) {
            // Cascades changed records the first read returned, and Airtable emptied the links
            // to the removed rows, so the value sync works from a fresh read.
            snapshots = [];
            for (const table of order.tables) {
                current = table;
                snapshots.push(await readTableAsync(context.read, table, []));
            }
            addClearedLinkTimes(watermarks, snapshots, deletes.clearedLinks);
        }

        for (const snapshot of snapshots) {
            current = snapshot.table;
            await syncTableAsync(context, withoutKept(snapshot, deletes), deletes, gate);
            if (getDeferredColumns(context, snapshot.table).size === 0) {
                finished.add(snapshot.table.table.id);
            }
        }
        for (const table of order.tables.filter(t => !finished.has(t.table.id))) {
            current = table;
            await syncDeferredLinksAsync(context, table);
            finished.add(table.table.id);
        }
        return null;
    } catch (thrown) {
        return toRunError(thrown, current);
    } finally {
        for (const table of order.tables) {
            const watermark = watermarks.getWatermarkIfExists(table.entity.logicalName);
            const link = links.get(table.table.id) ?? null;
            state.setTableResult(table, finished.has(table.table.id), watermark, link);
        }
    }
}

/**
 * Reads, for every mapped table, what deleting one of its records does to the records pointing at
 * it. Only runs that delete records in Dynamics need the rules, so other runs skip the requests.
 */
async function readCascadeRulesAsync(context: RunContext): Promise<CascadeDeleteRule[]> {
    const rules: CascadeDeleteRule[] = [];
    for (const table of context.order.tables) {
        const tableRules = await callSideAsync(
            'dynamics',
            'reading relationships',
            table.table.name,
            () => context.dataverse.readCascadeDeleteRulesAsync(table.entity),
        );
        rules.push(...tableRules);
    }
    return rules;
}

/** Returns the lookups of the table that cascade rules follow but the mapping does not sync. */
function getRuleLookups(table: TableMapping, rules: readonly CascadeDeleteRule[]): string[] {
    const mapped = new Set(
        table.fields.filter(isLookupMapping).map(mapping => mapping.column.logicalName),
    );
    const attributes = rules
        .filter(rule => rule.referencingEntity === table.entity.logicalName)
        .map(rule => rule.referencingAttribute)
        .filter(attribute => !mapped.has(attribute));
    return [...new Set(attributes)];
}

/**
 * Plans the run's deletes, reading the cascade rules and references when Dynamics deletes any, and
 * returns the snapshots the rest of the run starts from. When there is anything to delete, tables
 * read through a delta link are read in full first: cascades follow the lookups of every record,
 * and only the Dynamics values tell a link emptied by a row delete from a person's edit.
 */
async function planRunDeletesAsync(
    context: RunContext,
    firstSnapshots: readonly TableSnapshot[],
): Promise<{readonly plan: DeletePlan; readonly snapshots: readonly TableSnapshot[]}> {
    const getLastSyncedAt = (tableId: AirtableTableId) =>
        context.input.lastSyncedAt?.[tableId] ?? null;
    let snapshots = firstSnapshots;
    let plan = planDeletes({snapshots, rules: [], getWatermark: getLastSyncedAt});
    if (!isPlanEmpty(plan) && snapshots.some(snapshot => snapshot.unchangedIds !== undefined)) {
        snapshots = await readUnchangedRecordsAsync(context.read, snapshots);
        plan = planDeletes({snapshots, rules: [], getWatermark: getLastSyncedAt});
    }
    if (hasDynamicsDeletes(plan)) {
        const rules = await readCascadeRulesAsync(context);
        const withLookups = await readRuleLookupsAsync(context, snapshots, rules);
        const references = await readCascadeReferencesAsync({
            dataverse: context.dataverse,
            snapshots: withLookups,
            rules,
            roots: getDynamicsDeleteRoots(plan),
        });
        plan = planDeletes({
            snapshots: withLookups,
            rules,
            references,
            getWatermark: getLastSyncedAt,
        });
    }
    return {plan, snapshots};
}

/** Applies the planned deletes as the decision on the run's preview approved them. */
async function applyRunDeletesAsync(
    context: RunContext,
    plan: DeletePlan,
    decision: DeleteDecision,
): Promise<DeletePhaseResult> {
    const result = await syncDeletesAsync(
        {
            writer: context.writer,
            dataverse: context.dataverse,
            signal: context.input.signal,
            logger: context.logger,
            onProgress: context.onProgress,
            addOutcome: outcome => context.state.addOutcome(outcome),
            confirmDeletesAsync: async () => decision,
        },
        plan,
    );
    for (const {tableId, id} of result.rowDeletedRecords) {
        context.index.markRowDeletedInAirtable(tableId, id);
    }
    return result;
}

function hasDynamicsDeletes(plan: DeletePlan): boolean {
    return plan.tables.some(table => table.dynamicsDeletes.length > 0);
}

/** Reads again the records of tables whose lookups the rules follow but the mapping does not sync. */
async function readRuleLookupsAsync(
    context: RunContext,
    snapshots: readonly TableSnapshot[],
    rules: readonly CascadeDeleteRule[],
): Promise<TableSnapshot[]> {
    const result: TableSnapshot[] = [];
    for (const snapshot of snapshots) {
        const extraLookups = getRuleLookups(snapshot.table, rules);
        const records =
            extraLookups.length === 0
                ? snapshot.records
                : await readRecordsAsync(context.read, snapshot.table, extraLookups);
        result.push({...snapshot, records});
    }
    return result;
}

/** Leaves out the rows and records the delete phase kept and already reported. */
function withoutKept(snapshot: TableSnapshot, deletes: DeletePhaseResult): TableSnapshot {
    return {
        ...snapshot,
        rows: snapshot.rows.filter(row => !deletes.keptRowIds.has(row.id)),
        records: snapshot.records.filter(record => !deletes.keptRecordIds.has(record.id)),
    };
}

function getDeferredColumns(context: RunContext, table: TableMapping): ReadonlySet<string> {
    return context.order.deferredColumns.get(table.table.id) ?? new Set();
}

/** Plans and applies one table's first pass, then adds its pairs to the link index. */
async function syncTableAsync(
    context: RunContext,
    firstSnapshot: TableSnapshot,
    deletes: DeletePhaseResult,
    gate: PreviewGate,
): Promise<void> {
    const {table} = firstSnapshot;
    const tableName = table.table.name;
    context.onProgress({
        phase: 'planning',
        table: tableName,
        done: 0,
        total: firstSnapshot.rows.length + firstSnapshot.records.length,
        message: `Comparing ${tableName} with Dynamics`,
    });
    let snapshot = firstSnapshot;
    let plan = planSnapshot(context, snapshot, deletes, gate);
    if (hasUnreadRecords(plan)) {
        context.logger.info('Reading in full', {
            table: table.table.id,
            reason: 'rows need the values of records the delta read left out',
        });
        snapshot = withoutKept(await readTableAsync(context.read, table, []), deletes);
        plan = planSnapshot(context, snapshot, deletes, gate);
    }
    if (!plan.steps.some(isWriteStep)) {
        context.unwrittenSnapshots.set(table.table.id, snapshot);
    }
    await applyPlanAsync(context, plan, outcome => context.state.addOutcome(outcome));
    context.state.markRestored(table, deletes.restoredRecords);

    const recordIds = new Set(snapshot.records.map(record => record.id));
    for (const id of snapshot.unchangedIds ?? []) {
        recordIds.add(id);
    }
    const outcomes = context.state.getTableOutcomes(table.table.id);
    if (hasUnsettledMatches(plan, outcomes)) {
        context.state.markUnsettled(table.table.id);
    }
    context.index.addOutcomes(table.table.id, outcomes, recordIds);
}

function planSnapshot(
    context: RunContext,
    snapshot: TableSnapshot,
    deletes: DeletePhaseResult,
    gate: PreviewGate,
): TablePlan {
    const {table, rows, records} = snapshot;
    const deferred = getDeferredColumns(context, table);
    const planned = planTable({
        table,
        rows,
        records,
        conflictPolicy: context.input.conflictPolicy,
        newGuid: gate.getNewGuid(table.table.id, context.input.newGuid),
        lastSyncedAt: context.input.lastSyncedAt?.[table.table.id] ?? null,
        links: {
            index: context.index,
            groups: getLinkGroups(table, context.directory),
            isPlanned: (group: LinkGroup) => !deferred.has(group.column),
        },
        restoreRecordIds: new Set(deletes.restoredRecords.keys()),
        unchangedRecordIds: snapshot.unchangedIds,
    });
    return gate.restrict(planned);
}

function hasUnreadRecords(plan: TablePlan): boolean {
    return plan.unreadRecordIds !== undefined && plan.unreadRecordIds.size > 0;
}

const UNUSED_GUID = parseGuid('00000000-0000-4000-8000-000000000000');

/**
 * Reads in full the tables read through a delta link whose rows need the values of records the
 * delta left out, so that the preview plans them as the run will.
 */
async function readUnreadTablesAsync(
    context: RunContext,
    snapshots: readonly TableSnapshot[],
): Promise<TableSnapshot[]> {
    const result: TableSnapshot[] = [];
    for (const snapshot of snapshots) {
        const {table} = snapshot;
        const needsFullRead =
            snapshot.unchangedIds !== undefined &&
            hasUnreadRecords(
                planTable({
                    table,
                    rows: snapshot.rows,
                    records: snapshot.records,
                    conflictPolicy: context.input.conflictPolicy,
                    // Only the unread records matter here, so the plan's new ids are never used.
                    newGuid: () => UNUSED_GUID,
                    lastSyncedAt: context.input.lastSyncedAt?.[table.table.id] ?? null,
                    unchangedRecordIds: snapshot.unchangedIds,
                }),
            );
        if (needsFullRead) {
            context.logger.info('Reading in full', {
                table: table.table.id,
                reason: 'rows need the values of records the delta read left out',
            });
        }
        result.push(needsFullRead ? await readTableAsync(context.read, table, []) : snapshot);
    }
    return result;
}

function isWriteStep(step: PlanStep): boolean {
    return step.kind === 'update' || step.kind === 'createRow' || step.kind === 'createRecord';
}

/**
 * Sets the table's deferred links once every table's rows and records exist. The table is read
 * again in full when its first pass wrote to it, because that pass created rows and records and
 * changed their versions. Otherwise the first pass's snapshot is still current.
 * NOTE: a write to a link field in another table also changes its inverse link field in this
 * table. The snapshot is reused anyway, which is right as long as no mapped field is the inverse
 * of another mapped link field.
 */
async function syncDeferredLinksAsync(context: RunContext, table: TableMapping): Promise<void> {
    const unwritten = context.unwrittenSnapshots.get(table.table.id);
    const snapshot = unwritten ?? (await readTableAsync(context.read, table, []));
    let plan = planDeferredSnapshot(context, snapshot);
    if (plan.unreadRecordIds !== undefined && plan.unreadRecordIds.size > 0) {
        plan = planDeferredSnapshot(context, await readTableAsync(context.read, table, []));
    }
    await applyPlanAsync(context, plan, outcome => context.state.addSecondPassOutcome(outcome));
}

function planDeferredSnapshot(context: RunContext, snapshot: TableSnapshot): TablePlan {
    const {table} = snapshot;
    const deferred = getDeferredColumns(context, table);
    return planDeferredLinks({
        table,
        rows: snapshot.rows,
        records: snapshot.records,
        conflictPolicy: context.input.conflictPolicy,
        links: {
            index: context.index,
            groups: getLinkGroups(table, context.directory),
            isPlanned: (group: LinkGroup) => deferred.has(group.column),
        },
        unchangedRecordIds: snapshot.unchangedIds,
    });
}

async function applyPlanAsync(
    context: RunContext,
    plan: TablePlan,
    addOutcome: (outcome: RecordOutcome) => void,
): Promise<void> {
    logPlan(context.logger, plan);
    await applyTablePlanAsync(plan, {
        airtable: context.writer,
        dataverse: context.dataverse,
        signal: context.input.signal,
        logger: context.logger,
        onProgress: context.onProgress,
        addOutcome,
    });
}

function toRunError(thrown: unknown, table: TableMapping | null): RunError {
    if (thrown instanceof RunStoppedError) {
        return thrown.runError;
    }
    const tableName = table?.table.name ?? null;
    // Anything else is a defect in the engine; it still ends the run with the outcomes so far.
    return {
        code: 'internalError',
        message:
            `The sync stopped on an unexpected error while syncing '${tableName ?? 'the tables'}'. ` +
            `Sync again; if it repeats, report it with the details.`,
        detail: describeThrown(thrown),
        tableName,
    };
}

function logPlan(logger: RunLogger, plan: TablePlan): void {
    const counts: Record<string, number> = {};
    for (const step of plan.steps) {
        counts[step.kind] = (counts[step.kind] ?? 0) + 1;
    }
    logger.info('Table planned', {table: plan.table.table.id, ...counts});
}

/** Failed records logged one per line; the rest are only counted, so a bad table cannot flood the log. */
const MAX_LOGGED_FAILURES = 20;

function logFinish(logger: RunLogger, summary: RunSummary): void {
    const failures = summary.outcomes.filter(outcome => outcome.status === 'failed');
    for (const outcome of failures.slice(0, MAX_LOGGED_FAILURES)) {
        if (outcome.status === 'failed') {
            logger.warn('Record failed', {
                code: outcome.code,
                table: outcome.tableId,
                airtableRecordId: outcome.ref.airtableRecordId,
                dynamicsId: outcome.ref.dynamicsId,
            });
        }
    }
    if (failures.length > MAX_LOGGED_FAILURES) {
        logger.warn('More records failed', {count: failures.length - MAX_LOGGED_FAILURES});
    }
    if (summary.error !== null) {
        logger.error('Sync stopped', {code: summary.error.code, table: summary.error.tableName});
    }
    logger.info('Sync finished', {
        ...summary.counts,
        durationMs: summary.endedAtMs - summary.startedAtMs,
    });
}
