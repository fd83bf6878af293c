/**
 * Lets the value pass apply the preview's plan of a table instead of planning it again, when
 * planning again would give the same plan. `planTable` is pure, so that holds when its input is
 * the same: the same snapshot, the same restored records, and a link index that resolves every
 * row and record of the tables before it as the preview's index did.
 *
 * - No delete may be planned: deletes change the snapshots, the restored records and the index.
 * - Each table before it must have applied the preview's plan. After the apply, every row and
 *   record of its steps and outcomes must resolve in the run's index as in the preview's. So an
 *   outcome that differs from its step ends the reuse, such as a record deleted during the sync
 *   or a row Airtable rejected.
 * - A row the preview planned to create has a placeholder id there and its real id in the run's
 *   index. The two count as the same row, and a reused plan links to the real id.
 * The GUIDs of creates in Dynamics are the preview's in both plans.
 *
 * It also decides when a table's second pass may be skipped, because the preview's second pass
 * found nothing to do there (see `getSecondPassPlanIfEmpty`).
 */
import type {DeletePlan} from '../deletes/planDeletes';
import {isPlanEmpty} from '../deletes/planDeletes';
import type {AirtableTableId} from '../ids';
import type {LinkIndex, RowResolution} from '../links/linkIndex';
import type {RecordOutcome} from '../outcomes';
import type {TableMapping} from '../mapping';
import type {PlanStep, RecordRef, TablePlan} from '../plan/types';
import {PlaceholderIds} from './placeholderIds';
import type {PreviewValues} from './planPreviewValues';
import type {TableSnapshot} from './readTable';

export class PreviewedPlans {
    private isIndexAsPreviewed: boolean;
    private readonly placeholders = new PlaceholderIds();
    private readonly reusedPlans = new Set<TablePlan>();
    private readonly appliedTableIds = new Set<AirtableTableId>();
    /**
     * Whether the first pass so far kept every table's deferred lookups as the preview's second
     * pass saw them. It does while it creates and matches no pair, each step ends as planned, and
     * no write changes a linked-record cell in Airtable.
     */
    private isSecondPassAsPreviewed: boolean;

    constructor(
        private readonly previewed: PreviewValues,
        deletePlan: DeletePlan,
    ) {
        this.isIndexAsPreviewed = isPlanEmpty(deletePlan);
        this.isSecondPassAsPreviewed = !previewed.values.plans.some(hasNewPairs);
    }

    /**
     * Returns the preview's plan of the snapshot's table when the value pass would plan the same,
     * or null when it must plan the table itself. `snapshot` is the one the value pass plans from.
     */
    getPlanIfReusable(snapshot: TableSnapshot): TablePlan | null {
        if (!this.isIndexAsPreviewed) {
            return null;
        }
        const position = this.getPosition(snapshot.table.table.id);
        const plan = this.previewed.values.plans[position];
        if (plan === undefined || this.previewed.snapshots[position] !== snapshot) {
            return null;
        }
        const reused = this.placeholders.renamePlan(plan);
        this.reusedPlans.add(reused);
        return reused;
    }

    /**
     * Records the plan the value pass applied to a table, once its outcomes are in the run's index,
     * and ends the reuse for the tables after it when the run's index no longer matches.
     */
    addApplied(plan: TablePlan, outcomes: readonly RecordOutcome[], runIndex: LinkIndex): void {
        this.appliedTableIds.add(plan.table.table.id);
        if (!isEveryStepDoneAsPlanned(plan, outcomes) || writesLinkCells(plan)) {
            this.isSecondPassAsPreviewed = false;
        }
        if (!this.isIndexAsPreviewed || !this.reusedPlans.has(plan)) {
            this.isIndexAsPreviewed = false;
            return;
        }
        const tableId = plan.table.table.id;
        this.addCreatedRows(tableId, plan, runIndex);
        // An unchanged step's outcome carries the step's ref, so the outcomes cover those steps.
        const isAlike = ({ref}: {readonly ref: RecordRef}) =>
            this.isIndexedAlike(tableId, ref, runIndex);
        this.isIndexAsPreviewed =
            plan.steps.every(step => step.kind === 'unchanged' || isAlike(step)) &&
            outcomes.every(isAlike);
    }

    /**
     * Returns the preview's second-pass plan of the table when that plan has nothing to write and
     * the run's own second pass would find nothing either, or null when the second pass must read
     * and plan the table. It returns null until every table's first pass is applied.
     *
     * The preview planned the second pass from the snapshots and the link index the first pass
     * then used unchanged: no delete was planned, every table applied its previewed plan, and the
     * index resolves every row and record as the preview's. The first pass created and matched no
     * pair, so the preview's second pass saw every pair there is. The first pass does not plan
     * the deferred lookups, so its writes keep their baselines. They changed no linked-record
     * cell, and every step ended as planned, so reading the table again would show only other
     * people's edits made during the run. Those are not lost: the rows are read in full every
     * run, and the next run's delta read, through the link of this run's first read, still
     * returns any record changed since.
     */
    getSecondPassPlanIfEmpty(table: TableMapping): TablePlan | null {
        const plans = this.previewed.values.plans;
        const isEveryTableApplied = plans.every(plan =>
            this.appliedTableIds.has(plan.table.table.id),
        );
        if (!this.isIndexAsPreviewed || !this.isSecondPassAsPreviewed || !isEveryTableApplied) {
            return null;
        }
        const position = this.getPosition(table.table.id);
        const plan = this.previewed.values.secondPassPlans[position] ?? null;
        if (plan === null || (plan.unreadRecordIds?.size ?? 0) > 0) {
            return null;
        }
        return plan.steps.every(step => step.kind === 'unchanged') ? plan : null;
    }

    /** Pairs the placeholder of each row the plan created with the row's id in the run. */
    private addCreatedRows(tableId: AirtableTableId, plan: TablePlan, runIndex: LinkIndex): void {
        const previewIndex = this.previewed.values.index;
        for (const step of plan.steps) {
            const id = step.ref.dynamicsId;
            if (step.kind !== 'createRow' || id === null) {
                continue;
            }
            const placeholder = previewIndex.getRowIdIfExists(tableId, id);
            const rowId = runIndex.getRowIdIfExists(tableId, id);
            if (placeholder !== null && rowId !== null) {
                this.placeholders.add(placeholder, rowId);
            }
        }
    }

    private isIndexedAlike(tableId: AirtableTableId, ref: RecordRef, runIndex: LinkIndex): boolean {
        const previewIndex = this.previewed.values.index;
        const rowId = ref.airtableRecordId;
        const id = ref.dynamicsId;
        if (rowId !== null) {
            const previewRow = previewIndex.resolveRow(
                tableId,
                this.placeholders.toPreviewId(rowId),
            );
            if (!isSameResolution(runIndex.resolveRow(tableId, rowId), previewRow)) {
                return false;
            }
        }
        if (id !== null) {
            const previewRowId = previewIndex.getRowIdIfExists(tableId, id);
            const expected = previewRowId === null ? null : this.placeholders.toRowId(previewRowId);
            return runIndex.getRowIdIfExists(tableId, id) === expected;
        }
        return true;
    }

    private getPosition(tableId: AirtableTableId): number {
        return this.previewed.values.plans.findIndex(plan => plan.table.table.id === tableId);
    }
}

/** Returns whether the plan creates a row or record, or links a row by a match key. */
function hasNewPairs(plan: TablePlan): boolean {
    const isAnyMatched = (plan.matchedRowIds?.size ?? 0) > 0;
    return isAnyMatched || plan.steps.some(isCreate);
}

function isCreate(step: PlanStep): boolean {
    return step.kind === 'createRow' || step.kind === 'createRecord';
}

/**
 * Returns whether each step got the outcome its kind plans: one outcome per step, and no write
 * that failed or was skipped, such as a row Airtable rejected or a record changed during the sync.
 */
function isEveryStepDoneAsPlanned(plan: TablePlan, outcomes: readonly RecordOutcome[]): boolean {
    if (outcomes.length !== plan.steps.length) {
        return false;
    }
    // One pass over each list, because the tables have tens of thousands of rows.
    let unplannedFailures = 0;
    let unplannedSkips = 0;
    for (const step of plan.steps) {
        unplannedFailures -= step.kind === 'fail' ? 1 : 0;
        unplannedSkips -= step.kind === 'skip' ? 1 : 0;
    }
    for (const outcome of outcomes) {
        unplannedFailures += outcome.status === 'failed' ? 1 : 0;
        unplannedSkips += outcome.status === 'skipped' ? 1 : 0;
    }
    return unplannedFailures === 0 && unplannedSkips === 0;
}

/**
 * Returns whether an update writes a linked-record cell. Airtable then changes the inverse link
 * field in the linked table, which may be a mapped deferred lookup the preview saw unchanged.
 */
function writesLinkCells(plan: TablePlan): boolean {
    const linkFieldIds = plan.table.fields.flatMap(mapping =>
        mapping.field.linkedTableId === undefined ? [] : [mapping.field.id],
    );
    return plan.steps.some(
        step => step.kind === 'update' && linkFieldIds.some(id => id in step.airtableCells),
    );
}

function isSameResolution(a: RowResolution, b: RowResolution): boolean {
    if (a.kind === 'linked' && b.kind === 'linked') {
        return a.id === b.id;
    }
    return a.kind === b.kind;
}
