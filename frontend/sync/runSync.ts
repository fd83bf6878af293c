/**
 * Runs one sync of every mapped table: reads both sides, plans, and applies the plan through the
 * ports. One record's failure never stops the others. A failing side or a cancel stops the run
 * with a run error and the outcomes so far.
 */
import {AirtableWriter} from './apply/airtableWriter';
import {applyTablePlanAsync} from './apply/applyTablePlan';
import {
    callSideAsync,
    checkNotCancelled,
    describeThrown,
    RunStoppedError,
} from './apply/runStoppedError';
import {checkCanSyncField} from './convert';
import type {Guid} from './ids';
import {createRunLogger, type Logger, type RunLogger} from './logger';
import type {ConflictPolicy, TableMapping} from './mapping';
import {
    countOutcomes,
    type RecordOutcome,
    type RunError,
    type RunSummary,
    type TableResult,
} from './outcomes';
import {CREATED_ON_COLUMN, getLatestCreatedOn, planTable} from './plan/planTable';
import type {TablePlan} from './plan/types';
import {
    AIRTABLE_MAX_WRITES_PER_SECOND,
    type AirtableSide,
    type Clock,
    type DataverseSide,
} from './ports';
import type {ProgressListener} from './progress';
import {RateLimiter} from './rateLimiter';

/**
 * The window Airtable counts writes in, plus a margin, because requests sent exactly one second
 * apart can reach Airtable's server closer together.
 * NOTE: the 100 ms margin is an estimate of network jitter, not a measured figure.
 */
export const AIRTABLE_WRITE_WINDOW_MS = 1000 + 100;

export interface SyncInput {
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
    readonly onProgress?: ProgressListener;
    readonly logger?: Logger;
    readonly signal?: AbortSignal;
}

export async function runSyncAsync(input: SyncInput): Promise<RunSummary> {
    const startedAtMs = input.clock.nowMs();
    const logger = createRunLogger(input.logger, input.runId);
    const onProgress = input.onProgress ?? (() => undefined);
    const outcomes: RecordOutcome[] = [];
    const tables: TableResult[] = [];
    logger.info('Sync started', {tables: input.tables.length});

    const mappingError = checkCanSyncTables(input.tables);
    const error =
        mappingError ?? (await syncTablesAsync(input, {logger, onProgress, outcomes, tables}));

    const summary: RunSummary = {
        runId: input.runId,
        startedAtMs,
        endedAtMs: input.clock.nowMs(),
        counts: countOutcomes(outcomes),
        outcomes,
        tables,
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

interface RunState {
    readonly logger: RunLogger;
    readonly onProgress: ProgressListener;
    readonly outcomes: RecordOutcome[];
    readonly tables: TableResult[];
}

/** Syncs the tables in order; returns the run error that stopped the run, or null. */
async function syncTablesAsync(input: SyncInput, state: RunState): Promise<RunError | null> {
    // One limiter for the whole run, because Airtable counts writes per base, not per table.
    const limiter = new RateLimiter(input.clock, {
        maxCalls: AIRTABLE_MAX_WRITES_PER_SECOND,
        windowMs: AIRTABLE_WRITE_WINDOW_MS,
    });
    const writer = new AirtableWriter(input.airtable, limiter, input.signal);

    for (const table of input.tables) {
        const tableOutcomes: RecordOutcome[] = [];
        const addOutcome = (outcome: RecordOutcome) => {
            state.outcomes.push(outcome);
            tableOutcomes.push(outcome);
        };
        const result = {tableId: table.table.id, tableName: table.table.name};
        try {
            const context = {
                writer,
                logger: state.logger,
                onProgress: state.onProgress,
                addOutcome,
            };
            const watermark = await syncTableAsync(input, table, context);
            const isComplete = tableOutcomes.every(outcome => outcome.status !== 'failed');
            state.tables.push({...result, isComplete, watermark});
        } catch (thrown) {
            state.tables.push({...result, isComplete: false, watermark: null});
            return toRunError(thrown, table);
        }
    }
    return null;
}

interface TableRunContext {
    readonly writer: AirtableWriter;
    readonly logger: RunLogger;
    readonly onProgress: ProgressListener;
    readonly addOutcome: (outcome: RecordOutcome) => void;
}

/** Syncs one table and returns the watermark its records leave. */
async function syncTableAsync(
    input: SyncInput,
    table: TableMapping,
    context: TableRunContext,
): Promise<string | null> {
    const tableName = table.table.name;
    checkNotCancelled(input.signal, tableName);
    context.onProgress({
        phase: 'reading',
        table: tableName,
        done: 0,
        total: 0,
        message: `Reading ${tableName} from Airtable and Dynamics`,
    });
    const rows = await callSideAsync('airtable', 'reading rows', tableName, () =>
        input.airtable.readRowsAsync(table),
    );
    const columns = [...table.fields.map(mapping => mapping.column.logicalName), CREATED_ON_COLUMN];
    const records = await callSideAsync('dynamics', 'reading records', tableName, () =>
        input.dataverse.readAllAsync(table.entity, columns),
    );
    context.logger.info('Table read', {
        table: table.table.id,
        rows: rows.length,
        records: records.length,
    });

    checkNotCancelled(input.signal, tableName);
    context.onProgress({
        phase: 'planning',
        table: tableName,
        done: 0,
        total: rows.length + records.length,
        message: `Comparing ${tableName} with Dynamics`,
    });
    const plan = planTable({
        table,
        rows,
        records,
        conflictPolicy: input.conflictPolicy,
        newGuid: input.newGuid,
        lastSyncedAt: input.lastSyncedAt?.[table.table.id] ?? null,
    });
    logPlan(context.logger, plan);

    await applyTablePlanAsync(plan, {
        airtable: context.writer,
        dataverse: input.dataverse,
        signal: input.signal,
        logger: context.logger,
        onProgress: context.onProgress,
        addOutcome: context.addOutcome,
    });
    return getLatestCreatedOn(records);
}

/** Rejects mappings the engine cannot run, before anything is read or written. */
function checkCanSyncTables(tables: readonly TableMapping[]): RunError | null {
    for (const table of tables) {
        const check = checkCanSyncTable(table);
        if (!check.ok) {
            return {
                code: 'invalidMapping',
                message: `Nothing was synced: ${check.reason}`,
                detail: null,
                tableName: table.table.name,
            };
        }
    }
    return null;
}

function checkCanSyncTable(
    table: TableMapping,
): {readonly ok: true} | {readonly ok: false; readonly reason: string} {
    const fieldIds = new Set<string>([table.dynamicsIdFieldId, table.syncStateFieldId]);
    const logicalNames = new Set<string>();
    if (fieldIds.size < 2) {
        return {
            ok: false,
            reason: `The Dynamics ID and Sync state of '${table.table.name}' use the same field. Give each its own field.`,
        };
    }
    for (const mapping of table.fields) {
        const check = checkCanSyncField(mapping);
        if (!check.ok) {
            return check;
        }
        if (fieldIds.has(mapping.field.id) || logicalNames.has(mapping.column.logicalName)) {
            return {
                ok: false,
                reason:
                    `The Airtable field '${mapping.field.name}' or the Dynamics column ` +
                    `'${mapping.column.logicalName}' appears twice in the mapping of ` +
                    `'${table.table.name}', or overlaps the Dynamics ID or Sync state field. ` +
                    `Map each field and column once.`,
            };
        }
        fieldIds.add(mapping.field.id);
        logicalNames.add(mapping.column.logicalName);
    }
    return {ok: true};
}

function toRunError(thrown: unknown, table: TableMapping): RunError {
    if (thrown instanceof RunStoppedError) {
        return thrown.runError;
    }
    // Anything else is a defect in the engine; it still ends the run with the outcomes so far.
    return {
        code: 'internalError',
        message:
            `The sync stopped on an unexpected error while syncing '${table.table.name}'. ` +
            `Sync again; if it repeats, report it with the details.`,
        detail: describeThrown(thrown),
        tableName: table.table.name,
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
