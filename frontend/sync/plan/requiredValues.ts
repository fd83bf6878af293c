/**
 * Checks a row before its values go to Dynamics. Dataverse accepts a create or an update that
 * leaves an ApplicationRequired column empty, and it creates a blank record from a blank row, so
 * the engine stops both itself.
 */
import {readAirtableValue} from '../convert';
import {getValueMappings, isLookupMapping} from '../links/linkGroups';
import {isLookupBinding} from '../lookupValues';
import type {FieldMapping, TableMapping} from '../mapping';
import type {AirtableCells} from '../ports';
import {isEmptyValue} from '../values';
import type {DynamicsValues} from './types';

/**
 * Returns whether every mapped field of the row is empty, the way Clean up counts it: a cell the
 * engine cannot read counts as filled, and so does a checked checkbox.
 */
export function areMappedCellsEmpty(table: TableMapping, cells: AirtableCells): boolean {
    if (table.fields.length === 0) {
        return false;
    }
    const areValuesEmpty = getValueMappings(table).every(mapping => {
        const value = readAirtableValue(mapping, cells[mapping.field.id]);
        return value.ok && isEmptyValue(value.value);
    });
    const areLinksEmpty = table.fields
        .filter(isLookupMapping)
        .every(mapping => isLinkCellEmpty(cells[mapping.field.id]));
    return areValuesEmpty && areLinksEmpty;
}

function isLinkCellEmpty(cell: unknown): boolean {
    return cell === null || cell === undefined || (Array.isArray(cell) && cell.length === 0);
}

/**
 * Returns the first required column that a create leaves empty, or null. Only columns the create
 * may send are checked, because filling in a field that only receives values from Dynamics cannot
 * help.
 * NOTE: required lookup columns are not checked, because a lookup in a cycle is set only in the
 * second pass, after the create.
 */
export function getMissingOnCreateIfExists(
    table: TableMapping,
    values: DynamicsValues,
): FieldMapping | null {
    const missing = getValueMappings(table).find(
        mapping =>
            mapping.column.isRequired === true &&
            mapping.direction !== 'toAirtable' &&
            mapping.column.isValidForCreate &&
            isDynamicsValueEmpty(values[mapping.column.logicalName]),
    );
    return missing ?? null;
}

/** Returns the first required column that an update would clear, or null. */
export function getClearedOnUpdateIfExists(
    table: TableMapping,
    values: DynamicsValues,
): FieldMapping | null {
    const cleared = table.fields.find(
        mapping =>
            mapping.column.isRequired === true &&
            mapping.column.logicalName in values &&
            isDynamicsValueEmpty(values[mapping.column.logicalName]),
    );
    return cleared ?? null;
}

/** Returns whether a value leaves a column empty: null, blank text, or a cleared lookup. */
function isDynamicsValueEmpty(value: DynamicsValues[string] | undefined): boolean {
    if (value === undefined || value === null) {
        return true;
    }
    if (isLookupBinding(value)) {
        return value.id === null;
    }
    return typeof value === 'string' && value.trim() === '';
}
