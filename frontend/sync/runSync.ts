/**
 * Runs one sync of every mapped table: reads both sides, plans, and applies the plan through the
 * ports. Dynamics is read through each table's delta link when `checkCanReadChanges` allows it.
 * Tables sync parents first, so links to rows and records created in the same run resolve.
 * Lookups in a cycle are set in a second pass. One record's failure never stops the others. A
 * failing side or a cancel stops the run with a run error and the outcomes so far.
 */
import {AirtableWriter} from './apply/airtableWriter';
import {checkNotCancelled, describeThrown, RunStoppedError} from './apply/runStoppedError';
import type {AirtableTableId} from './ids';
import {LinkIndex} from './links/linkIndex';
import {orderTables} from './links/tableOrder';
import {createRunLogger} from './logger';
import type {TableMapping} from './mapping';
import {countOutcomes, type RunError, type RunSummary} from './outcomes';
import {AIRTABLE_MAX_WRITES_PER_SECOND} from './ports';
import {DEFAULT_APPROVAL_SETTINGS} from './preview/approvalRules';
import {getConfirmRun} from './preview/legacyConfirm';
import {createPreviewGate} from './preview/previewGate';
import {previewRunAsync} from './preview/previewRun';
import {RateLimiter} from './rateLimiter';
import {checkCanSyncTables} from './run/checkMappings';
import {syncDeferredLinksAsync} from './run/deferredLinkPass';
import {applyRunDeletesAsync, planRunDeletesAsync, withoutKept} from './run/deletePhase';
import {logFinish} from './run/logFinish';
import {planPreviewValuesAsync} from './run/planPreviewValues';
import {PreviewedPlans} from './run/previewedPlans';
import {readTableAsync, type TableSnapshot} from './run/readTable';
import {readTableChangesAsync} from './run/readTableChanges';
import {getDeferredColumns, type RunContext, type RunTools} from './run/runContext';
import {RunState} from './run/runState';
import type {SyncInput} from './run/syncInput';
import {syncTableAsync} from './run/valuePass';
import {addClearedLinkTimes, RunWatermarks, trackWriteTimes} from './run/watermarks';

/**
 * The window Airtable counts writes in. The rate limiter keeps each call's slot until a window
 * after the call ends, so network delays cannot bring calls closer together at the server.
 */
export const AIRTABLE_WRITE_WINDOW_MS = 1000;

export type {SyncInput} from './run/syncInput';

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

/** Syncs the tables; returns the run error that stopped the run, or null. */
async function syncTablesAsync(
    input: SyncInput,
    state: RunState,
    tools: RunTools,
): Promise<RunError | null> {
    const watermarks = new RunWatermarks();
    const context = createRunContext(input, state, tools, watermarks);
    const {order} = context;

    const finished = new Set<AirtableTableId>();
    const links = context.deltaLinks;
    let current: TableMapping | null = null;
    try {
        // The tables are read at once, because each read waits on Dynamics page by page.
        const reads = await Promise.all(
            order.tables.map(table =>
                readTableChangesAsync(
                    context.read,
                    table,
                    input.deltaStates?.[table.table.id] ?? null,
                ).catch((error: unknown) => {
                    current = table;
                    throw error;
                }),
            ),
        );
        let snapshots: TableSnapshot[] = [];
        for (const read of reads) {
            const tableId = read.snapshot.table.table.id;
            watermarks.addFirstRead(read.snapshot, input.lastSyncedAt?.[tableId] ?? null);
            if (read.link !== null) {
                links.set(tableId, read.link);
            }
            snapshots.push(read.snapshot);
        }

        current = null;
        // A cancel during the reads or the planning ends the run before anyone is asked.
        checkNotCancelled(input.signal, null);
        const planned = await planRunDeletesAsync(context, snapshots);
        const deletePlan = planned.plan;
        checkNotCancelled(input.signal, null);
        const previewValues = await planPreviewValuesAsync(context, planned.snapshots, deletePlan);
        snapshots = [...previewValues.snapshots];
        checkNotCancelled(input.signal, null);
        const previewed = await previewRunAsync({
            snapshots,
            deletePlan,
            values: previewValues.values,
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

        const previewedPlans = new PreviewedPlans(previewValues, deletePlan);
        for (const snapshot of snapshots) {
            current = snapshot.table;
            const tableId = snapshot.table.table.id;
            const plan = await syncTableAsync(
                context,
                withoutKept(snapshot, deletes),
                deletes,
                gate,
                previewedPlans.getPlanIfReusable(snapshot),
            );
            previewedPlans.addApplied(plan, context.state.getTableOutcomes(tableId), context.index);
            if (getDeferredColumns(context, snapshot.table).size === 0) {
                finished.add(snapshot.table.table.id);
            }
        }
        for (const table of order.tables.filter(t => !finished.has(t.table.id))) {
            current = table;
            const emptyPlan = previewedPlans.getSecondPassPlanIfEmpty(table);
            await syncDeferredLinksAsync(context, table, gate, emptyPlan);
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

/** Builds the context the run's passes share, around one rate limiter and the run's watermarks. */
function createRunContext(
    input: SyncInput,
    state: RunState,
    tools: RunTools,
    watermarks: RunWatermarks,
): RunContext {
    // One limiter for the whole run, because Airtable counts writes per base, not per table.
    const limiter = new RateLimiter(input.clock, {
        maxCalls: AIRTABLE_MAX_WRITES_PER_SECOND,
        windowMs: AIRTABLE_WRITE_WINDOW_MS,
    });
    const order = orderTables(input.tables);
    const dataverse = trackWriteTimes(input.dataverse, watermarks);
    return {
        ...tools,
        input,
        dataverse,
        state,
        writer: new AirtableWriter(input.airtable, limiter, input.signal),
        order,
        directory: new Map(input.tables.map(table => [table.table.id, table])),
        index: new LinkIndex(),
        firstPassSnapshots: new Map(),
        deltaLinks: new Map(),
        read: {
            ...tools,
            airtable: input.airtable,
            dataverse,
            signal: input.signal,
        },
    };
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
