import type {JsonObject} from '../../frontend/dataverse/json';
import {
    parseLookupNavigations,
    toTableColumns,
    type ColumnMetadataResponses,
} from '../../frontend/dataverse/metadataColumns';
import {logicalName} from '../../frontend/sync/ids';

const PRIMARY_ID = logicalName('new_bookingid');

function attribute(name: string, typeName: string, extra: JsonObject = {}): JsonObject {
    return {
        LogicalName: name,
        AttributeTypeName: {Value: typeName},
        DisplayName: {UserLocalizedLabel: {Label: `Label of ${name}`}},
        IsValidForCreate: true,
        IsValidForUpdate: true,
        IsValidForRead: true,
        RequiredLevel: {Value: 'None'},
        AttributeOf: null,
        ...extra,
    };
}

function read(items: readonly JsonObject[], details: Record<string, JsonObject> = {}) {
    const responses: ColumnMetadataResponses = {
        attributes: {value: items},
        details: new Map(Object.entries(details)),
        navigations: parseLookupNavigations([
            {
                ReferencingAttribute: 'new_customerid',
                ReferencedEntity: 'account',
                ReferencingEntityNavigationPropertyName: 'new_customerid_account',
            },
            {ReferencingAttribute: 'incomplete'},
        ]),
        entitySetNames: new Map([['account', 'accounts']]),
    };
    return toTableColumns(responses, PRIMARY_ID);
}

function options(...labels: string[]): JsonObject {
    return {
        OptionSet: {
            Options: labels.map((label, index) => ({
                Value: index + 1,
                Label: {UserLocalizedLabel: {Label: label}},
            })),
        },
    };
}

describe('toTableColumns', () => {
    test.each<[string, JsonObject, JsonObject, object]>([
        [
            'a memo column',
            attribute('new_notes', 'MemoType'),
            {MaxLength: 4000},
            {type: 'memo', maxLength: 4000},
        ],
        [
            'a decimal column',
            attribute('new_rate', 'DecimalType'),
            {MinValue: -1, MaxValue: 1, Precision: 4},
            {type: 'decimal', minValue: -1, maxValue: 1, precision: 4},
        ],
        ['a boolean column', attribute('new_isvip', 'BooleanType'), {}, {type: 'boolean'}],
        [
            'a date-only column',
            attribute('new_day', 'DateTimeType'),
            {DateTimeBehavior: {Value: 'DateOnly'}, Format: 'DateOnly'},
            {type: 'dateonly'},
        ],
        [
            'a time-zone independent column',
            attribute('new_checkin', 'DateTimeType'),
            {DateTimeBehavior: {Value: 'TimeZoneIndependent'}},
            {type: 'datetime', dateTimeBehavior: 'TimeZoneIndependent'},
        ],
        [
            'a multi-select column',
            attribute('new_days', 'MultiSelectPicklistType', {AttributeType: 'Virtual'}),
            options('Monday', 'Tuesday'),
            {
                type: 'multiselectpicklist',
                options: [
                    {value: 1, label: 'Monday'},
                    {value: 2, label: 'Tuesday'},
                ],
            },
        ],
        [
            'a status column',
            attribute('statuscode', 'StatusType'),
            options('Active'),
            {type: 'picklist', options: [{value: 1, label: 'Active'}]},
        ],
        [
            'a customer column',
            attribute('new_customerid', 'CustomerType'),
            {Targets: ['account', 'contact']},
            {
                type: 'lookup',
                targets: [
                    {
                        logicalName: 'account',
                        entitySetName: 'accounts',
                        navigationProperty: 'new_customerid_account',
                    },
                ],
            },
        ],
        [
            'a legacy type code',
            {...attribute('new_code', 'ignored'), AttributeTypeName: null, AttributeType: 'String'},
            {MaxLength: 10, FormatName: {Value: 'Url'}},
            {type: 'string', format: 'url', maxLength: 10},
        ],
    ])('reads %s', (_, item, details, expected) => {
        const name = item.LogicalName as string;

        const result = read([item], {[name]: details});

        expect(result?.columns[0]).toMatchObject(expected);
        expect(result?.unsupported).toEqual([]);
    });

    test('reads the required level', () => {
        const result = read([
            attribute('new_name', 'StringType', {RequiredLevel: {Value: 'ApplicationRequired'}}),
            attribute('new_code', 'StringType', {RequiredLevel: {Value: 'Recommended'}}),
        ]);

        expect(result?.columns[0]?.isRequired).toBe(true);
        expect(result?.columns[1]?.isRequired).toBeUndefined();
    });

    test.each<[string, JsonObject]>([
        ['unreadable columns', attribute('new_secret', 'StringType', {IsValidForRead: false})],
        [
            'derived columns',
            attribute('new_customeridname', 'StringType', {AttributeOf: 'new_customerid'}),
        ],
        ['the primary key', attribute('new_bookingid', 'UniqueidentifierType')],
    ])('leaves out %s', (_, item) => {
        const result = read([item]);

        expect(result?.columns).toEqual([]);
        expect(result?.unsupported).toEqual([]);
    });

    test.each<[string, JsonObject, JsonObject, RegExp]>([
        ['an owner column', attribute('ownerid', 'OwnerType'), {}, /does not set owners/],
        [
            'a big integer column',
            attribute('versionnumber', 'BigIntType'),
            {},
            /can't convert BigInt/,
        ],
        ['a choice without options', attribute('new_kind', 'PicklistType'), {}, /options/],
        [
            'a lookup without targets',
            attribute('new_parentid', 'LookupType'),
            {Targets: ['team']},
            /tables this lookup/,
        ],
    ])('lists %s as unsupported', (_, item, details, reason) => {
        const name = item.LogicalName as string;

        const result = read([item], {[name]: details});

        expect(result?.columns).toEqual([]);
        expect(result?.unsupported[0]?.logicalName).toBe(name);
        expect(result?.unsupported[0]?.reason).toMatch(reason);
    });

    test('rejects a body without values', () => {
        expect(
            toTableColumns(
                {attributes: {}, details: new Map(), navigations: [], entitySetNames: new Map()},
                PRIMARY_ID,
            ),
        ).toBeNull();
    });
});
