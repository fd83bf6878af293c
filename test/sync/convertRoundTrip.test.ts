/**
 * Property tests: a value read from Airtable, written to Dynamics, read back from Dynamics and
 * written to Airtable again is the value it started as, for each two-way pairing below.
 * convertTimeZones.test.ts runs this file under other TZ settings too.
 */
import fc from 'fast-check';
import {
    readAirtableValue,
    readDynamicsValue,
    toAirtableCell,
    toDynamicsValue,
    type Conversion,
} from '../../frontend/sync/convert';
import {shiftDecimal} from '../../frontend/sync/convert/numbers';
import type {ColumnOption, FieldMapping, OptionMapEntry} from '../../frontend/sync/mapping';
import type {CanonicalValue} from '../../frontend/sync/values';
import {column, field, fieldMapping} from './fixtures';

/** The dates and instants Dataverse can hold. */
const MIN_TIME = Date.UTC(1753, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59);

interface RoundTrip {
    readonly fromAirtable: CanonicalValue;
    readonly fromDynamics: CanonicalValue;
    readonly cell: unknown;
}

function getValue<T>(result: Conversion<T>): T {
    if (!result.ok) {
        throw new Error(result.problem.message);
    }
    return result.value;
}

/** Syncs one Airtable cell to Dynamics and back, failing on any problem on the way. */
function syncThroughDynamics(mapping: FieldMapping, cell: unknown): RoundTrip {
    const fromAirtable = getValue(readAirtableValue(mapping, cell));
    const wireValue = getValue(toDynamicsValue(mapping, fromAirtable));
    const fromDynamics = getValue(readDynamicsValue(mapping, wireValue));
    return {fromAirtable, fromDynamics, cell: getValue(toAirtableCell(mapping, fromDynamics))};
}

function checkReturnsCell(mapping: FieldMapping, cells: fc.Arbitrary<unknown>): void {
    fc.assert(
        fc.property(cells, cell => {
            const trip = syncThroughDynamics(mapping, cell);

            expect(trip.fromDynamics).toEqual(trip.fromAirtable);
            expect(trip.cell).toEqual(cell);
        }),
    );
}

/** Any grapheme, with extra weight on the whitespace that trimming or folding would lose. */
const textUnits = fc.oneof(
    fc.constantFrom(' ', '\t', '\u00a0', '\n'),
    fc.string({unit: 'grapheme', minLength: 1, maxLength: 1}),
);

function texts(maxLength: number): fc.Arbitrary<string> {
    return fc
        .string({unit: textUnits, minLength: 1, maxLength})
        .filter(text => text.length <= maxLength);
}

function singleLineTexts(maxLength: number): fc.Arbitrary<string> {
    return texts(maxLength).filter(text => !/[\r\n]/.test(text));
}

describe('text round trip', () => {
    test('single line text within MaxLength', () => {
        const mapping = fieldMapping(
            column('name', {type: 'string', maxLength: 160}),
            field('fldName', 'Name', 'singleLineText'),
        );

        checkReturnsCell(mapping, singleLineTexts(160));
    });

    test('long text within MaxLength', () => {
        const mapping = fieldMapping(
            column('description', {type: 'memo', maxLength: 2000}),
            field('fldNotes', 'Notes', 'multilineText'),
        );
        checkReturnsCell(mapping, texts(2000));
    });

    test('empty text stays empty', () => {
        const mapping = fieldMapping(
            column('name', {type: 'string', maxLength: 160}),
            field('fldName', 'Name', 'singleLineText'),
        );

        fc.assert(
            fc.property(fc.constantFrom('', null, undefined), cell => {
                expect(syncThroughDynamics(mapping, cell).cell).toBeNull();
            }),
        );
    });
});

describe('number round trip', () => {
    test('integers within range', () => {
        const mapping = fieldMapping(
            column('numberofemployees', {type: 'integer', minValue: 0, maxValue: 1_000_000_000}),
            field('fldEmployees', 'Employees', 'number', 0),
        );

        checkReturnsCell(mapping, fc.integer({min: 0, max: 1_000_000_000}));
    });

    test('money to the cent', () => {
        const mapping = fieldMapping(
            column('revenue', {type: 'money', precision: 2, minValue: 0, maxValue: 1e14}),
            field('fldRevenue', 'Revenue', 'currency', 2),
        );
        const cents = fc.integer({min: 0, max: Number.MAX_SAFE_INTEGER});

        checkReturnsCell(
            mapping,
            cents.map(value => shiftDecimal(value, -2)),
        );
    });

    test('percent points as fractions', () => {
        const mapping = fieldMapping(
            column('closeprobability', {type: 'integer', minValue: 0, maxValue: 100}),
            field('fldProbability', 'Probability', 'percent', 0),
        );
        const points = fc.integer({min: 0, max: 100});

        checkReturnsCell(
            mapping,
            points.map(value => shiftDecimal(value, -2)),
        );
    });

    test('doubles to their precision', () => {
        const mapping = fieldMapping(
            column('address1_latitude', {
                type: 'double',
                precision: 5,
                minValue: -90,
                maxValue: 90,
            }),
            field('fldLatitude', 'Latitude', 'number', 5),
        );
        const hundredThousandths = fc.integer({min: -9_000_000, max: 9_000_000});

        checkReturnsCell(
            mapping,
            hundredThousandths.map(value => shiftDecimal(value, -5)),
        );
    });
});

describe('checkbox round trip', () => {
    test('checked and unchecked', () => {
        const mapping = fieldMapping(
            column('donotemail', {type: 'boolean'}),
            field('fldDoNotEmail', 'Do not e-mail', 'checkbox'),
        );

        fc.assert(
            fc.property(fc.constantFrom(true, null), cell => {
                const trip = syncThroughDynamics(mapping, cell);

                // Airtable reads an unchecked box, written as false, back as null.
                expect(trip.cell === true ? true : null).toBe(cell);
            }),
        );
    });
});

interface ChoiceSet {
    readonly options: readonly ColumnOption[];
    readonly optionMap: readonly OptionMapEntry[];
    readonly names: readonly string[];
}

/** Option sets with distinct values and labels, some renamed in Airtable through the option map. */
const choiceSets: fc.Arbitrary<ChoiceSet> = fc
    .uniqueArray(
        fc
            .string({unit: 'grapheme', minLength: 1, maxLength: 30})
            .filter(label => !label.startsWith('#')),
        {minLength: 1, maxLength: 12},
    )
    .chain(labels =>
        fc.record({
            labels: fc.constant(labels),
            values: fc.uniqueArray(fc.integer({min: 0, max: 2_000_000_000}), {
                minLength: labels.length,
                maxLength: labels.length,
            }),
            isRenamed: fc.array(fc.boolean(), {minLength: labels.length, maxLength: labels.length}),
        }),
    )
    .map(({labels, values, isRenamed}) => {
        const options = labels.map((label, index) => ({value: values[index] ?? index, label}));
        const optionMap = options
            .filter((_option, index) => isRenamed[index] === true)
            .map(option => ({value: option.value, airtableName: `#${option.value}`}));
        const names = options.map(
            option =>
                optionMap.find(entry => entry.value === option.value)?.airtableName ?? option.label,
        );
        return {options, optionMap, names};
    });

function choiceMapping(set: ChoiceSet, isMultiple: boolean): FieldMapping {
    return fieldMapping(
        column('new_choice', {
            type: isMultiple ? 'multiselectpicklist' : 'picklist',
            options: set.options,
            optionMap: set.optionMap,
        }),
        {
            ...field('fldChoice', 'Choice', isMultiple ? 'multipleSelects' : 'singleSelect'),
            choices: set.names,
        },
    );
}

describe('choice round trip', () => {
    test('single select by name', () => {
        const cases = choiceSets.chain(set =>
            fc.record({set: fc.constant(set), name: fc.constantFrom(...set.names)}),
        );

        fc.assert(
            fc.property(cases, ({set, name}) => {
                const trip = syncThroughDynamics(choiceMapping(set, false), {id: 'selX', name});

                expect(trip.cell).toEqual({name});
            }),
        );
    });

    test('multiple selects as a set', () => {
        const cases = choiceSets.chain(set =>
            fc.record({set: fc.constant(set), names: fc.subarray([...set.names])}),
        );

        fc.assert(
            fc.property(cases, ({set, names}) => {
                const cell = names.map(name => ({id: 'selX', name}));

                const trip = syncThroughDynamics(choiceMapping(set, true), cell);

                // The canonical value sorts the option values, so the names come back in that order.
                const namesBack = (trip.cell as ReadonlyArray<{name: string}>).map(
                    choice => choice.name,
                );
                expect([...namesBack].sort()).toEqual([...names].sort());
            }),
        );
    });
});

describe('date round trip', () => {
    const mapping = fieldMapping(
        column('estimatedclosedate', {type: 'dateonly'}),
        field('fldClose', 'Close date', 'date'),
    );

    test('dates within Dataverse range', () => {
        const days = fc
            .integer({min: MIN_TIME, max: MAX_TIME})
            .map(time => new Date(time).toISOString().slice(0, 10));

        checkReturnsCell(mapping, days);
    });
});

describe('date-time round trip', () => {
    const seconds = fc
        .integer({min: MIN_TIME / 1000, max: MAX_TIME / 1000})
        .map(second => second * 1000);

    test.each(['UserLocal', 'TimeZoneIndependent'] as const)('%s date-times', behavior => {
        const mapping = fieldMapping(
            column('new_when', {type: 'datetime', dateTimeBehavior: behavior}),
            field('fldWhen', 'When', 'dateTime'),
        );

        fc.assert(
            fc.property(seconds, time => {
                // Airtable reads a date-time as UTC text with milliseconds.
                const trip = syncThroughDynamics(mapping, new Date(time).toISOString());

                expect(Date.parse(String(trip.cell))).toBe(time);
                expect(trip.fromDynamics).toBe(trip.fromAirtable);
            }),
        );
    });

    test('day of a date-time agrees', () => {
        const mapping = fieldMapping(
            column('new_when', {type: 'datetime', dateTimeBehavior: 'TimeZoneIndependent'}),
            field('fldDay', 'Day', 'date'),
            'toAirtable',
        );

        fc.assert(
            fc.property(seconds, time => {
                const wireValue = new Date(time).toISOString().replace('.000Z', 'Z');

                const fromDynamics = getValue(readDynamicsValue(mapping, wireValue));
                const cell = getValue(toAirtableCell(mapping, fromDynamics));

                expect(cell).toBe(wireValue.slice(0, 10));
                expect(getValue(readAirtableValue(mapping, cell))).toBe(fromDynamics);
            }),
        );
    });
});
