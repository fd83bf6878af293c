/**
 * Orders rows for `$orderby`. Like Dataverse, the emulator always adds the primary key as the last
 * sort key, so every order is total and paging cookies can resume after a row.
 */
import {getAttributeByWireNameIfExists, getAttributeIfExists} from './entities/registry';
import {
    qualifiedTypeName,
    type AttributeDefinition,
    type EntityDefinition,
    type Row,
} from './entities/types';
import {propertyNotFound} from './errors';
import {compareGuids, compareText} from './odata/collation';
import type {FilterValue} from './odata/evaluate';
import type {OrderByKey} from './odata/orderby';
import {comparableValue, edmTypeOf} from './rowSchema';

type ValueComparator = (left: FilterValue, right: FilterValue) => number;

export interface SortKey {
    readonly attribute: AttributeDefinition;
    readonly direction: 'asc' | 'desc';
    /** Orders two non-null values of the column. */
    readonly compare: ValueComparator;
}

function compareOrdinal(left: FilterValue, right: FilterValue): number {
    if (typeof left === 'number' && typeof right === 'number') {
        return left - right;
    }
    const a = String(left);
    const b = String(right);
    if (a === b) {
        return 0;
    }
    return a < b ? -1 : 1;
}

/** Picks the comparison for a column's type: numbers, SQL GUID order, ISO dates or collated text. */
function comparatorFor(attribute: AttributeDefinition): ValueComparator {
    switch (edmTypeOf(attribute)) {
        case 'Edm.Guid':
            return (left, right) => compareGuids(String(left), String(right));
        case 'Edm.String':
            return (left, right) => compareText(String(left), String(right));
        case 'Edm.Boolean':
            return (left, right) => Number(left) - Number(right);
        default:
            // Numbers compare by value, and ISO 8601 UTC dates in text order are in time order.
            return compareOrdinal;
    }
}

function sortKey(attribute: AttributeDefinition, direction: 'asc' | 'desc'): SortKey {
    return {attribute, direction, compare: comparatorFor(attribute)};
}

export function resolveSortKeys(
    entity: EntityDefinition,
    orderBy: readonly OrderByKey[],
): SortKey[] {
    const keys = orderBy.map(key => {
        const attribute = getAttributeByWireNameIfExists(entity, key.property);
        if (attribute === null) {
            throw propertyNotFound(qualifiedTypeName(entity), key.property);
        }
        return sortKey(attribute, key.direction);
    });
    const primaryId = getAttributeIfExists(entity, entity.primaryIdAttribute);
    if (primaryId !== null && !keys.some(key => key.attribute === primaryId)) {
        keys.push(sortKey(primaryId, 'asc'));
    }
    return keys;
}

/** Returns the values of the sort keys for a row, in key order. */
export function sortValuesOf(keys: readonly SortKey[], row: Row): FilterValue[] {
    return keys.map(key => comparableValue(row[key.attribute.logicalName]));
}

/** Orders null before any value, as SQL Server does; returns null when neither value is null. */
function compareNullsFirst(left: FilterValue, right: FilterValue): number | null {
    if (left !== null && right !== null) {
        return null;
    }
    if (left === right) {
        return 0;
    }
    return left === null ? -1 : 1;
}

/** Orders two lists of sort-key values, each in key order; null sorts first, as in SQL Server. */
function compareSortValues(
    keys: readonly SortKey[],
    left: readonly FilterValue[],
    right: readonly FilterValue[],
): number {
    for (let index = 0; index < keys.length; index += 1) {
        const key = keys[index] as SortKey;
        const a = left[index] ?? null;
        const b = right[index] ?? null;
        const order = compareNullsFirst(a, b) ?? key.compare(a, b);
        if (order !== 0) {
            return key.direction === 'asc' ? order : -order;
        }
    }
    return 0;
}

/** Orders a row against sort-key values taken from another row. */
export function compareToSortValues(
    keys: readonly SortKey[],
    row: Row,
    values: readonly FilterValue[],
): number {
    return compareSortValues(keys, sortValuesOf(keys, row), values);
}

/** Sorts rows, reading each row's sort values once rather than on every comparison. */
export function sortRows(keys: readonly SortKey[], rows: readonly Row[]): Row[] {
    const decorated = rows.map(row => ({row, values: sortValuesOf(keys, row)}));
    decorated.sort((a, b) => compareSortValues(keys, a.values, b.values));
    return decorated.map(item => item.row);
}
