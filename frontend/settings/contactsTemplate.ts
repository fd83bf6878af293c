/**
 * The default mapping of the Dataverse `contact` table to an Airtable table named "Contacts".
 * Lengths are those of the standard contact table in Microsoft's "contact table/entity reference"
 * (Dataverse v9.2). `fullname` is the table's primary name, which Dynamics composes from the first
 * and last name and ignores in a create or update, so it only travels to Airtable.
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
import {ACCOUNTS_TABLE_NAME, CONTACTS_TABLE_NAME} from './templateTableNames';

/** `fullname` is computed by Dynamics, so no create or update may set it. */
const FULL_NAME_COLUMN = {
    ...stringColumn('fullname', 'Full Name', 160),
    isValidForCreate: false,
    isValidForUpdate: false,
};

export const CONTACTS_TEMPLATE: MappingTemplate = {
    entity: {
        logicalName: logicalName('contact'),
        entitySetName: entitySetName('contacts'),
        primaryIdAttribute: logicalName('contactid'),
        primaryNameAttribute: logicalName('fullname'),
        displayName: 'Contact',
    },
    tableName: CONTACTS_TABLE_NAME,
    columns: [
        column(
            FULL_NAME_COLUMN,
            {name: 'Name', type: 'singleLineText', isPrimary: true},
            'toAirtable',
        ),
        column(stringColumn('firstname', 'First Name', 50), {
            name: 'First Name',
            type: 'singleLineText',
        }),
        column(
            {...stringColumn('lastname', 'Last Name', 50), isRequired: true},
            {
                name: 'Last Name',
                type: 'singleLineText',
            },
        ),
        column(stringColumn('jobtitle', 'Job Title', 100), {
            name: 'Job Title',
            type: 'singleLineText',
        }),
        column(stringColumn('emailaddress1', 'Email', 100, 'email'), {
            name: 'Email',
            type: 'email',
        }),
        column(stringColumn('telephone1', 'Business Phone', 50, 'phone'), {
            name: 'Business Phone',
            type: 'phoneNumber',
        }),
        column(stringColumn('mobilephone', 'Mobile Phone', 50, 'phone'), {
            name: 'Mobile Phone',
            type: 'phoneNumber',
        }),
        column(stringColumn('address1_city', 'Address 1: City', 80), {
            name: 'City',
            type: 'singleLineText',
        }),
        column(stringColumn('address1_country', 'Address 1: Country/Region', 80), {
            name: 'Country',
            type: 'singleLineText',
        }),
        column(memoColumn('description', 'Description', 2000), {
            name: 'Description',
            type: 'multilineText',
        }),
        // `parentcustomerid` is a Customer column that may also point at a contact. Only the
        // account target is mapped, because Company links to the Accounts table.
        column(
            lookupColumn('parentcustomerid', 'Company Name', [
                lookupTarget('account', 'accounts', 'parentcustomerid_account'),
            ]),
            linkField('Company', ACCOUNTS_TABLE_NAME),
        ),
    ],
    dynamicsIdField: DYNAMICS_ID_FIELD,
    syncStateField: SYNC_STATE_FIELD,
    requiredTableNames: [ACCOUNTS_TABLE_NAME],
    // The e-mail address identifies a person best; first and last name together are the fallback.
    matchKeys: [
        [logicalName('emailaddress1')],
        [logicalName('firstname'), logicalName('lastname')],
    ],
};
