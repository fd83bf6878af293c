/**
 * Finds the deletes a run would make and builds their preview.
 *
 * A record in Dynamics with no row, created at or before the table's watermark, had a row that was
 * deleted in Airtable. Its delete in Dynamics is planned with its cascade. If it changed in
 * Dynamics after the watermark, it is kept instead and its row comes back. The watermark covers
 * the changes the last run made itself (see `run/watermarks.ts`), so those do not keep a record.
 *
 * A row with a Dynamics ID, not waiting for its create, whose record is missing from the complete
 * read, or was removed according to a delta read, lost its record in Dynamics. The row's delete is
 * planned, with the fields edited in Airtable since the last sync that it would lose.
 */
import type {AirtableTableId, Guid} from '../ids';
import type {TableMapping} from '../mapping';
import {wasCreatedBefore, wasModifiedAfter} from '../plan/planTable';
import {getRecordName, getRowName} from '../plan/recordNames';
import type {RecordRef} from '../plan/types';
import type {CascadeDeleteRule} from '../ports';
import type {TableSnapshot} from '../run/readTable';
import {CascadeGraph, type CascadeEffects} from './cascade';
import type {CascadeNode, CascadeReferences} from './cascadeReferences';
import {
    describeCascade,
    describeRestriction,
    describeUncheckedCascade,
    getUncheckedDetailIfExists,
} from './deleteMessages';
import {MAX_CASCADE_LEVELS} from './readCascadeReferences';
import {getRowDynamicsIdIfExists, isPendingCreate, readRowDynamicsIds} from './rowIds';
import {getUnsyncedFieldNames} from './unsyncedChanges';
import type {
    BlockedDelete,
    DeletePreview,
    DeletePreviewTable,
    PlannedDynamicsDelete,
    PlannedRowDelete,
} from './types';

export interface DynamicsDeleteStep extends PlannedDynamicsDelete {
    /** The record's version as read, sent as `If-Match` so a changed record is not deleted. */
    readonly version: string | null;
}

export interface TableDeletePlan {
    readonly table: TableMapping;
    readonly dynamicsDeletes: readonly DynamicsDeleteStep[];
    readonly airtableDeletes: readonly PlannedRowDelete[];
    readonly blockedDeletes: readonly BlockedDelete[];
    /** Records whose rows were deleted in Airtable but which changed in Dynamics since. */
    readonly changedAfterDelete: readonly RecordRef[];
}

export interface DeletePlan {
    readonly tables: readonly TableDeletePlan[];
    readonly preview: DeletePreview;
}

export interface DeletePlanInput {
    readonly snapshots: readonly TableSnapshot[];
    readonly rules: readonly CascadeDeleteRule[];
    /**
     * The rows Dynamics returned that the snapshots cannot show (see
     * `readCascadeReferencesAsync`). Without it, a delete that any rule leads out of the mapped
     * tables is blocked, because its preview would be incomplete.
     */
    readonly references?: CascadeReferences;
    readonly getWatermark: (tableId: AirtableTableId) => string | null;
}

export function planDeletes(input: DeletePlanInput): DeletePlan {
    // Built only for a record to delete, because indexing every row and record takes a while.
    let graph: CascadeGraph | null = null;
    const getGraph = () =>
        (graph ??= new CascadeGraph(input.snapshots, input.rules, input.references));
    const tables = input.snapshots.map(snapshot =>
        planTableDeletes(snapshot, getGraph, input.getWatermark(snapshot.table.table.id)),
    );
    return {tables, preview: buildPreview(tables)};
}

function planTableDeletes(
    snapshot: TableSnapshot,
    getGraph: () => CascadeGraph,
    watermark: string | null,
): TableDeletePlan {
    const {table} = snapshot;
    const rowIds = readRowDynamicsIds(snapshot);
    const dynamicsDeletes: DynamicsDeleteStep[] = [];
    const blockedDeletes: BlockedDelete[] = [];
    const changedAfterDelete: RecordRef[] = [];

    for (const record of snapshot.records) {
        if (rowIds.has(record.id) || !wasCreatedBefore(record, watermark)) {
            continue;
        }
        const ref = {
            airtableRecordId: null,
            dynamicsId: record.id,
            name: getRecordName(table, record),
        };
        if (wasModifiedAfter(record, watermark)) {
            changedAfterDelete.push(ref);
            continue;
        }
        const key = getDynamicsDeleteKey(table, record.id);
        const effects = getGraph().collect(table.entity.logicalName, record.id);
        const blocked = getBlockedDeleteIfExists(table, key, ref, effects);
        if (blocked !== null) {
            blockedDeletes.push(blocked);
            continue;
        }
        const cascade = {
            deletedRecords: effects.deletedRecords,
            clearedLinks: effects.clearedLinks,
            description: describeCascade(effects),
        };
        dynamicsDeletes.push({key, ref, cascade, version: record.version});
    }

    return {
        table,
        dynamicsDeletes,
        airtableDeletes: planRowDeletes(snapshot),
        blockedDeletes,
        changedAfterDelete,
    };
}

/** Blocks a delete that a Restrict relationship rejects or whose preview would be incomplete. */
function getBlockedDeleteIfExists(
    table: TableMapping,
    key: string,
    ref: RecordRef,
    effects: CascadeEffects,
): BlockedDelete | null {
    if (effects.restrictingChildren.length > 0) {
        return {key, ref, reason: describeRestriction(table, ref, effects)};
    }
    if (effects.uncheckedTables.length > 0) {
        return {
            key,
            ref,
            reason: describeUncheckedCascade(table, ref, effects, MAX_CASCADE_LEVELS),
            detail: getUncheckedDetailIfExists(effects),
        };
    }
    return null;
}

function planRowDeletes(snapshot: TableSnapshot): PlannedRowDelete[] {
    const recordIds = new Set<Guid>(snapshot.records.map(record => record.id));
    for (const id of snapshot.unchangedIds ?? []) {
        recordIds.add(id);
    }
    const deletes: PlannedRowDelete[] = [];
    for (const row of snapshot.rows) {
        const id = getRowDynamicsIdIfExists(snapshot, row);
        if (id === null || recordIds.has(id) || isPendingCreate(snapshot, row)) {
            continue;
        }
        deletes.push({
            key: `airtable:${snapshot.table.table.id}:${row.id}`,
            ref: {airtableRecordId: row.id, dynamicsId: id, name: getRowName(snapshot.table, row)},
            unsyncedFieldNames: getUnsyncedFieldNames(snapshot.table, row),
        });
    }
    return deletes;
}

/** Returns the records the plan deletes in Dynamics, where a cascade preview starts. */
export function getDynamicsDeleteRoots(plan: DeletePlan): CascadeNode[] {
    return plan.tables.flatMap(({table, dynamicsDeletes}) =>
        dynamicsDeletes.flatMap(step =>
            step.ref.dynamicsId === null
                ? []
                : [{entity: table.entity.logicalName, id: step.ref.dynamicsId}],
        ),
    );
}

export function getDynamicsDeleteKey(table: TableMapping, id: Guid): string {
    return toDynamicsDeleteKey(table.table.id, id);
}

export function toDynamicsDeleteKey(tableId: AirtableTableId, id: Guid): string {
    return `dynamics:${tableId}:${id}`;
}

function buildPreview(tables: readonly TableDeletePlan[]): DeletePreview {
    const previewTables: DeletePreviewTable[] = tables
        .filter(
            plan =>
                plan.dynamicsDeletes.length > 0 ||
                plan.airtableDeletes.length > 0 ||
                plan.blockedDeletes.length > 0,
        )
        .map(plan => ({
            tableId: plan.table.table.id,
            tableName: plan.table.table.name,
            entityDisplayName: plan.table.entity.displayName,
            dynamicsDeletes: plan.dynamicsDeletes.map(({key, ref, cascade}) => ({
                key,
                ref,
                cascade,
            })),
            airtableDeletes: plan.airtableDeletes,
            blockedDeletes: plan.blockedDeletes,
        }));
    const dynamicsDeletes = previewTables.flatMap(table => table.dynamicsDeletes);
    const cascaded = new Set(
        dynamicsDeletes.flatMap(item =>
            item.cascade.deletedRecords.map(record => `${record.tableId}|${record.ref.dynamicsId}`),
        ),
    );
    return {
        tables: previewTables,
        counts: {
            dynamicsDeletes: dynamicsDeletes.length,
            airtableDeletes: previewTables.flatMap(table => table.airtableDeletes).length,
            cascadedRecords: cascaded.size,
            clearedLinks: dynamicsDeletes.flatMap(item => item.cascade.clearedLinks).length,
            blockedDeletes: previewTables.flatMap(table => table.blockedDeletes).length,
        },
    };
}

export function isPlanEmpty(plan: DeletePlan): boolean {
    return plan.tables.every(
        table =>
            table.dynamicsDeletes.length === 0 &&
            table.airtableDeletes.length === 0 &&
            table.blockedDeletes.length === 0 &&
            table.changedAfterDelete.length === 0,
    );
}
