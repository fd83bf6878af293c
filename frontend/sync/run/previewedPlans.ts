/**
 * Lets the value pass apply the preview's plan of a table instead of planning it again, when
 * planning again would give the same plan. `planTable` is pure, so that holds when its input is
 * the same: the same snapshot, the same restored records, and a link index that resolves every
 * row and record of the tables before it as the preview's index did.
 *
 * - No delete may be planned: deletes change the snapshots, the restored records and the index.
 * - Each table before it must have applied the preview's plan, with no row created in Airtable,
 *   because the preview links to such a row through a placeholder id. After the apply, every row
 *   and record of its steps and outcomes must resolve in the run's index as in the preview's: an
 *   outcome that differs from its step, such as a record deleted during the sync, ends the reuse.
 * The GUIDs of creates in Dynamics are the preview's in both plans.
 */
import type {DeletePlan} from '../deletes/planDeletes';
import {isPlanEmpty} from '../deletes/planDeletes';
import type {AirtableTableId} from '../ids';
import type {LinkIndex, RowResolution} from '../links/linkIndex';
import type {RecordOutcome} from '../outcomes';
import type {RecordRef, TablePlan} from '../plan/types';
import type {PreviewValues} from './planPreviewValues';
import type {TableSnapshot} from './readTable';

export class PreviewedPlans {
    private isIndexAsPreviewed: boolean;

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
        const isSameSnapshot = this.previewed.snapshots[position] === snapshot;
        return isSameSnapshot ? (this.previewed.values.plans[position] ?? null) : null;
    }

    /**
     * Records the plan the value pass applied to a table, once its outcomes are in the run's index,
     * and ends the reuse for the tables after it when the run's index no longer matches.
     */
    addApplied(plan: TablePlan, outcomes: readonly RecordOutcome[], runIndex: LinkIndex): void {
        const tableId = plan.table.table.id;
        const previewedPlan = this.previewed.values.plans[this.getPosition(tableId)];
        this.isIndexAsPreviewed =
            this.isIndexAsPreviewed &&
            plan === previewedPlan &&
            !plan.steps.some(step => step.kind === 'createRow') &&
            isIndexedAlike(tableId, [...plan.steps, ...outcomes], runIndex, this.previewed);
    }

    private getPosition(tableId: AirtableTableId): number {
        return this.previewed.values.plans.findIndex(plan => plan.table.table.id === tableId);
    }
}

function isIndexedAlike(
    tableId: AirtableTableId,
    items: ReadonlyArray<{readonly ref: RecordRef}>,
    runIndex: LinkIndex,
    previewed: PreviewValues,
): boolean {
    const previewIndex = previewed.values.index;
    return items.every(({ref}) => {
        const rowId = ref.airtableRecordId;
        const id = ref.dynamicsId;
        const isRowAlike =
            rowId === null ||
            isSameResolution(
                runIndex.resolveRow(tableId, rowId),
                previewIndex.resolveRow(tableId, rowId),
            );
        const isRecordAlike =
            id === null ||
            runIndex.getRowIdIfExists(tableId, id) === previewIndex.getRowIdIfExists(tableId, id);
        return isRowAlike && isRecordAlike;
    });
}

function isSameResolution(a: RowResolution, b: RowResolution): boolean {
    if (a.kind === 'linked' && b.kind === 'linked') {
        return a.id === b.id;
    }
    return a.kind === b.kind;
}
