/** Airtable schemas of Accounts, Contacts and Opportunities laid out as the templates expect. */
import type {FieldSchema, TableSchema} from '../../frontend/settings/tableSchema';
import {airtableFieldId, airtableTableId} from '../../frontend/sync/ids';
import {ACCOUNTS_FIELD_SCHEMAS} from './tableSchemas';

export const ACCOUNTS_ID = airtableTableId('tblAccounts');
export const CONTACTS_ID = airtableTableId('tblContacts');
export const OPPORTUNITIES_ID = airtableTableId('tblOpportunities');

function field(id: string, name: string, type: string, extra: Partial<FieldSchema> = {}) {
    return {id: airtableFieldId(id), name, type, isPrimary: false, ...extra};
}

function link(id: string, name: string, linkedTableId: string): FieldSchema {
    return field(id, name, 'multipleRecordLinks', {linkedTableId: airtableTableId(linkedTableId)});
}

const BOOKKEEPING = [
    field('fldDynamicsId', 'Dynamics ID', 'singleLineText'),
    field('fldSyncState', 'Sync state', 'multilineText'),
];

export const CONTACTS_FIELDS: readonly FieldSchema[] = [
    field('fldName', 'Name', 'singleLineText', {isPrimary: true}),
    field('fldFirstName', 'First Name', 'singleLineText'),
    field('fldLastName', 'Last Name', 'singleLineText'),
    field('fldJobTitle', 'Job Title', 'singleLineText'),
    field('fldEmail', 'Email', 'email'),
    field('fldBusinessPhone', 'Business Phone', 'phoneNumber'),
    field('fldMobilePhone', 'Mobile Phone', 'phoneNumber'),
    field('fldCity', 'City', 'singleLineText'),
    field('fldCountry', 'Country', 'singleLineText'),
    field('fldDescription', 'Description', 'multilineText'),
    link('fldCompany', 'Company', 'tblAccounts'),
    ...BOOKKEEPING,
];

export const OPPORTUNITIES_FIELDS: readonly FieldSchema[] = [
    field('fldTopic', 'Topic', 'singleLineText', {isPrimary: true}),
    field('fldEstimatedValue', 'Estimated Value', 'currency', {precision: 2}),
    field('fldProbability', 'Probability', 'number', {precision: 0}),
    field('fldDescription', 'Description', 'multilineText'),
    link('fldPotentialCustomer', 'Potential Customer', 'tblAccounts'),
    link('fldAccount', 'Account', 'tblAccounts'),
    link('fldContact', 'Contact', 'tblContacts'),
    ...BOOKKEEPING,
];

export const ACCOUNTS_WITH_LINK_FIELDS: readonly FieldSchema[] = [
    ...ACCOUNTS_FIELD_SCHEMAS,
    link('fldPrimaryContact', 'Primary Contact', 'tblContacts'),
];

export function schema(id: string, name: string, fields: readonly FieldSchema[]): TableSchema {
    return {id: airtableTableId(id), name, fields};
}

/** Builds the three tables with every field, each link pointing at the right table. */
export function createRelatedSchemas(): TableSchema[] {
    return [
        schema('tblAccounts', 'Accounts', ACCOUNTS_WITH_LINK_FIELDS),
        schema('tblContacts', 'Contacts', CONTACTS_FIELDS),
        schema('tblOpportunities', 'Opportunities', OPPORTUNITIES_FIELDS),
    ];
}
