import {getLinkGroups, type LinkGroup} from '../links/linkGroups';
import {planDeferredLinks} from '../links/planDeferredLinks';
import type {TableMapping} from '../mapping';
import type {TablePlan} from '../plan/types';
import type {PreviewGate} from '../preview/previewGate';
import {readTableAsync, type TableSnapshot} from './readTable';
import {readChangesSinceAsync} from './readTableChanges';
import {applyPlanAsync, getDeferredColumns, type RunContext} from './runContext';

/**
 * Sets the table's deferred links once every table's rows and records exist, as far as the run's
 * preview listed them. A table the first pass wrote to is brought up to date first, because that
 * pass created rows and records and changed their versions. Otherwise the first pass's snapshot
 * is still current. `emptyPreviewedPlan` is the preview's plan of this pass when
 * `PreviewedPlans.getSecondPassPlanIfEmpty` found that the pass has nothing to do. That plan is
 * applied as it is, without reading or planning the table again.
 * NOTE: a write to a link field in another table also changes its inverse link field in this
 * table. An unwritten table's snapshot is reused anyway, which is right as long as no mapped field
 * is the inverse of another mapped link field.
 */
export async function syncDeferredLinksAsync(
    context: RunContext,
    table: TableMapping,
    gate: PreviewGate,
    emptyPreviewedPlan: TablePlan | null,
): Promise<void> {
    if (emptyPreviewedPlan !== null) {
        context.logger.info('Second pass skipped', {
            table: table.table.id,
            reason: 'the preview planned no change to the deferred lookups',
        });
    }
    const plan = emptyPreviewedPlan ?? (await planSecondPassAsync(context, table));
    await applyPlanAsync(context, gate.restrictSecondPass(plan), outcome =>
        context.state.addSecondPassOutcome(outcome),
    );
}

async function planSecondPassAsync(context: RunContext, table: TableMapping): Promise<TablePlan> {
    const plan = planDeferredSnapshot(context, await readSecondSnapshotAsync(context, table));
    if (plan.unreadRecordIds !== undefined && plan.unreadRecordIds.size > 0) {
        return planDeferredSnapshot(context, await readTableAsync(context.read, table, []));
    }
    return plan;
}

/**
 * Returns the snapshot the second pass plans from. After a first pass that wrote, the rows are
 * read again, and the records only as far as they changed since the table's first read. That
 * read's delta link returns every change made since, this run's writes and other people's alike,
 * so the result is as current as a full read. Without a link the table is read in full.
 */
async function readSecondSnapshotAsync(
    context: RunContext,
    table: TableMapping,
): Promise<TableSnapshot> {
    const first = context.firstPassSnapshots.get(table.table.id);
    if (first !== undefined && !first.isWritten) {
        return first.snapshot;
    }
    const link = context.deltaLinks.get(table.table.id);
    if (first === undefined || link === undefined) {
        return readTableAsync(context.read, table, []);
    }
    return readChangesSinceAsync(context.read, first.snapshot, link);
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
