import {
    measureStoredMappingBytes,
    checkCanStoreMapping,
    MAX_STORED_MAPPING_BYTES,
} from '../../../frontend/settings/mapping/storeMapping';
import {
    normalizeName,
    suggestFieldMappings,
} from '../../../frontend/settings/mapping/suggestFieldMappings';
import {
    suggestedFieldsForNewTable,
    suggestNewField,
} from '../../../frontend/settings/mapping/suggestNewFields';
import {STORED_MAPPING_SCHEMA_VERSION} from '../../../frontend/settings/mapping/storedMapping';
import type {
    StoredMapping,
    StoredTableMapping,
} from '../../../frontend/settings/mapping/storedMapping';
import {ACCOUNTS_TEMPLATE} from '../../../frontend/settings/accountsTemplate';
import type {FieldSchema} from '../../../frontend/settings/tableSchema';
import {
    airtableFieldId,
    airtableTableId,
    entitySetName,
    logicalName,
} from '../../../frontend/sync/ids';
import type {ColumnSpec} from '../../../frontend/sync/mapping';

const WRITABLE = {isValidForCreate: true, isValidForUpdate: true};

function column(name: string, displayName: string, extra: Partial<ColumnSpec> = {}): ColumnSpec {
    return {logicalName: logicalName(name), displayName, type: 'string', ...WRITABLE, ...extra};
}

function field(
    id: string,
    name: string,
    type: string,
    extra: Partial<FieldSchema> = {},
): FieldSchema {
    return {id: airtableFieldId(id), name, type, isPrimary: false, ...extra};
}

const INDUSTRY = column('industrycode', 'Industry', {
    type: 'picklist',
    options: [
        {value: 1, label: 'Accounting'},
        {value: 2, label: 'Agriculture'},
    ],
    optionMap: [{value: 2, airtableName: 'Farming'}],
});

describe('suggestFieldMappings', () => {
    test.each([
        ['E-mail', 'email'],
        ['Número', 'numero'],
        ['Address 1: City', 'address1city'],
    ])('normalises %s', (name, expected) => {
        expect(normalizeName(name)).toBe(expected);
    });

    test('matches by display name', () => {
        const suggestions = suggestFieldMappings(
            [column('telephone1', 'Main Phone', {format: 'phone'})],
            [field('fldPhone', 'main phone', 'phoneNumber')],
        );

        expect(suggestions).toEqual([
            expect.objectContaining({
                airtableFieldId: 'fldPhone',
                direction: 'both',
                matchedBy: 'displayName',
            }),
        ]);
    });

    test('matches by logical name', () => {
        const suggestions = suggestFieldMappings(
            [column('telephone1', 'Main Phone', {format: 'phone'})],
            [field('fldPhone', 'Telephone 1', 'phoneNumber')],
        );

        expect(suggestions[0]?.matchedBy).toBe('logicalName');
    });

    test('matches the last name part', () => {
        const suggestions = suggestFieldMappings(
            [column('address1_city', 'Address 1: City')],
            [field('fldCity', 'City', 'singleLineText')],
        );

        expect(suggestions[0]?.matchedBy).toBe('namePart');
    });

    test('skips incompatible types', () => {
        const suggestions = suggestFieldMappings(
            [column('name', 'Name')],
            [field('fldName', 'Name', 'checkbox')],
        );

        expect(suggestions).toEqual([]);
    });

    test('reads read-only columns into Airtable', () => {
        const suggestions = suggestFieldMappings(
            [column('fullname', 'Full Name', {isValidForCreate: false, isValidForUpdate: false})],
            [field('fldFullName', 'Full Name', 'singleLineText')],
        );

        expect(suggestions[0]?.direction).toBe('toAirtable');
    });

    test('sends computed fields to Dynamics', () => {
        const suggestions = suggestFieldMappings(
            [column('name', 'Name')],
            [field('fldName', 'Name', 'formula')],
        );

        expect(suggestions[0]?.direction).toBe('toDynamics');
    });

    test('prefers the closer match', () => {
        const suggestions = suggestFieldMappings(
            [column('address1_city', 'Address 1: City'), column('city', 'City')],
            [field('fldCity', 'City', 'singleLineText')],
        );

        expect(suggestions).toHaveLength(1);
        expect(suggestions[0]?.column.logicalName).toBe('city');
    });

    test('skips mapped and bookkeeping fields', () => {
        const existing: StoredTableMapping = {
            entity: ACCOUNTS_TEMPLATE.entity,
            isEnabled: true,
            airtableTableId: airtableTableId('tblAccounts'),
            dynamicsIdFieldId: null,
            syncStateFieldId: null,
            fields: [
                {
                    column: column('name', 'Name'),
                    airtableFieldId: airtableFieldId('fldName'),
                    direction: 'both',
                },
            ],
            matchKeys: [],
        };

        const suggestions = suggestFieldMappings(
            [
                column('name', 'Name'),
                column('description', 'Description'),
                column('dynamicsid', 'Dynamics ID'),
            ],
            [
                field('fldName', 'Name', 'singleLineText'),
                field('fldDescription', 'Description', 'singleLineText'),
                field('fldDynamicsId', 'Dynamics ID', 'singleLineText'),
            ],
            {existing},
        );

        expect(suggestions.map(suggestion => suggestion.airtableFieldId)).toEqual([
            'fldDescription',
        ]);
    });

    test('checks the link target', () => {
        const contact = column('primarycontactid', 'Primary Contact', {
            type: 'lookup',
            targets: [
                {
                    logicalName: logicalName('contact'),
                    entitySetName: entitySetName('contacts'),
                    navigationProperty: 'primarycontactid',
                },
            ],
        });
        const fields = [
            field('fldPrimaryContact', 'Primary Contact', 'multipleRecordLinks', {
                linkedTableId: airtableTableId('tblOther'),
            }),
        ];
        const syncedTableIds = new Map([[logicalName('contact'), airtableTableId('tblContacts')]]);

        expect(suggestFieldMappings([contact], fields, {syncedTableIds})).toEqual([]);
    });
});

describe('suggestedFieldsForNewTable', () => {
    test('puts the primary name first', () => {
        const {fields} = suggestedFieldsForNewTable(ACCOUNTS_TEMPLATE.entity, [
            column('accountnumber', 'Account Number'),
            column('name', 'Account Name'),
        ]);

        expect(fields.map(suggestion => suggestion.field.name)).toEqual([
            'Account Name',
            'Account Number',
        ]);
        expect(fields[0]?.field.isPrimary).toBe(true);
        expect(fields[1]?.field.isPrimary).toBeUndefined();
    });

    test.each<[string, ColumnSpec, object]>([
        ['an email column', column('emailaddress1', 'Email', {format: 'email'}), {type: 'email'}],
        [
            'a memo column',
            column('description', 'Description', {type: 'memo'}),
            {type: 'multilineText'},
        ],
        [
            'an integer column',
            column('numberofemployees', 'Employees', {type: 'integer'}),
            {type: 'number', precision: 0},
        ],
        [
            'a money column',
            column('revenue', 'Revenue', {type: 'money', precision: 4}),
            {type: 'currency', precision: 4},
        ],
        [
            'a decimal column',
            column('rate', 'Rate', {type: 'decimal', precision: 10}),
            {type: 'number', precision: 8},
        ],
        ['a choice column', INDUSTRY, {type: 'singleSelect', choices: ['Accounting', 'Farming']}],
        [
            'a user-local date-time',
            column('createdon', 'Created On', {type: 'datetime', dateTimeBehavior: 'UserLocal'}),
            {type: 'dateTime', timeZone: 'client'},
        ],
        [
            'a time-zone independent date-time',
            column('checkin', 'Check-in', {
                type: 'datetime',
                dateTimeBehavior: 'TimeZoneIndependent',
            }),
            {type: 'dateTime', timeZone: 'utc'},
        ],
        [
            'a date-only column',
            column('estimatedclosedate', 'Close Date', {type: 'dateonly'}),
            {type: 'date'},
        ],
    ])('suggests a field for %s', (_, spec, expected) => {
        expect(suggestNewField(spec)?.field).toEqual({name: spec.displayName, ...expected});
    });

    test('links synced lookup targets', () => {
        const contact = column('primarycontactid', 'Primary Contact', {
            type: 'lookup',
            targets: [
                {
                    logicalName: logicalName('contact'),
                    entitySetName: entitySetName('contacts'),
                    navigationProperty: 'primarycontactid',
                },
            ],
        });
        const syncedTableIds = new Map([[logicalName('contact'), airtableTableId('tblContacts')]]);

        expect(suggestNewField(contact, {syncedTableIds})?.field.linkedTableId).toBe('tblContacts');
        expect(suggestNewField(contact)).toBeNull();
    });

    test('keeps field names unique', () => {
        const {fields} = suggestedFieldsForNewTable(ACCOUNTS_TEMPLATE.entity, [
            column('telephone1', 'Phone'),
            column('telephone2', 'phone'),
            column('dynamicsid', 'Dynamics ID'),
        ]);

        expect(fields.map(suggestion => suggestion.field.name)).toEqual([
            'Phone',
            'phone (telephone2)',
            'Dynamics ID (dynamicsid)',
        ]);
    });
});

describe('storeMapping', () => {
    /** A mapping of `tableCount` tables of `fieldCount` fields, each column with `optionCount` options. */
    function createMapping(
        tableCount: number,
        fieldCount: number,
        optionCount: number,
    ): StoredMapping {
        const options = Array.from({length: optionCount}, (_, index) => ({
            value: 100_000_000 + index,
            label: `Option number ${index}`,
        }));
        const table = (tableIndex: number): StoredTableMapping => ({
            entity: {
                ...ACCOUNTS_TEMPLATE.entity,
                logicalName: logicalName(`new_table${tableIndex}`),
            },
            isEnabled: true,
            airtableTableId: airtableTableId(`tbl${tableIndex}`),
            dynamicsIdFieldId: airtableFieldId('fldDynamicsId'),
            syncStateFieldId: airtableFieldId('fldSyncState'),
            fields: Array.from({length: fieldCount}, (_, index) => ({
                column: column(`new_column${index}`, `Column ${index}`, {
                    type: 'picklist',
                    options,
                }),
                airtableFieldId: airtableFieldId(`fld${tableIndex}x${index}`),
                direction: 'both' as const,
            })),
            matchKeys: [],
        });
        return {
            schemaVersion: STORED_MAPPING_SCHEMA_VERSION,
            tables: Array.from({length: tableCount}, (_, index) => table(index)),
        };
    }

    test('rejects a mapping too large', () => {
        const large = createMapping(40, 100, 30);

        const check = checkCanStoreMapping(large);

        expect(measureStoredMappingBytes(large)).toBeGreaterThan(MAX_STORED_MAPPING_BYTES);
        expect(check.ok).toBe(false);
        expect(check.ok ? '' : check.reason).toMatch(
            /more than the 100 kB this extension can save/,
        );
    });

    test('fits ten tables of forty fields', () => {
        const typical = createMapping(10, 40, 0);

        expect(measureStoredMappingBytes(typical)).toBeLessThan(MAX_STORED_MAPPING_BYTES);
        expect(checkCanStoreMapping(typical)).toEqual({ok: true});
    });

    test('counts option sets in the size', () => {
        const withOptions = measureStoredMappingBytes(createMapping(1, 10, 30));
        const withoutOptions = measureStoredMappingBytes(createMapping(1, 10, 0));

        // Each option adds its value and label, about 45 bytes of JSON.
        expect(withOptions - withoutOptions).toBeGreaterThan(10 * 30 * 40);
    });
});
