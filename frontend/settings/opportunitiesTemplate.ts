/**
 * The default mapping of the Dataverse `opportunity` table (added by Dynamics 365 Sales) to an
 * Airtable table named "Opportunities". Ranges are those of the Sales opportunity column
 * reference. The estimated close date is a date-only column, which the engine does not convert
 * yet, so it is not mapped.
 */
import {entitySetName, logicalName} from '../sync/ids';
import {DYNAMICS_ID_FIELD, SYNC_STATE_FIELD} from './bookkeepingFields';
import type {MappingTemplate} from './mappingTemplate';
import {
    column,
    linkField,
    lookupColumn,
    lookupTarget,
    memoColumn,
    stringColumn,
} from './templateColumns';
import {
    ACCOUNTS_TABLE_NAME,
    CONTACTS_TABLE_NAME,
    OPPORTUNITIES_TABLE_NAME,
} from './templateTableNames';

/** Dataverse's bound on `estimatedvalue`, either sign, in the transaction currency. */
const MAX_ESTIMATED_VALUE = 1_000_000_000_000;
/** `closeprobability` is a percentage stored as a whole number. */
const MAX_CLOSE_PROBABILITY = 100;

export const OPPORTUNITIES_TEMPLATE: MappingTemplate = {
    entity: {
        logicalName: logicalName('opportunity'),
        entitySetName: entitySetName('opportunities'),
        primaryIdAttribute: logicalName('opportunityid'),
        primaryNameAttribute: logicalName('name'),
        displayName: 'Opportunity',
    },
    tableName: OPPORTUNITIES_TABLE_NAME,
    columns: [
        column(
            {...stringColumn('name', 'Topic', 300), isRequired: true},
            {
                name: 'Topic',
                type: 'singleLineText',
                isPrimary: true,
            },
        ),
        column(
            {
                logicalName: logicalName('estimatedvalue'),
                displayName: 'Est. Revenue',
                type: 'money',
                minValue: -MAX_ESTIMATED_VALUE,
                maxValue: MAX_ESTIMATED_VALUE,
                precision: 2,
                isValidForCreate: true,
                isValidForUpdate: true,
            },
            {name: 'Estimated Value', type: 'currency', precision: 2},
        ),
        column(
            {
                logicalName: logicalName('closeprobability'),
                displayName: 'Probability',
                type: 'integer',
                minValue: 0,
                maxValue: MAX_CLOSE_PROBABILITY,
                isValidForCreate: true,
                isValidForUpdate: true,
            },
            {name: 'Probability', type: 'number', precision: 0},
        ),
        column(memoColumn('description', 'Description', 2000), {
            name: 'Description',
            type: 'multilineText',
        }),
        // `customerid` is a Customer column that may also point at a contact. Only the account
        // target is mapped, because Potential Customer links to the Accounts table.
        column(
            lookupColumn('customerid', 'Potential Customer', [
                lookupTarget('account', 'accounts', 'customerid_account'),
            ]),
            linkField('Potential Customer', ACCOUNTS_TABLE_NAME),
        ),
        column(
            lookupColumn('parentaccountid', 'Account', [
                lookupTarget('account', 'accounts', 'parentaccountid'),
            ]),
            linkField('Account', ACCOUNTS_TABLE_NAME),
        ),
        column(
            lookupColumn('parentcontactid', 'Contact', [
                lookupTarget('contact', 'contacts', 'parentcontactid'),
            ]),
            linkField('Contact', CONTACTS_TABLE_NAME),
        ),
    ],
    dynamicsIdField: DYNAMICS_ID_FIELD,
    syncStateField: SYNC_STATE_FIELD,
    requiredTableNames: [ACCOUNTS_TABLE_NAME],
    // Topics such as "Renewal" repeat across customers, so the customer is part of the key.
    matchKeys: [[logicalName('name'), logicalName('customerid')]],
};
