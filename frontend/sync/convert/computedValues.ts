/**
 * Reads the fields whose values Airtable computes: formula, rollup, lookup, count, created time,
 * last modified time and autonumber. These travel to Dynamics only. The cell's shape depends on
 * the formula's result, so it is read by the type of the column it fills: a formula may return text,
 * a number or an array, and a lookup returns one `{linkedRecordId, value}` per linked record.
 */
import {assertNever} from '../assertNever';
import type {FieldMapping} from '../mapping';
import type {CanonicalValue} from '../values';
import {canonicalNumber, canonicalText} from './canonical';
import {findOptionValue, getChoiceName, readChoiceNames} from './choiceValues';
import {formatInstant, getUtcDate, isUtcMidnight, parseDateOnly, parseInstant} from './dates';
import {DATE_EXAMPLE, INSTANT_EXAMPLE} from './dateValues';
import {
    columnLabel,
    converted,
    describeRawValue,
    describeWrongAirtableCell,
    fieldLabel,
    rejected,
    type Conversion,
} from './problems';

type ComputedItem = string | number | boolean;

/** Separates the items of an array result when they fill a text column, as Airtable shows them. */
const TEXT_ITEM_SEPARATOR = ', ';

export function readComputedValue(
    mapping: FieldMapping,
    cell: unknown,
): Conversion<CanonicalValue> {
    const items = listComputedItems(cell);
    if (items === null) {
        return rejected('wrongType', mapping, describeWrongAirtableCell(mapping, cell, 'a value'));
    }

    const columnType = mapping.column.type;
    switch (columnType) {
        case 'string':
        case 'memo':
            return readText(mapping, cell, items);
        case 'integer':
        case 'decimal':
        case 'double':
        case 'money':
            return readSingle(mapping, cell, items, readNumber, 'a number');
        case 'boolean':
            return readBoolean(mapping, cell, items);
        case 'picklist':
            return readSingle(mapping, cell, items, readChoice, 'a choice name');
        case 'multiselectpicklist':
            return readChoices(mapping, cell, items);
        case 'dateonly':
            return readSingle(mapping, cell, items, readDate, DATE_EXAMPLE);
        case 'datetime':
            return readSingle(mapping, cell, items, readDateTime, INSTANT_EXAMPLE);
        case 'lookup':
            return rejected(
                'unsupportedMapping',
                mapping,
                `The ${fieldLabel(mapping)} is a ${mapping.field.type} field, which can't fill ` +
                    `the lookup ${columnLabel(mapping)}. Map the lookup to a linked-record field.`,
            );
        default:
            return assertNever(columnType);
    }
}

/**
 * Flattens a computed cell into its items: lookups unwrap to their values, select choices to their
 * names, nested arrays to their elements, and empty items drop out. Returns null for a shape the
 * sync can't read, such as a formula error.
 */
function listComputedItems(cell: unknown): ComputedItem[] | null {
    if (cell === null || cell === undefined) {
        return [];
    }
    if (typeof cell === 'string' || typeof cell === 'boolean') {
        return [cell];
    }
    if (typeof cell === 'number') {
        return Number.isFinite(cell) ? [cell] : null;
    }
    if (Array.isArray(cell)) {
        return flattenItems(cell.map(listComputedItems));
    }
    if (typeof cell === 'object' && 'linkedRecordId' in cell && 'value' in cell) {
        return listComputedItems(cell.value);
    }
    const name = getChoiceName(cell);
    return name === null ? null : [name];
}

function flattenItems(lists: ReadonlyArray<ComputedItem[] | null>): ComputedItem[] | null {
    const items: ComputedItem[] = [];
    for (const list of lists) {
        if (list === null) {
            return null;
        }
        items.push(...list);
    }
    return items;
}

function readText(
    mapping: FieldMapping,
    cell: unknown,
    items: readonly ComputedItem[],
): Conversion<CanonicalValue> {
    if (items.some(item => typeof item === 'boolean')) {
        return rejected('wrongType', mapping, describeWrongAirtableCell(mapping, cell, 'text'));
    }
    return converted(canonicalText(items.map(String).join(TEXT_ITEM_SEPARATOR)));
}

function readBoolean(
    mapping: FieldMapping,
    cell: unknown,
    items: readonly ComputedItem[],
): Conversion<CanonicalValue> {
    // A formula's comparison returns 1 or 0, and an empty result reads as false, as a checkbox does.
    const [item = false] = items;
    if (items.length > 1 || (item !== true && item !== false && item !== 1 && item !== 0)) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongAirtableCell(mapping, cell, 'true, false, 1 or 0'),
        );
    }
    return converted(item === true || item === 1);
}

function readChoices(
    mapping: FieldMapping,
    cell: unknown,
    items: readonly ComputedItem[],
): Conversion<CanonicalValue> {
    const names = items.filter(item => typeof item === 'string');
    if (names.length !== items.length) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongAirtableCell(mapping, cell, 'choice names'),
        );
    }
    return readChoiceNames(mapping, names);
}

/** Reads a result that must be one item, where no item is an empty value. */
function readSingle(
    mapping: FieldMapping,
    cell: unknown,
    items: readonly ComputedItem[],
    readItem: (mapping: FieldMapping, item: ComputedItem) => Conversion<CanonicalValue> | null,
    expected: string,
): Conversion<CanonicalValue> {
    const [item] = items;
    if (item === undefined) {
        return converted(null);
    }
    if (items.length > 1) {
        return rejected(
            'wrongType',
            mapping,
            `The ${fieldLabel(mapping)} returned ${items.length} values, but the ` +
                `${columnLabel(mapping)} takes one. Change the field so it returns one value ` +
                `per record and sync again.`,
        );
    }
    const value = readItem(mapping, item);
    if (value === null) {
        return rejected('wrongType', mapping, describeWrongAirtableCell(mapping, cell, expected));
    }
    return value;
}

function readNumber(mapping: FieldMapping, item: ComputedItem): Conversion<CanonicalValue> | null {
    return typeof item === 'number' ? converted(canonicalNumber(mapping.column, item)) : null;
}

function readChoice(mapping: FieldMapping, item: ComputedItem): Conversion<CanonicalValue> | null {
    return typeof item === 'string' ? findOptionValue(mapping, item) : null;
}

/**
 * Reads a date, or a date-time at midnight UTC, which is how a formula with a date result
 * returns a plain date. Any other time of day would need a time zone to pick the date.
 */
function readDate(mapping: FieldMapping, item: ComputedItem): Conversion<CanonicalValue> | null {
    if (typeof item !== 'string') {
        return null;
    }
    const date = parseDateOnly(item);
    if (date !== null) {
        return converted(date);
    }
    const instant = parseInstant(item);
    if (instant === null) {
        return null;
    }
    if (!isUtcMidnight(instant)) {
        return rejected(
            'wrongType',
            mapping,
            `The ${fieldLabel(mapping)} returned ${describeRawValue(item)}, a date and time, but ` +
                `the date-only ${columnLabel(mapping)} can't take a time of day, because the date ` +
                `depends on the time zone. Make the field return a date only and sync again.`,
        );
    }
    return converted(getUtcDate(instant));
}

function readDateTime(
    _mapping: FieldMapping,
    item: ComputedItem,
): Conversion<CanonicalValue> | null {
    const instant = typeof item === 'string' ? parseInstant(item) : null;
    return instant === null ? null : converted(formatInstant(instant));
}
