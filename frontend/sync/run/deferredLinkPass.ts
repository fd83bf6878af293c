import {getLinkGroups, type LinkGroup} from '../links/linkGroups';
import {planDeferredLinks} from '../links/planDeferredLinks';
import type {TableMapping} from '../mapping';
import type {TablePlan} from '../plan/types';
import {readTableAsync, type TableSnapshot} from './readTable';
import {applyPlanAsync, getDeferredColumns, type RunContext} from './runContext';

/**
 * Sets the table's deferred links once every table's rows and records exist. The table is read
 * again in full when its first pass wrote to it, because that pass created rows and records and
 * changed their versions. Otherwise the first pass's snapshot is still current.
 * NOTE: a write to a link field in another table also changes its inverse link field in this
 * table. The snapshot is reused anyway, which is right as long as no mapped field is the inverse
 * of another mapped link field.
 */
export async function syncDeferredLinksAsync(
    context: RunContext,
    table: TableMapping,
): Promise<void> {
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
