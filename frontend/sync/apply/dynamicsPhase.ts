/**
 * Sends one table's Dynamics creates and updates, and turns each result into the Airtable write
 * that finishes the record, or into its final outcome when the record must wait for the next sync.
 * The finishing writes go to Airtable in full calls after each group, before the next group.
 */
import {assertNever} from '../assertNever';
import type {TableMapping} from '../mapping';
import {
    changedDuringSyncSkip,
    deletedInDynamicsSkip,
    dynamicsRejectedFailure,
    unexpectedResultFailure,
} from '../plan/messages';
import type {PlanStep} from '../plan/types';
import type {DataverseWrite, DataverseWriteResult} from '../ports';
import type {ApplyContext} from './applyTablePlan';
import {writeToDynamicsAsync} from './dynamicsWriter';
import type {OutcomeFactory} from './outcomeFactory';
import type {RowWriteQueue} from './rowWriteQueue';
import {
    buildCreatedRecordRowWrite,
    buildExistingRecordRowWrite,
    buildUpdateRowWrite,
    type RowWrite,
} from './rowWrites';

type CreateStep = Extract<PlanStep, {kind: 'createRecord'}>;
type UpdateStep = Extract<PlanStep, {kind: 'update'}>;

/**
 * Adds to `finishedRows` the Airtable writes that finish the records whose Dynamics write
 * succeeded, and writes the full calls among them after each group.
 */
export async function sendDynamicsWritesAsync(
    table: TableMapping,
    steps: {readonly recordCreates: readonly CreateStep[]; readonly updates: readonly UpdateStep[]},
    outcomes: OutcomeFactory,
    context: ApplyContext,
    finishedRows: RowWriteQueue,
): Promise<void> {
    const items: Array<{readonly item: CreateStep | UpdateStep; readonly write: DataverseWrite}> =
        [];
    for (const step of steps.recordCreates) {
        items.push({item: step, write: toCreateWrite(table, step)});
    }
    for (const step of steps.updates) {
        const write = toUpdateWriteIfNeeded(table, step);
        if (write !== null) {
            items.push({item: step, write});
        }
    }
    if (items.length === 0) {
        return;
    }

    const tableName = table.table.name;
    let done = 0;
    const report = () =>
        context.onProgress({
            phase: 'writingDynamics',
            table: tableName,
            done,
            total: items.length,
            message: `Writing ${items.length} records to ${table.entity.displayName} in Dynamics`,
        });
    report();
    await writeToDynamicsAsync(context.dataverse, table, items, context.signal, async results => {
        const rowWrites: RowWrite[] = [];
        for (const {item, result} of results) {
            const rowWrite =
                item.kind === 'createRecord'
                    ? handleCreateResult(table, item, result, outcomes, context)
                    : handleUpdateResult(table, item, result, outcomes, context);
            if (rowWrite !== null) {
                rowWrites.push(rowWrite);
            }
        }
        finishedRows.add(rowWrites);
        await finishedRows.writeFullCallsAsync();
        done += results.length;
        report();
    });
}

function toCreateWrite(table: TableMapping, step: CreateStep): DataverseWrite {
    return {kind: 'create', entity: table.entity, id: step.ref.dynamicsId, values: step.values};
}

function toUpdateWriteIfNeeded(table: TableMapping, step: UpdateStep): DataverseWrite | null {
    if (step.dynamicsValues === null) {
        return null;
    }
    return {
        kind: 'update',
        entity: table.entity,
        id: step.ref.dynamicsId,
        values: step.dynamicsValues,
        ifMatch: step.ifMatch,
    };
}

function handleCreateResult(
    table: TableMapping,
    step: CreateStep,
    result: DataverseWriteResult,
    outcomes: OutcomeFactory,
    context: ApplyContext,
): RowWrite | null {
    switch (result.status) {
        case 'ok':
            return buildCreatedRecordRowWrite(table, step, result.version, outcomes);
        case 'alreadyExists':
            // An earlier run created it and stopped before writing the final state. The values
            // sent may differ from the record's now, so neither becomes the baseline.
            context.logger.info('Create found the record already there', {
                dynamicsId: step.ref.dynamicsId,
            });
            return buildExistingRecordRowWrite(table, step, outcomes);
        case 'failed':
            context.addOutcome(
                outcomes.failed(
                    step.ref,
                    dynamicsRejectedFailure(table, step.ref.name, 'create', result),
                ),
            );
            return null;
        case 'notFound':
        case 'versionMismatch':
            context.addOutcome(
                outcomes.failed(
                    step.ref,
                    unexpectedResultFailure(table, step.ref.name, 'create', result.status),
                ),
            );
            return null;
        default:
            return assertNever(result);
    }
}

function handleUpdateResult(
    table: TableMapping,
    step: UpdateStep,
    result: DataverseWriteResult,
    outcomes: OutcomeFactory,
    context: ApplyContext,
): RowWrite | null {
    switch (result.status) {
        case 'ok':
            return buildUpdateRowWrite(table, step, result.version, outcomes);
        case 'versionMismatch':
            context.addOutcome(
                outcomes.skipped(step.ref, changedDuringSyncSkip(table, step.ref.name)),
            );
            return null;
        case 'notFound':
            context.addOutcome(
                outcomes.skipped(step.ref, deletedInDynamicsSkip(table, step.ref.name)),
            );
            return null;
        case 'failed':
            context.addOutcome(
                outcomes.failed(
                    step.ref,
                    dynamicsRejectedFailure(table, step.ref.name, 'update', result),
                ),
            );
            return null;
        case 'alreadyExists':
            context.addOutcome(
                outcomes.failed(
                    step.ref,
                    unexpectedResultFailure(table, step.ref.name, 'update', result.status),
                ),
            );
            return null;
        default:
            return assertNever(result);
    }
}
