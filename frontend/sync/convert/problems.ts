/**
 * Value problems: the reasons one value cannot cross between Airtable and Dynamics. A problem's
 * message names the field, the value and the fix. It leaves out the record, because the planner
 * puts the record's table and name in front.
 */
import type {FieldMapping} from '../mapping';
import {describeValue} from '../values';

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
    | 'unresolvedLink';

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
