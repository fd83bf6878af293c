/**
 * Runs the delete phase: requests approval of the planned deletes, deletes the approved records in
 * Dynamics, then removes from Airtable the approved rows and the rows of every record a successful
 * delete cascaded to, so no emptied row is left. Everything not deleted is reported, and kept out
 * of the value sync that follows.
 */
import type {AirtableWriter} from '../apply/airtableWriter';
import {writeToDynamicsAsync} from '../apply/dynamicsWriter';
import {createOutcomeFactory, type OutcomeFactory} from '../apply/outcomeFactory';
import {checkNotCancelled} from '../apply/runStoppedError';
import {assertNever} from '../assertNever';
import type {AirtableRecordId, AirtableTableId, Guid} from '../ids';
import type {RunLogger} from '../logger';
import type {TableMapping} from '../mapping';
import type {RecordOutcome} from '../outcomes';
import {unexpectedResultFailure} from '../plan/messages';
import type {RecordRef} from '../plan/types';
import type {DataverseSide, DataverseWrite, DataverseWriteResult} from '../ports';
import type {ProgressListener} from '../progress';
import {NO_DECISION, toApproval, type DeleteApproval} from './approval';
import {
    changedAfterDeleteMessage,
    changedBeforeDeleteMessage,
    deleteBlockedFailure,
    deleteDeclinedSkip,
    deleteNotConfirmedSkip,
    deleteRejectedFailure,
    restoredMessage,
} from './deleteMessages';
import {
    isPlanEmpty,
    type DeletePlan,
    type DynamicsDeleteStep,
    type TableDeletePlan,
} from './planDeletes';
import type {CascadedRecord, ClearedLink, ConfirmDeletes} from './types';
import {orderDeletesByLevel} from './deleteOrder';

export interface DeletePhaseContext {
    readonly writer: AirtableWriter;
    readonly dataverse: DataverseSide;
    readonly signal: AbortSignal | undefined;
    readonly logger: RunLogger;
    readonly onProgress: ProgressListener;
    readonly addOutcome: (outcome: RecordOutcome) => void;
    readonly confirmDeletesAsync: ConfirmDeletes | undefined;
}

export interface DeletePhaseResult {
    /** Rows whose delete was not made; the value sync leaves them out. */
    readonly keptRowIds: ReadonlySet<AirtableRecordId>;
    /** Records kept in Dynamics without a row; the value sync leaves them out. */
    readonly keptRecordIds: ReadonlySet<Guid>;
    /** Records that get their row again, with the message of their outcome. */
    readonly restoredRecords: ReadonlyMap<Guid, string>;
    /** Records whose rows were deleted in Airtable and that stay in Dynamics. */
    readonly rowDeletedRecords: ReadonlyArray<{
        readonly tableId: AirtableTableId;
        readonly id: Guid;
    }>;
    /** Records whose lookup Dynamics cleared because a delete of this run removed its target. */
    readonly clearedLinks: readonly ClearedLink[];
    /** Whether anything was deleted, on either side, so the tables must be read again. */
    readonly isAnyDeleted: boolean;
}

interface PhaseState {
    readonly tablesById: ReadonlyMap<AirtableTableId, TableMapping>;
    readonly keptRowIds: Set<AirtableRecordId>;
    readonly keptRecordIds: Set<Guid>;
    readonly restoredRecords: Map<Guid, string>;
    readonly rowDeletedRecords: Array<{readonly tableId: AirtableTableId; readonly id: Guid}>;
    /** Records deleted in Dynamics as the root of a delete, by `<table id>|<Dynamics ID>`. */
    readonly deletedRoots: Set<string>;
    /** Records that successful deletes took with them, and the root that took each. */
    readonly cascaded: Array<{readonly record: CascadedRecord; readonly root: RecordRef}>;
    readonly clearedLinks: ClearedLink[];
    /** Rows to remove per table, with the outcome each gets once it is gone. */
    readonly rowsToRemove: Map<AirtableTableId, Map<AirtableRecordId, RecordOutcome>>;
    isAnyDeleted: boolean;
}

export async function syncDeletesAsync(
    context: DeletePhaseContext,
    plan: DeletePlan,
): Promise<DeletePhaseResult> {
    const state: PhaseState = {
        tablesById: new Map(plan.tables.map(({table}) => [table.table.id, table])),
        keptRowIds: new Set(),
        keptRecordIds: new Set(),
        restoredRecords: new Map(),
        rowDeletedRecords: [],
        deletedRoots: new Set(),
        cascaded: [],
        clearedLinks: [],
        rowsToRemove: new Map(),
        isAnyDeleted: false,
    };
    if (isPlanEmpty(plan)) {
        return state;
    }

    const approval = await askApprovalAsync(context, plan);
    checkNotCancelled(context.signal, null);
    context.logger.info('Deletes decided', {
        isDecided: approval.isDecided,
        shouldRestoreRows: approval.shouldRestoreRows,
    });
    const approved = plan.tables.map(tablePlan => ({
        table: tablePlan.table,
        steps: keepUnapprovedRecords(context, tablePlan, approval, state),
    }));
    for (const level of orderDeletesByLevel(approved)) {
        for (const {table, steps} of level) {
            await deleteRecordsAsync(context, table, steps, state);
        }
    }
    for (const tablePlan of plan.tables) {
        planRowDeletes(context, tablePlan, approval, state);
    }
    planCascadedRowRemovals(context, state);
    await removeRowsAsync(context, state);
    return state;
}

async function askApprovalAsync(
    context: DeletePhaseContext,
    plan: DeletePlan,
): Promise<DeleteApproval> {
    if (plan.preview.tables.length === 0 || context.confirmDeletesAsync === undefined) {
        return NO_DECISION;
    }
    return toApproval(await context.confirmDeletesAsync(plan.preview));
}

/** Reports every record of one table kept in Dynamics, and returns the approved deletes. */
function keepUnapprovedRecords(
    context: DeletePhaseContext,
    plan: TableDeletePlan,
    approval: DeleteApproval,
    state: PhaseState,
): DynamicsDeleteStep[] {
    const {table} = plan;
    const outcomes = createOutcomeFactory(table);
    for (const ref of plan.changedAfterDelete) {
        keepRecord(context, table, ref, {restored: changedAfterDeleteMessage(table, ref)}, state);
    }
    for (const blocked of plan.blockedDeletes) {
        const kept = approval.shouldRestoreRows
            ? {restored: `${blocked.reason} The row was added back.`}
            : {
                  outcome: outcomes.failed(
                      blocked.ref,
                      deleteBlockedFailure(blocked.reason, blocked.detail ?? null),
                  ),
              };
        keepRecord(context, table, blocked.ref, kept, state);
    }
    const approved: DynamicsDeleteStep[] = [];
    for (const step of plan.dynamicsDeletes) {
        if (approval.isApproved(step.key)) {
            approved.push(step);
            continue;
        }
        const skip = approval.isDecided
            ? deleteDeclinedSkip(table, step.ref, 'dynamics')
            : deleteNotConfirmedSkip(table, step.ref, 'dynamics');
        const kept = approval.shouldRestoreRows
            ? {restored: restoredMessage(table, step.ref)}
            : {outcome: outcomes.skipped(step.ref, skip)};
        keepRecord(context, table, step.ref, kept, state);
    }
    return approved;
}

/** Sends Dynamics deletes of one table and reports each result. */
async function deleteRecordsAsync(
    context: DeletePhaseContext,
    table: TableMapping,
    approved: readonly DynamicsDeleteStep[],
    state: PhaseState,
): Promise<void> {
    const outcomes = createOutcomeFactory(table);
    context.onProgress({
        phase: 'writingDynamics',
        table: table.table.name,
        done: 0,
        total: approved.length,
        message: `Deleting ${approved.length} records from ${table.entity.displayName} in Dynamics`,
    });
    const items = approved.map(step => ({item: step, write: toDeleteWrite(table, step)}));
    await writeToDynamicsAsync(context.dataverse, table, items, context.signal, async results => {
        for (const {item, result} of results) {
            handleDeleteResult(context, table, item, result, outcomes, state);
        }
    });
}

/** Keeps a record whose row was deleted in Airtable: reports it, or gives it its row again. */
function keepRecord(
    context: DeletePhaseContext,
    table: TableMapping,
    ref: RecordRef,
    kept: {readonly outcome: RecordOutcome} | {readonly restored: string},
    state: PhaseState,
): void {
    const id = ref.dynamicsId;
    if (id === null) {
        return;
    }
    state.rowDeletedRecords.push({tableId: table.table.id, id});
    if ('restored' in kept) {
        state.restoredRecords.set(id, kept.restored);
    } else {
        state.keptRecordIds.add(id);
        context.addOutcome(kept.outcome);
    }
}

function toDeleteWrite(table: TableMapping, step: DynamicsDeleteStep): DataverseWrite {
    const id = step.ref.dynamicsId;
    if (id === null) {
        throw new Error(`The planned delete ${step.key} has no Dynamics ID.`);
    }
    return {kind: 'delete', entity: table.entity, id, ifMatch: step.version};
}

function handleDeleteResult(
    context: DeletePhaseContext,
    table: TableMapping,
    step: DynamicsDeleteStep,
    result: DataverseWriteResult,
    outcomes: OutcomeFactory,
    state: PhaseState,
): void {
    const keep = (outcome: RecordOutcome) => keepRecord(context, table, step.ref, {outcome}, state);
    switch (result.status) {
        case 'ok':
        case 'notFound':
            // Not found means the record is gone already, such as through another delete's cascade.
            state.isAnyDeleted = true;
            state.deletedRoots.add(`${table.table.id}|${step.ref.dynamicsId ?? ''}`);
            state.cascaded.push(
                ...step.cascade.deletedRecords.map(record => ({record, root: step.ref})),
            );
            state.clearedLinks.push(...step.cascade.clearedLinks);
            context.addOutcome(outcomes.deleted(step.ref, 'dynamics', null));
            return;
        case 'versionMismatch':
            // Restored in this run, because this run's own writes may move the table's watermark
            // past the change, and the next run would then plan the delete again. The row may get
            // the values read before the change, and the next sync pulls the change into it.
            keepRecord(
                context,
                table,
                step.ref,
                {restored: changedBeforeDeleteMessage(table, step.ref)},
                state,
            );
            return;
        case 'failed':
            keep(outcomes.failed(step.ref, deleteRejectedFailure(table, step.ref, result)));
            return;
        case 'alreadyExists':
            keep(
                outcomes.failed(
                    step.ref,
                    unexpectedResultFailure(table, step.ref.name, 'delete', result.status),
                ),
            );
            return;
        default:
            assertNever(result);
    }
}

/** Queues the approved row deletes of one table and reports the declined ones. */
function planRowDeletes(
    context: DeletePhaseContext,
    plan: TableDeletePlan,
    approval: DeleteApproval,
    state: PhaseState,
): void {
    const outcomes = createOutcomeFactory(plan.table);
    for (const step of plan.airtableDeletes) {
        const rowId = step.ref.airtableRecordId;
        if (rowId === null) {
            continue;
        }
        if (approval.isApproved(step.key)) {
            queueRowRemoval(state, plan.table, rowId, outcomes.deleted(step.ref, 'airtable', null));
            continue;
        }
        const skip = approval.isDecided
            ? deleteDeclinedSkip(plan.table, step.ref, 'airtable')
            : deleteNotConfirmedSkip(plan.table, step.ref, 'airtable');
        state.keptRowIds.add(rowId);
        context.addOutcome(outcomes.skipped(step.ref, skip));
    }
}

/**
 * Reports the records that successful deletes took with them, once each, and queues the removal
 * of their rows. A record that was itself a root of a delete is reported as that root. Records of
 * tables the sync does not map were listed in the preview and have no row, so they are only
 * counted in the log.
 */
function planCascadedRowRemovals(context: DeletePhaseContext, state: PhaseState): void {
    const reported = new Set(state.deletedRoots);
    const unsyncedIds = new Set<string>();
    for (const {record, root} of state.cascaded) {
        if (record.tableId === null) {
            unsyncedIds.add(record.ref.dynamicsId ?? record.ref.name);
            continue;
        }
        const key = `${record.tableId}|${record.ref.dynamicsId ?? ''}`;
        const table = state.tablesById.get(record.tableId);
        if (reported.has(key) || table === undefined) {
            continue;
        }
        reported.add(key);
        const outcomes = createOutcomeFactory(table);
        const rowId = record.ref.airtableRecordId;
        if (rowId === null) {
            context.addOutcome(outcomes.deleted(record.ref, 'dynamics', root));
        } else {
            queueRowRemoval(state, table, rowId, outcomes.deleted(record.ref, 'airtable', root));
        }
    }
    if (unsyncedIds.size > 0) {
        context.logger.info('Deleted by cascade in unsynced tables', {count: unsyncedIds.size});
    }
}

function queueRowRemoval(
    state: PhaseState,
    table: TableMapping,
    rowId: AirtableRecordId,
    outcome: RecordOutcome,
): void {
    const rows =
        state.rowsToRemove.get(table.table.id) ?? new Map<AirtableRecordId, RecordOutcome>();
    rows.set(rowId, outcome);
    state.rowsToRemove.set(table.table.id, rows);
}

/** Removes the queued rows in chunks within Airtable's limits, reporting each once it is gone. */
async function removeRowsAsync(context: DeletePhaseContext, state: PhaseState): Promise<void> {
    for (const [tableId, rows] of state.rowsToRemove) {
        const table = state.tablesById.get(tableId);
        if (table === undefined || rows.size === 0) {
            continue;
        }
        const tableName = table.table.name;
        let done = 0;
        const report = () =>
            context.onProgress({
                phase: 'writingAirtable',
                table: tableName,
                done,
                total: rows.size,
                message: `Removing ${rows.size} rows from ${tableName} in Airtable`,
            });
        report();
        await context.writer.deleteRowsAsync(table, [...rows.keys()], deleted => {
            state.isAnyDeleted = true;
            for (const rowId of deleted) {
                const outcome = rows.get(rowId);
                if (outcome !== undefined) {
                    context.addOutcome(outcome);
                }
            }
            done += deleted.length;
            report();
        });
    }
}
