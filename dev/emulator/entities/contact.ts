/**
 * The `contact` table: the columns a sync maps plus system columns. `fullname` is the read-only
 * primary name the platform composes from first and last name. Lengths follow a new org's contact
 * table (Dataverse contact column reference, 2023).
 */
import {addressColumns, composeAddress} from './address';
import {
    READ_ONLY,
    auditColumns,
    dateTimeColumn,
    idColumn,
    lookupColumn,
    memoColumn,
    stateStatusColumns,
    stringColumn,
} from './columns';
import type {ColumnValue, EntityDefinition, Row} from './types';

/** Composes `fullname` in the org's default "First Last" format. */
function composeFullName(row: Row): string | null {
    const parts = [row['firstname'], row['lastname']].filter(
        (part): part is string => typeof part === 'string',
    );
    return parts.length > 0 ? parts.join(' ') : null;
}

function deriveContactColumns(row: Row): Record<string, ColumnValue> {
    return {fullname: composeFullName(row), address1_composite: composeAddress(row)};
}

export const CONTACT: EntityDefinition = {
    logicalName: 'contact',
    schemaName: 'Contact',
    entitySetName: 'contacts',
    primaryIdAttribute: 'contactid',
    primaryNameAttribute: 'fullname',
    displayName: 'Contact',
    displayCollectionName: 'Contacts',
    objectTypeCode: 2,
    ownershipType: 'UserOwned',
    isChangeTrackingEnabled: true,
    isReadOnly: false,
    deriveColumns: deriveContactColumns,
    // The rules a new org publishes for contacts: same e-mail address, same first and last name.
    duplicateRules: [['emailaddress1'], ['firstname', 'lastname']],
    attributes: [
        idColumn(['contactid', 'ContactId', 'Contact']),
        stringColumn(['fullname', 'FullName', 'Full Name'], 160, READ_ONLY),
        stringColumn(['firstname', 'FirstName', 'First Name'], 50, {requiredLevel: 'Recommended'}),
        stringColumn(['middlename', 'MiddleName', 'Middle Name'], 50),
        stringColumn(['lastname', 'LastName', 'Last Name'], 50, {
            requiredLevel: 'ApplicationRequired',
        }),
        stringColumn(['jobtitle', 'JobTitle', 'Job Title'], 100),
        stringColumn(['emailaddress1', 'EMailAddress1', 'Email'], 100, {format: 'Email'}),
        stringColumn(['telephone1', 'Telephone1', 'Business Phone'], 50, {format: 'Phone'}),
        stringColumn(['mobilephone', 'MobilePhone', 'Mobile Phone'], 50, {format: 'Phone'}),
        ...addressColumns(),
        dateTimeColumn(['birthdate', 'BirthDate', 'Birthday'], 'DateOnly'),
        memoColumn(['description', 'Description', 'Description'], 2000),
        lookupColumn(['parentcustomerid', 'ParentCustomerId', 'Company Name'], 'Customer', [
            {name: 'parentcustomerid_account', target: 'account'},
            {name: 'parentcustomerid_contact', target: 'contact'},
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
