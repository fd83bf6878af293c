import {
    readAirtableValue,
    readDynamicsValue,
    toAirtableCell,
    toDynamicsValue,
    type Conversion,
    type ValueProblemCode,
} from '../../frontend/sync/convert';
import type {AirtableFieldSpec, FieldMapping} from '../../frontend/sync/mapping';
import type {CanonicalValue} from '../../frontend/sync/values';
import {column, field, fieldMapping} from './fixtures';

function selectField(
    type: 'singleSelect' | 'multipleSelects',
    choices: readonly string[],
): AirtableFieldSpec {
    return {...field('fldSelect', 'Industry', type), choices};
}

const INDUSTRY = fieldMapping(
    column('industrycode', {
        type: 'picklist',
        options: [
            {value: 1, label: 'Accounting'},
            {value: 7, label: 'Consulting'},
            {value: 16, label: 'Financial'},
            {value: 33, label: 'Wholesale'},
        ],
        optionMap: [{value: 16, airtableName: 'Finance'}],
    }),
    selectField('singleSelect', ['Accounting', 'Consulting', 'Finance', 'Retail']),
);
const STATUS = fieldMapping(
    column('statuscode', {
        type: 'picklist',
        options: [
            {value: 1, label: 'Active'},
            {value: 2, label: 'Inactive'},
        ],
    }),
    selectField('singleSelect', ['Active', 'Inactive']),
);
const CONTACT_METHODS = fieldMapping(
    column('new_contactmethods', {
        type: 'multiselectpicklist',
        options: [
            {value: 1, label: 'Email'},
            {value: 2, label: 'Phone'},
            {value: 3, label: 'Mail'},
            {value: 4, label: 'Fax'},
        ],
    }),
    selectField('multipleSelects', ['Email', 'Phone', 'Mail']),
);

function getProblemCode(result: Conversion<unknown>): ValueProblemCode | null {
    return result.ok ? null : result.problem.code;
}

function getProblemMessage(result: Conversion<unknown>): string | null {
    return result.ok ? null : result.problem.message;
}

type Case = readonly [string, FieldMapping, unknown, unknown];
type Rejection = readonly [string, FieldMapping, unknown, ValueProblemCode];

describe('choice to single select', () => {
    test.each<Case>([
        ['reads a choice as read', INDUSTRY, {id: 'selA', name: 'Accounting', color: 'blue'}, 1],
        ['reads a choice as written', INDUSTRY, {name: 'Consulting'}, 7],
        ['reads a mapped name', INDUSTRY, {name: 'Finance'}, 16],
        ['reads an empty select', INDUSTRY, null, null],
        ['reads a status choice', STATUS, {id: 'selI', name: 'Inactive'}, 2],
    ])('Airtable %s', (_title, mapping, cell, expected) => {
        expect(readAirtableValue(mapping, cell)).toEqual({ok: true, value: expected});
    });

    test.each<Rejection>([
        ['rejects a name Dynamics lacks', INDUSTRY, {name: 'Retail'}, 'unknownOption'],
        ['rejects the label of a mapped option', INDUSTRY, {name: 'Financial'}, 'unknownOption'],
        ['rejects a name in other case', INDUSTRY, {name: 'accounting'}, 'unknownOption'],
        ['rejects plain text', INDUSTRY, 'Accounting', 'wrongType'],
        ['rejects a choice without name', INDUSTRY, {id: 'selA'}, 'wrongType'],
    ])('Airtable %s', (_title, mapping, cell, code) => {
        expect(getProblemCode(readAirtableValue(mapping, cell))).toBe(code);
    });

    test.each<Case>([
        ['reads an option value', INDUSTRY, 7, 7],
        ['reads null', INDUSTRY, null, null],
        ['reads a state value', STATUS, 1, 1],
    ])('Dynamics %s', (_title, mapping, raw, expected) => {
        expect(readDynamicsValue(mapping, raw)).toEqual({ok: true, value: expected});
    });

    test.each<Rejection>([
        ['rejects the label text', INDUSTRY, 'Consulting', 'wrongType'],
        ['rejects a fraction', INDUSTRY, 7.5, 'wrongType'],
    ])('Dynamics %s', (_title, mapping, raw, code) => {
        expect(getProblemCode(readDynamicsValue(mapping, raw))).toBe(code);
    });

    test.each<Case>([
        ['writes an option by label', INDUSTRY, 1, {name: 'Accounting'}],
        ['writes a mapped option by name', INDUSTRY, 16, {name: 'Finance'}],
        ['clears an empty choice', INDUSTRY, null, null],
    ])('to Airtable %s', (_title, mapping, value, expected) => {
        expect(toAirtableCell(mapping, value as CanonicalValue)).toEqual({
            ok: true,
            value: expected,
        });
    });

    test.each<Rejection>([
        ['rejects an option the field lacks', INDUSTRY, 33, 'unknownOption'],
        ['rejects a value outside the set', INDUSTRY, 99, 'unknownOption'],
        ['rejects text', INDUSTRY, 'Accounting', 'wrongType'],
    ])('to Airtable %s', (_title, mapping, value, code) => {
        expect(getProblemCode(toAirtableCell(mapping, value as CanonicalValue))).toBe(code);
    });

    test.each<Case>([
        ['sends the option value', INDUSTRY, 16, 16],
        ['sends null to clear', INDUSTRY, null, null],
    ])('to Dynamics %s', (_title, mapping, value, expected) => {
        expect(toDynamicsValue(mapping, value as CanonicalValue)).toEqual({
            ok: true,
            value: expected,
        });
    });

    test.each<Rejection>([
        ['rejects a value outside the set', INDUSTRY, 99, 'unknownOption'],
        ['rejects text', INDUSTRY, 'Consulting', 'unknownOption'],
    ])('to Dynamics %s', (_title, mapping, value, code) => {
        expect(getProblemCode(toDynamicsValue(mapping, value as CanonicalValue))).toBe(code);
    });

    test('missing choice names value and fix', () => {
        expect(getProblemMessage(toAirtableCell(INDUSTRY, 33))).toBe(
            "'Wholesale' (option 33) of the Dynamics column 'industrycode' (industrycode) is not " +
                "a choice of the Airtable field 'Industry'. Add the choice to the field in " +
                "Airtable, or map option 33 to an existing choice in the column's option map, " +
                'and sync again.',
        );
    });

    test('unknown name names value and fix', () => {
        expect(getProblemMessage(readAirtableValue(INDUSTRY, {name: 'Retail'}))).toBe(
            "'Retail' in the Airtable field 'Industry' is not an option of the Dynamics column " +
                "'industrycode' (industrycode). Add the option to the Dynamics column, or map the " +
                "name to an existing option in the column's option map, and sync again.",
        );
    });

    test('ambiguous name is a problem', () => {
        const mapping = fieldMapping(
            column('industrycode', {
                type: 'picklist',
                options: [
                    {value: 1, label: 'Finance'},
                    {value: 2, label: 'Banking'},
                ],
                optionMap: [{value: 2, airtableName: 'Finance'}],
            }),
            selectField('singleSelect', ['Finance']),
        );

        const result = readAirtableValue(mapping, {name: 'Finance'});

        expect(getProblemCode(result)).toBe('unknownOption');
        expect(getProblemMessage(result)).toContain('matches several options (1, 2)');
    });
});

describe('multi-select choice to multiple selects', () => {
    test.each<Case>([
        ['reads choices ascending', CONTACT_METHODS, [{name: 'Mail'}, {name: 'Email'}], '1,3'],
        ['reads one choice', CONTACT_METHODS, [{id: 'selP', name: 'Phone'}], '2'],
        ['drops a repeated choice', CONTACT_METHODS, [{name: 'Email'}, {name: 'Email'}], '1'],
        ['reads no choices as null', CONTACT_METHODS, [], null],
        ['reads an empty cell as null', CONTACT_METHODS, null, null],
    ])('Airtable %s', (_title, mapping, cell, expected) => {
        expect(readAirtableValue(mapping, cell)).toEqual({ok: true, value: expected});
    });

    test.each<Rejection>([
        ['rejects a name Dynamics lacks', CONTACT_METHODS, [{name: 'Pager'}], 'unknownOption'],
        ['rejects plain text', CONTACT_METHODS, 'Email', 'wrongType'],
        ['rejects a choice without name', CONTACT_METHODS, [{id: 'selE'}], 'wrongType'],
    ])('Airtable %s', (_title, mapping, cell, code) => {
        expect(getProblemCode(readAirtableValue(mapping, cell))).toBe(code);
    });

    test.each<Case>([
        ['reads the wire text sorted', CONTACT_METHODS, '3,1', '1,3'],
        ['reads spaces around values', CONTACT_METHODS, '2, 4', '2,4'],
        ['sorts values as numbers', CONTACT_METHODS, '10,9', '9,10'],
        ['reads empty text as null', CONTACT_METHODS, '', null],
        ['reads null', CONTACT_METHODS, null, null],
    ])('Dynamics %s', (_title, mapping, raw, expected) => {
        expect(readDynamicsValue(mapping, raw)).toEqual({ok: true, value: expected});
    });

    test.each<Rejection>([
        ['rejects labels', CONTACT_METHODS, 'Email,Mail', 'wrongType'],
        ['rejects an empty item', CONTACT_METHODS, '1,,3', 'wrongType'],
        ['rejects an array', CONTACT_METHODS, [1, 3], 'wrongType'],
    ])('Dynamics %s', (_title, mapping, raw, code) => {
        expect(getProblemCode(readDynamicsValue(mapping, raw))).toBe(code);
    });

    test.each<Case>([
        ['writes choices by name', CONTACT_METHODS, '1,3', [{name: 'Email'}, {name: 'Mail'}]],
        ['clears with no choices', CONTACT_METHODS, null, []],
    ])('to Airtable %s', (_title, mapping, value, expected) => {
        expect(toAirtableCell(mapping, value as CanonicalValue)).toEqual({
            ok: true,
            value: expected,
        });
    });

    test.each<Rejection>([
        ['rejects an option the field lacks', CONTACT_METHODS, '1,4', 'unknownOption'],
        ['rejects a value outside the set', CONTACT_METHODS, '9', 'unknownOption'],
        ['rejects a non-list', CONTACT_METHODS, 'Email', 'wrongType'],
    ])('to Airtable %s', (_title, mapping, value, code) => {
        expect(getProblemCode(toAirtableCell(mapping, value as CanonicalValue))).toBe(code);
    });

    test.each<Case>([
        ['sends the wire text', CONTACT_METHODS, '1,3', '1,3'],
        ['sends null to clear', CONTACT_METHODS, null, null],
    ])('to Dynamics %s', (_title, mapping, value, expected) => {
        expect(toDynamicsValue(mapping, value as CanonicalValue)).toEqual({
            ok: true,
            value: expected,
        });
    });

    test.each<Rejection>([
        ['rejects a value outside the set', CONTACT_METHODS, '1,9', 'unknownOption'],
        ['rejects a non-list', CONTACT_METHODS, 'Email', 'wrongType'],
    ])('to Dynamics %s', (_title, mapping, value, code) => {
        expect(getProblemCode(toDynamicsValue(mapping, value as CanonicalValue))).toBe(code);
    });
});
