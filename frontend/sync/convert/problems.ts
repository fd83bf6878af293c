/**
 * Value problems: the reasons one value cannot cross between Airtable and Dynamics. A problem's
 * message names the field, the value and the fix. It leaves out the record, because the planner
 * puts the record's table and name in front.
 */
import type {FieldMapping} from '../mapping';
import {describeValue, type CanonicalValue} from '../values';

export type ValueProblemCode =
    | 'wrongType'
    | 'unsupportedMapping'
    | 'tooLong'
    | 'lineBreak'
    | 'invalidEmail'
    | 'invalidUrl'
    | 'notInteger'
    | 'outOfRange'
    | 'tooManyDecimals'
    /** A single-valued lookup has more than one linked row in Airtable. */
    | 'tooManyLinks'
    /** A linked row or a referenced record has no counterpart on the other side. */
    | 'unresolvedLink'
    /** A choice name or option value has no counterpart on the other side. */
    | 'unknownOption'
    /** A date-time has a fraction of a second, which Dynamics doesn't store. */
    | 'tooPrecise'
    /** A value is written to a field whose values Airtable computes. */
    | 'readOnlyField';

export interface ValueProblem {
    readonly code: ValueProblemCode;
    /** The Airtable field's name. */
    readonly fieldName: string;
    /** The Dynamics column's logical name. */
    readonly logicalName: string;
    readonly message: string;
}

export type Conversion<T> =
    {readonly ok: true; readonly value: T} | {readonly ok: false; readonly problem: ValueProblem};

export function converted<T>(value: T): Conversion<T> {
    return {ok: true, value};
}

export function rejected<T>(
    code: ValueProblemCode,
    mapping: FieldMapping,
    message: string,
): Conversion<T> {
    return {
        ok: false,
        problem: {
            code,
            fieldName: mapping.field.name,
            logicalName: mapping.column.logicalName,
            message,
        },
    };
}

/** Describes a raw cell or column value of unknown shape for a message. */
export function describeRawValue(raw: unknown): string {
    if (raw === null || typeof raw === 'string' || typeof raw === 'number') {
        return describeValue(raw);
    }
    if (typeof raw === 'boolean') {
        return String(raw);
    }
    return `a value of type ${Array.isArray(raw) ? 'array' : typeof raw}`;
}

export function fieldLabel(mapping: FieldMapping): string {
    return `Airtable field '${mapping.field.name}'`;
}

export function columnLabel(mapping: FieldMapping): string {
    return `Dynamics column '${mapping.column.displayName}' (${mapping.column.logicalName})`;
}

/** Describes a cell whose shape does not fit the field's type. */
export function describeWrongAirtableCell(
    mapping: FieldMapping,
    cell: unknown,
    expected: string,
): string {
    return (
        `The ${fieldLabel(mapping)} returned ${describeRawValue(cell)} where ${expected} ` +
        `was expected. Check that the field is still a ${mapping.field.type} field.`
    );
}

/** Describes a Web API value whose shape does not fit the column's type. */
export function describeWrongDynamicsValue(
    mapping: FieldMapping,
    raw: unknown,
    expected: string,
): string {
    return (
        `Dynamics returned ${describeRawValue(raw)} for the ${columnLabel(mapping)} where ` +
        `${expected} was expected. Check the column's type in the mapping.`
    );
}

/** Describes a canonical value from Dynamics that the Airtable field can't hold. */
export function describeWrongValueForAirtable(
    mapping: FieldMapping,
    value: CanonicalValue,
    expected: string,
): string {
    return (
        `${describeValue(value)} from the ${columnLabel(mapping)} can't be written to the ` +
        `${fieldLabel(mapping)}, which expects ${expected}. Check the field's type in the mapping.`
    );
}

/** Describes a canonical value from Airtable that the Dynamics column can't hold. */
export function describeWrongValueForDynamics(
    mapping: FieldMapping,
    value: CanonicalValue,
    expected: string,
): string {
    return (
        `${describeValue(value)} in the ${fieldLabel(mapping)} can't be written to the ` +
        `${columnLabel(mapping)}, which expects ${expected}. Check the field's type in the mapping.`
    );
}
