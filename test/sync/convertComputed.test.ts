import {
    readAirtableValue,
    toAirtableCell,
    toDynamicsValue,
    type Conversion,
    type ValueProblemCode,
} from '../../frontend/sync/convert';
import type {AirtableFieldType, ColumnSpec, FieldMapping} from '../../frontend/sync/mapping';
import {column, field, fieldMapping} from './fixtures';

const NAME_COLUMN = column('name', {type: 'string', maxLength: 160});
const REVENUE_COLUMN = column('revenue', {type: 'money', precision: 2});
const DO_NOT_EMAIL_COLUMN = column('donotemail', {type: 'boolean'});
const INDUSTRY_COLUMN = column('industrycode', {
    type: 'picklist',
    options: [
        {value: 1, label: 'Accounting'},
        {value: 7, label: 'Consulting'},
    ],
});
const METHODS_COLUMN = column('new_contactmethods', {
    type: 'multiselectpicklist',
    options: [
        {value: 1, label: 'Email'},
        {value: 3, label: 'Mail'},
    ],
});
const CLOSE_DATE_COLUMN = column('estimatedclosedate', {type: 'dateonly'});
const FOLLOW_UP_COLUMN = column('new_followup', {type: 'datetime'});

function computed(columnSpec: ColumnSpec, type: AirtableFieldType): FieldMapping {
    return fieldMapping(columnSpec, field('fldComputed', 'Computed', type), 'toDynamics');
}

function getProblemCode(result: Conversion<unknown>): ValueProblemCode | null {
    return result.ok ? null : result.problem.code;
}

type Case = readonly [string, FieldMapping, unknown, unknown];
type Rejection = readonly [string, FieldMapping, unknown, ValueProblemCode];

describe('reading computed fields', () => {
    test.each<Case>([
        ['formula text', computed(NAME_COLUMN, 'formula'), 'Contoso Ltd', 'Contoso Ltd'],
        ['formula number as text', computed(NAME_COLUMN, 'formula'), 42.5, '42.5'],
        ['formula array as text', computed(NAME_COLUMN, 'formula'), ['a', 'b'], 'a, b'],
        ['empty formula as null', computed(NAME_COLUMN, 'formula'), '', null],
        ['autonumber as text', computed(NAME_COLUMN, 'autoNumber'), 1042, '1042'],
        [
            'lookup values as text',
            computed(NAME_COLUMN, 'multipleLookupValues'),
            [
                {linkedRecordId: 'recA', value: 'Ana'},
                {linkedRecordId: 'recB', value: 'Ben'},
            ],
            'Ana, Ben',
        ],
        ['rollup sum', computed(REVENUE_COLUMN, 'rollup'), 1234.5, 1234.5],
        ['count', computed(REVENUE_COLUMN, 'count'), 3, 3],
        ['formula number rounded', computed(REVENUE_COLUMN, 'formula'), 1.005, 1.01],
        ['one-item array number', computed(REVENUE_COLUMN, 'rollup'), [12], 12],
        ['empty number as null', computed(REVENUE_COLUMN, 'formula'), null, null],
        ['formula comparison true', computed(DO_NOT_EMAIL_COLUMN, 'formula'), 1, true],
        ['formula comparison false', computed(DO_NOT_EMAIL_COLUMN, 'formula'), 0, false],
        ['empty boolean as false', computed(DO_NOT_EMAIL_COLUMN, 'formula'), null, false],
        ['formula choice label', computed(INDUSTRY_COLUMN, 'formula'), 'Consulting', 7],
        [
            'lookup of a select',
            computed(INDUSTRY_COLUMN, 'multipleLookupValues'),
            [{linkedRecordId: 'recA', value: {id: 'selA', name: 'Accounting'}}],
            1,
        ],
        ['labels as choices', computed(METHODS_COLUMN, 'rollup'), ['Mail', 'Email'], '1,3'],
        ['formula date', computed(CLOSE_DATE_COLUMN, 'formula'), '2025-06-30', '2025-06-30'],
        [
            'formula date at midnight',
            computed(CLOSE_DATE_COLUMN, 'formula'),
            '2025-06-30T00:00:00.000Z',
            '2025-06-30',
        ],
        [
            'created time',
            computed(FOLLOW_UP_COLUMN, 'createdTime'),
            '2025-06-03T16:14:07.000Z',
            '2025-06-03T16:14:07Z',
        ],
        [
            'last modified time',
            computed(FOLLOW_UP_COLUMN, 'lastModifiedTime'),
            '2025-06-03T16:14:07.000Z',
            '2025-06-03T16:14:07Z',
        ],
    ])('reads %s', (_title, mapping, cell, expected) => {
        expect(readAirtableValue(mapping, cell)).toEqual({ok: true, value: expected});
    });

    test.each<Rejection>([
        ['several numbers', computed(REVENUE_COLUMN, 'rollup'), [1, 2], 'wrongType'],
        ['text for a number', computed(REVENUE_COLUMN, 'formula'), '12', 'wrongType'],
        ['a formula error', computed(REVENUE_COLUMN, 'formula'), {error: '#ERROR!'}, 'wrongType'],
        ['infinity', computed(REVENUE_COLUMN, 'formula'), Infinity, 'wrongType'],
        ['a Boolean for text', computed(NAME_COLUMN, 'formula'), true, 'wrongType'],
        ['2 for a Boolean', computed(DO_NOT_EMAIL_COLUMN, 'formula'), 2, 'wrongType'],
        ['an unknown label', computed(INDUSTRY_COLUMN, 'formula'), 'Retail', 'unknownOption'],
        ['an unknown choice', computed(METHODS_COLUMN, 'rollup'), ['Fax'], 'unknownOption'],
        [
            'a time for a date',
            computed(CLOSE_DATE_COLUMN, 'formula'),
            '2025-06-30T11:00:00.000Z',
            'wrongType',
        ],
        [
            'a date for a date-time',
            computed(FOLLOW_UP_COLUMN, 'formula'),
            '2025-06-30',
            'wrongType',
        ],
    ])('rejects %s', (_title, mapping, cell, code) => {
        expect(getProblemCode(readAirtableValue(mapping, cell))).toBe(code);
    });

    test('sends a read value on', () => {
        const mapping = computed(NAME_COLUMN, 'autoNumber');
        const value = readAirtableValue(mapping, 1042);

        expect(value.ok && toDynamicsValue(mapping, value.value)).toEqual({
            ok: true,
            value: '1042',
        });
    });

    test('checks MaxLength on the way', () => {
        const mapping = computed(
            column('accountnumber', {type: 'string', maxLength: 3}),
            'formula',
        );
        const value = readAirtableValue(mapping, 'ACC-1042');

        expect(value.ok && getProblemCode(toDynamicsValue(mapping, value.value))).toBe('tooLong');
    });
});

describe('writing computed fields', () => {
    test.each<AirtableFieldType>([
        'formula',
        'rollup',
        'multipleLookupValues',
        'count',
        'createdTime',
        'lastModifiedTime',
        'autoNumber',
    ])('rejects a write to %s', type => {
        const mapping = fieldMapping(NAME_COLUMN, field('fldComputed', 'Computed', type));

        expect(getProblemCode(toAirtableCell(mapping, 'Contoso'))).toBe('readOnlyField');
    });
});
