/**
 * Builds the run preview from the planned deletes and the planned values of every table, the
 * lookups left to the second pass included.
 */
import {assertNever} from '../assertNever';
import type {DeletePlan, TableDeletePlan} from '../deletes/planDeletes';
import {getDynamicsIdIfValid} from '../dynamicsIdCell';
import type {AirtableRecordId, AirtableTableId, Guid} from '../ids';
import type {TableMapping} from '../mapping';
import {getRecordName, getRowName} from '../plan/recordNames';
import type {PlanStep, TablePlan} from '../plan/types';
import type {AirtableRow, DataverseRecord} from '../ports';
import type {TableSnapshot} from '../run/readTable';
import {isLookupMapping} from '../links/linkGroups';
import {describeValue, type CanonicalValue} from '../values';
import {getApprovalReasons, type ApprovalSettings} from './approvalRules';
import {describeFieldChanges, type FieldChanges} from './fieldChanges';
import type {RunValuesPlan} from './planRunValues';
import {TableWrites} from './tableWrites';
import type {FieldChange, PreviewConflict, PreviewDelete, RunPreview, TablePreview} from './types';
import type {PreviewNames} from './valueText';

type UpdateStep = Extract<PlanStep, {kind: 'update'}>;

export interface RunPreviewInput {
    /** The snapshots as read, before any delete. */
    readonly snapshots: readonly TableSnapshot[];
    readonly deletePlan: DeletePlan;
    readonly values: RunValuesPlan;
    readonly settings: ApprovalSettings;
    readonly getLastSyncedAt: (tableId: AirtableTableId) => string | null;
}

export function buildRunPreview(input: RunPreviewInput): RunPreview {
    const names = collectNames(input.snapshots, input.values);
    const tables = input.snapshots.map((snapshot, position) => {
        const tableId = snapshot.table.table.id;
        const deletePlan = input.deletePlan.tables.find(plan => plan.table.table.id === tableId);
        const valueSnapshot = input.values.snapshots[position] ?? snapshot;
        const plan = input.values.plans[position] ?? {table: snapshot.table, steps: []};
        const secondPass = input.values.secondPassPlans[position] ?? null;
        return buildTablePreview({
            snapshot,
            valueSnapshot,
            plans: secondPass === null ? [plan] : [plan, secondPass],
            deletePlan: deletePlan ?? null,
            cascadedRows: getCascadedRowDeletes(input.deletePlan, tableId),
            isFirstSync: input.getLastSyncedAt(tableId) === null,
            names,
        });
    });
    return {
        tables,
        deletes: input.deletePlan.preview,
        reasons: getApprovalReasons(tables, input.settings),
    };
}

interface TablePreviewInput {
    readonly snapshot: TableSnapshot;
    readonly valueSnapshot: TableSnapshot;
    /** The plan of the first pass, then the plan of the second pass when the table has one. */
    readonly plans: readonly TablePlan[];
    readonly deletePlan: TableDeletePlan | null;
    readonly cascadedRows: readonly PreviewDelete[];
    readonly isFirstSync: boolean;
    readonly names: PreviewNames;
}

function buildTablePreview(input: TablePreviewInput): TablePreview {
    const {table} = input.snapshot;
    const writes = new TableWrites();
    // Indexed only for a table with updates, since a resync leaves most tables without any.
    let lookup: SnapshotLookup | null = null;
    const getLookup = () => (lookup ??= indexSnapshot(input.valueSnapshot));

    for (const plan of input.plans) {
        for (const step of plan.steps) {
            switch (step.kind) {
                case 'createRow':
                    writes.addCreate('airtable', step.ref);
                    break;
                case 'createRecord':
                    writes.addCreate('dynamics', step.ref);
                    break;
                case 'update': {
                    const {rowsById, recordsById} = getLookup();
                    const changes = describeFieldChanges(table, step, {
                        row: rowsById.get(step.ref.airtableRecordId) ?? null,
                        record: recordsById.get(step.ref.dynamicsId) ?? null,
                        names: input.names,
                    });
                    addUpdate(writes, plan, step, changes, input.names);
                    break;
                }
                case 'fail':
                    writes.addFailure({ref: step.ref, message: step.failure.message});
                    break;
                case 'unchanged':
                case 'skip':
                    break;
                default:
                    assertNever(step);
            }
        }
    }

    const deletePlan = input.deletePlan;
    return {
        tableId: table.table.id,
        tableName: table.table.name,
        entityDisplayName: table.entity.displayName,
        isFirstSync: input.isFirstSync,
        rowCount: input.snapshot.rows.length,
        recordCount: input.snapshot.records.length,
        airtable: writes.getSide('airtable', [...getRowDeletes(deletePlan), ...input.cascadedRows]),
        dynamics: writes.getSide(
            'dynamics',
            deletePlan?.dynamicsDeletes.map(({key, ref, cascade}) => ({
                key,
                ref,
                cascade,
                unsyncedFieldNames: [],
            })) ?? [],
        ),
        conflicts: writes.conflicts,
        failures: writes.getFailures(),
        blockedDeletes: deletePlan?.blockedDeletes ?? [],
    };
}

interface SnapshotLookup {
    readonly rowsById: ReadonlyMap<AirtableRecordId, AirtableRow>;
    readonly recordsById: ReadonlyMap<Guid, DataverseRecord>;
}

function indexSnapshot(snapshot: TableSnapshot): SnapshotLookup {
    const rowsById = new Map<AirtableRecordId, AirtableRow>();
    for (const row of snapshot.rows) {
        rowsById.set(row.id, row);
    }
    const recordsById = new Map<Guid, DataverseRecord>();
    for (const record of snapshot.records) {
        recordsById.set(record.id, record);
    }
    return {rowsById, recordsById};
}

/** Lists an update on each side it writes to, with its conflicts. */
function addUpdate(
    writes: TableWrites,
    plan: TablePlan,
    step: UpdateStep,
    changes: FieldChanges,
    names: PreviewNames,
): void {
    const isMatched = plan.matchedRowIds?.has(step.ref.airtableRecordId) ?? false;
    if (step.pulledFields.length > 0 || isMatched) {
        const link = isMatched ? [describeMatch(step.ref.dynamicsId)] : [];
        writes.addUpdate('airtable', step.ref, [...link, ...changes.airtable]);
    }
    if (step.dynamicsValues !== null) {
        writes.addUpdate('dynamics', step.ref, changes.dynamics);
    }
    writes.conflicts.push(...toConflicts(plan.table, step, names));
}

/** Describes the change a match key makes to a row: it gets the Dynamics ID of its record. */
function describeMatch(dynamicsId: string): FieldChange {
    return {fieldName: 'Dynamics ID', oldValue: '(empty)', newValue: dynamicsId};
}

function toConflicts(
    table: TableMapping,
    step: UpdateStep,
    names: PreviewNames,
): PreviewConflict[] {
    return step.conflicts.map(conflict => {
        const isLookup = table.fields.some(
            mapping =>
                mapping.column.logicalName === conflict.logicalName && isLookupMapping(mapping),
        );
        const describe = (value: CanonicalValue) =>
            isLookup ? describeLinkValue(value, names) : describeValue(value);
        return {
            ref: step.ref,
            fieldName: conflict.fieldName,
            airtableValue: describe(conflict.airtableValue),
            dynamicsValue: describe(conflict.dynamicsValue),
            winner: conflict.kept,
        };
    });
}

/**
 * Names the record a lookup's canonical value points at (`<guid>` or `<table>:<guid>`), so a
 * conflict on a link reads like the link's field changes, by name.
 */
function describeLinkValue(value: CanonicalValue, names: PreviewNames): string {
    if (typeof value !== 'string' || value === '') {
        return describeValue(value);
    }
    const id = value.slice(value.indexOf(':') + 1);
    return names.getName(id) ?? describeValue(value);
}

function getRowDeletes(plan: TableDeletePlan | null): PreviewDelete[] {
    return (plan?.airtableDeletes ?? []).map(({key, ref, unsyncedFieldNames}) => ({
        key,
        ref,
        cascade: null,
        unsyncedFieldNames: unsyncedFieldNames ?? [],
    }));
}

/**
 * Returns the rows of the table that the Dynamics deletes of the run take with them, once each.
 * The records behind them go in Dynamics through the cascade, so only the rows count as writes.
 */
function getCascadedRowDeletes(plan: DeletePlan, tableId: AirtableTableId): PreviewDelete[] {
    const roots = new Set(
        plan.tables
            .filter(tablePlan => tablePlan.table.table.id === tableId)
            .flatMap(tablePlan => tablePlan.dynamicsDeletes.map(step => step.ref.dynamicsId)),
    );
    const seen = new Set<string>();
    const deletes: PreviewDelete[] = [];
    for (const step of plan.tables.flatMap(tablePlan => tablePlan.dynamicsDeletes)) {
        for (const record of step.cascade.deletedRecords) {
            const rowId = record.ref.airtableRecordId;
            if (record.tableId !== tableId || rowId === null || seen.has(rowId)) {
                continue;
            }
            if (record.ref.dynamicsId !== null && roots.has(record.ref.dynamicsId)) {
                continue;
            }
            seen.add(rowId);
            deletes.push({key: null, ref: record.ref, cascade: null, unsyncedFieldNames: []});
        }
    }
    return deletes;
}

/**
 * Returns the names of every row and record read, and of the rows the run creates. A row's name
 * is also its record's name, because a delta read leaves out records unchanged since the last
 * sync and a link may still point at one. The index is built on the first lookup, because only
 * changed links need names and most runs change none.
 */
function collectNames(snapshots: readonly TableSnapshot[], values: RunValuesPlan): PreviewNames {
    let byId: Map<string, string> | null = null;
    const buildIndex = (): Map<string, string> => {
        const index = new Map<string, string>();
        for (const {table, rows, records} of snapshots) {
            addNames(index, table, rows, records);
        }
        for (const [id, name] of values.placeholderNames) {
            index.set(id, name);
        }
        for (const plan of values.plans) {
            for (const step of plan.steps) {
                if (step.kind === 'createRecord') {
                    index.set(step.ref.dynamicsId, step.ref.name);
                }
            }
        }
        return index;
    };
    return {
        getName: id => {
            byId ??= buildIndex();
            return byId.get(id) ?? null;
        },
    };
}

function addNames(
    byId: Map<string, string>,
    table: TableMapping,
    rows: TableSnapshot['rows'],
    records: TableSnapshot['records'],
): void {
    for (const row of rows) {
        const name = getRowName(table, row);
        byId.set(row.id, name);
        const id = getDynamicsIdIfValid(row.cells, table.dynamicsIdFieldId);
        if (id !== null) {
            byId.set(id, name);
        }
    }
    for (const record of records) {
        byId.set(record.id, getRecordName(table, record));
    }
}
