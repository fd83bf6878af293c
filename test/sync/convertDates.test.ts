/**
 * Date conversions. convertTimeZones.test.ts runs this file again under other TZ settings, and the
 * first tests prove that the setting took effect, so every case here passes in each of those zones.
 */
import {
    readAirtableValue,
    readDynamicsValue,
    toAirtableCell,
    toDynamicsValue,
    type Conversion,
    type ValueProblemCode,
} from '../../frontend/sync/convert';
import type {FieldMapping} from '../../frontend/sync/mapping';
import type {CanonicalValue} from '../../frontend/sync/values';
import {column, field, fieldMapping} from './fixtures';

const CLOSE_DATE = fieldMapping(
    column('estimatedclosedate', {type: 'dateonly'}),
    field('fldClose', 'Close date', 'date'),
);
const FOLLOW_UP = fieldMapping(
    column('new_followup', {type: 'datetime', dateTimeBehavior: 'UserLocal'}),
    field('fldFollowUp', 'Follow-up', 'dateTime'),
);
const OPENING = fieldMapping(
    column('new_opening', {type: 'datetime', dateTimeBehavior: 'TimeZoneIndependent'}),
    field('fldOpening', 'Opening', 'dateTime'),
);
const OPENING_DAY = fieldMapping(
    column('new_opening', {type: 'datetime', dateTimeBehavior: 'TimeZoneIndependent'}),
    field('fldOpeningDay', 'Opening day', 'date'),
    'toAirtable',
);
const MODIFIED_DAY = fieldMapping(
    column('modifiedon', {type: 'datetime', dateTimeBehavior: 'UserLocal'}),
    field('fldModifiedDay', 'Modified day', 'date'),
    'toAirtable',
);

function getProblemCode(result: Conversion<unknown>): ValueProblemCode | null {
    return result.ok ? null : result.problem.code;
}

function getProblemMessage(result: Conversion<unknown>): string | null {
    return result.ok ? null : result.problem.message;
}

type Case = readonly [string, FieldMapping, unknown, unknown];
type Rejection = readonly [string, FieldMapping, unknown, ValueProblemCode];

const requestedTimeZone = process.env.CONVERT_TEST_TIME_ZONE;
const requestedOffset = process.env.CONVERT_TEST_JANUARY_OFFSET;

describe('time zone of this run', () => {
    const testWhenRequested = requestedTimeZone === undefined ? test.skip : test;

    testWhenRequested('is the requested zone', () => {
        expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(requestedTimeZone);
    });

    testWhenRequested('shifts local time as requested', () => {
        const januaryOffset = new Date(Date.UTC(2025, 0, 15)).getTimezoneOffset();

        expect(januaryOffset).toBe(Number(requestedOffset));
    });
});

describe('date only to date', () => {
    test.each<Case>([
        ['reads a date', CLOSE_DATE, '2025-06-30', '2025-06-30'],
        ['reads the Dataverse minimum', CLOSE_DATE, '1753-01-01', '1753-01-01'],
        ['reads a leap day', CLOSE_DATE, '2024-02-29', '2024-02-29'],
        ['reads an empty date', CLOSE_DATE, null, null],
    ])('Airtable %s', (_title, mapping, cell, expected) => {
        expect(readAirtableValue(mapping, cell)).toEqual({ok: true, value: expected});
    });

    test.each<Rejection>([
        ['rejects a date-time', CLOSE_DATE, '2025-06-30T00:00:00.000Z', 'wrongType'],
        ['rejects a day past month end', CLOSE_DATE, '2025-02-29', 'wrongType'],
        ['rejects a US date', CLOSE_DATE, '06/30/2025', 'wrongType'],
        ['rejects a Date object', CLOSE_DATE, new Date(Date.UTC(2025, 5, 30)), 'wrongType'],
    ])('Airtable %s', (_title, mapping, cell, code) => {
        expect(getProblemCode(readAirtableValue(mapping, cell))).toBe(code);
    });

    test.each<Case>([
        ['reads an Edm.Date', CLOSE_DATE, '2025-06-30', '2025-06-30'],
        ['reads null', CLOSE_DATE, null, null],
    ])('Dynamics %s', (_title, mapping, raw, expected) => {
        expect(readDynamicsValue(mapping, raw)).toEqual({ok: true, value: expected});
    });

    test.each<Rejection>([
        ['rejects a timestamp', CLOSE_DATE, '2025-06-30T00:00:00Z', 'wrongType'],
        ['rejects a number', CLOSE_DATE, 20250630, 'wrongType'],
    ])('Dynamics %s', (_title, mapping, raw, code) => {
        expect(getProblemCode(readDynamicsValue(mapping, raw))).toBe(code);
    });

    test.each<Case>([
        ['sends the date unchanged', CLOSE_DATE, '2025-06-30', '2025-06-30'],
        ['sends the Dataverse minimum', CLOSE_DATE, '1753-01-01', '1753-01-01'],
        ['sends the Dataverse maximum', CLOSE_DATE, '9999-12-31', '9999-12-31'],
        ['sends null to clear', CLOSE_DATE, null, null],
    ])('to Dynamics %s', (_title, mapping, value, expected) => {
        expect(toDynamicsValue(mapping, value as CanonicalValue)).toEqual({
            ok: true,
            value: expected,
        });
    });

    test.each<Rejection>([
        ['rejects the day before 1753', CLOSE_DATE, '1752-12-31', 'outOfRange'],
        ['rejects year 0001', CLOSE_DATE, '0001-01-01', 'outOfRange'],
        ['rejects a non-date', CLOSE_DATE, 'soon', 'wrongType'],
    ])('to Dynamics %s', (_title, mapping, value, code) => {
        expect(getProblemCode(toDynamicsValue(mapping, value as CanonicalValue))).toBe(code);
    });

    test.each<Case>([
        ['writes the date unchanged', CLOSE_DATE, '2025-06-30', '2025-06-30'],
        ['writes null to clear', CLOSE_DATE, null, null],
    ])('to Airtable %s', (_title, mapping, value, expected) => {
        expect(toAirtableCell(mapping, value as CanonicalValue)).toEqual({
            ok: true,
            value: expected,
        });
    });

    test('to Airtable rejects a non-date', () => {
        expect(getProblemCode(toAirtableCell(CLOSE_DATE, 30))).toBe('wrongType');
    });

    test('early date names value and range', () => {
        expect(getProblemMessage(toDynamicsValue(CLOSE_DATE, '1700-05-01'))).toBe(
            "'1700-05-01' in the Airtable field 'Close date' is outside the dates 1753-01-01 to " +
                "9999-12-31 that the Dynamics column 'estimatedclosedate' (estimatedclosedate) " +
                'can hold. Correct it in Airtable and sync again.',
        );
    });
});

describe('date-time to date and time', () => {
    test.each<Case>([
        [
            'reads UTC with milliseconds',
            FOLLOW_UP,
            '2025-06-03T16:14:07.000Z',
            '2025-06-03T16:14:07Z',
        ],
        [
            'keeps a fraction of a second',
            FOLLOW_UP,
            '2025-06-03T16:14:07.250Z',
            '2025-06-03T16:14:07.250Z',
        ],
        [
            'reads a zero microsecond part',
            FOLLOW_UP,
            '2025-06-03T16:14:07.250000Z',
            '2025-06-03T16:14:07.250Z',
        ],
        ['reads an offset as UTC', FOLLOW_UP, '2025-06-04T04:14:07+12:00', '2025-06-03T16:14:07Z'],
        ['reads a late-evening time', OPENING, '2025-06-03T23:30:00.000Z', '2025-06-03T23:30:00Z'],
        ['reads an empty cell', FOLLOW_UP, null, null],
    ])('Airtable %s', (_title, mapping, cell, expected) => {
        expect(readAirtableValue(mapping, cell)).toEqual({ok: true, value: expected});
    });

    test.each<Rejection>([
        ['rejects a time without zone', FOLLOW_UP, '2025-06-03T16:14:07', 'wrongType'],
        ['rejects a date only', FOLLOW_UP, '2025-06-03', 'wrongType'],
        ['rejects hour 24', FOLLOW_UP, '2025-06-03T24:00:00Z', 'wrongType'],
        ['rejects an offset of 25 hours', FOLLOW_UP, '2025-06-03T16:14:07+25:00', 'wrongType'],
        ['rejects a microsecond', FOLLOW_UP, '2025-06-03T16:14:07.000001Z', 'wrongType'],
        ['rejects epoch milliseconds', FOLLOW_UP, 1748967247000, 'wrongType'],
    ])('Airtable %s', (_title, mapping, cell, code) => {
        expect(getProblemCode(readAirtableValue(mapping, cell))).toBe(code);
    });

    test.each<Case>([
        ['reads the Web API form', FOLLOW_UP, '2025-06-03T16:14:07Z', '2025-06-03T16:14:07Z'],
        [
            'reads a time-zone-independent value',
            OPENING,
            '2025-06-03T00:30:00Z',
            '2025-06-03T00:30:00Z',
        ],
        ['reads null', FOLLOW_UP, null, null],
    ])('Dynamics %s', (_title, mapping, raw, expected) => {
        expect(readDynamicsValue(mapping, raw)).toEqual({ok: true, value: expected});
    });

    test('Dynamics rejects a local time', () => {
        expect(getProblemCode(readDynamicsValue(FOLLOW_UP, '2025-06-03T16:14:07'))).toBe(
            'wrongType',
        );
    });

    test.each<Case>([
        ['sends UTC with Z', FOLLOW_UP, '2025-06-03T16:14:07Z', '2025-06-03T16:14:07Z'],
        ['sends the earliest instant', FOLLOW_UP, '1753-01-01T00:00:00Z', '1753-01-01T00:00:00Z'],
        ['sends null to clear', FOLLOW_UP, null, null],
    ])('to Dynamics %s', (_title, mapping, value, expected) => {
        expect(toDynamicsValue(mapping, value as CanonicalValue)).toEqual({
            ok: true,
            value: expected,
        });
    });

    test.each<Rejection>([
        ['rejects a fraction of a second', FOLLOW_UP, '2025-06-03T16:14:07.250Z', 'tooPrecise'],
        ['rejects a time before 1753', FOLLOW_UP, '1752-12-31T23:59:59Z', 'outOfRange'],
        ['rejects a non-date', FOLLOW_UP, 'tomorrow', 'wrongType'],
    ])('to Dynamics %s', (_title, mapping, value, code) => {
        expect(getProblemCode(toDynamicsValue(mapping, value as CanonicalValue))).toBe(code);
    });

    test.each<Case>([
        ['writes UTC with Z', FOLLOW_UP, '2025-06-03T16:14:07Z', '2025-06-03T16:14:07Z'],
        ['writes near midnight unchanged', OPENING, '2025-06-03T23:30:00Z', '2025-06-03T23:30:00Z'],
        ['writes null to clear', FOLLOW_UP, null, null],
    ])('to Airtable %s', (_title, mapping, value, expected) => {
        expect(toAirtableCell(mapping, value as CanonicalValue)).toEqual({
            ok: true,
            value: expected,
        });
    });

    test('to Airtable rejects a date only', () => {
        expect(getProblemCode(toAirtableCell(FOLLOW_UP, '2025-06-03'))).toBe('wrongType');
    });
});

describe('date-time to date', () => {
    test.each<Case>([
        ['keeps the stored day late at night', OPENING_DAY, '2025-06-03T23:30:00Z', '2025-06-03'],
        ['keeps the stored day after midnight', OPENING_DAY, '2025-06-03T00:30:00Z', '2025-06-03'],
        ['reads null', OPENING_DAY, null, null],
    ])('Dynamics %s', (_title, mapping, raw, expected) => {
        expect(readDynamicsValue(mapping, raw)).toEqual({ok: true, value: expected});
    });

    test('Airtable date reads as the day', () => {
        expect(readAirtableValue(OPENING_DAY, '2025-06-03')).toEqual({
            ok: true,
            value: '2025-06-03',
        });
    });

    test('writes the day to Airtable', () => {
        expect(toAirtableCell(OPENING_DAY, '2025-06-03')).toEqual({ok: true, value: '2025-06-03'});
    });

    test('rejects writing the day back', () => {
        const result = toDynamicsValue(OPENING_DAY, '2025-06-03');

        expect(getProblemCode(result)).toBe('unsupportedMapping');
        expect(getProblemMessage(result)).toContain('replace the time of day in Dynamics');
    });

    test('rejects a user-local column', () => {
        const result = readDynamicsValue(MODIFIED_DAY, '2025-06-03T23:30:00Z');

        expect(getProblemCode(result)).toBe('unsupportedMapping');
    });

    test('agrees with Airtable after a sync', () => {
        const fromDynamics = readDynamicsValue(OPENING_DAY, '2025-06-03T23:30:00Z');
        const cell = fromDynamics.ok ? toAirtableCell(OPENING_DAY, fromDynamics.value) : null;
        const fromAirtable = cell?.ok ? readAirtableValue(OPENING_DAY, cell.value) : null;

        expect(fromAirtable).toEqual(fromDynamics);
    });
});
