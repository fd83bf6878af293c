/** Reads an Airtable cell, in the SDK's cell value format, as a canonical value. */
import {assertNever} from '../assertNever';
import type {FieldMapping} from '../mapping';
import type {CanonicalValue} from '../values';
import {canonicalNumber, canonicalText} from './canonical';
import {readAirtableChoice, readAirtableChoices} from './choiceValues';
import {readComputedValue} from './computedValues';
import {readAirtableDate, readAirtableDateTime} from './dateValues';
import {shiftDecimal} from './numbers';
import {
    converted,
    describeWrongAirtableCell,
    fieldLabel,
    rejected,
    type Conversion,
} from './problems';

export function readAirtableValue(
    mapping: FieldMapping,
    cell: unknown,
): Conversion<CanonicalValue> {
    const fieldType = mapping.field.type;
    switch (fieldType) {
        case 'singleLineText':
        case 'multilineText':
        case 'richText':
        case 'email':
        case 'url':
        case 'phoneNumber':
            return readText(mapping, cell);
        case 'number':
        case 'currency':
            return readNumber(mapping, cell, 0);
        case 'percent':
            // Airtable stores 50 % as 0.5; Dynamics columns hold percent points.
            return readNumber(mapping, cell, 2);
        case 'checkbox':
            return readCheckbox(mapping, cell);
        case 'singleSelect':
            return readAirtableChoice(mapping, cell);
        case 'multipleSelects':
            return readAirtableChoices(mapping, cell);
        case 'date':
            return readAirtableDate(mapping, cell);
        case 'dateTime':
            return readAirtableDateTime(mapping, cell);
        case 'formula':
        case 'rollup':
        case 'multipleLookupValues':
        case 'count':
        case 'createdTime':
        case 'lastModifiedTime':
        case 'autoNumber':
            return readComputedValue(mapping, cell);
        case 'multipleRecordLinks':
            // Links are read by the link index, which resolves linked rows to Dynamics records.
            return rejected('unsupportedMapping', mapping, unsupportedMessage(mapping));
        default:
            return assertNever(fieldType);
    }
}

function readText(mapping: FieldMapping, cell: unknown): Conversion<CanonicalValue> {
    if (cell === null || cell === undefined) {
        return converted(null);
    }
    if (typeof cell !== 'string') {
        return rejected('wrongType', mapping, describeWrongAirtableCell(mapping, cell, 'text'));
    }
    return converted(canonicalText(cell));
}

function readNumber(
    mapping: FieldMapping,
    cell: unknown,
    decimalShift: number,
): Conversion<CanonicalValue> {
    if (cell === null || cell === undefined) {
        return converted(null);
    }
    if (typeof cell !== 'number' || !Number.isFinite(cell)) {
        return rejected('wrongType', mapping, describeWrongAirtableCell(mapping, cell, 'a number'));
    }
    return converted(canonicalNumber(mapping.column, shiftDecimal(cell, decimalShift)));
}

function readCheckbox(mapping: FieldMapping, cell: unknown): Conversion<CanonicalValue> {
    // The SDK reads an unchecked box as null.
    if (cell === null || cell === undefined || cell === false) {
        return converted(false);
    }
    if (cell === true) {
        return converted(true);
    }
    return rejected(
        'wrongType',
        mapping,
        describeWrongAirtableCell(mapping, cell, 'a checkbox value'),
    );
}

function unsupportedMessage(mapping: FieldMapping): string {
    return (
        `The ${fieldLabel(mapping)} is a ${mapping.field.type} field, which the sync can't ` +
        `read yet. Remove it from the mapping.`
    );
}
