/**
 * The `opportunity` table of the Dynamics 365 Sales solution: topic, value, close date, the
 * customer (an account or a contact) and the Open/Won/Lost states. Ranges follow the Sales column
 * reference.
 */
import {
    READ_ONLY,
    auditColumns,
    dateTimeColumn,
    idColumn,
    lookupColumn,
    memoColumn,
    numberColumn,
    stateStatusColumns,
    stringColumn,
} from './columns';
import type {ColumnValue, EntityDefinition, Row} from './types';

/** Estimated and actual values accept -1 000 000 000 000 to 1 000 000 000 000. */
const VALUE_RANGE = {min: -1_000_000_000_000, max: 1_000_000_000_000, precision: 2};

function deriveOpportunityColumns(row: Row): Record<string, ColumnValue> {
    // The emulator's only currency is the base currency, so the exchange rate is always 1.
    return {exchangerate: row['transactioncurrencyid'] ? 1 : null};
}

// NOTE: the platform is described as filling `customerid` from `parentaccountid` or
// `parentcontactid` when a form saves an opportunity. Whether a Web API create does the same is
// unconfirmed, so the emulator leaves `customerid` as written.
export const OPPORTUNITY: EntityDefinition = {
    logicalName: 'opportunity',
    schemaName: 'Opportunity',
    entitySetName: 'opportunities',
    primaryIdAttribute: 'opportunityid',
    primaryNameAttribute: 'name',
    displayName: 'Opportunity',
    displayCollectionName: 'Opportunities',
    objectTypeCode: 3,
    ownershipType: 'UserOwned',
    isChangeTrackingEnabled: true,
    isReadOnly: false,
    deriveColumns: deriveOpportunityColumns,
    statesSetByActionOnly: {states: [1, 2], actions: 'WinOpportunity or LoseOpportunity'},
    attributes: [
        idColumn(['opportunityid', 'OpportunityId', 'Opportunity']),
        stringColumn(['name', 'Name', 'Topic'], 300, {requiredLevel: 'ApplicationRequired'}),
        numberColumn(['estimatedvalue', 'EstimatedValue', 'Est. Revenue'], 'Money', VALUE_RANGE),
        numberColumn(['actualvalue', 'ActualValue', 'Actual Revenue'], 'Money', VALUE_RANGE),
        dateTimeColumn(['estimatedclosedate', 'EstimatedCloseDate', 'Est. Close Date'], 'DateOnly'),
        dateTimeColumn(['actualclosedate', 'ActualCloseDate', 'Actual Close Date'], 'DateOnly'),
        numberColumn(['closeprobability', 'CloseProbability', 'Probability'], 'Integer', {
            min: 0,
            max: 100,
        }),
        memoColumn(['description', 'Description', 'Description'], 2000),
        lookupColumn(['parentaccountid', 'ParentAccountId', 'Account'], 'Lookup', [
            {name: 'parentaccountid', target: 'account'},
        ]),
        lookupColumn(['parentcontactid', 'ParentContactId', 'Contact'], 'Lookup', [
            {name: 'parentcontactid', target: 'contact'},
        ]),
        lookupColumn(
            ['customerid', 'CustomerId', 'Potential Customer'],
            'Customer',
            [
                {name: 'customerid_account', target: 'account'},
                {name: 'customerid_contact', target: 'contact'},
            ],
            {requiredLevel: 'ApplicationRequired'},
        ),
        lookupColumn(['transactioncurrencyid', 'TransactionCurrencyId', 'Currency'], 'Lookup', [
            {name: 'transactioncurrencyid', target: 'transactioncurrency'},
        ]),
        numberColumn(
            ['exchangerate', 'ExchangeRate', 'Exchange Rate'],
            'Decimal',
            {min: 0.0000000001, max: 100_000_000_000, precision: 10},
            READ_ONLY,
        ),
        lookupColumn(
            ['ownerid', 'OwnerId', 'Owner'],
            'Owner',
            [{name: 'ownerid', target: 'systemuser'}],
            {requiredLevel: 'SystemRequired'},
        ),
        ...stateStatusColumns(
            [
                {value: 0, label: 'Open', defaultStatus: 1, invariantName: 'Open'},
                {value: 1, label: 'Won', defaultStatus: 3, invariantName: 'Won'},
                {value: 2, label: 'Lost', defaultStatus: 4, invariantName: 'Lost'},
            ],
            [
                {value: 1, label: 'In Progress', state: 0},
                {value: 2, label: 'On Hold', state: 0},
                {value: 3, label: 'Won', state: 1},
                {value: 4, label: 'Canceled', state: 2},
                {value: 5, label: 'Out-Sold', state: 2},
            ],
        ),
        ...auditColumns(),
    ],
};
