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
 */
import type {DeletePlan} from '../deletes/planDeletes';
import {isPlanEmpty} from '../deletes/planDeletes';
import type {AirtableTableId} from '../ids';
import type {LinkIndex, RowResolution} from '../links/linkIndex';
import type {RecordOutcome} from '../outcomes';
import type {RecordRef, TablePlan} from '../plan/types';
import {PlaceholderIds} from './placeholderIds';
import type {PreviewValues} from './planPreviewValues';
import type {TableSnapshot} from './readTable';

export class PreviewedPlans {
    private isIndexAsPreviewed: boolean;
    private readonly placeholders = new PlaceholderIds();
    private readonly reusedPlans = new Set<TablePlan>();

    constructor(
        private readonly previewed: PreviewValues,
        deletePlan: DeletePlan,
    ) {
        this.isIndexAsPreviewed = isPlanEmpty(deletePlan);
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
        if (!this.isIndexAsPreviewed || !this.reusedPlans.has(plan)) {
            this.isIndexAsPreviewed = false;
            return;
        }
        const tableId = plan.table.table.id;
        this.addCreatedRows(tableId, plan, runIndex);
        this.isIndexAsPreviewed = [...plan.steps, ...outcomes].every(({ref}) =>
            this.isIndexedAlike(tableId, ref, runIndex),
        );
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

function isSameResolution(a: RowResolution, b: RowResolution): boolean {
    if (a.kind === 'linked' && b.kind === 'linked') {
        return a.id === b.id;
    }
    return a.kind === b.kind;
}
