/**
 * The `account` table: the columns a sync maps plus the system columns every row carries. Lengths,
 * ranges and option values are those of a new Dataverse org's account table (column reference of
 * the Dataverse account entity, 2023).
 */
import {
    READ_ONLY,
    auditColumns,
    booleanColumn,
    idColumn,
    lookupColumn,
    memoColumn,
    numberColumn,
    picklistColumn,
    stateStatusColumns,
    stringColumn,
} from './columns';
import {addressColumns, composeAddress} from './address';
import type {ColumnValue, EntityDefinition, Row} from './types';

/** Money columns accept 0 to 100 000 000 000 000 in a new org. */
const MONEY_RANGE = {min: 0, max: 100_000_000_000_000, precision: 2};

const INDUSTRY_LABELS = [
    'Accounting',
    'Agriculture and Non-petrol Natural Resource Extraction',
    'Broadcasting Printing and Publishing',
    'Brokers',
    'Building Supply Retail',
    'Business Services',
    'Consulting',
    'Consumer Services',
    'Design, Direction and Creative Management',
    'Distributors, Dispatchers and Processors',
    "Doctor's Offices and Clinics",
    'Durable Manufacturing',
    'Eating and Drinking Places',
    'Entertainment Retail',
    'Equipment Rental and Leasing',
    'Financial',
    'Food and Tobacco Processing',
    'Inbound Capital Intensive Processing',
    'Inbound Repair and Services',
    'Insurance',
    'Legal Services',
    'Non-Durable Merchandise Retail',
    'Outbound Consumer Service',
    'Petrochemical Extraction and Distribution',
    'Service Retail',
    'SIG Affiliations',
    'Social Services',
    'Special Outbound Trade Contractors',
    'Specialty Realty',
    'Transportation',
    'Utility Creation and Distribution',
    'Vehicle Retail',
    'Wholesale',
];

function deriveAccountColumns(row: Row): Record<string, ColumnValue> {
    const revenue = row['revenue'];
    return {
        address1_composite: composeAddress(row),
        // The emulator's only currency is the base currency, so the exchange rate is always 1.
        revenue_base: typeof revenue === 'number' ? revenue : null,
        exchangerate: row['transactioncurrencyid'] ? 1 : null,
    };
}

export const ACCOUNT: EntityDefinition = {
    logicalName: 'account',
    schemaName: 'Account',
    entitySetName: 'accounts',
    primaryIdAttribute: 'accountid',
    primaryNameAttribute: 'name',
    displayName: 'Account',
    displayCollectionName: 'Accounts',
    objectTypeCode: 1,
    ownershipType: 'UserOwned',
    isChangeTrackingEnabled: true,
    isReadOnly: false,
    deriveColumns: deriveAccountColumns,
    // The rules a new org publishes: "Accounts with the same Account Name" and "… e-mail address".
    duplicateRules: [['name'], ['emailaddress1']],
    attributes: [
        idColumn(['accountid', 'AccountId', 'Account']),
        stringColumn(['name', 'Name', 'Account Name'], 160, {requiredLevel: 'ApplicationRequired'}),
        stringColumn(['accountnumber', 'AccountNumber', 'Account Number'], 20),
        stringColumn(['telephone1', 'Telephone1', 'Main Phone'], 50, {format: 'Phone'}),
        stringColumn(['telephone2', 'Telephone2', 'Other Phone'], 50, {format: 'Phone'}),
        stringColumn(['fax', 'Fax', 'Fax'], 50),
        stringColumn(['emailaddress1', 'EMailAddress1', 'Email'], 100, {format: 'Email'}),
        stringColumn(['websiteurl', 'WebSiteURL', 'Website'], 200, {format: 'Url'}),
        ...addressColumns(),
        numberColumn(['revenue', 'Revenue', 'Annual Revenue'], 'Money', MONEY_RANGE),
        numberColumn(
            ['revenue_base', 'Revenue_Base', 'Annual Revenue (Base)'],
            'Money',
            MONEY_RANGE,
            READ_ONLY,
        ),
        numberColumn(
            ['exchangerate', 'ExchangeRate', 'Exchange Rate'],
            'Decimal',
            {min: 0.0000000001, max: 100_000_000_000, precision: 10},
            READ_ONLY,
        ),
        lookupColumn(['transactioncurrencyid', 'TransactionCurrencyId', 'Currency'], 'Lookup', [
            {name: 'transactioncurrencyid', target: 'transactioncurrency'},
        ]),
        numberColumn(['numberofemployees', 'NumberOfEmployees', 'Number of Employees'], 'Integer', {
            min: 0,
            max: 1_000_000_000,
        }),
        picklistColumn(
            ['industrycode', 'IndustryCode', 'Industry'],
            INDUSTRY_LABELS.map((label, index) => ({value: index + 1, label})),
        ),
        memoColumn(['description', 'Description', 'Description'], 2000),
        booleanColumn(['creditonhold', 'CreditOnHold', 'Credit Hold'], {
            trueLabel: 'Yes',
            falseLabel: 'No',
        }),
        lookupColumn(['parentaccountid', 'ParentAccountId', 'Parent Account'], 'Lookup', [
            {name: 'parentaccountid', target: 'account'},
        ]),
        lookupColumn(['primarycontactid', 'PrimaryContactId', 'Primary Contact'], 'Lookup', [
            {name: 'primarycontactid', target: 'contact'},
        ]),
        lookupColumn(
            ['ownerid', 'OwnerId', 'Owner'],
            'Owner',
            [{name: 'ownerid', target: 'systemuser'}],
            {requiredLevel: 'SystemRequired'},
        ),
        ...stateStatusColumns(
            [
                {value: 0, label: 'Active', defaultStatus: 1, invariantName: 'Active'},
                {value: 1, label: 'Inactive', defaultStatus: 2, invariantName: 'Inactive'},
            ],
            [
                {value: 1, label: 'Active', state: 0},
                {value: 2, label: 'Inactive', state: 1},
            ],
        ),
        ...auditColumns(),
    ],
};
