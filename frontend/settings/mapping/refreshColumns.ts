/**
 * Replaces the stored copies of a table's column metadata with the columns just read from
 * Dynamics, so lengths, ranges, option sets and required levels follow the org's
 * customisations. Call it after each read of live metadata, then save the result.
 *
 * @example
 * const {columns} = await catalog.readTableColumnsAsync(entity);
 * const refreshed = refreshColumns(mapping, entity.logicalName, columns);
 * if (refreshed !== mapping) await saveAsync(refreshed);
 */
import type {LogicalName} from '../../sync/ids';
import type {ColumnSpec} from '../../sync/mapping';
import type {StoredMapping, StoredTableMapping} from './storedMapping';
import type {LiveColumns} from './validateMapping';

/**
 * Refreshes the columns of every table in `liveColumns`, as `refreshColumns` does for one. Returns
 * the same object when nothing changed, so callers can tell whether to save.
 */
export function refreshAllColumns(mapping: StoredMapping, liveColumns: LiveColumns): StoredMapping {
    let refreshed = mapping;
    for (const [entityLogicalName, columns] of liveColumns) {
        refreshed = refreshColumns(refreshed, entityLogicalName, columns);
    }
    return refreshed;
}

/**
 * Returns the mapping with the table's columns refreshed, or the same object when nothing changed.
 * A column missing from `liveColumns` keeps its copy, for `validateMapping` to report. The Airtable
 * names of the option map are kept, and a lookup keeps only the targets it had, because each
 * target pairs with the table its link field links to. Keeping them also keeps the form of the
 * lookup's values, `<guid>` or `<table>:<guid>`, in which the rows' baselines are stored.
 */
export function refreshColumns(
    mapping: StoredMapping,
    entityLogicalName: LogicalName,
    liveColumns: readonly ColumnSpec[],
): StoredMapping {
    const live = new Map(liveColumns.map(column => [column.logicalName, column]));
    let hasChanged = false;
    const tables = mapping.tables.map((entry): StoredTableMapping => {
        if (entry.entity.logicalName !== entityLogicalName) {
            return entry;
        }
        const fields = entry.fields.map(field => {
            const liveColumn = live.get(field.column.logicalName);
            const column =
                liveColumn === undefined ? field.column : mergeColumn(field.column, liveColumn);
            if (toCanonicalJson(column) === toCanonicalJson(field.column)) {
                return field;
            }
            hasChanged = true;
            return {...field, column};
        });
        return {...entry, fields};
    });
    return hasChanged ? {...mapping, tables} : mapping;
}

function mergeColumn(stored: ColumnSpec, live: ColumnSpec): ColumnSpec {
    const merged: ColumnSpec =
        stored.optionMap === undefined ? live : {...live, optionMap: stored.optionMap};
    if (live.type !== 'lookup' || stored.targets === undefined) {
        return merged;
    }
    const keptNames = new Set(stored.targets.map(target => target.logicalName));
    const targets = (live.targets ?? []).filter(target => keptNames.has(target.logicalName));
    return {...merged, targets};
}

/** Returns JSON with every object's keys sorted, so equal values give equal text. */
function toCanonicalJson(value: unknown): string {
    return JSON.stringify(value, (_key, nested: unknown) =>
        typeof nested === 'object' && nested !== null && !Array.isArray(nested)
            ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => a.localeCompare(b)))
            : nested,
    );
}
