/**
 * Date conversions. A date's canonical value is `YYYY-MM-DD` and a date-time's is the UTC text
 * Dataverse sends, `2025-06-03T16:14:07Z`. Both sides already use UTC or plain dates on the wire,
 * so no value is shifted by any time zone.
 *
 * A TimeZoneIndependent date-time column may also fill an Airtable date field, one way: its
 * canonical value is then the date part as stored, which is the date people see in Dynamics. The
 * reverse would replace the time of day with midnight, so it is rejected. A UserLocal column shows
 * a different date in each user's time zone, so it fills only date-time fields.
 */
import type {FieldMapping} from '../mapping';
import {describeValue, type CanonicalValue} from '../values';
import {
    formatInstant,
    getUtcDate,
    hasMilliseconds,
    isInDataverseRange,
    parseDateOnly,
    parseInstant,
    DATAVERSE_MAX_DATE,
    DATAVERSE_MIN_DATE,
} from './dates';
import {
    columnLabel,
    converted,
    describeWrongAirtableCell,
    describeWrongDynamicsValue,
    describeWrongValueForAirtable,
    describeWrongValueForDynamics,
    fieldLabel,
    rejected,
    type Conversion,
} from './problems';

export const DATE_EXAMPLE = 'a date such as 2025-06-30';
export const INSTANT_EXAMPLE = 'a date and time such as 2025-06-03T16:14:07Z';

export function readDynamicsDate(mapping: FieldMapping, raw: unknown): Conversion<CanonicalValue> {
    if (raw === null || raw === undefined) {
        return converted(null);
    }
    const date = typeof raw === 'string' ? parseDateOnly(raw) : null;
    if (date === null) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongDynamicsValue(mapping, raw, DATE_EXAMPLE),
        );
    }
    return converted(date);
}

export function readDynamicsDateTime(
    mapping: FieldMapping,
    raw: unknown,
): Conversion<CanonicalValue> {
    if (raw === null || raw === undefined) {
        return converted(null);
    }
    const instant = typeof raw === 'string' ? parseInstant(raw) : null;
    if (instant === null) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongDynamicsValue(mapping, raw, INSTANT_EXAMPLE),
        );
    }
    if (mapping.field.type !== 'date') {
        return converted(formatInstant(instant));
    }
    if (!isTimeZoneIndependent(mapping)) {
        return rejected('unsupportedMapping', mapping, userLocalToDateMessage(mapping));
    }
    return converted(getUtcDate(instant));
}

/** Reads an Airtable date cell, or a computed cell holding a date, as `YYYY-MM-DD`. */
export function readAirtableDate(mapping: FieldMapping, cell: unknown): Conversion<CanonicalValue> {
    if (cell === null || cell === undefined) {
        return converted(null);
    }
    const date = typeof cell === 'string' ? parseDateOnly(cell) : null;
    if (date === null) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongAirtableCell(mapping, cell, DATE_EXAMPLE),
        );
    }
    return converted(date);
}

/** Reads an Airtable date-time cell, which the SDK returns in UTC, as Dataverse's UTC text. */
export function readAirtableDateTime(
    mapping: FieldMapping,
    cell: unknown,
): Conversion<CanonicalValue> {
    if (cell === null || cell === undefined) {
        return converted(null);
    }
    const instant = typeof cell === 'string' ? parseInstant(cell) : null;
    if (instant === null) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongAirtableCell(mapping, cell, INSTANT_EXAMPLE),
        );
    }
    return converted(formatInstant(instant));
}

export function toDynamicsDate(
    mapping: FieldMapping,
    value: CanonicalValue,
): Conversion<string | null> {
    if (value === null) {
        return converted(null);
    }
    const date = typeof value === 'string' ? parseDateOnly(value) : null;
    if (date === null) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongValueForDynamics(mapping, value, DATE_EXAMPLE),
        );
    }
    if (!isInDataverseRange(date)) {
        return outOfRange(mapping, value);
    }
    return converted(date);
}

export function toDynamicsDateTime(
    mapping: FieldMapping,
    value: CanonicalValue,
): Conversion<string | null> {
    if (mapping.field.type === 'date') {
        return rejected('unsupportedMapping', mapping, dateToDateTimeMessage(mapping));
    }
    if (value === null) {
        return converted(null);
    }
    const instant = typeof value === 'string' ? parseInstant(value) : null;
    if (instant === null) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongValueForDynamics(mapping, value, INSTANT_EXAMPLE),
        );
    }
    // NOTE: the Web API returns whole seconds, so Dataverse is taken to store no fraction. Whether
    // it rounds or truncates a fraction sent to it has not been checked against a live org.
    if (hasMilliseconds(instant)) {
        return rejected(
            'tooPrecise',
            mapping,
            `${describeValue(value)} in the ${fieldLabel(mapping)} has a fraction of a second, ` +
                `which the ${columnLabel(mapping)} can't store, so it would read back as a ` +
                `different time. Remove the fraction in Airtable and sync again.`,
        );
    }
    if (!isInDataverseRange(getUtcDate(instant))) {
        return outOfRange(mapping, value);
    }
    return converted(formatInstant(instant));
}

export function toAirtableDate(
    mapping: FieldMapping,
    value: CanonicalValue,
): Conversion<string | null> {
    if (value === null) {
        return converted(null);
    }
    const date = typeof value === 'string' ? parseDateOnly(value) : null;
    if (date === null) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongValueForAirtable(mapping, value, DATE_EXAMPLE),
        );
    }
    return converted(date);
}

/** Writes a date-time with its `Z`, which Airtable reads as absolute, whatever the field's time zone. */
export function toAirtableDateTime(
    mapping: FieldMapping,
    value: CanonicalValue,
): Conversion<string | null> {
    if (value === null) {
        return converted(null);
    }
    const instant = typeof value === 'string' ? parseInstant(value) : null;
    if (instant === null) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongValueForAirtable(mapping, value, INSTANT_EXAMPLE),
        );
    }
    return converted(formatInstant(instant));
}

export function isTimeZoneIndependent(mapping: FieldMapping): boolean {
    return mapping.column.dateTimeBehavior === 'TimeZoneIndependent';
}

function outOfRange<T>(mapping: FieldMapping, value: CanonicalValue): Conversion<T> {
    return rejected(
        'outOfRange',
        mapping,
        `${describeValue(value)} in the ${fieldLabel(mapping)} is outside the dates ` +
            `${DATAVERSE_MIN_DATE} to ${DATAVERSE_MAX_DATE} that the ${columnLabel(mapping)} ` +
            `can hold. Correct it in Airtable and sync again.`,
    );
}

function userLocalToDateMessage(mapping: FieldMapping): string {
    return (
        `The ${columnLabel(mapping)} holds a date and time that each user sees in their own time ` +
        `zone, so the date-only ${fieldLabel(mapping)} can't show one date for it. Map it to a ` +
        `date and time field instead.`
    );
}

function dateToDateTimeMessage(mapping: FieldMapping): string {
    return (
        `The date-only ${fieldLabel(mapping)} can't be written to the ${columnLabel(mapping)}, ` +
        `because that would replace the time of day in Dynamics with midnight. Sync the field ` +
        `from Dynamics to Airtable only.`
    );
}
