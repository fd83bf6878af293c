import {
    checkCanSyncField,
    getCompatibleFieldTypes,
    getOnlyDirectionIfExists,
    isComputedFieldType,
} from '../../frontend/sync/convert';
import type {
    AirtableFieldSpec,
    AirtableFieldType,
    ColumnSpec,
    FieldMapping,
    SyncDirection,
} from '../../frontend/sync/mapping';
import {column, field, fieldMapping} from './fixtures';

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
const MODIFIED_ON_COLUMN = column('modifiedon', {type: 'datetime', dateTimeBehavior: 'UserLocal'});
const OPENING_COLUMN = column('new_opening', {
    type: 'datetime',
    dateTimeBehavior: 'TimeZoneIndependent',
});
const NAME_COLUMN = column('name', {type: 'string', maxLength: 160});

function selectField(type: AirtableFieldType, choices?: readonly string[]): AirtableFieldSpec {
    const spec = field('fldSelect', 'Industry', type);
    return choices === undefined ? spec : {...spec, choices};
}

function getReason(mapping: FieldMapping): string | null {
    const check = checkCanSyncField(mapping);
    return check.ok ? null : check.reason;
}

describe('checkCanSyncField', () => {
    test.each<readonly [string, ColumnSpec, AirtableFieldSpec, SyncDirection]>([
        ['choice and select', INDUSTRY_COLUMN, selectField('singleSelect', ['Accounting']), 'both'],
        ['multi-select and selects', METHODS_COLUMN, selectField('multipleSelects', []), 'both'],
        ['date and date', CLOSE_DATE_COLUMN, field('fldDate', 'Close', 'date'), 'both'],
        ['user-local date-time', MODIFIED_ON_COLUMN, field('fldAt', 'At', 'dateTime'), 'both'],
        ['independent date-time', OPENING_COLUMN, field('fldAt', 'At', 'dateTime'), 'both'],
        [
            'independent date-time to date',
            OPENING_COLUMN,
            field('fldDay', 'Day', 'date'),
            'toAirtable',
        ],
        ['formula to text', NAME_COLUMN, field('fldF', 'F', 'formula'), 'toDynamics'],
        ['autonumber to text', NAME_COLUMN, field('fldN', 'N', 'autoNumber'), 'toDynamics'],
        [
            'created time to date-time',
            MODIFIED_ON_COLUMN,
            field('fldC', 'C', 'createdTime'),
            'toDynamics',
        ],
        [
            'lookup to choice',
            INDUSTRY_COLUMN,
            field('fldL', 'L', 'multipleLookupValues'),
            'toDynamics',
        ],
        ['rollup to date', CLOSE_DATE_COLUMN, field('fldR', 'R', 'rollup'), 'toDynamics'],
    ])('accepts %s', (_title, columnSpec, fieldSpec, direction) => {
        expect(checkCanSyncField(fieldMapping(columnSpec, fieldSpec, direction))).toEqual({
            ok: true,
        });
    });

    test.each<SyncDirection>(['both', 'toAirtable'])('rejects formula synced %s', direction => {
        const mapping = fieldMapping(NAME_COLUMN, field('fldF', 'Full name', 'formula'), direction);

        expect(getReason(mapping)).toContain(
            "Airtable computes the values of the formula field 'Full name'. Sync it from " +
                'Airtable to Dynamics only.',
        );
    });

    test('rejects date back to date-time', () => {
        const mapping = fieldMapping(OPENING_COLUMN, field('fldDay', 'Opening day', 'date'));

        expect(getReason(mapping)).toContain('Sync it from Dynamics to Airtable only.');
    });

    test('rejects user-local date-time to date', () => {
        const mapping = fieldMapping(
            MODIFIED_ON_COLUMN,
            field('fldDay', 'Modified day', 'date'),
            'toAirtable',
        );

        expect(getReason(mapping)).toContain('Map it to a date and time field.');
    });

    test('rejects created time to text', () => {
        const mapping = fieldMapping(
            NAME_COLUMN,
            field('fldC', 'Created', 'createdTime'),
            'toDynamics',
        );

        expect(getReason(mapping)).toContain("is a createdTime field, which can't hold");
    });

    test('rejects a choice without options', () => {
        const mapping = fieldMapping(
            column('industrycode', {type: 'picklist'}),
            selectField('singleSelect', ['Accounting']),
        );

        expect(getReason(mapping)).toContain('options of the Dynamics column');
    });

    test('rejects a select without choices', () => {
        const mapping = fieldMapping(INDUSTRY_COLUMN, selectField('singleSelect'));

        expect(getReason(mapping)).toContain(
            "choices of the Airtable field 'Industry' are missing",
        );
    });

    test('needs no choices toward Dynamics', () => {
        const mapping = fieldMapping(INDUSTRY_COLUMN, selectField('singleSelect'), 'toDynamics');

        expect(checkCanSyncField(mapping)).toEqual({ok: true});
    });

    test('rejects an option map stray', () => {
        const mapping = fieldMapping(
            {...INDUSTRY_COLUMN, optionMap: [{value: 99, airtableName: 'Other'}]},
            selectField('singleSelect', ['Other']),
        );

        expect(getReason(mapping)).toContain('names option 99');
    });

    test('rejects one name for two options', () => {
        const mapping = fieldMapping(
            {...INDUSTRY_COLUMN, optionMap: [{value: 7, airtableName: 'Accounting'}]},
            selectField('singleSelect', ['Accounting']),
        );

        expect(getReason(mapping)).toContain("appear as 'Accounting' in Airtable");
    });

    test('allows a shared name one way', () => {
        const mapping = fieldMapping(
            {...INDUSTRY_COLUMN, optionMap: [{value: 7, airtableName: 'Accounting'}]},
            selectField('singleSelect', ['Accounting']),
            'toAirtable',
        );

        expect(checkCanSyncField(mapping)).toEqual({ok: true});
    });
});

describe('getCompatibleFieldTypes', () => {
    test('lists two-way types by default', () => {
        expect(getCompatibleFieldTypes('datetime')).toEqual(['dateTime']);
    });

    test('adds date toward Airtable', () => {
        expect(getCompatibleFieldTypes('datetime', 'toAirtable')).toEqual(['dateTime', 'date']);
    });

    test('adds computed types toward Dynamics', () => {
        expect(getCompatibleFieldTypes('picklist', 'toDynamics')).toEqual([
            'singleSelect',
            'formula',
            'rollup',
            'multipleLookupValues',
        ]);
    });
});

describe('direction helpers', () => {
    test.each<readonly [AirtableFieldType, boolean]>([
        ['formula', true],
        ['rollup', true],
        ['multipleLookupValues', true],
        ['count', true],
        ['createdTime', true],
        ['lastModifiedTime', true],
        ['autoNumber', true],
        ['singleSelect', false],
        ['multipleRecordLinks', false],
    ])('isComputedFieldType(%s) is %s', (type, expected) => {
        expect(isComputedFieldType(type)).toBe(expected);
    });

    test('formula goes to Dynamics only', () => {
        const mapping = fieldMapping(NAME_COLUMN, field('fldF', 'F', 'formula'));

        expect(getOnlyDirectionIfExists(mapping)).toBe('toDynamics');
    });

    test('date of date-time goes to Airtable', () => {
        const mapping = fieldMapping(OPENING_COLUMN, field('fldDay', 'Day', 'date'));

        expect(getOnlyDirectionIfExists(mapping)).toBe('toAirtable');
    });

    test('select goes both ways', () => {
        const mapping = fieldMapping(INDUSTRY_COLUMN, selectField('singleSelect', []));

        expect(getOnlyDirectionIfExists(mapping)).toBeNull();
    });
});
