/**
 * Keeps the writes of an approved run to the ones its preview listed. The run plans a table again
 * once its parents are written when they created rows, which get their real ids only then, or
 * when a write turned out otherwise than planned (see `run/previewedPlans.ts`). After
 * deletes it plans from a fresh read, so a row or record changed since the preview can add a
 * write. Such a write is skipped with a message, and the next sync previews it. Writes the second
 * plan drops are not made.
 *
 * The second pass, which sets lookups closing a cycle (see `links/tableOrder.ts`), is held to the
 * updates the preview's own second pass listed. It may also update a pair that the run creates
 * or links by a match key, because the preview lists that pair's create or match instead.
 *
 * The preview plans values as if every delete were approved. A person who declines a delete keeps
 * the record and the records its cascade would have taken, and links to them change. Restored
 * rows change links the same way. So once a delete is declined or a row restored, the gate lets
 * through every update of a pair that both sides already had, in either pass, and still holds
 * back creates the preview did not list.
 * NOTE: such updates are written without the preview listing their field changes, and so are the
 * second-pass links of a pair the run creates or matches.
 */
import type {AirtableRecordId, AirtableTableId, Guid} from '../ids';
import type {TableMapping} from '../mapping';
import type {PlanStep, RecordRef, TablePlan} from '../plan/types';
import type {RunValuesPlan} from './planRunValues';

export interface PreviewGate {
    /** Returns the plan with every write the preview did not list turned into a skip. */
    restrict(plan: TablePlan): TablePlan;
    /** Returns the second pass's plan with every write the preview did not list as a skip. */
    restrictSecondPass(plan: TablePlan): TablePlan;
    /** Returns the GUID source for a table's creates, which repeats the GUIDs the preview showed. */
    getNewGuid(tableId: AirtableTableId, fallback: () => Guid): () => Guid;
}

export interface GateDecision {
    /** The records whose rows the decision re-creates. */
    readonly restoredRecordIds: ReadonlySet<Guid>;
    /** Whether the decision declined any planned delete or restores rows. */
    readonly isAnyRecordKept: boolean;
}

export function createPreviewGate(values: RunValuesPlan, decision: GateDecision): PreviewGate {
    const keys = new Set<string>();
    const guidsByTable = new Map<AirtableTableId, Guid[]>();
    for (const plan of values.plans) {
        const tableId = plan.table.table.id;
        const guids: Guid[] = [];
        for (const step of plan.steps) {
            const key = getWriteKeyIfExists(tableId, step, plan);
            if (key !== null) {
                keys.add(key);
            }
            if (step.kind === 'createRecord') {
                guids.push(step.ref.dynamicsId);
            }
        }
        guidsByTable.set(tableId, guids);
    }
    const secondPassKeys = collectSecondPassKeys(values);
    const newPairs = new NewPairs(values, decision);

    const isPreviewed = (plan: TablePlan, step: PlanStep): boolean => {
        const key = getWriteKeyIfExists(plan.table.table.id, step, plan);
        if (key === null || keys.has(key)) {
            return true;
        }
        if (step.kind === 'update') {
            return decision.isAnyRecordKept;
        }
        // Restoring a row is part of the decision on a delete, so it needs no row in the preview.
        return (
            step.kind === 'createRow' &&
            step.ref.dynamicsId !== null &&
            decision.restoredRecordIds.has(step.ref.dynamicsId)
        );
    };
    const isSecondPassPreviewed = (plan: TablePlan, step: PlanStep): boolean => {
        const key = getWriteKeyIfExists(plan.table.table.id, step, plan);
        if (key === null || secondPassKeys.has(key)) {
            return true;
        }
        return (
            step.kind === 'update' &&
            (decision.isAnyRecordKept || newPairs.has(plan.table.table.id, step.ref))
        );
    };

    return {
        restrict: plan => restrictPlan(plan, isPreviewed),
        restrictSecondPass: plan => restrictPlan(plan, isSecondPassPreviewed),
        getNewGuid: (tableId, fallback) => {
            const queue = [...(guidsByTable.get(tableId) ?? [])];
            return () => queue.shift() ?? fallback();
        },
    };
}

function restrictPlan(
    plan: TablePlan,
    isPreviewed: (plan: TablePlan, step: PlanStep) => boolean,
): TablePlan {
    return {
        ...plan,
        steps: plan.steps.map(step =>
            isPreviewed(plan, step) ? step : toNotPreviewedSkip(plan.table, step),
        ),
    };
}

function collectSecondPassKeys(values: RunValuesPlan): Set<string> {
    const keys = new Set<string>();
    for (const plan of values.secondPassPlans) {
        if (plan === null) {
            continue;
        }
        for (const step of plan.steps) {
            const key = getWriteKeyIfExists(plan.table.table.id, step, plan);
            if (key !== null) {
                keys.add(key);
            }
        }
    }
    return keys;
}

/**
 * The pairs the run creates or links by a match key as its preview listed, and the rows it
 * restores. The preview's second pass plans from the snapshots as read, where such a pair does
 * not exist yet, so its links show only as the pair's create or match.
 */
class NewPairs {
    private readonly rowKeys = new Set<string>();
    private readonly recordKeys = new Set<string>();

    constructor(
        values: RunValuesPlan,
        private readonly decision: GateDecision,
    ) {
        for (const plan of values.plans) {
            const tableId = plan.table.table.id;
            for (const step of plan.steps) {
                if (step.kind === 'createRecord' || isMatchedUpdate(step, plan)) {
                    this.rowKeys.add(`${tableId}|${step.ref.airtableRecordId ?? ''}`);
                } else if (step.kind === 'createRow' && step.ref.dynamicsId !== null) {
                    this.recordKeys.add(`${tableId}|${step.ref.dynamicsId}`);
                }
            }
        }
    }

    has(tableId: AirtableTableId, ref: RecordRef): boolean {
        const {airtableRecordId: rowId, dynamicsId: id} = ref;
        return (
            (rowId !== null && this.rowKeys.has(`${tableId}|${rowId}`)) ||
            (id !== null && this.recordKeys.has(`${tableId}|${id}`)) ||
            (id !== null && this.decision.restoredRecordIds.has(id))
        );
    }
}

function isMatchedUpdate(step: PlanStep, plan: TablePlan): boolean {
    return step.kind === 'update' && isMatched(plan, step.ref.airtableRecordId);
}

/**
 * Returns the key that identifies a step's write across the two plans, or null for a step that
 * writes nothing a person reviews: no write at all, or only the sync state of a linked pair.
 */
function getWriteKeyIfExists(
    tableId: AirtableTableId,
    step: PlanStep,
    plan: TablePlan,
): string | null {
    switch (step.kind) {
        case 'createRow':
            return `${tableId}|createRow|${step.ref.dynamicsId ?? ''}`;
        case 'createRecord':
            return `${tableId}|createRecord|${step.ref.airtableRecordId}`;
        case 'update':
            return isBookkeepingOnly(step, plan) ? null : `update|${getPairKey(tableId, step.ref)}`;
        case 'unchanged':
        case 'skip':
        case 'fail':
            return null;
    }
}

function getPairKey(tableId: AirtableTableId, ref: RecordRef): string {
    return `${tableId}|${ref.airtableRecordId ?? ''}|${ref.dynamicsId ?? ''}`;
}

function isBookkeepingOnly(step: Extract<PlanStep, {kind: 'update'}>, plan: TablePlan): boolean {
    return (
        step.pulledFields.length === 0 &&
        step.dynamicsValues === null &&
        !isMatched(plan, step.ref.airtableRecordId)
    );
}

function isMatched(plan: TablePlan, rowId: AirtableRecordId): boolean {
    return plan.matchedRowIds?.has(rowId) ?? false;
}

function toNotPreviewedSkip(table: TableMapping, step: PlanStep): PlanStep {
    // A row whose record was not created must not pair with the GUID the plan chose for it.
    const ref: RecordRef =
        step.kind === 'createRecord' ? {...step.ref, dynamicsId: null} : step.ref;
    return {
        kind: 'skip',
        ref,
        skip: {
            reason: 'changedDuringSync',
            message:
                `The ${table.entity.displayName} '${step.ref.name}' in ${table.table.name} ` +
                `changed after the preview was shown, so this run did not write it. Sync again ` +
                `to preview and approve the change.`,
        },
    };
}
