/**
 * The base and mapping the bad-input corpus syncs. Accounts has text, formatted text, number,
 * choice and Boolean columns. Opportunities has money, percent, date and a link to Accounts. So
 * each mapped column type has a field a bad value can sit in. Import `@airtable/blocks-testing`
 * before this module, because it reads the SDK's enums at load time.
 */
import type TestDriver from '@airtable/blocks-testing';
import {FieldType, ViewType} from '@airtable/blocks/models';
import {
    airtableFieldId,
    airtableTableId,
    entitySetName,
    logicalName,
} from '../../frontend/sync/ids';
import type {
    AirtableFieldSpec,
    ColumnSpec,
    EntityRef,
    FieldMapping,
    TableMapping,
} from '../../frontend/sync/mapping';

type Fixture = ConstructorParameters<typeof TestDriver>[0];
type TableFixture = Fixture['base']['tables'][number];
type FieldFixture = TableFixture['fields'][number];
export type RecordFixture = TableFixture['records'][number];

export const ACCOUNTS_TABLE_ID = 'tblAccounts';
export const OPPORTUNITIES_TABLE_ID = 'tblOpportunities';

/** The choices of the Industry field; Aerospace has no Dynamics option. */
export const INDUSTRY_CHOICES = ['Accounting', 'Consulting', 'Financial', 'Aerospace'] as const;
/** Options of the emulator's `industrycode`, with the values a new org gives them. */
const INDUSTRY_OPTIONS = [
    {value: 1, label: 'Accounting'},
    {value: 7, label: 'Consulting'},
    {value: 16, label: 'Financial'},
    {value: 33, label: 'Wholesale'},
];

const CREATED_TIME = '2024-01-15T09:00:00.000Z';

function fieldFixture(
    id: string,
    name: string,
    type: FieldType,
    options: FieldFixture['options'] = null,
): FieldFixture {
    return {id, name, type, options, description: null};
}

const ACCOUNT_FIELDS: readonly FieldFixture[] = [
    fieldFixture('fldName', 'Name', FieldType.SINGLE_LINE_TEXT),
    fieldFixture('fldAccountNumber', 'Account Number', FieldType.SINGLE_LINE_TEXT),
    fieldFixture('fldPhone', 'Main Phone', FieldType.PHONE_NUMBER),
    fieldFixture('fldEmail', 'Email', FieldType.EMAIL),
    fieldFixture('fldWebsite', 'Website', FieldType.URL),
    fieldFixture('fldCity', 'City', FieldType.SINGLE_LINE_TEXT),
    fieldFixture('fldRevenue', 'Annual Revenue', FieldType.CURRENCY, {precision: 2, symbol: '$'}),
    fieldFixture('fldEmployees', 'Employees', FieldType.NUMBER, {precision: 0}),
    fieldFixture('fldDescription', 'Description', FieldType.MULTILINE_TEXT),
    fieldFixture('fldIndustry', 'Industry', FieldType.SINGLE_SELECT, {
        choices: INDUSTRY_CHOICES.map((name, index) => ({id: `sel${index}`, name, color: 'blue'})),
    }),
    fieldFixture('fldCreditHold', 'Credit Hold', FieldType.CHECKBOX, {
        icon: 'check',
        color: 'greenBright',
    }),
    fieldFixture('fldDynamicsId', 'Dynamics ID', FieldType.SINGLE_LINE_TEXT),
    fieldFixture('fldSyncState', 'Sync state', FieldType.MULTILINE_TEXT),
];

const OPPORTUNITY_FIELDS: readonly FieldFixture[] = [
    fieldFixture('fldTopic', 'Topic', FieldType.SINGLE_LINE_TEXT),
    fieldFixture('fldValue', 'Estimated Value', FieldType.CURRENCY, {precision: 2, symbol: '$'}),
    fieldFixture('fldProbability', 'Probability', FieldType.PERCENT, {precision: 0}),
    fieldFixture('fldCloseDate', 'Close Date', FieldType.DATE, {
        dateFormat: {name: 'iso', format: 'YYYY-MM-DD'},
    }),
    fieldFixture('fldAccount', 'Account', FieldType.MULTIPLE_RECORD_LINKS, {
        linkedTableId: ACCOUNTS_TABLE_ID,
        isReversed: false,
        prefersSingleRecordLink: true,
    }),
    fieldFixture('fldOppDynamicsId', 'Dynamics ID', FieldType.SINGLE_LINE_TEXT),
    fieldFixture('fldOppSyncState', 'Sync state', FieldType.MULTILINE_TEXT),
];

export function row(id: string, cells: Record<string, unknown>): RecordFixture {
    return {id, commentCount: 0, createdTime: CREATED_TIME, cellValuesByFieldId: cells};
}

function tableFixture(
    id: string,
    name: string,
    fields: readonly FieldFixture[],
    records: readonly RecordFixture[],
): TableFixture {
    return {
        id,
        name,
        description: null,
        fields: [...fields],
        views: [
            {
                id: `viw${name}`,
                name: 'Grid view',
                type: ViewType.GRID,
                isLockedView: false,
                fieldOrder: {
                    fieldIds: fields.map(field => field.id),
                    visibleFieldCount: fields.length,
                },
                records: records.map(({id}) => ({id, color: null})),
            },
        ],
        records: [...records],
    };
}

export interface BadInputRows {
    readonly accounts: readonly RecordFixture[];
    readonly opportunities: readonly RecordFixture[];
    readonly globalConfig?: Fixture['globalConfig'];
}

export function createBadInputFixture(rows: BadInputRows): Fixture {
    return {
        ...(rows.globalConfig === undefined ? {} : {globalConfig: rows.globalConfig}),
        base: {
            id: 'appBadInput',
            name: 'Bad input',
            workspaceId: 'wspBadInput',
            tables: [
                tableFixture(ACCOUNTS_TABLE_ID, 'Accounts', ACCOUNT_FIELDS, rows.accounts),
                tableFixture(
                    OPPORTUNITIES_TABLE_ID,
                    'Opportunities',
                    OPPORTUNITY_FIELDS,
                    rows.opportunities,
                ),
            ],
            collaborators: [
                {id: 'usrEditor', email: 'editor@example.com', name: 'Eda Editor', isActive: true},
            ],
        },
    };
}

function entity(name: string, setName: string, display: string): EntityRef {
    return {
        logicalName: logicalName(name),
        entitySetName: entitySetName(setName),
        primaryIdAttribute: logicalName(`${name}id`),
        primaryNameAttribute: logicalName('name'),
        displayName: display,
    };
}

const ACCOUNT = entity('account', 'accounts', 'Account');
const OPPORTUNITY = entity('opportunity', 'opportunities', 'Opportunity');

type ColumnDetails = Omit<
    ColumnSpec,
    'logicalName' | 'displayName' | 'isValidForCreate' | 'isValidForUpdate'
>;

function mapped(
    columnName: string,
    displayName: string,
    details: ColumnDetails,
    fieldSpec: Omit<AirtableFieldSpec, 'id'> & {readonly id: string},
): FieldMapping {
    return {
        column: {
            logicalName: logicalName(columnName),
            displayName,
            isValidForCreate: true,
            isValidForUpdate: true,
            ...details,
        },
        field: {...fieldSpec, id: airtableFieldId(fieldSpec.id)},
        direction: 'both',
    };
}

/** The column ranges and lengths are those of the emulator's account and opportunity tables. */
export const ACCOUNT_MAPPINGS = {
    name: mapped(
        'name',
        'Account Name',
        {type: 'string', maxLength: 160, isRequired: true},
        {id: 'fldName', name: 'Name', type: 'singleLineText'},
    ),
    accountnumber: mapped(
        'accountnumber',
        'Account Number',
        {type: 'string', maxLength: 20},
        {id: 'fldAccountNumber', name: 'Account Number', type: 'singleLineText'},
    ),
    telephone1: mapped(
        'telephone1',
        'Main Phone',
        {type: 'string', format: 'phone', maxLength: 50},
        {id: 'fldPhone', name: 'Main Phone', type: 'phoneNumber'},
    ),
    emailaddress1: mapped(
        'emailaddress1',
        'Email',
        {type: 'string', format: 'email', maxLength: 100},
        {id: 'fldEmail', name: 'Email', type: 'email'},
    ),
    websiteurl: mapped(
        'websiteurl',
        'Website',
        {type: 'string', format: 'url', maxLength: 200},
        {id: 'fldWebsite', name: 'Website', type: 'url'},
    ),
    address1_city: mapped(
        'address1_city',
        'Address 1: City',
        {type: 'string', maxLength: 80},
        {id: 'fldCity', name: 'City', type: 'singleLineText'},
    ),
    revenue: mapped(
        'revenue',
        'Annual Revenue',
        {type: 'money', precision: 2, minValue: 0, maxValue: 100_000_000_000_000},
        {id: 'fldRevenue', name: 'Annual Revenue', type: 'currency', precision: 2},
    ),
    numberofemployees: mapped(
        'numberofemployees',
        'Number of Employees',
        {type: 'integer', minValue: 0, maxValue: 1_000_000_000},
        {id: 'fldEmployees', name: 'Employees', type: 'number', precision: 0},
    ),
    description: mapped(
        'description',
        'Description',
        {type: 'memo', maxLength: 2000},
        {id: 'fldDescription', name: 'Description', type: 'multilineText'},
    ),
    industrycode: mapped(
        'industrycode',
        'Industry',
        {type: 'picklist', options: INDUSTRY_OPTIONS},
        {id: 'fldIndustry', name: 'Industry', type: 'singleSelect', choices: INDUSTRY_CHOICES},
    ),
    creditonhold: mapped(
        'creditonhold',
        'Credit Hold',
        {type: 'boolean'},
        {id: 'fldCreditHold', name: 'Credit Hold', type: 'checkbox'},
    ),
} as const;

export const OPPORTUNITY_MAPPINGS = {
    name: mapped(
        'name',
        'Topic',
        {type: 'string', maxLength: 300, isRequired: true},
        {id: 'fldTopic', name: 'Topic', type: 'singleLineText'},
    ),
    estimatedvalue: mapped(
        'estimatedvalue',
        'Est. Revenue',
        {
            type: 'money',
            precision: 2,
            minValue: -1_000_000_000_000,
            maxValue: 1_000_000_000_000,
        },
        {id: 'fldValue', name: 'Estimated Value', type: 'currency', precision: 2},
    ),
    closeprobability: mapped(
        'closeprobability',
        'Probability',
        {type: 'integer', minValue: 0, maxValue: 100},
        {id: 'fldProbability', name: 'Probability', type: 'percent', precision: 0},
    ),
    estimatedclosedate: mapped(
        'estimatedclosedate',
        'Est. Close Date',
        {type: 'dateonly'},
        {id: 'fldCloseDate', name: 'Close Date', type: 'date'},
    ),
    parentaccountid: mapped(
        'parentaccountid',
        'Account',
        {
            type: 'lookup',
            targets: [
                {
                    logicalName: ACCOUNT.logicalName,
                    entitySetName: ACCOUNT.entitySetName,
                    navigationProperty: 'parentaccountid',
                },
            ],
        },
        {
            id: 'fldAccount',
            name: 'Account',
            type: 'multipleRecordLinks',
            linkedTableId: airtableTableId(ACCOUNTS_TABLE_ID),
        },
    ),
} as const;

export function accountsMapping(fields: readonly FieldMapping[]): TableMapping {
    return {
        entity: ACCOUNT,
        table: {id: airtableTableId(ACCOUNTS_TABLE_ID), name: 'Accounts'},
        dynamicsIdFieldId: airtableFieldId('fldDynamicsId'),
        syncStateFieldId: airtableFieldId('fldSyncState'),
        fields,
    };
}

export function opportunitiesMapping(fields: readonly FieldMapping[]): TableMapping {
    return {
        entity: OPPORTUNITY,
        table: {id: airtableTableId(OPPORTUNITIES_TABLE_ID), name: 'Opportunities'},
        dynamicsIdFieldId: airtableFieldId('fldOppDynamicsId'),
        syncStateFieldId: airtableFieldId('fldOppSyncState'),
        fields,
    };
}

/** Both tables with every column mapped. */
export function createDefaultMappings(): TableMapping[] {
    return [
        accountsMapping(Object.values(ACCOUNT_MAPPINGS)),
        opportunitiesMapping(Object.values(OPPORTUNITY_MAPPINGS)),
    ];
}
