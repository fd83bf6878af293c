import {
    readAirtableValue,
    readDynamicsValue,
    toAirtableCell,
    toDynamicsValue,
    checkCanSyncField,
    type Conversion,
    type ValueProblemCode,
} from '../../frontend/sync/convert';
import {countDecimals, roundToDecimals, shiftDecimal} from '../../frontend/sync/convert/numbers';
import type {FieldMapping} from '../../frontend/sync/mapping';
import type {CanonicalValue} from '../../frontend/sync/values';
import {column, field, fieldMapping} from './fixtures';

const TEXT = fieldMapping(
    column('name', {type: 'string', maxLength: 10}),
    field('fldText', 'Name', 'singleLineText'),
);
const TEXT_MULTI = fieldMapping(
    column('name', {type: 'string', maxLength: 10}),
    field('fldText', 'Name', 'multilineText'),
);
const EMAIL = fieldMapping(
    column('emailaddress1', {type: 'string', format: 'email', maxLength: 100}),
    field('fldEmail', 'Email', 'email'),
);
const EMAIL_AS_TEXT = fieldMapping(
    column('emailaddress1', {type: 'string', format: 'email', maxLength: 100}),
    field('fldEmail', 'Email', 'singleLineText'),
);
const URL_FIELD = fieldMapping(
    column('websiteurl', {type: 'string', format: 'url', maxLength: 200}),
    field('fldUrl', 'Website', 'url'),
);
const PHONE = fieldMapping(
    column('telephone1', {type: 'string', format: 'phone', maxLength: 50}),
    field('fldPhone', 'Phone', 'phoneNumber'),
);
const MEMO_LONG = fieldMapping(
    column('description', {type: 'memo', maxLength: 2000}),
    field('fldMemo', 'Notes', 'multilineText'),
);
const MEMO_RICH = fieldMapping(
    column('description', {type: 'memo', maxLength: 2000}),
    field('fldMemo', 'Notes', 'richText'),
);
const MEMO_SHORT = fieldMapping(
    column('description', {type: 'memo', maxLength: 2000}),
    field('fldMemo', 'Notes', 'singleLineText'),
);
const INTEGER = fieldMapping(
    column('numberofemployees', {type: 'integer', minValue: 0, maxValue: 1000}),
    field('fldInt', 'Employees', 'number', 0),
);
const INTEGER_PERCENT = fieldMapping(
    column('closeprobability', {type: 'integer', minValue: 0, maxValue: 100}),
    field('fldPct', 'Probability', 'percent', 0),
);
const MONEY = fieldMapping(
    column('revenue', {type: 'money', precision: 2, minValue: 0, maxValue: 1e14}),
    field('fldMoney', 'Revenue', 'currency', 2),
);
const DECIMAL = fieldMapping(
    column('rate', {type: 'decimal', precision: 2}),
    field('fldDec', 'Rate', 'number', 4),
);
const DOUBLE = fieldMapping(
    column('address1_latitude', {type: 'double', precision: 5, minValue: -90, maxValue: 90}),
    field('fldLat', 'Latitude', 'number', 3),
);
const BOOLEAN = fieldMapping(
    column('donotemail', {type: 'boolean'}),
    field('fldCheck', 'Do not e-mail', 'checkbox'),
);

function getProblemCode(result: Conversion<unknown>): ValueProblemCode | null {
    return result.ok ? null : result.problem.code;
}

function getProblemMessage(result: Conversion<unknown>): string | null {
    return result.ok ? null : result.problem.message;
}

type Case = readonly [string, FieldMapping, unknown, CanonicalValue];
type Rejection = readonly [string, FieldMapping, unknown, ValueProblemCode];

describe('readAirtableValue', () => {
    test.each<Case>([
        ['keeps text exactly', TEXT, '  Contoso ', '  Contoso '],
        ['reads empty text as null', TEXT, '', null],
        ['reads a missing cell as null', TEXT, undefined, null],
        ['reads multiline text', MEMO_LONG, 'a\nb', 'a\nb'],
        ['reads rich text as markdown', MEMO_RICH, '**bold**', '**bold**'],
        ['reads an e-mail', EMAIL, 'ana@example.com', 'ana@example.com'],
        ['reads a phone number', PHONE, '+1 555 0100', '+1 555 0100'],
        ['reads a number', INTEGER, 12, 12],
        ['keeps an integer fraction for the check', INTEGER, 12.5, 12.5],
        ['reads a percent as points', INTEGER_PERCENT, 0.57, 57],
        ['rounds money like Dynamics', MONEY, 1.005, 1.01],
        ['rounds decimals like Dynamics', DECIMAL, 2.345, 2.35],
        ['rounds doubles to precision', DOUBLE, 47.6062095, 47.60621],
        ['reads a checked box', BOOLEAN, true, true],
        ['reads an unchecked box as false', BOOLEAN, null, false],
    ])('%s', (_title, mapping, cell, expected) => {
        expect(readAirtableValue(mapping, cell)).toEqual({ok: true, value: expected});
    });

    test.each<Rejection>([
        ['rejects a number in a text field', TEXT, 42, 'wrongType'],
        ['rejects text in a number field', INTEGER, '12', 'wrongType'],
        ['rejects NaN', MONEY, Number.NaN, 'wrongType'],
        ['rejects text in a checkbox', BOOLEAN, 'yes', 'wrongType'],
    ])('%s', (_title, mapping, cell, code) => {
        const result = readAirtableValue(mapping, cell);

        expect(getProblemCode(result)).toBe(code);
    });
});

describe('readDynamicsValue', () => {
    test.each<Case>([
        ['keeps text exactly', TEXT, 'Contoso ', 'Contoso '],
        ['reads null text as null', TEXT, null, null],
        ['reads empty text as null', MEMO_LONG, '', null],
        ['reads money with trailing zeros', MONEY, 5000000.0, 5000000],
        ['reads an integer', INTEGER, 250, 250],
        ['reads a Boolean', BOOLEAN, true, true],
        ['reads a null Boolean as false', BOOLEAN, null, false],
    ])('%s', (_title, mapping, raw, expected) => {
        expect(readDynamicsValue(mapping, raw)).toEqual({ok: true, value: expected});
    });

    test.each<Rejection>([
        ['rejects a number for text', TEXT, 5, 'wrongType'],
        ['rejects text for money', MONEY, '5000.00', 'wrongType'],
        ['rejects a number for a Boolean', BOOLEAN, 1, 'wrongType'],
    ])('%s', (_title, mapping, raw, code) => {
        const result = readDynamicsValue(mapping, raw);

        expect(getProblemCode(result)).toBe(code);
    });
});

describe('toDynamicsValue', () => {
    test.each<readonly [string, FieldMapping, CanonicalValue, unknown]>([
        ['sends text up to MaxLength', TEXT, '0123456789', '0123456789'],
        ['sends null to clear text', TEXT, null, null],
        ['sends a valid e-mail', EMAIL, 'ana@example.com', 'ana@example.com'],
        ['sends an https URL', URL_FIELD, 'https://contoso.com/about', 'https://contoso.com/about'],
        ['sends a URL without scheme', URL_FIELD, 'www.contoso.com', 'www.contoso.com'],
        ['sends any phone text', PHONE, 'call 555-0100 ext. 2', 'call 555-0100 ext. 2'],
        ['sends a whole number', INTEGER, 1000, 1000],
        ['sends money in range', MONEY, 0, 0],
        ['sends false for an empty checkbox', BOOLEAN, null, false],
        ['sends true', BOOLEAN, true, true],
    ])('%s', (_title, mapping, value, expected) => {
        expect(toDynamicsValue(mapping, value)).toEqual({ok: true, value: expected});
    });

    test.each<readonly [string, FieldMapping, CanonicalValue, ValueProblemCode]>([
        ['rejects text over MaxLength', TEXT, '01234567890', 'tooLong'],
        ['rejects an invalid e-mail', EMAIL, 'ana@', 'invalidEmail'],
        ['rejects an e-mail with spaces', EMAIL_AS_TEXT, 'ana @example.com', 'invalidEmail'],
        ['rejects a URL with spaces', URL_FIELD, 'not a url', 'invalidUrl'],
        ['rejects an unknown URL scheme', URL_FIELD, 'javascript:alert(1)', 'invalidUrl'],
        ['rejects a fraction for Integer', INTEGER, 12.5, 'notInteger'],
        ['rejects a number over MaxValue', INTEGER, 1001, 'outOfRange'],
        ['rejects a number under MinValue', MONEY, -1, 'outOfRange'],
        ['rejects a number for text', TEXT, 12, 'wrongType'],
        ['rejects text for a number', MONEY, 'many', 'wrongType'],
    ])('%s', (_title, mapping, value, code) => {
        const result = toDynamicsValue(mapping, value);

        expect(getProblemCode(result)).toBe(code);
    });

    test('names field, value and fix', () => {
        const result = toDynamicsValue(EMAIL, 'ana@');

        expect(getProblemMessage(result)).toBe(
            "'ana@' in the Airtable field 'Email' is not a valid e-mail address, which the Dynamics " +
                "column 'emailaddress1' (emailaddress1) requires. Correct it in Airtable and sync again.",
        );
    });
});

describe('toAirtableCell', () => {
    test.each<readonly [string, FieldMapping, CanonicalValue, unknown]>([
        ['writes text', TEXT, 'Contoso', 'Contoso'],
        ['writes null to clear text', TEXT, null, null],
        ['writes line breaks to long text', TEXT_MULTI, 'a\nb', 'a\nb'],
        ['writes memo to rich text', MEMO_RICH, 'a\nb', 'a\nb'],
        ['writes an e-mail', EMAIL, 'ana@example.com', 'ana@example.com'],
        ['writes a number', INTEGER, 250, 250],
        ['writes percent points as a fraction', INTEGER_PERCENT, 57, 0.57],
        ['writes money', MONEY, 1234.5, 1234.5],
        ['writes true', BOOLEAN, true, true],
        ['writes false', BOOLEAN, false, false],
    ])('%s', (_title, mapping, value, expected) => {
        expect(toAirtableCell(mapping, value)).toEqual({ok: true, value: expected});
    });

    test.each<readonly [string, FieldMapping, CanonicalValue, ValueProblemCode]>([
        ['rejects line breaks in single-line text', MEMO_SHORT, 'a\nb', 'lineBreak'],
        ['rejects an invalid e-mail', EMAIL, 'ana@', 'invalidEmail'],
        ['rejects decimals the field hides', DOUBLE, 47.60621, 'tooManyDecimals'],
        ['rejects a number for text', TEXT, 3, 'wrongType'],
        ['rejects text for a number', INTEGER, 'ten', 'wrongType'],
        ['rejects text for a checkbox', BOOLEAN, 'yes', 'wrongType'],
    ])('%s', (_title, mapping, value, code) => {
        const result = toAirtableCell(mapping, value);

        expect(getProblemCode(result)).toBe(code);
    });
});

describe('checkCanSyncField', () => {
    test('accepts each required pairing', () => {
        const mappings = [
            TEXT,
            EMAIL,
            URL_FIELD,
            PHONE,
            MEMO_LONG,
            MEMO_RICH,
            MEMO_SHORT,
            INTEGER,
            INTEGER_PERCENT,
            MONEY,
            DECIMAL,
            DOUBLE,
            BOOLEAN,
        ];

        expect(mappings.map(mapping => checkCanSyncField(mapping).ok)).toEqual(
            mappings.map(() => true),
        );
    });

    test('rejects a number column in text', () => {
        const mapping = fieldMapping(
            column('revenue', {type: 'money'}),
            field('fldText', 'Revenue', 'singleLineText'),
        );

        const check = checkCanSyncField(mapping);

        expect(check).toMatchObject({ok: false});
        expect(check.ok ? '' : check.reason).toContain(
            'Map it to a field of type number, currency, percent',
        );
    });

    test('rejects a choice without options', () => {
        const mapping = fieldMapping(
            column('industrycode', {type: 'picklist'}),
            field('fldSel', 'Industry', 'singleSelect'),
        );

        expect(checkCanSyncField(mapping).ok).toBe(false);
    });
});

describe('decimal helpers', () => {
    test('shiftDecimal avoids binary error', () => {
        expect(shiftDecimal(0.57, 2)).toBe(57);
        expect(shiftDecimal(57, -2)).toBe(0.57);
        expect(shiftDecimal(1e-7, 2)).toBe(0.00001);
    });

    test('roundToDecimals rounds halves away from zero', () => {
        expect(roundToDecimals(1.005, 2)).toBe(1.01);
        expect(roundToDecimals(-1.005, 2)).toBe(-1.01);
        expect(roundToDecimals(2.5, 0)).toBe(3);
    });

    test('countDecimals reads the shortest text', () => {
        expect(countDecimals(12.5)).toBe(1);
        expect(countDecimals(1e-7)).toBe(7);
        expect(countDecimals(1e21)).toBe(0);
    });
});
