/** The Airtable table names the default templates map to, found in a base by name. */
export const ACCOUNTS_TABLE_NAME = 'Accounts';
export const CONTACTS_TABLE_NAME = 'Contacts';
export const OPPORTUNITIES_TABLE_NAME = 'Opportunities';
