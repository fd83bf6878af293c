/**
 * Plans the value sync of every table before anything is written, as if every planned delete were
 * approved. Tables are planned parents first, like the run applies them. A row the plan creates in
 * Airtable has no id yet, so it gets a placeholder id, and its children's links plan against it.
 * The lookups left to the second pass are then planned against the index of every table.
 */
import {airtableRecordId, type AirtableRecordId, type AirtableTableId, type Guid} from '../ids';
import {getLinkGroups, type LinkGroup, type TableDirectory} from '../links/linkGroups';
import {LinkIndex} from '../links/linkIndex';
import {addEmptyDeferredBaselines, planDeferredLinks} from '../links/planDeferredLinks';
import type {TableOrder} from '../links/tableOrder';
import type {ConflictPolicy, TableMapping} from '../mapping';
import {planTable} from '../plan/planTable';
import type {PlanStep, TablePlan} from '../plan/types';
import type {AirtableRow, DataverseRecord} from '../ports';
import type {TableSnapshot} from '../run/readTable';
import type {DeletePlan} from '../deletes/planDeletes';

export interface RunValuesInput {
    readonly snapshots: readonly TableSnapshot[];
    readonly deletePlan: DeletePlan;
    readonly order: TableOrder;
    readonly directory: TableDirectory;
    readonly conflictPolicy: ConflictPolicy;
    readonly newGuid: () => Guid;
    readonly getLastSyncedAt: (tableId: AirtableTableId) => string | null;
}

export interface RunValuesPlan {
    /** One plan per table, in the order of the snapshots. */
    readonly plans: readonly TablePlan[];
    /**
     * One plan of the second pass per table, in the order of the snapshots, or null for a table
     * without lookups left to that pass.
     */
    readonly secondPassPlans: ReadonlyArray<TablePlan | null>;
    /** The snapshots as the approved deletes leave them. */
    readonly snapshots: readonly TableSnapshot[];
    /** The name of each row the plan creates, by its placeholder id. */
    readonly placeholderNames: ReadonlyMap<AirtableRecordId, string>;
    /** The link index after the last table, with placeholder ids for the rows still to create. */
    readonly index: LinkIndex;
}

/**
 * The prefix of placeholder ids. They stay in the preview's link index and never reach a write,
 * and the prefix keeps them apart from Airtable's own record ids, which start with `rec`.
 */
const PLACEHOLDER_PREFIX = 'plannedRow';

export function planRunValues(input: RunValuesInput): RunValuesPlan {
    const index = new LinkIndex();
    const placeholderNames = new Map<AirtableRecordId, string>();
    const removedRowIds = collectRemovedRowIds(input.deletePlan);
    const snapshots = input.snapshots.map(snapshot =>
        withoutDeleted(snapshot, input.deletePlan, removedRowIds),
    );
    markRowsDeletedInAirtable(index, input.deletePlan);

    const plans: TablePlan[] = [];
    for (const snapshot of snapshots) {
        const {table} = snapshot;
        const deferred = input.order.deferredColumns.get(table.table.id) ?? new Set<string>();
        const links = {
            index,
            groups: getLinkGroups(table, input.directory),
            isPlanned: (group: LinkGroup) => !deferred.has(group.column),
        };
        const planned = planTable({
            table,
            rows: snapshot.rows,
            records: snapshot.records,
            conflictPolicy: input.conflictPolicy,
            newGuid: input.newGuid,
            lastSyncedAt: input.getLastSyncedAt(table.table.id),
            links,
            restoreRecordIds: getRestoredIds(input.deletePlan, table.table.id),
            unchangedRecordIds: snapshot.unchangedIds,
        });
        const plan = addEmptyDeferredBaselines(planned, snapshot, links);
        const recordIds = new Set(snapshot.records.map(record => record.id));
        for (const id of snapshot.unchangedIds ?? []) {
            recordIds.add(id);
        }
        for (const step of plan.steps) {
            addToIndex(index, table.table.id, step, recordIds, placeholderNames);
        }
        plans.push(plan);
    }
    const secondPassPlans = snapshots.map(snapshot => planSecondPass(input, snapshot, index));
    return {plans, secondPassPlans, snapshots, placeholderNames, index};
}

/**
 * Plans the table's lookups left to the second pass from the snapshot the first pass planned
 * from. Returns null for a table without such lookups. Only pairs that exist already get a step,
 * because a row or record the run creates has no Dynamics ID in that snapshot. The preview shows
 * such a pair as its create.
 */
function planSecondPass(
    input: RunValuesInput,
    snapshot: TableSnapshot,
    index: LinkIndex,
): TablePlan | null {
    const {table} = snapshot;
    const deferred = input.order.deferredColumns.get(table.table.id);
    if (deferred === undefined || deferred.size === 0) {
        return null;
    }
    return planDeferredLinks({
        table,
        rows: snapshot.rows,
        records: snapshot.records,
        conflictPolicy: input.conflictPolicy,
        links: {
            index,
            groups: getLinkGroups(table, input.directory),
            isPlanned: (group: LinkGroup) => deferred.has(group.column),
        },
        unchangedRecordIds: snapshot.unchangedIds,
    });
}

/**
 * Adds a step's pair to the index the way the run adds an applied step's outcome, with a
 * placeholder id for a row still to be created.
 */
function addToIndex(
    index: LinkIndex,
    tableId: AirtableTableId,
    step: PlanStep,
    recordIds: ReadonlySet<Guid>,
    placeholderNames: Map<AirtableRecordId, string>,
): void {
    const {airtableRecordId: rowId, dynamicsId} = step.ref;
    if (step.kind === 'createRow' && dynamicsId !== null) {
        const placeholder = airtableRecordId(`${PLACEHOLDER_PREFIX}${placeholderNames.size + 1}`);
        placeholderNames.set(placeholder, step.ref.name);
        index.addPair(tableId, placeholder, dynamicsId);
        return;
    }
    if (rowId === null) {
        return;
    }
    const isPaired =
        step.kind === 'createRecord' ||
        step.kind === 'update' ||
        step.kind === 'unchanged' ||
        (step.kind === 'fail' && dynamicsId !== null && recordIds.has(dynamicsId));
    if (isPaired && dynamicsId !== null) {
        index.addPair(tableId, rowId, dynamicsId);
    } else {
        index.markRowFailed(tableId, rowId);
    }
}

/**
 * Leaves out the rows and records the planned deletes remove or keep out of the value sync.
 * `removedRowIds` are the rows every table loses, from `collectRemovedRowIds`.
 */
function withoutDeleted(
    snapshot: TableSnapshot,
    plan: DeletePlan,
    removedRowIds: ReadonlyMap<string, ReadonlySet<string>>,
): TableSnapshot {
    const tableId = snapshot.table.table.id;
    const removedRecordIds = new Set<string>();
    for (const tablePlan of plan.tables) {
        const isThisTable = tablePlan.table.table.id === tableId;
        for (const step of tablePlan.dynamicsDeletes) {
            if (isThisTable && step.ref.dynamicsId !== null) {
                removedRecordIds.add(step.ref.dynamicsId);
            }
            for (const record of step.cascade.deletedRecords) {
                if (record.tableId === tableId && record.ref.dynamicsId !== null) {
                    removedRecordIds.add(record.ref.dynamicsId);
                }
            }
        }
        if (!isThisTable) {
            continue;
        }
        for (const blocked of tablePlan.blockedDeletes) {
            if (blocked.ref.dynamicsId !== null) {
                removedRecordIds.add(blocked.ref.dynamicsId);
            }
        }
    }
    return {
        ...snapshot,
        rows: withoutLinksToRemovedRows(
            snapshot.table,
            snapshot.rows.filter(row => removedRowIds.get(tableId)?.has(row.id) !== true),
            removedRowIds,
        ),
        records: withoutClearedLookups(
            tableId,
            snapshot.records.filter(record => !removedRecordIds.has(record.id)),
            plan,
        ),
    };
}

/** Returns the rows each table loses to the planned deletes, cascades included. */
function collectRemovedRowIds(plan: DeletePlan): Map<string, Set<string>> {
    const removed = new Map<string, Set<string>>();
    const add = (tableId: string | null, rowId: string | null) => {
        if (tableId === null || rowId === null) {
            return;
        }
        const rowIds = removed.get(tableId) ?? new Set<string>();
        rowIds.add(rowId);
        removed.set(tableId, rowIds);
    };
    for (const tablePlan of plan.tables) {
        for (const step of tablePlan.airtableDeletes) {
            add(tablePlan.table.table.id, step.ref.airtableRecordId);
        }
        for (const step of tablePlan.dynamicsDeletes) {
            for (const record of step.cascade.deletedRecords) {
                add(record.tableId, record.ref.airtableRecordId);
            }
        }
    }
    return removed;
}

/**
 * Drops the links to rows the deletes remove, because Airtable drops them from every linked-record
 * cell when it deletes the rows. The run reads the tables again after its deletes and finds them
 * gone, so the preview plans as that read will show.
 */
function withoutLinksToRemovedRows(
    table: TableMapping,
    rows: readonly AirtableRow[],
    removedRowIds: ReadonlyMap<string, ReadonlySet<string>>,
): AirtableRow[] {
    const linkFields = table.fields.flatMap(mapping => {
        const linkedTableId = mapping.field.linkedTableId;
        const removed = linkedTableId === undefined ? undefined : removedRowIds.get(linkedTableId);
        return removed === undefined ? [] : [{fieldId: mapping.field.id, removed}];
    });
    if (linkFields.length === 0) {
        return [...rows];
    }
    return rows.map(row => {
        const changed: Record<string, unknown> = {};
        let isChanged = false;
        for (const {fieldId, removed} of linkFields) {
            const cell = row.cells[fieldId];
            if (!Array.isArray(cell)) {
                continue;
            }
            const remainingLinks = (cell as ReadonlyArray<{readonly id?: unknown}>).filter(
                link => typeof link.id !== 'string' || !removed.has(link.id),
            );
            if (remainingLinks.length < cell.length) {
                changed[fieldId] = remainingLinks;
                isChanged = true;
            }
        }
        return isChanged ? {...row, cells: {...row.cells, ...changed}} : row;
    });
}

/**
 * Empties the lookups the deletes' cascades clear in Dynamics, such as the primary contact of an
 * Account whose Contact is deleted, so the preview does not list them as changes of the run.
 */
function withoutClearedLookups(
    tableId: string,
    records: readonly DataverseRecord[],
    plan: DeletePlan,
): DataverseRecord[] {
    const clearedColumns = new Map<string, string[]>();
    for (const tablePlan of plan.tables) {
        for (const step of tablePlan.dynamicsDeletes) {
            for (const link of step.cascade.clearedLinks) {
                if (link.tableId === tableId && link.ref.dynamicsId !== null) {
                    const columns = clearedColumns.get(link.ref.dynamicsId) ?? [];
                    columns.push(link.column);
                    clearedColumns.set(link.ref.dynamicsId, columns);
                }
            }
        }
    }
    if (clearedColumns.size === 0) {
        return [...records];
    }
    return records.map(record => {
        const columns = clearedColumns.get(record.id);
        if (columns === undefined) {
            return record;
        }
        const values = {...record.values};
        for (const column of columns) {
            values[column] = null;
        }
        return {...record, values};
    });
}

/** Marks the records whose rows were deleted in Airtable and that stay in Dynamics for now. */
function markRowsDeletedInAirtable(index: LinkIndex, plan: DeletePlan): void {
    for (const tablePlan of plan.tables) {
        const tableId = tablePlan.table.table.id;
        const kept = [
            ...tablePlan.blockedDeletes.map(blocked => blocked.ref),
            ...tablePlan.changedAfterDelete,
        ];
        for (const ref of kept) {
            if (ref.dynamicsId !== null) {
                index.markRowDeletedInAirtable(tableId, ref.dynamicsId);
            }
        }
    }
}

function getRestoredIds(plan: DeletePlan, tableId: AirtableTableId): ReadonlySet<Guid> {
    const tablePlan = plan.tables.find(candidate => candidate.table.table.id === tableId);
    const ids = (tablePlan?.changedAfterDelete ?? []).flatMap(ref =>
        ref.dynamicsId === null ? [] : [ref.dynamicsId],
    );
    return new Set(ids);
}
