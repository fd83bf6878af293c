/**
 * The Airtable record ids the run gave the rows the preview planned under placeholder ids, and
 * the renaming of those placeholders in a previewed plan.
 */
import type {AirtableRecordId} from '../ids';
import type {PlanStep, TablePlan} from '../plan/types';
import type {AirtableCells} from '../ports';

export class PlaceholderIds {
    private readonly rowIdsByPlaceholder = new Map<string, AirtableRecordId>();
    private readonly placeholdersByRowId = new Map<AirtableRecordId, AirtableRecordId>();

    add(placeholder: AirtableRecordId, rowId: AirtableRecordId): void {
        this.rowIdsByPlaceholder.set(placeholder, rowId);
        this.placeholdersByRowId.set(rowId, placeholder);
    }

    /** Returns the id the run gave the row planned as `id`, or `id` for any other row. */
    toRowId(id: AirtableRecordId): AirtableRecordId {
        return this.rowIdsByPlaceholder.get(id) ?? id;
    }

    /** Returns the placeholder the preview used for the row created as `id`, or `id` otherwise. */
    toPreviewId(id: AirtableRecordId): AirtableRecordId {
        return this.placeholdersByRowId.get(id) ?? id;
    }

    /** Returns the plan with each link to a placeholder pointing at the row created for it. */
    renamePlan(plan: TablePlan): TablePlan {
        if (this.rowIdsByPlaceholder.size === 0) {
            return plan;
        }
        return {...plan, steps: plan.steps.map(step => this.renameStep(step))};
    }

    private renameStep(step: PlanStep): PlanStep {
        switch (step.kind) {
            case 'createRow':
                return {...step, cells: this.renameCells(step.cells)};
            case 'update':
                return {...step, airtableCells: this.renameCells(step.airtableCells)};
            default:
                // The other steps write no link cells: a Dynamics create or update sends GUIDs.
                return step;
        }
    }

    private renameCells(cells: AirtableCells): AirtableCells {
        let renamed: Record<string, unknown> | null = null;
        for (const [fieldId, cell] of Object.entries(cells)) {
            const links = Array.isArray(cell) ? this.renameLinks(cell) : null;
            if (links !== null) {
                renamed = renamed ?? {...cells};
                renamed[fieldId] = links;
            }
        }
        return renamed ?? cells;
    }

    /** Returns the link cell with its placeholders renamed, or null when it has none. */
    private renameLinks(cell: readonly unknown[]): unknown[] | null {
        let isRenamed = false;
        const links = cell.map(link => {
            const rowId = isLink(link) ? this.rowIdsByPlaceholder.get(link.id) : undefined;
            if (!isLink(link) || rowId === undefined) {
                return link;
            }
            isRenamed = true;
            return {...link, id: rowId};
        });
        return isRenamed ? links : null;
    }
}

function isLink(value: unknown): value is {readonly id: string} {
    return (
        typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string'
    );
}
