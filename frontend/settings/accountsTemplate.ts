/**
 * The default mapping of the Dataverse `account` table to an Airtable table named "Accounts".
 * Column lengths, ranges and formats are those of the standard account table in Microsoft's
 * "account table/entity reference" (Dataverse v9.2).
 * NOTE: an organisation may customise these columns, and the mapping does not read the org's
 * metadata yet, so a customised length or range is not taken into account.
 */
import {entitySetName, logicalName} from '../sync/ids';
import {DYNAMICS_ID_FIELD, SYNC_STATE_FIELD} from './bookkeepingFields';
import type {MappingTemplate} from './mappingTemplate';
import {ACCOUNTS_TABLE_NAME, CONTACTS_TABLE_NAME} from './templateTableNames';
import {
    column,
    linkField,
    lookupColumn,
    lookupTarget,
    memoColumn,
    stringColumn,
} from './templateColumns';

/** Dataverse's maximum `revenue` of an account, in the transaction currency. */
const MAX_ACCOUNT_REVENUE = 100_000_000_000_000;
/** Dataverse's maximum `numberofemployees` of an account. */
const MAX_ACCOUNT_EMPLOYEES = 1_000_000_000;

export const ACCOUNTS_TEMPLATE: MappingTemplate = {
    entity: {
        logicalName: logicalName('account'),
        entitySetName: entitySetName('accounts'),
        primaryIdAttribute: logicalName('accountid'),
        primaryNameAttribute: logicalName('name'),
        displayName: 'Account',
    },
    tableName: ACCOUNTS_TABLE_NAME,
    columns: [
        column(
            {...stringColumn('name', 'Account Name', 160), isRequired: true},
            {
                name: 'Name',
                type: 'singleLineText',
                isPrimary: true,
            },
        ),
        column(stringColumn('accountnumber', 'Account Number', 20), {
            name: 'Account Number',
            type: 'singleLineText',
        }),
        column(stringColumn('telephone1', 'Main Phone', 50, 'phone'), {
            name: 'Main Phone',
            type: 'phoneNumber',
        }),
        column(stringColumn('emailaddress1', 'Email', 100, 'email'), {
            name: 'Email',
            type: 'email',
        }),
        column(stringColumn('websiteurl', 'Website', 200, 'url'), {name: 'Website', type: 'url'}),
        column(stringColumn('address1_city', 'Address 1: City', 80), {
            name: 'City',
            type: 'singleLineText',
        }),
        column(stringColumn('address1_country', 'Address 1: Country/Region', 80), {
            name: 'Country',
            type: 'singleLineText',
        }),
        column(
            {
                logicalName: logicalName('revenue'),
                displayName: 'Annual Revenue',
                type: 'money',
                minValue: 0,
                maxValue: MAX_ACCOUNT_REVENUE,
                precision: 2,
                isValidForCreate: true,
                isValidForUpdate: true,
            },
            {name: 'Annual Revenue', type: 'currency', precision: 2},
        ),
        column(
            {
                logicalName: logicalName('numberofemployees'),
                displayName: 'Number of Employees',
                type: 'integer',
                minValue: 0,
                maxValue: MAX_ACCOUNT_EMPLOYEES,
                isValidForCreate: true,
                isValidForUpdate: true,
            },
            {name: 'Employees', type: 'number', precision: 0},
        ),
        column(memoColumn('description', 'Description', 2000), {
            name: 'Description',
            type: 'multilineText',
        }),
        // Accounts sync without Contacts, so this link is left out while there is no Contacts table.
        column(
            lookupColumn('primarycontactid', 'Primary Contact', [
                lookupTarget('contact', 'contacts', 'primarycontactid'),
            ]),
            linkField('Primary Contact', CONTACTS_TABLE_NAME),
        ),
    ],
    dynamicsIdField: DYNAMICS_ID_FIELD,
    syncStateField: SYNC_STATE_FIELD,
    // The account number identifies an account where it is filled in; the name is the fallback.
    matchKeys: [[logicalName('accountnumber')], [logicalName('name')]],
};
