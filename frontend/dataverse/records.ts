/**
 * Turns rows as the Web API returns them into the engine's `DataverseRecord`s: the primary id as a
 * GUID, the ETag as the version, and each lookup as a LookupReference under its column's name.
 */
import {getLookupColumnIfExists} from '../sync/lookupValues';
import {logicalName, parseGuidIfValid} from '../sync/ids';
import type {EntityRef} from '../sync/mapping';
import type {DataverseRecord, LookupReference} from '../sync/ports';
import {createBadResponseError} from './errors';
import type {JsonObject} from './json';
import {
    ASSOCIATED_NAVIGATION_PROPERTY_ANNOTATION,
    getColumnValues,
    getEtagIfExists,
    getLookupLogicalNameIfExists,
    LOOKUP_LOGICAL_NAME_ANNOTATION,
} from './odata';

/** Annotations read with every row: which table a lookup points to and how to bind it. */
export const READ_ANNOTATIONS = [
    LOOKUP_LOGICAL_NAME_ANNOTATION,
    ASSOCIATED_NAVIGATION_PROPERTY_ANNOTATION,
];

/**
 * Keeps the row's values as read and adds, for each requested `_<column>_value`, the lookup under
 * the column's own name as a LookupReference or null.
 */
export function toDataverseRecord(
    entity: EntityRef,
    columns: readonly string[],
    row: JsonObject,
): DataverseRecord {
    const idValue = row[entity.primaryIdAttribute];
    const id = typeof idValue === 'string' ? parseGuidIfValid(idValue) : null;
    if (id === null) {
        throw createBadResponseError(
            {operation: 'read', tableDisplayName: entity.displayName},
            `A row has no valid ${entity.primaryIdAttribute}.`,
        );
    }
    const values = getColumnValues(row);
    for (const property of columns) {
        const lookupColumn = getLookupColumnIfExists(property);
        if (lookupColumn !== null) {
            values[lookupColumn] = readLookupReference(entity, row, property);
        }
    }
    return {id, version: getEtagIfExists(row), values};
}

function readLookupReference(
    entity: EntityRef,
    row: JsonObject,
    property: string,
): LookupReference | null {
    const value = row[property];
    if (value === null || value === undefined) {
        return null;
    }
    const id = typeof value === 'string' ? parseGuidIfValid(value) : null;
    const target = getLookupLogicalNameIfExists(row, property);
    if (id === null || target === null) {
        throw createBadResponseError(
            {operation: 'read', tableDisplayName: entity.displayName},
            `The lookup ${property} came back without a GUID and the table it points to.`,
        );
    }
    return {logicalName: logicalName(target), id};
}
