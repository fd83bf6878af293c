/** The run's value pass: plans and applies each table's values, creates and planned links. */
import type {DeletePhaseResult} from '../deletes/syncDeletes';
import type {Guid} from '../ids';
import {getLinkGroups, type LinkGroup} from '../links/linkGroups';
import {addEmptyDeferredBaselines} from '../links/planDeferredLinks';
import {hasUnsettledMatches} from '../match/unsettledMatches';
import {planTable} from '../plan/planTable';
import type {PlanStep, TablePlan} from '../plan/types';
import type {PreviewGate} from '../preview/previewGate';
import {withoutKept} from './deletePhase';
import {readTableAsync, type TableSnapshot} from './readTable';
import {applyPlanAsync, getDeferredColumns, type RunContext} from './runContext';

/**
 * Plans and applies one table's first pass, then adds its pairs to the link index. A plan in
 * `previewedPlan` is applied as it is: the caller passes the preview's plan only when planning
 * again would give the same plan. Returns the plan applied.
 */
export async function syncTableAsync(
    context: RunContext,
    firstSnapshot: TableSnapshot,
    deletes: DeletePhaseResult,
    gate: PreviewGate,
    previewedPlan: TablePlan | null,
): Promise<TablePlan> {
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
    let plan = previewedPlan ?? planSnapshot(context, snapshot, deletes, gate);
    if (hasUnreadRecords(plan)) {
        context.logger.info('Reading in full', {
            table: table.table.id,
            reason: 'rows need the values of records the delta read left out',
        });
        snapshot = withoutKept(await readTableAsync(context.read, table, []), deletes);
        plan = planSnapshot(context, snapshot, deletes, gate);
    }
    context.firstPassSnapshots.set(table.table.id, {
        snapshot,
        isWritten: plan.steps.some(isWriteStep),
    });
    await applyPlanAsync(context, plan, outcome => context.state.addOutcome(outcome));
    context.state.markRestored(table, deletes.restoredRecords);

    const readIds = new Set(snapshot.records.map(record => record.id));
    // Asked only for failed rows, so the unchanged ids, all rows of the table, are not copied.
    const recordIds = {
        has: (id: Guid) => readIds.has(id) || (snapshot.unchangedIds?.has(id) ?? false),
    };
    const outcomes = context.state.getTableOutcomes(table.table.id);
    if (hasUnsettledMatches(plan, outcomes)) {
        context.state.markUnsettled(table.table.id);
    }
    context.index.addOutcomes(table.table.id, outcomes, recordIds);
    return plan;
}

function planSnapshot(
    context: RunContext,
    snapshot: TableSnapshot,
    deletes: DeletePhaseResult,
    gate: PreviewGate,
): TablePlan {
    const {table, rows, records} = snapshot;
    const deferred = getDeferredColumns(context, table);
    const links = {
        index: context.index,
        groups: getLinkGroups(table, context.directory),
        isPlanned: (group: LinkGroup) => !deferred.has(group.column),
    };
    const planned = planTable({
        table,
        rows,
        records,
        conflictPolicy: context.input.conflictPolicy,
        newGuid: gate.getNewGuid(table.table.id, context.input.newGuid),
        lastSyncedAt: context.input.lastSyncedAt?.[table.table.id] ?? null,
        links,
        restoreRecordIds: new Set(deletes.restoredRecords.keys()),
        unchangedRecordIds: snapshot.unchangedIds,
    });
    return gate.restrict(addEmptyDeferredBaselines(planned, snapshot, links));
}

export function hasUnreadRecords(plan: TablePlan): boolean {
    return plan.unreadRecordIds !== undefined && plan.unreadRecordIds.size > 0;
}

function isWriteStep(step: PlanStep): boolean {
    return step.kind === 'update' || step.kind === 'createRow' || step.kind === 'createRecord';
}
