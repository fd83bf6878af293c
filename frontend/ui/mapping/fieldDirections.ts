/**
 * The directions the values of one column and one Airtable field may travel in. A column that
 * Dynamics lets no one create or update is read-only there, and a field that Airtable computes
 * is read-only here, so each of them syncs one way only.
 */
import {getCompatibleFieldTypes} from '../../sync/convert';
import type {ColumnSpec, SyncDirection} from '../../sync/mapping';

export const DIRECTION_LABELS: Readonly<Record<SyncDirection, string>> = {
    both: 'Both ways',
    toAirtable: 'Dynamics → Airtable only',
    toDynamics: 'Airtable → Dynamics only',
};

const ALL_DIRECTIONS: readonly SyncDirection[] = ['both', 'toAirtable', 'toDynamics'];

/** Returns whether the sync may write the column in Dynamics. */
export function isColumnWritable(column: ColumnSpec): boolean {
    return column.isValidForCreate || column.isValidForUpdate;
}

/**
 * Returns the directions the column and a field of the type allow, `both` first. A field type the
 * engine does not convert, such as an attachment, allows none.
 */
export function getAllowedDirections(column: ColumnSpec, fieldType: string): SyncDirection[] {
    return ALL_DIRECTIONS.filter(direction => {
        if (direction !== 'toAirtable' && !isColumnWritable(column)) {
            return false;
        }
        const types: readonly string[] = getCompatibleFieldTypes(column.type, direction);
        return types.includes(fieldType);
    });
}

/** Returns whether an existing field of the type can sync with the column in some direction. */
export function canMapFieldType(column: ColumnSpec, fieldType: string): boolean {
    return getAllowedDirections(column, fieldType).length > 0;
}
