/**
 * Applies one table's plan through the ports, in the order that keeps every step safe to retry:
 * 1. rows about to be created in Dynamics get their new id and a pending-create state;
 * 2. Dynamics creates (create-only) and updates (with `If-Match`) are sent;
 * 3. Airtable rows are created, and updated with pulled values and the new state in one write.
 * A run that stops between steps leaves rows that the next run finishes without duplicates.
 */
import {assertNever} from '../assertNever';
import type {RunLogger} from '../logger';
import type {RecordOutcome} from '../outcomes';
import type {PlanStep, TablePlan} from '../plan/types';
import type {DataverseSide} from '../ports';
import type {ProgressListener} from '../progress';
import type {AirtableWriter} from './airtableWriter';
import {sendDynamicsWritesAsync} from './dynamicsPhase';
import {createOutcomeFactory, type OutcomeFactory} from './outcomeFactory';
import {buildUpdateRowWrite, type RowWrite} from './rowWrites';

export interface ApplyContext {
    readonly airtable: AirtableWriter;
    readonly dataverse: DataverseSide;
    readonly signal: AbortSignal | undefined;
    readonly logger: RunLogger;
    readonly onProgress: ProgressListener;
    readonly addOutcome: (outcome: RecordOutcome) => void;
}

type StepOf<K extends PlanStep['kind']> = Extract<PlanStep, {kind: K}>;

interface SortedSteps {
    readonly recordCreates: StepOf<'createRecord'>[];
    readonly updates: StepOf<'update'>[];
    readonly rowCreates: StepOf<'createRow'>[];
}

export async function applyTablePlanAsync(plan: TablePlan, context: ApplyContext): Promise<void> {
    const outcomes = createOutcomeFactory(plan.table);
    const steps = sortSteps(plan.steps, outcomes, context);

    await markPendingCreatesAsync(plan, steps.recordCreates, context);

    const rowWrites: RowWrite[] = steps.updates
        .filter(step => step.dynamicsValues === null)
        .map(step => buildUpdateRowWrite(plan.table, step, step.version, outcomes));
    const afterDynamics = await sendDynamicsWritesAsync(plan.table, steps, outcomes, context);
    rowWrites.push(...afterDynamics);

    await writeRowsAsync(plan, steps.rowCreates, rowWrites, outcomes, context);
}

/** Records the outcome of every step that needs no write, and sorts the others by kind. */
function sortSteps(
    steps: readonly PlanStep[],
    outcomes: OutcomeFactory,
    context: ApplyContext,
): SortedSteps {
    const sorted: SortedSteps = {recordCreates: [], updates: [], rowCreates: []};
    for (const step of steps) {
        switch (step.kind) {
            case 'createRecord':
                sorted.recordCreates.push(step);
                break;
            case 'update':
                sorted.updates.push(step);
                break;
            case 'createRow':
                sorted.rowCreates.push(step);
                break;
            case 'unchanged':
                context.addOutcome(outcomes.unchanged(step.ref));
                break;
            case 'skip':
                context.addOutcome(outcomes.skipped(step.ref, step.skip));
                break;
            case 'fail':
                context.addOutcome(outcomes.failed(step.ref, step.failure));
                break;
            default:
                assertNever(step);
        }
    }
    return sorted;
}

async function markPendingCreatesAsync(
    plan: TablePlan,
    creates: readonly StepOf<'createRecord'>[],
    context: ApplyContext,
): Promise<void> {
    const markers = creates.flatMap(step =>
        step.pendingCells === null
            ? []
            : [{id: step.ref.airtableRecordId, cells: step.pendingCells}],
    );
    if (markers.length === 0) {
        return;
    }

    const tableName = plan.table.table.name;
    let done = 0;
    const report = () =>
        context.onProgress({
            phase: 'writingAirtable',
            table: tableName,
            done,
            total: markers.length,
            message: `Reserving Dynamics IDs for ${markers.length} new rows in ${tableName}`,
        });
    report();
    await context.airtable.updateRowsAsync(plan.table, markers, written => {
        done += written.length;
        report();
    });
}

async function writeRowsAsync(
    plan: TablePlan,
    rowCreates: readonly StepOf<'createRow'>[],
    rowWrites: readonly RowWrite[],
    outcomes: OutcomeFactory,
    context: ApplyContext,
): Promise<void> {
    const total = rowCreates.length + rowWrites.length;
    if (total === 0) {
        return;
    }

    const tableName = plan.table.table.name;
    let done = 0;
    const report = () =>
        context.onProgress({
            phase: 'writingAirtable',
            table: tableName,
            done,
            total,
            message: `Writing ${total} rows to ${tableName} in Airtable`,
        });
    report();
    await context.airtable.createRowsAsync(plan.table, rowCreates, created => {
        for (const {row, id} of created) {
            context.addOutcome(outcomes.createdInAirtable(row.ref, id));
        }
        done += created.length;
        report();
    });
    await context.airtable.updateRowsAsync(plan.table, rowWrites, written => {
        for (const write of written) {
            context.addOutcome(write.outcome);
        }
        done += written.length;
        report();
    });
}
