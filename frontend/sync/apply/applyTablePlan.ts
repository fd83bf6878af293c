/**
 * Applies one table's plan through the ports, in the order that keeps every step safe to retry:
 * 1. rows about to be created in Dynamics get their new id and a pending-create state;
 * 2. Dynamics creates (create-only) and updates (with `If-Match`) are sent in groups, and after
 *    each group the rows of its finished records get their pulled values and new state in one
 *    write, in full Airtable calls. Meanwhile the rows that need nothing from Dynamics are
 *    written, as far as they fill whole calls;
 * 3. Airtable rows are created, and the remaining finished rows are written.
 * A run that stops on a failing side or a cancel first writes the finished rows still queued,
 * unless Airtable failed. The next run then sends no finished write again. It finishes any row
 * left behind without duplicates, because Dynamics returns "already exists" for its create.
 */
import {assertNever} from '../assertNever';
import type {RunLogger} from '../logger';
import type {RecordOutcome} from '../outcomes';
import type {PlanStep, RecordRef, TablePlan} from '../plan/types';
import {AIRTABLE_MAX_RECORDS_PER_WRITE, type DataverseSide} from '../ports';
import type {ProgressListener} from '../progress';
import {describeFailedRow, type AirtableWriter, type FailedRow} from './airtableWriter';
import {BackgroundTask} from './backgroundTask';
import {sendDynamicsWritesAsync} from './dynamicsPhase';
import {createOutcomeFactory, type OutcomeFactory} from './outcomeFactory';
import {RowWriteQueue} from './rowWriteQueue';
import {buildUpdateRowWrite} from './rowWrites';

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
    const outcomes = createOutcomeFactory(plan.table, plan.matchedRowIds);
    const sorted = sortSteps(plan.steps, outcomes, context);

    const recordCreates = await markPendingCreatesAsync(
        plan,
        sorted.recordCreates,
        outcomes,
        context,
    );
    const steps: SortedSteps = {...sorted, recordCreates};

    const airtableOnly = steps.updates
        .filter(step => step.dynamicsValues === null)
        .map(step => buildUpdateRowWrite(plan.table, step, step.version, outcomes));
    // Writing these rows during the Dynamics writes starts Airtable's rate limit window sooner.
    // The ones that do not fill a whole call share a call with the rows Dynamics finishes.
    const fullCallsCount =
        airtableOnly.length - (airtableOnly.length % AIRTABLE_MAX_RECORDS_PER_WRITE);
    const earlyRows = new RowWriteQueue(plan.table, context);
    earlyRows.add(airtableOnly.slice(0, fullCallsCount));
    const finishedRows = new RowWriteQueue(plan.table, context);
    finishedRows.add(airtableOnly.slice(fullCallsCount));

    const earlyWrites = new BackgroundTask(earlyRows.writeAllAsync(() => undefined));
    try {
        await sendDynamicsWritesAsync(plan.table, steps, outcomes, context, finishedRows);
        await earlyWrites.finishAsync();
        await writeRowsAsync(plan, steps.rowCreates, finishedRows, outcomes, context);
    } catch (error) {
        await earlyWrites.settleAsync();
        await earlyRows.writeAfterStopAsync(error);
        await finishedRows.writeAfterStopAsync(error);
        throw error;
    }
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

/**
 * Writes the pending-create markers and returns the creates that may go to Dynamics. A row that
 * Airtable rejects, such as one deleted during the sync, gets a failed outcome and its create is
 * dropped, because without its marker a rerun could not tell that the record was created.
 */
async function markPendingCreatesAsync(
    plan: TablePlan,
    creates: StepOf<'createRecord'>[],
    outcomes: OutcomeFactory,
    context: ApplyContext,
): Promise<StepOf<'createRecord'>[]> {
    const markers = creates.flatMap(step =>
        step.pendingCells === null
            ? []
            : [{id: step.ref.airtableRecordId, cells: step.pendingCells, step}],
    );
    if (markers.length === 0) {
        return creates;
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
    const rejected = new Set<StepOf<'createRecord'>>();
    const onRowsFailed = (failed: ReadonlyArray<FailedRow<(typeof markers)[number]>>) => {
        for (const item of failed) {
            rejected.add(item.row.step);
            context.addOutcome(toFailedOutcome(plan, item.row.step.ref, item, outcomes));
        }
        done += failed.length;
        report();
    };
    report();
    await context.airtable.updateRowsAsync(
        plan.table,
        markers,
        written => {
            done += written.length;
            report();
        },
        {isCancellable: true, onRowsFailed},
    );
    return creates.filter(step => !rejected.has(step));
}

async function writeRowsAsync(
    plan: TablePlan,
    rowCreates: readonly StepOf<'createRow'>[],
    finishedRows: RowWriteQueue,
    outcomes: OutcomeFactory,
    context: ApplyContext,
): Promise<void> {
    const total = rowCreates.length + finishedRows.size;
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
    await context.airtable.createRowsAsync(
        plan.table,
        rowCreates,
        created => {
            for (const {row, id} of created) {
                context.addOutcome(outcomes.createdInAirtable(row.ref, id));
            }
            done += created.length;
            report();
        },
        failed => {
            for (const item of failed) {
                context.addOutcome(toFailedOutcome(plan, item.row.ref, item, outcomes));
            }
            done += failed.length;
            report();
        },
    );
    await finishedRows.writeAllAsync(count => {
        done += count;
        report();
    });
}

function toFailedOutcome(
    plan: TablePlan,
    ref: RecordRef,
    failed: FailedRow<unknown>,
    outcomes: OutcomeFactory,
): RecordOutcome {
    return outcomes.failed(ref, describeFailedRow(plan.table, ref.name, failed));
}
