import type {FieldSchema, TableSchema} from '../../frontend/settings/tableSchema';
import {airtableFieldId, airtableTableId} from '../../frontend/sync/ids';

function field(id: string, name: string, type: string, precision?: number): FieldSchema {
    const schema = {id: airtableFieldId(id), name, type, isPrimary: id === 'fldName'};
    return precision === undefined ? schema : {...schema, precision};
}

/** The Accounts fields laid out as the default mapping expects, the primary field first. */
export const ACCOUNTS_FIELD_SCHEMAS: readonly FieldSchema[] = [
    field('fldName', 'Name', 'singleLineText'),
    field('fldAccountNumber', 'Account Number', 'singleLineText'),
    field('fldMainPhone', 'Main Phone', 'phoneNumber'),
    field('fldEmail', 'Email', 'email'),
    field('fldWebsite', 'Website', 'url'),
    field('fldCity', 'City', 'singleLineText'),
    field('fldCountry', 'Country', 'singleLineText'),
    field('fldRevenue', 'Annual Revenue', 'currency', 2),
    field('fldEmployees', 'Employees', 'number', 0),
    field('fldDescription', 'Description', 'multilineText'),
    field('fldDynamicsId', 'Dynamics ID', 'singleLineText'),
    field('fldSyncState', 'Sync state', 'multilineText'),
];

export function accountsSchema(
    fields: readonly FieldSchema[] = ACCOUNTS_FIELD_SCHEMAS,
): TableSchema {
    return {id: airtableTableId('tblAccounts'), name: 'Accounts', fields};
}

/** Replaces the field with the given id, keeping the others in place. */
export function replaceField(id: string, replacement: Partial<FieldSchema>): FieldSchema[] {
    return ACCOUNTS_FIELD_SCHEMAS.map(schema =>
        schema.id === id ? {...schema, ...replacement} : schema,
    );
}

export function withoutField(id: string): FieldSchema[] {
    return ACCOUNTS_FIELD_SCHEMAS.filter(schema => schema.id !== id);
}
