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

export interface SortKey {
    readonly attribute: AttributeDefinition;
    readonly direction: 'asc' | 'desc';
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
        return {attribute, direction: key.direction};
    });
    const primaryId = getAttributeIfExists(entity, entity.primaryIdAttribute);
    if (primaryId !== null && !keys.some(key => key.attribute === primaryId)) {
        keys.push({attribute: primaryId, direction: 'asc'});
    }
    return keys;
}

/** Orders two values of one column; null sorts first, as in SQL Server. */
export function compareColumnValues(
    attribute: AttributeDefinition,
    left: FilterValue,
    right: FilterValue,
): number {
    if (left === null && right === null) {
        return 0;
    }
    if (left === null) {
        return -1;
    }
    if (right === null) {
        return 1;
    }
    if (typeof left === 'number' && typeof right === 'number') {
        return left - right;
    }
    if (typeof left === 'boolean' && typeof right === 'boolean') {
        return Number(left) - Number(right);
    }
    const edmType = edmTypeOf(attribute);
    if (edmType === 'Edm.Guid') {
        return compareGuids(String(left), String(right));
    }
    if (edmType === 'Edm.DateTimeOffset' || edmType === 'Edm.Date') {
        return String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0;
    }
    return compareText(String(left), String(right));
}

/** Returns the values of the sort keys for a row, in key order. */
export function sortValuesOf(keys: readonly SortKey[], row: Row): FilterValue[] {
    return keys.map(key => comparableValue(row[key.attribute.logicalName]));
}

/** Orders a row against sort-key values taken from another row. */
export function compareToSortValues(
    keys: readonly SortKey[],
    row: Row,
    values: readonly FilterValue[],
): number {
    for (const [index, key] of keys.entries()) {
        const order = compareColumnValues(
            key.attribute,
            comparableValue(row[key.attribute.logicalName]),
            values[index] ?? null,
        );
        if (order !== 0) {
            return key.direction === 'asc' ? order : -order;
        }
    }
    return 0;
}

export function sortRows(keys: readonly SortKey[], rows: readonly Row[]): Row[] {
    return [...rows].sort((a, b) => compareToSortValues(keys, a, sortValuesOf(keys, b)));
}
