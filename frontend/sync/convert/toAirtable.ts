/**
 * Converts a canonical value into a cell value Airtable accepts for the field's type. A write that
 * Airtable's server rejects crashes the extension and cannot be caught, so every value that might
 * be rejected, or stored differently from what was sent, is reported here instead.
 */
import {assertNever} from '../assertNever';
import type {FieldMapping} from '../mapping';
import {describeValue, type CanonicalValue} from '../values';
import {toAirtableChoice, toAirtableChoices, type SelectChoiceCell} from './choiceValues';
import {toAirtableDate, toAirtableDateTime} from './dateValues';
import {countDecimals, shiftDecimal} from './numbers';
import {
    columnLabel,
    converted,
    describeWrongValueForAirtable,
    fieldLabel,
    rejected,
    type Conversion,
} from './problems';
import {hasLineBreak, isValidEmail} from './text';

/** A cell value in the SDK's write format for the mapped field types; selects are written by name. */
export type AirtableCellValue =
    string | number | boolean | SelectChoiceCell | readonly SelectChoiceCell[] | null;

export function toAirtableCell(
    mapping: FieldMapping,
    value: CanonicalValue,
): Conversion<AirtableCellValue> {
    const fieldType = mapping.field.type;
    switch (fieldType) {
        case 'multilineText':
        case 'richText':
            return toText(mapping, value);
        case 'singleLineText':
        case 'url':
        case 'phoneNumber':
            return toSingleLineText(mapping, value);
        case 'email':
            return toEmail(mapping, value);
        case 'number':
        case 'currency':
            return toNumber(mapping, value, 0);
        case 'percent':
            return toNumber(mapping, value, -2);
        case 'checkbox':
            return toCheckbox(mapping, value);
        case 'singleSelect':
            return toAirtableChoice(mapping, value);
        case 'multipleSelects':
            return toAirtableChoices(mapping, value);
        case 'date':
            return toAirtableDate(mapping, value);
        case 'dateTime':
            return toAirtableDateTime(mapping, value);
        case 'formula':
        case 'rollup':
        case 'multipleLookupValues':
        case 'count':
        case 'createdTime':
        case 'lastModifiedTime':
        case 'autoNumber':
            return rejected(
                'readOnlyField',
                mapping,
                `The ${fieldLabel(mapping)} is a ${fieldType} field, whose values Airtable ` +
                    `computes, so the sync can't write ${describeValue(value)} to it. Sync the ` +
                    `field from Airtable to Dynamics only.`,
            );
        case 'multipleRecordLinks':
            // Links are written by the link index, which resolves records to linked rows.
            return rejected(
                'unsupportedMapping',
                mapping,
                `The sync can't write the ${fieldLabel(mapping)} (${fieldType}) yet. Remove it from the mapping.`,
            );
        default:
            return assertNever(fieldType);
    }
}

function toText(mapping: FieldMapping, value: CanonicalValue): Conversion<AirtableCellValue> {
    if (value !== null && typeof value !== 'string') {
        return wrongType(mapping, value, 'text');
    }
    return converted(value);
}

function toSingleLineText(
    mapping: FieldMapping,
    value: CanonicalValue,
): Conversion<AirtableCellValue> {
    if (typeof value === 'string' && hasLineBreak(value)) {
        return rejected(
            'lineBreak',
            mapping,
            `${describeValue(value)} in the ${columnLabel(mapping)} has line breaks, which the ` +
                `single-line ${fieldLabel(mapping)} can't hold. Change the field to long text, ` +
                `or remove the line breaks in Dynamics, and sync again.`,
        );
    }
    return toText(mapping, value);
}

// NOTE: it is not confirmed that Airtable's server rejects a malformed address in an e-mail field.
// The check stays because a rejected write would crash the extension.
function toEmail(mapping: FieldMapping, value: CanonicalValue): Conversion<AirtableCellValue> {
    if (typeof value === 'string' && !isValidEmail(value)) {
        return rejected(
            'invalidEmail',
            mapping,
            `${describeValue(value)} in the ${columnLabel(mapping)} is not a valid e-mail ` +
                `address, so the Airtable e-mail field '${mapping.field.name}' can't hold it. ` +
                `Correct it in Dynamics, or change the field to single line text, and sync again.`,
        );
    }
    return toSingleLineText(mapping, value);
}

function toNumber(
    mapping: FieldMapping,
    value: CanonicalValue,
    decimalShift: number,
): Conversion<AirtableCellValue> {
    if (value === null) {
        return converted(null);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
        return wrongType(mapping, value, 'a number');
    }

    // The field's precision applies to the displayed number, which is in percent points for a percent field.
    const precision = mapping.field.precision;
    if (precision !== undefined && countDecimals(value) > precision) {
        return rejected(
            'tooManyDecimals',
            mapping,
            `${describeValue(value)} in the ${columnLabel(mapping)} has more decimal places than ` +
                `the ${fieldLabel(mapping)} shows (${precision}). Increase the field's precision ` +
                `in Airtable and sync again.`,
        );
    }
    return converted(shiftDecimal(value, decimalShift));
}

function toCheckbox(mapping: FieldMapping, value: CanonicalValue): Conversion<AirtableCellValue> {
    if (value === null) {
        return converted(false);
    }
    if (typeof value !== 'boolean') {
        return wrongType(mapping, value, 'true or false');
    }
    return converted(value);
}

function wrongType(
    mapping: FieldMapping,
    value: CanonicalValue,
    expected: string,
): Conversion<AirtableCellValue> {
    return rejected('wrongType', mapping, describeWrongValueForAirtable(mapping, value, expected));
}
