/**
 * One table of cases per pairing of a Dynamics column type with an Airtable field type, run in
 * both directions: Airtable cells to Web API values, Web API values to Airtable cells, and the
 * values that can't cross. Each pairing that claims to round-trip also has a fast-check property:
 * an Airtable cell comes back unchanged after a trip through Dynamics.
 *
 * Lookups and linked records are converted by the link index, not here; relations.test.ts covers
 * them. convertTimeZones.test.ts runs the date pairings under other TZ settings.
 */
import fc from 'fast-check';
import {
    getCompatibleFieldTypes,
    readAirtableValue,
    readDynamicsValue,
    toAirtableCell,
    toDynamicsValue,
    type Conversion,
    type ValueProblem,
    type ValueProblemCode,
} from '../../frontend/sync/convert';
import {shiftDecimal} from '../../frontend/sync/convert/numbers';
import {isValidEmail, isValidUrl} from '../../frontend/sync/convert/text';
import type {ColumnType, FieldMapping} from '../../frontend/sync/mapping';
import {describeValue} from '../../frontend/sync/values';
import {column, field, fieldMapping} from './fixtures';

type CellCase = readonly [from: unknown, to: unknown];
type RejectCase = readonly [value: unknown, code: ValueProblemCode];

interface Pair {
    readonly title: string;
    readonly mapping: FieldMapping;
    /** Airtable cells and the Web API values they become. */
    readonly toDynamics: readonly CellCase[];
    /** Web API values and the Airtable cells they become. */
    readonly toAirtable: readonly CellCase[];
    /** Airtable cells that can't reach Dynamics, with the problem's code. */
    readonly rejectedCells: readonly RejectCase[];
    /** Web API values that can't reach Airtable, with the problem's code. */
    readonly rejectedWireValues: readonly RejectCase[];
    /** Cells that come back unchanged after a trip through Dynamics, or null for a one-way pair. */
    readonly roundTripCells: fc.Arbitrary<unknown> | null;
    /** Reads a cell as the SDK returns it after the write, where that differs from the text written. */
    readonly readBack?: (cell: unknown) => unknown;
}

/** Dataverse's dates: 1753-01-01 to 9999-12-31. */
const MIN_TIME = Date.UTC(1753, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59);

function toDynamicsThrough(mapping: FieldMapping, cell: unknown): Conversion<unknown> {
    const canonical = readAirtableValue(mapping, cell);
    return canonical.ok ? toDynamicsValue(mapping, canonical.value) : canonical;
}

function toAirtableThrough(mapping: FieldMapping, wire: unknown): Conversion<unknown> {
    const canonical = readDynamicsValue(mapping, wire);
    return canonical.ok ? toAirtableCell(mapping, canonical.value) : canonical;
}

function getValue<T>(result: Conversion<T>): T {
    if (!result.ok) {
        throw new Error(result.problem.message);
    }
    return result.value;
}

function getProblem(result: Conversion<unknown>): ValueProblem | null {
    return result.ok ? null : result.problem;
}

function texts(maxLength: number, isSingleLine: boolean): fc.Arbitrary<string> {
    const units = fc.oneof(
        fc.constantFrom(' ', '\t', '\u00a0', '*', '#', '[', ']', '(', ')', '<', '>'),
        fc.string({unit: 'grapheme', minLength: 1, maxLength: 1}),
        isSingleLine ? fc.constant('x') : fc.constantFrom('\n', '\r\n'),
    );
    return fc
        .string({unit: units, minLength: 1, maxLength})
        .filter(text => text.length <= maxLength && (!isSingleLine || !/[\r\n]/.test(text)));
}

/** Markdown as the SDK returns a rich text cell, with the markup kept as text. */
function markdownTexts(maxLength: number): fc.Arbitrary<string> {
    const blocks = fc.oneof(
        texts(40, true).map(text => `**${text.trim() || 'b'}**`),
        texts(40, true).map(text => `- ${text}`),
        texts(40, true).map(text => `[${text.trim() || 'l'}](https://example.com)`),
        texts(40, false),
    );
    return fc
        .array(blocks, {minLength: 1, maxLength: 5})
        .map(parts => parts.join('\n'))
        .filter(text => text.length <= maxLength && text.trim() !== '');
}

function emails(maxLength: number): fc.Arbitrary<string> {
    return fc.emailAddress().filter(text => text.length <= maxLength && isValidEmail(text));
}

function urls(maxLength: number): fc.Arbitrary<string> {
    return fc
        .webUrl({withQueryParameters: true, withFragments: true})
        .filter(text => text.length <= maxLength && isValidUrl(text));
}

/** Numbers between `min` and `max` with at most `places` decimal places in their decimal text. */
function decimals(min: number, max: number, places: number): fc.Arbitrary<number> {
    const scale = 10 ** places;
    return fc
        .integer({min: Math.ceil(min * scale), max: Math.floor(max * scale)})
        .map(units => shiftDecimal(units, -places));
}

/** Percent cells: fractions whose points have at most `places` decimals, 0.5 for 50 %. */
function percentCells(min: number, max: number, places: number): fc.Arbitrary<number> {
    return decimals(min, max, places).map(points => shiftDecimal(points, -2));
}

function dates(): fc.Arbitrary<string> {
    return fc
        .integer({min: MIN_TIME, max: MAX_TIME})
        .map(time => new Date(time).toISOString().slice(0, 10));
}

/** Date-time cells as the SDK reads them: UTC text with milliseconds, on whole seconds. */
function dateTimeCells(): fc.Arbitrary<string> {
    return fc
        .integer({min: MIN_TIME / 1000, max: MAX_TIME / 1000})
        .map(second => new Date(second * 1000).toISOString());
}

const TEXT_LIMIT = 20;
const LONG_TEXT = 'x'.repeat(TEXT_LIMIT + 1);

function textPair(
    title: string,
    columnType: 'string' | 'memo',
    fieldType: 'singleLineText' | 'multilineText' | 'richText',
): Pair {
    const mapping = fieldMapping(
        column('new_text', {type: columnType, maxLength: TEXT_LIMIT}),
        field('fldText', 'Notes', fieldType),
    );
    const isSingleLine = fieldType === 'singleLineText';
    const withBreak = 'one\ntwo';
    return {
        title,
        mapping,
        toDynamics: [
            ['  spaced  ', '  spaced  '],
            ['', null],
            [null, null],
            ['**bold** _x_', '**bold** _x_'],
            ...(isSingleLine ? [] : [[withBreak, withBreak] as const]),
        ],
        toAirtable: [
            ['Contoso', 'Contoso'],
            ['', null],
            [null, null],
            ...(isSingleLine ? [] : [[withBreak, withBreak] as const]),
        ],
        rejectedCells: [
            [LONG_TEXT, 'tooLong'],
            [42, 'wrongType'],
        ],
        rejectedWireValues: [
            [42, 'wrongType'],
            ...(isSingleLine ? [[withBreak, 'lineBreak'] as const] : []),
        ],
        roundTripCells:
            fieldType === 'richText' ? markdownTexts(TEXT_LIMIT) : texts(TEXT_LIMIT, isSingleLine),
    };
}

const EMAIL_PAIR: Pair = {
    title: 'String (e-mail) ↔ e-mail',
    mapping: fieldMapping(
        column('emailaddress1', {type: 'string', format: 'email', maxLength: 100}),
        field('fldEmail', 'Email', 'email'),
    ),
    toDynamics: [
        ['ana@example.com', 'ana@example.com'],
        ['Ana.Ruiz+crm@mail.example.co.uk', 'Ana.Ruiz+crm@mail.example.co.uk'],
        ['', null],
    ],
    toAirtable: [
        ['ana@example.com', 'ana@example.com'],
        [null, null],
    ],
    rejectedCells: [
        ['ana@', 'invalidEmail'],
        ['ana @example.com', 'invalidEmail'],
        ['ana@example', 'invalidEmail'],
        [`${'a'.repeat(95)}@x.com`, 'tooLong'],
    ],
    rejectedWireValues: [
        ['ana@', 'invalidEmail'],
        ['a\n@example.com', 'invalidEmail'],
    ],
    roundTripCells: emails(100),
};

const URL_PAIR: Pair = {
    title: 'String (URL) ↔ URL',
    mapping: fieldMapping(
        column('websiteurl', {type: 'string', format: 'url', maxLength: 200}),
        field('fldWebsite', 'Website', 'url'),
    ),
    toDynamics: [
        ['https://contoso.example/about?x=1#top', 'https://contoso.example/about?x=1#top'],
        ['www.contoso.example', 'www.contoso.example'],
        ['mailto:ana@example.com', 'mailto:ana@example.com'],
        ['', null],
    ],
    toAirtable: [
        ['https://contoso.example', 'https://contoso.example'],
        [null, null],
    ],
    rejectedCells: [
        ['not a url', 'invalidUrl'],
        ['javascript:alert(1)', 'invalidUrl'],
        ['http://', 'invalidUrl'],
        [`https://example.com/${'p'.repeat(200)}`, 'tooLong'],
    ],
    rejectedWireValues: [
        [5, 'wrongType'],
        ['https://a.example\nhttps://b.example', 'lineBreak'],
    ],
    roundTripCells: urls(200),
};

const PHONE_PAIR: Pair = {
    title: 'String (phone) ↔ phone',
    mapping: fieldMapping(
        column('telephone1', {type: 'string', format: 'phone', maxLength: 50}),
        field('fldPhone', 'Main Phone', 'phoneNumber'),
    ),
    toDynamics: [
        ['+1 425 555 0100', '+1 425 555 0100'],
        ['call 555-0100 ext. 2', 'call 555-0100 ext. 2'],
        ['', null],
    ],
    toAirtable: [
        ['+351 21 000 0000', '+351 21 000 0000'],
        [null, null],
    ],
    rejectedCells: [
        ['5'.repeat(51), 'tooLong'],
        [5550100, 'wrongType'],
    ],
    rejectedWireValues: [['555\n0100', 'lineBreak']],
    roundTripCells: texts(50, true),
};

interface NumberColumn {
    readonly type: 'integer' | 'decimal' | 'double' | 'money';
    readonly name: string;
    readonly precision: number;
    readonly min: number;
    readonly max: number;
}

const NUMBER_COLUMNS: readonly NumberColumn[] = [
    {type: 'integer', name: 'Whole number', precision: 0, min: -1000, max: 1000},
    {type: 'decimal', name: 'Decimal', precision: 2, min: -1000, max: 1000},
    {type: 'double', name: 'Float', precision: 5, min: -90, max: 90},
    {type: 'money', name: 'Money', precision: 2, min: 0, max: 1e12},
];

/**
 * Number pairings. A Money, Decimal or Float column rounds to its precision when it stores a value,
 * so a cell with more decimals is rounded the same way on the way to Dynamics, halves away from
 * zero. A Whole number column rejects a fraction instead, because Dynamics rejects it too.
 */
function numberPair(spec: NumberColumn, fieldType: 'number' | 'currency' | 'percent'): Pair {
    // One decimal fewer than the column, so a value from Dynamics can have more than the field shows.
    const fieldPrecision = Math.max(0, spec.precision - 1);
    const mapping = fieldMapping(
        column('new_amount', {
            type: spec.type,
            minValue: spec.min,
            maxValue: spec.max,
            ...(spec.type === 'integer' ? {} : {precision: spec.precision}),
        }),
        field('fldAmount', 'Amount', fieldType, fieldPrecision),
    );

    const isPercent = fieldType === 'percent';
    // A percent cell stores the fraction: 0.5 is 50 %, which a Dynamics column stores as 50.
    const cellOf = (points: number) => (isPercent ? shiftDecimal(points, -2) : points);
    const isInteger = spec.type === 'integer';
    const fraction = isInteger ? 12 : 12.5;
    const extraDecimal = shiftDecimal(1, -(spec.precision + 1));
    const hiddenDecimal = shiftDecimal(1, -spec.precision);

    const rejectedCells: RejectCase[] = [
        [cellOf(spec.max + 1), 'outOfRange'],
        [cellOf(spec.min - 1), 'outOfRange'],
        [Number.NaN, 'wrongType'],
        [Number.POSITIVE_INFINITY, 'wrongType'],
        ['12', 'wrongType'],
    ];
    if (isInteger) {
        rejectedCells.push([cellOf(12.5), 'notInteger']);
    }

    return {
        title: `${spec.name} ↔ ${fieldType}`,
        mapping,
        toDynamics: [
            [cellOf(fraction), fraction],
            [cellOf(0), 0],
            [null, null],
            ...(isInteger ? [] : [[cellOf(1 + 5 * extraDecimal), 1 + 10 * extraDecimal] as const]),
        ],
        toAirtable: [
            [fraction, cellOf(fraction)],
            [0, 0],
            [null, null],
        ],
        rejectedCells,
        rejectedWireValues: [
            ['12', 'wrongType'],
            [Number.NaN, 'wrongType'],
            ...(isInteger ? [] : [[1 + hiddenDecimal, 'tooManyDecimals'] as const]),
        ],
        roundTripCells: isPercent
            ? percentCells(spec.min, spec.max, fieldPrecision)
            : decimals(spec.min, spec.max, fieldPrecision),
    };
}

const BOOLEAN_PAIR: Pair = {
    title: 'Boolean ↔ checkbox',
    mapping: fieldMapping(
        column('donotemail', {type: 'boolean'}),
        field('fldDoNotEmail', 'Do not e-mail', 'checkbox'),
    ),
    toDynamics: [
        [true, true],
        [null, false],
        [false, false],
    ],
    toAirtable: [
        [true, true],
        [false, false],
        [null, false],
    ],
    rejectedCells: [
        ['yes', 'wrongType'],
        [1, 'wrongType'],
    ],
    rejectedWireValues: [
        [1, 'wrongType'],
        ['true', 'wrongType'],
    ],
    // The SDK reads an unchecked box as null, so only a checked box returns as it was written.
    roundTripCells: fc.constant(true),
};

function choicePair(title: string, logicalName: string, labels: readonly string[]): Pair {
    const options = labels.map((label, index) => ({value: index, label}));
    return {
        title,
        mapping: fieldMapping(column(logicalName, {type: 'picklist', options}), {
            ...field('fldChoice', title, 'singleSelect'),
            choices: [...labels, 'Only in Airtable'],
        }),
        toDynamics: [
            [{id: 'selA', name: labels[1], color: 'blueLight2'}, 1],
            [null, null],
        ],
        toAirtable: [
            [0, {name: labels[0]}],
            [null, null],
        ],
        rejectedCells: [
            [{id: 'selB', name: 'Only in Airtable'}, 'unknownOption'],
            ['Active', 'wrongType'],
        ],
        rejectedWireValues: [
            [99, 'unknownOption'],
            [1.5, 'wrongType'],
        ],
        roundTripCells: fc.constantFrom(...labels).map(name => ({name})),
    };
}

const MULTI_SELECT_PAIR: Pair = {
    title: 'Multi-select choice ↔ multiple selects',
    mapping: fieldMapping(
        column('new_channels', {
            type: 'multiselectpicklist',
            options: [
                {value: 1, label: 'Email'},
                {value: 2, label: 'Phone'},
                {value: 3, label: 'Mail'},
            ],
            optionMap: [{value: 3, airtableName: 'Post'}],
        }),
        {
            ...field('fldChannels', 'Channels', 'multipleSelects'),
            choices: ['Email', 'Phone', 'Post'],
        },
    ),
    toDynamics: [
        [[{name: 'Post'}, {name: 'Email'}], '1,3'],
        [[], null],
        [null, null],
    ],
    toAirtable: [
        ['3,1', [{name: 'Email'}, {name: 'Post'}]],
        [null, []],
    ],
    rejectedCells: [
        [[{name: 'Email'}, {name: 'Fax'}], 'unknownOption'],
        [[{name: 'Mail'}], 'unknownOption'],
    ],
    rejectedWireValues: [
        ['1,9', 'unknownOption'],
        ['1;2', 'wrongType'],
    ],
    roundTripCells: fc
        .subarray(['Email', 'Phone', 'Post'], {minLength: 1})
        .map(names => names.map(name => ({name}))),
};

const DATE_PAIR: Pair = {
    title: 'Date only ↔ date',
    mapping: fieldMapping(
        column('estimatedclosedate', {type: 'dateonly'}),
        field('fldClose', 'Close date', 'date'),
    ),
    toDynamics: [
        ['2025-06-30', '2025-06-30'],
        ['1753-01-01', '1753-01-01'],
        [null, null],
    ],
    toAirtable: [
        ['2025-06-30', '2025-06-30'],
        [null, null],
    ],
    rejectedCells: [
        ['1752-12-31', 'outOfRange'],
        ['0001-01-01', 'outOfRange'],
        ['2025-02-30', 'wrongType'],
        ['2025-06-30T10:00:00.000Z', 'wrongType'],
    ],
    rejectedWireValues: [
        ['30/06/2025', 'wrongType'],
        [20250630, 'wrongType'],
    ],
    roundTripCells: dates(),
};

function dateTimePair(behavior: 'UserLocal' | 'TimeZoneIndependent'): Pair {
    return {
        title: `Date and time (${behavior}) ↔ date and time`,
        mapping: fieldMapping(
            column('new_when', {type: 'datetime', dateTimeBehavior: behavior}),
            field('fldWhen', 'When', 'dateTime'),
        ),
        toDynamics: [
            ['2025-06-03T16:14:07.000Z', '2025-06-03T16:14:07Z'],
            ['2025-06-03T23:30:00.000Z', '2025-06-03T23:30:00Z'],
            [null, null],
        ],
        toAirtable: [
            ['2025-06-03T16:14:07Z', '2025-06-03T16:14:07Z'],
            ['2025-06-04T00:30:00Z', '2025-06-04T00:30:00Z'],
            [null, null],
        ],
        rejectedCells: [
            ['1752-12-31T23:59:59.000Z', 'outOfRange'],
            ['2025-06-03T16:14:07.250Z', 'tooPrecise'],
            ['2025-06-03T16:14:07', 'wrongType'],
        ],
        rejectedWireValues: [
            ['2025-06-03T16:14:07', 'wrongType'],
            ['2025-06-03', 'wrongType'],
        ],
        roundTripCells: dateTimeCells(),
        // The sync writes `…:07Z`, which the SDK reads back as `…:07.000Z`.
        readBack: cell => new Date(String(cell)).toISOString(),
    };
}

const DATE_OF_DATE_TIME_PAIR: Pair = {
    title: 'Date and time (TimeZoneIndependent) → date',
    mapping: fieldMapping(
        column('new_when', {type: 'datetime', dateTimeBehavior: 'TimeZoneIndependent'}),
        field('fldDay', 'Day', 'date'),
        'toAirtable',
    ),
    toDynamics: [],
    toAirtable: [
        ['2025-06-03T23:30:00Z', '2025-06-03'],
        [null, null],
    ],
    rejectedCells: [['2025-06-03', 'unsupportedMapping']],
    rejectedWireValues: [['June 3', 'wrongType']],
    roundTripCells: null,
};

function computedPair(
    fieldType: 'formula' | 'rollup' | 'multipleLookupValues' | 'count',
    columnType: 'string' | 'money' | 'integer',
    cell: unknown,
    wire: unknown,
): Pair {
    return {
        title: `${fieldType} → ${columnType}`,
        mapping: fieldMapping(
            column('new_value', {type: columnType, maxLength: 100}),
            field('fldComputed', 'Computed', fieldType),
            'toDynamics',
        ),
        toDynamics: [
            [cell, wire],
            [null, null],
        ],
        toAirtable: [],
        rejectedCells: [[{error: '#ERROR!'}, 'wrongType']],
        rejectedWireValues: [[wire, 'readOnlyField']],
        roundTripCells: null,
    };
}

const PAIRS: readonly Pair[] = [
    textPair('String ↔ single line text', 'string', 'singleLineText'),
    textPair('String ↔ long text', 'string', 'multilineText'),
    textPair('String ↔ rich text', 'string', 'richText'),
    textPair('Memo ↔ single line text', 'memo', 'singleLineText'),
    textPair('Memo ↔ long text', 'memo', 'multilineText'),
    textPair('Memo ↔ rich text', 'memo', 'richText'),
    EMAIL_PAIR,
    URL_PAIR,
    PHONE_PAIR,
    ...NUMBER_COLUMNS.flatMap(spec =>
        (['number', 'currency', 'percent'] as const).map(fieldType => numberPair(spec, fieldType)),
    ),
    BOOLEAN_PAIR,
    choicePair('Choice ↔ single select', 'industrycode', ['Accounting', 'Consulting', 'Financial']),
    choicePair('State ↔ single select', 'statecode', ['Active', 'Inactive']),
    choicePair('Status ↔ single select', 'statuscode', ['Active', 'Inactive', 'On hold']),
    MULTI_SELECT_PAIR,
    DATE_PAIR,
    dateTimePair('UserLocal'),
    dateTimePair('TimeZoneIndependent'),
    DATE_OF_DATE_TIME_PAIR,
    computedPair('formula', 'string', 'Contoso (Lisbon)', 'Contoso (Lisbon)'),
    computedPair('rollup', 'money', 1250.5, 1250.5),
    computedPair('multipleLookupValues', 'string', [{linkedRecordId: 'recA', value: 'A'}], 'A'),
    computedPair('count', 'integer', 3, 3),
];

describe.each(PAIRS.map(pair => [pair.title, pair] as const))('%s', (_title, pair) => {
    const {mapping} = pair;

    if (pair.toDynamics.length > 0) {
        test.each(pair.toDynamics)('sends cell %p as %p', (cell, wire) => {
            expect(toDynamicsThrough(mapping, cell)).toEqual({ok: true, value: wire});
        });
    }

    if (pair.toAirtable.length > 0) {
        test.each(pair.toAirtable)('writes value %p as %p', (wire, cell) => {
            expect(toAirtableThrough(mapping, wire)).toEqual({ok: true, value: cell});
        });
    }

    test.each(pair.rejectedCells)('rejects cell %p as %s', (cell, code) => {
        const problem = getProblem(toDynamicsThrough(mapping, cell));

        expect(problem?.code).toBe(code);
        expect(problem?.fieldName).toBe(mapping.field.name);
        expect(problem?.message).toMatch(/\. [^.]*(sync|Check|Remove|Map|Correct)[^.]*\.$/i);
    });

    test.each(pair.rejectedWireValues)('rejects value %p as %s', (wire, code) => {
        const problem = getProblem(toAirtableThrough(mapping, wire));

        expect(problem?.code).toBe(code);
        expect(problem?.logicalName).toBe(mapping.column.logicalName);
        expect(problem?.message).toMatch(/\. [^.]*(sync|Check|Remove|Map|Correct)[^.]*\.$/i);
    });

    const cells = pair.roundTripCells;
    if (cells !== null) {
        test('round-trips through Dynamics', () => {
            fc.assert(
                fc.property(cells, cell => {
                    const wire = getValue(toDynamicsThrough(mapping, cell));
                    const cellBack = getValue(toAirtableThrough(mapping, wire));

                    expect(pair.readBack?.(cellBack) ?? cellBack).toEqual(cell);
                }),
            );
        });
    }
});

describe('pair coverage', () => {
    const COLUMN_TYPES: readonly ColumnType[] = [
        'string',
        'memo',
        'integer',
        'decimal',
        'double',
        'money',
        'boolean',
        'picklist',
        'multiselectpicklist',
        'datetime',
        'dateonly',
    ];

    test.each(COLUMN_TYPES)('covers every two-way %s field', columnType => {
        const covered = PAIRS.filter(
            pair => pair.mapping.column.type === columnType && pair.mapping.direction === 'both',
        ).map(pair => pair.mapping.field.type);

        expect([...new Set(covered)].sort()).toEqual(
            [...getCompatibleFieldTypes(columnType)].sort(),
        );
    });

    test('round-trips every two-way pair', () => {
        const oneWay = PAIRS.filter(
            pair => pair.mapping.direction === 'both' && pair.roundTripCells === null,
        );

        expect(oneWay.map(pair => pair.title)).toEqual([]);
    });

    test('names long values shortened', () => {
        const problem = getProblem(toDynamicsThrough(PAIRS[0]!.mapping, 'y'.repeat(500)));

        expect(problem?.message).toContain(describeValue('y'.repeat(500)));
        expect(problem?.message).toContain('500 characters');
    });
});
