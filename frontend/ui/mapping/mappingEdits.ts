/**
 * Pure edits of the stored mapping, one per control of the mapping panel. Each returns a new
 * mapping and leaves the one it was given unchanged.
 */
import {refreshAllColumns} from '../../settings/mapping/refreshColumns';
import type {
    StoredFieldMapping,
    StoredMapping,
    StoredTableMapping,
} from '../../settings/mapping/storedMapping';
import type {AirtableFieldId, AirtableTableId, LogicalName} from '../../sync/ids';
import type {ColumnSpec, EntityRef, MatchKey} from '../../sync/mapping';

/** Returns the mapping with the entry of one Dynamics table replaced by `update(entry)`. */
export function updateTableMapping(
    mapping: StoredMapping,
    entity: LogicalName,
    update: (table: StoredTableMapping) => StoredTableMapping,
): StoredMapping {
    return {
        ...mapping,
        tables: mapping.tables.map(table =>
            table.entity.logicalName === entity ? update(table) : table,
        ),
    };
}

/** Returns a new, disabled entry for a Dynamics table that has none yet. */
export function createTableMapping(entity: EntityRef): StoredTableMapping {
    return {
        entity,
        isEnabled: false,
        airtableTableId: null,
        dynamicsIdFieldId: null,
        syncStateFieldId: null,
        fields: [],
        matchKeys: [],
    };
}

/** Adds an entry for the table at the end, unless the mapping lists it already. */
export function addTableMapping(mapping: StoredMapping, entity: EntityRef): StoredMapping {
    const isListed = mapping.tables.some(table => table.entity.logicalName === entity.logicalName);
    return isListed
        ? mapping
        : {...mapping, tables: [...mapping.tables, createTableMapping(entity)]};
}

/**
 * Points the entry at another Airtable table. Field ids belong to one table, so the field
 * mappings and bookkeeping fields are cleared, and the match keys, which name columns, are kept.
 */
export function withAirtableTable(
    table: StoredTableMapping,
    airtableTableId: AirtableTableId | null,
): StoredTableMapping {
    if (table.airtableTableId === airtableTableId) {
        return table;
    }
    return {
        ...table,
        airtableTableId,
        dynamicsIdFieldId: null,
        syncStateFieldId: null,
        fields: [],
    };
}

/** Maps the column to the field, replacing any earlier field of the column. */
export function withFieldMapping(
    table: StoredTableMapping,
    mapping: StoredFieldMapping,
): StoredTableMapping {
    const others = table.fields.filter(
        field => field.column.logicalName !== mapping.column.logicalName,
    );
    return {...table, fields: [...others, mapping]};
}

/** Stops syncing the column. */
export function withoutFieldMapping(
    table: StoredTableMapping,
    column: LogicalName,
): StoredTableMapping {
    return {...table, fields: table.fields.filter(field => field.column.logicalName !== column)};
}

/** Sets the bookkeeping fields that hold each row's Dynamics ID and sync state. */
export function withBookkeepingFields(
    table: StoredTableMapping,
    dynamicsIdFieldId: AirtableFieldId,
    syncStateFieldId: AirtableFieldId,
): StoredTableMapping {
    return {...table, dynamicsIdFieldId, syncStateFieldId};
}

/** Replaces the match keys, dropping empty ones, which would match every row. */
export function withMatchKeys(
    table: StoredTableMapping,
    matchKeys: readonly MatchKey[],
): StoredTableMapping {
    return {...table, matchKeys: matchKeys.filter(key => key.length > 0)};
}

/**
 * Replaces the stored copy of each mapped column with the live metadata, keeping the user's
 * option map and a lookup's mapped targets. Returns the same mapping when no copy differs, so
 * callers can tell whether to save.
 */
export function withLiveColumns(
    mapping: StoredMapping,
    liveColumns: ReadonlyMap<LogicalName, readonly ColumnSpec[]>,
): StoredMapping {
    return refreshAllColumns(mapping, liveColumns);
}
