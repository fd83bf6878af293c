/**
 * Converts a canonical value into the Web API JSON value for a column. Values that Dynamics would
 * reject become problems instead of writes. These are text over MaxLength, an invalid e-mail or URL
 * in a formatted column, a fraction in an Integer column, and a number outside the column's range.
 * So are an option the column lacks and a date outside Dataverse's range. Nothing is truncated.
 */
import {assertNever} from '../assertNever';
import type {FieldMapping} from '../mapping';
import {describeValue, type CanonicalValue} from '../values';
import {toDynamicsChoice, toDynamicsChoices} from './choiceValues';
import {toDynamicsDate, toDynamicsDateTime} from './dateValues';
import {
    columnLabel,
    converted,
    describeWrongValueForDynamics,
    fieldLabel,
    rejected,
    type Conversion,
} from './problems';
import {isValidEmail, isValidUrl} from './text';

/** A JSON value as the Web API accepts it in a create or update body. */
export type DynamicsJsonValue = string | number | boolean | null;

// Dataverse Integer columns are 32-bit; a column without MinValue/MaxValue metadata keeps this range.
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const FIX_IN_AIRTABLE = 'Correct it in Airtable and sync again.';

export function toDynamicsValue(
    mapping: FieldMapping,
    value: CanonicalValue,
): Conversion<DynamicsJsonValue> {
    const columnType = mapping.column.type;
    switch (columnType) {
        case 'string':
        case 'memo':
            return toText(mapping, value);
        case 'integer':
            return toInteger(mapping, value);
        case 'decimal':
        case 'double':
        case 'money':
            return toNumberInRange(mapping, value);
        case 'boolean':
            return toBoolean(mapping, value);
        case 'picklist':
            return toDynamicsChoice(mapping, value);
        case 'multiselectpicklist':
            return toDynamicsChoices(mapping, value);
        case 'dateonly':
            return toDynamicsDate(mapping, value);
        case 'datetime':
            return toDynamicsDateTime(mapping, value);
        case 'lookup':
            // Lookups are written as bindings by the link index.
            return rejected(
                'unsupportedMapping',
                mapping,
                `The sync can't write the ${columnLabel(mapping)} yet. Remove it from the mapping.`,
            );
        default:
            return assertNever(columnType);
    }
}

function toText(mapping: FieldMapping, value: CanonicalValue): Conversion<DynamicsJsonValue> {
    if (value === null) {
        return converted(null);
    }
    if (typeof value !== 'string') {
        return wrongType(mapping, value, 'text');
    }

    const {maxLength, format} = mapping.column;
    if (maxLength !== undefined && value.length > maxLength) {
        return rejected(
            'tooLong',
            mapping,
            `${describeValue(value)} in the ${fieldLabel(mapping)} is ${value.length} characters ` +
                `long, but the ${columnLabel(mapping)} holds at most ${maxLength}. ` +
                `Shorten it in Airtable and sync again.`,
        );
    }
    if (format === 'email' && !isValidEmail(value)) {
        return rejected(
            'invalidEmail',
            mapping,
            `${describeValue(value)} in the ${fieldLabel(mapping)} is not a valid e-mail ` +
                `address, which the ${columnLabel(mapping)} requires. ${FIX_IN_AIRTABLE}`,
        );
    }
    if (format === 'url' && !isValidUrl(value)) {
        return rejected(
            'invalidUrl',
            mapping,
            `${describeValue(value)} in the ${fieldLabel(mapping)} is not a valid URL, which the ` +
                `${columnLabel(mapping)} requires, such as https://example.com. ${FIX_IN_AIRTABLE}`,
        );
    }
    return converted(value);
}

function toInteger(mapping: FieldMapping, value: CanonicalValue): Conversion<DynamicsJsonValue> {
    if (typeof value === 'number' && !Number.isInteger(value)) {
        return rejected(
            'notInteger',
            mapping,
            `${describeValue(value)} in the ${fieldLabel(mapping)} is not a whole number, which ` +
                `the ${columnLabel(mapping)} requires. ${FIX_IN_AIRTABLE}`,
        );
    }
    return toNumberInRange(mapping, value);
}

function toNumberInRange(
    mapping: FieldMapping,
    value: CanonicalValue,
): Conversion<DynamicsJsonValue> {
    if (value === null) {
        return converted(null);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
        return wrongType(mapping, value, 'a number');
    }

    const isInteger = mapping.column.type === 'integer';
    const min = mapping.column.minValue ?? (isInteger ? INT32_MIN : -Number.MAX_VALUE);
    const max = mapping.column.maxValue ?? (isInteger ? INT32_MAX : Number.MAX_VALUE);
    if (value < min || value > max) {
        return rejected(
            'outOfRange',
            mapping,
            `${describeValue(value)} in the ${fieldLabel(mapping)} is outside the range ${min} ` +
                `to ${max} of the ${columnLabel(mapping)}. ${FIX_IN_AIRTABLE}`,
        );
    }
    return converted(value);
}

function toBoolean(mapping: FieldMapping, value: CanonicalValue): Conversion<DynamicsJsonValue> {
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
): Conversion<DynamicsJsonValue> {
    return rejected('wrongType', mapping, describeWrongValueForDynamics(mapping, value, expected));
}
