/**
 * Bad values a person can type in Airtable or find in Dynamics, one case each. The sync must not
 * write any of them. Each must end as a message on its record that names the field and the value
 * and states the fix, while every other record syncs and nothing is lost.
 */

/** Fields of the bad-input base, by table. */
export type AccountFieldId =
    | 'fldName'
    | 'fldAccountNumber'
    | 'fldPhone'
    | 'fldEmail'
    | 'fldWebsite'
    | 'fldCity'
    | 'fldRevenue'
    | 'fldEmployees'
    | 'fldDescription'
    | 'fldIndustry';
export type OpportunityFieldId = 'fldTopic' | 'fldValue' | 'fldProbability' | 'fldCloseDate';

/** A bad value typed into an Airtable cell. */
export interface AirtableValueCase {
    readonly title: string;
    readonly table: 'accounts' | 'opportunities';
    readonly fieldId: AccountFieldId | OpportunityFieldId;
    readonly value: unknown;
    /** A value the cell may hold before it is edited to the bad one. */
    readonly goodValue: unknown;
    /** Text the record's message must contain besides the record's name, such as the field. */
    readonly mentions: readonly string[];
}

/** A bad value found in a Dynamics column, written there by another client. */
export interface DynamicsValueCase {
    readonly title: string;
    readonly logicalName: 'account' | 'opportunity';
    readonly column: string;
    readonly value: string | number;
    readonly goodValue: string | number;
    readonly mentions: readonly string[];
}

const LONG_NAME = 'N'.repeat(161);

export const AIRTABLE_VALUE_CASES: readonly AirtableValueCase[] = [
    {
        title: 'account name over 160 characters',
        table: 'accounts',
        fieldId: 'fldName',
        value: LONG_NAME,
        goodValue: 'Bad Row',
        mentions: ["field 'Name'", '161 characters', 'at most 160', 'Shorten it'],
    },
    {
        title: 'account name emptied',
        table: 'accounts',
        fieldId: 'fldName',
        value: '',
        goodValue: 'Bad Row',
        mentions: ["row 'recBad'", 'has no Name', 'requires an Account Name'],
    },
    {
        title: 'account number over 20 characters',
        table: 'accounts',
        fieldId: 'fldAccountNumber',
        value: 'AC-0123456789-0123456',
        goodValue: 'AC-1',
        mentions: ["'Account Number'", "'AC-0123456789-0123456'", 'at most 20'],
    },
    {
        title: 'phone over 50 characters',
        table: 'accounts',
        fieldId: 'fldPhone',
        value: '+1 425 555 0100 '.repeat(4),
        goodValue: '+1 425 555 0100',
        mentions: ["'Main Phone'", '64 characters', 'at most 50'],
    },
    {
        title: 'e-mail without a domain',
        table: 'accounts',
        fieldId: 'fldEmail',
        value: 'ana@',
        goodValue: 'ana@example.com',
        mentions: ["'Email'", "'ana@'", 'not a valid e-mail address'],
    },
    {
        title: 'e-mail with a space',
        table: 'accounts',
        fieldId: 'fldEmail',
        value: 'ana ruiz@example.com',
        goodValue: 'ana@example.com',
        mentions: ["'ana ruiz@example.com'", 'not a valid e-mail address'],
    },
    {
        title: 'e-mail without a dot in the domain',
        table: 'accounts',
        fieldId: 'fldEmail',
        value: 'ana@localhost',
        goodValue: 'ana@example.com',
        mentions: ["'ana@localhost'", 'not a valid e-mail address'],
    },
    {
        title: 'e-mail with two at signs',
        table: 'accounts',
        fieldId: 'fldEmail',
        value: 'ana@@example.com',
        goodValue: 'ana@example.com',
        mentions: ["'ana@@example.com'", 'not a valid e-mail address'],
    },
    {
        title: 'e-mail over 100 characters',
        table: 'accounts',
        fieldId: 'fldEmail',
        value: `${'a'.repeat(90)}@example.com`,
        goodValue: 'ana@example.com',
        mentions: ["'Email'", '102 characters', 'at most 100'],
    },
    {
        title: 'website that is prose',
        table: 'accounts',
        fieldId: 'fldWebsite',
        value: 'see our site',
        goodValue: 'https://contoso.example',
        mentions: ["'Website'", "'see our site'", 'not a valid URL'],
    },
    {
        title: 'website with a script scheme',
        table: 'accounts',
        fieldId: 'fldWebsite',
        value: 'javascript:alert(1)',
        goodValue: 'https://contoso.example',
        mentions: ["'javascript:alert(1)'", 'not a valid URL'],
    },
    {
        title: 'website with a scheme only',
        table: 'accounts',
        fieldId: 'fldWebsite',
        value: 'http://',
        goodValue: 'https://contoso.example',
        mentions: ["'http://'", 'not a valid URL'],
    },
    {
        title: 'website with a space in the host',
        table: 'accounts',
        fieldId: 'fldWebsite',
        value: 'https://con toso.example',
        goodValue: 'https://contoso.example',
        mentions: ["'https://con toso.example'", 'not a valid URL'],
    },
    {
        title: 'website over 200 characters',
        table: 'accounts',
        fieldId: 'fldWebsite',
        value: `https://contoso.example/${'p'.repeat(180)}`,
        goodValue: 'https://contoso.example',
        mentions: ["'Website'", '204 characters', 'at most 200'],
    },
    {
        title: 'city over 80 characters',
        table: 'accounts',
        fieldId: 'fldCity',
        value: 'Llanfairpwllgwyngyll'.repeat(5),
        goodValue: 'Oslo',
        mentions: ["'City'", '100 characters', 'at most 80'],
    },
    {
        title: 'description over 2000 characters',
        table: 'accounts',
        fieldId: 'fldDescription',
        value: 'Key account.\n'.repeat(160),
        goodValue: 'Key account.',
        mentions: ["'Description'", '2080 characters', 'at most 2000'],
    },
    {
        title: 'negative revenue',
        table: 'accounts',
        fieldId: 'fldRevenue',
        value: -0.01,
        goodValue: 100,
        mentions: ["'Annual Revenue'", '-0.01', 'outside the range 0 to 100000000000000'],
    },
    {
        title: 'revenue over the maximum',
        table: 'accounts',
        fieldId: 'fldRevenue',
        value: 1e15,
        goodValue: 100,
        mentions: ["'Annual Revenue'", '1000000000000000', 'outside the range'],
    },
    {
        title: 'e-mail ending in a dot',
        table: 'accounts',
        fieldId: 'fldEmail',
        value: 'ana@example.',
        goodValue: 'ana@example.com',
        mentions: ["'ana@example.'", 'not a valid e-mail address'],
    },
    {
        title: 'website with a file scheme',
        table: 'accounts',
        fieldId: 'fldWebsite',
        value: 'file:///C:/contoso/about.html',
        goodValue: 'https://contoso.example',
        mentions: ["'file:///C:/contoso/about.html'", 'not a valid URL'],
    },
    {
        title: 'employees with a fraction',
        table: 'accounts',
        fieldId: 'fldEmployees',
        value: 12.5,
        goodValue: 10,
        mentions: ["'Employees'", '12.5', 'not a whole number'],
    },
    {
        title: 'negative employees',
        table: 'accounts',
        fieldId: 'fldEmployees',
        value: -1,
        goodValue: 10,
        mentions: ["'Employees'", '-1', 'outside the range 0 to 1000000000'],
    },
    {
        title: 'employees over the maximum',
        table: 'accounts',
        fieldId: 'fldEmployees',
        value: 1_000_000_001,
        goodValue: 10,
        mentions: ["'Employees'", '1000000001', 'outside the range'],
    },
    {
        title: 'industry with no Dynamics option',
        table: 'accounts',
        fieldId: 'fldIndustry',
        value: {name: 'Aerospace'},
        goodValue: {name: 'Consulting'},
        mentions: ["'Aerospace'", "'Industry'", 'is not an option', 'option map'],
    },
    {
        title: 'estimated value over the maximum',
        table: 'opportunities',
        fieldId: 'fldValue',
        value: 1_000_000_000_000.01,
        goodValue: 5000,
        mentions: ["'Estimated Value'", '1000000000000.01', 'outside the range'],
    },
    {
        title: 'estimated value under the minimum',
        table: 'opportunities',
        fieldId: 'fldValue',
        value: -2e12,
        goodValue: 5000,
        mentions: ["'Estimated Value'", '-2000000000000', 'outside the range'],
    },
    {
        title: 'probability over 100 %',
        table: 'opportunities',
        fieldId: 'fldProbability',
        value: 1.01,
        goodValue: 0.5,
        mentions: ["'Probability'", '101', 'outside the range 0 to 100'],
    },
    {
        title: 'probability with a fraction of a percent',
        table: 'opportunities',
        fieldId: 'fldProbability',
        value: 0.005,
        goodValue: 0.5,
        mentions: ["'Probability'", '0.5', 'not a whole number'],
    },
    {
        title: 'negative probability',
        table: 'opportunities',
        fieldId: 'fldProbability',
        value: -0.1,
        goodValue: 0.5,
        mentions: ["'Probability'", '-10', 'outside the range'],
    },
    {
        title: 'close date the day before 1753',
        table: 'opportunities',
        fieldId: 'fldCloseDate',
        value: '1752-12-31',
        goodValue: '2025-06-30',
        mentions: ["'Close Date'", "'1752-12-31'", '1753-01-01 to 9999-12-31'],
    },
    {
        title: 'close date in year one',
        table: 'opportunities',
        fieldId: 'fldCloseDate',
        value: '0001-01-01',
        goodValue: '2025-06-30',
        mentions: ["'0001-01-01'", '1753-01-01'],
    },
    {
        title: 'close date in 1600',
        table: 'opportunities',
        fieldId: 'fldCloseDate',
        value: '1600-06-15',
        goodValue: '2025-06-30',
        mentions: ["'1600-06-15'", '1753-01-01'],
    },
    {
        title: 'topic over 300 characters',
        table: 'opportunities',
        fieldId: 'fldTopic',
        value: 'Renewal '.repeat(40),
        goodValue: 'Bad Deal',
        mentions: ["'Topic'", '320 characters', 'at most 300'],
    },
];

export const DYNAMICS_VALUE_CASES: readonly DynamicsValueCase[] = [
    {
        title: 'account name with a line break',
        logicalName: 'account',
        column: 'name',
        value: 'Contoso\nEurope',
        goodValue: 'Bad Record',
        mentions: ["'Account Name'", 'line breaks', "single-line Airtable field 'Name'"],
    },
    {
        title: 'city with a line break',
        logicalName: 'account',
        column: 'address1_city',
        value: 'Oslo\r\nNorway',
        goodValue: 'Oslo',
        mentions: ["'Address 1: City'", "'Oslo Norway'", 'line breaks'],
    },
    {
        title: 'phone with a line break',
        logicalName: 'account',
        column: 'telephone1',
        value: '555 0100\next. 2',
        goodValue: '555 0100',
        mentions: ["'Main Phone'", 'line breaks'],
    },
    {
        title: 'website with a line break',
        logicalName: 'account',
        column: 'websiteurl',
        value: 'https://a.example\nhttps://b.example',
        goodValue: 'https://a.example',
        mentions: ["'Website'", 'line breaks'],
    },
    {
        title: 'e-mail Airtable rejects',
        logicalName: 'account',
        column: 'emailaddress1',
        value: 'ana@',
        goodValue: 'ana@example.com',
        mentions: ["'ana@'", 'not a valid e-mail address', "e-mail field 'Email'"],
    },
    {
        title: 'industry with no Airtable choice',
        logicalName: 'account',
        column: 'industrycode',
        value: 33,
        goodValue: 7,
        mentions: ["'Wholesale'", 'option 33', "choice of the Airtable field 'Industry'"],
    },
    {
        title: 'industry outside the option set',
        logicalName: 'account',
        column: 'industrycode',
        value: 99,
        goodValue: 7,
        mentions: ['Option 99', "'Industry'", 'Load the column'],
    },
    {
        title: 'close date that is no date',
        logicalName: 'opportunity',
        column: 'estimatedclosedate',
        value: '2025-13-01',
        goodValue: '2025-06-30',
        mentions: ["'2025-13-01'", "'Est. Close Date'", 'a date such as'],
    },
];

/** A stored setting that an older version wrote, or garbage, with the text its message must contain. */
export interface SettingCase {
    readonly title: string;
    readonly key: 'environmentUrl' | 'conflictPolicy' | 'lastSyncedAt' | 'mapping';
    readonly value: unknown;
    /** Text the setting's message must contain, or null when the setting is read as "not set". */
    readonly mentions: readonly string[] | null;
}

export const SETTING_CASES: readonly SettingCase[] = [
    {
        title: 'environment address as a number',
        key: 'environmentUrl',
        value: 42,
        mentions: ['not text', 'Enter it again'],
    },
    {
        title: 'environment address as an object',
        key: 'environmentUrl',
        value: {url: 'https://contoso.crm.dynamics.com'},
        mentions: ['not text', 'Enter it again'],
    },
    {
        title: 'environment address on another host',
        key: 'environmentUrl',
        value: 'https://contoso.example.com',
        mentions: ['contoso.example.com', 'https://contoso.crm.dynamics.com'],
    },
    {
        title: 'environment address over plain HTTP',
        key: 'environmentUrl',
        value: 'http://contoso.crm.dynamics.com',
        mentions: ['https'],
    },
    {
        title: 'environment address with a script',
        key: 'environmentUrl',
        value: 'javascript:alert(1)',
        mentions: ['https://contoso.crm.dynamics.com'],
    },
    {
        title: 'conflict policy from no version',
        key: 'conflictPolicy',
        value: 'robotWins',
        mentions: ['"robotWins"', 'Choose whether Dynamics or Airtable wins'],
    },
    {
        title: 'conflict policy as a number',
        key: 'conflictPolicy',
        value: 1,
        mentions: ['"1"', 'Choose whether'],
    },
    {
        title: 'sync times as text',
        key: 'lastSyncedAt',
        value: 'yesterday',
        mentions: null,
    },
    {
        title: 'sync time that is no time',
        key: 'lastSyncedAt',
        value: {tblAccounts: 'soon', tblOpportunities: 17},
        mentions: null,
    },
    {
        title: 'mapping that is text',
        key: 'mapping',
        value: 'accounts=Accounts',
        mentions: ['could not be read', 'Check the mapping in the settings'],
    },
    {
        title: 'mapping from before versions',
        key: 'mapping',
        value: {tables: [{entity: 'account', table: 'tblAccounts'}]},
        mentions: ['could not be read', 'default mapping'],
    },
    {
        title: 'mapping from a newer version',
        key: 'mapping',
        value: {schemaVersion: 99, tables: []},
        mentions: ['newer version', 'mapping version 99', 'Update the extension'],
    },
    {
        title: 'mapping with a garbage table',
        key: 'mapping',
        value: {schemaVersion: 1, tables: [42], conflictPolicy: 'dynamicsWins'},
        mentions: ['Table 1', 'could not be read', 'Add its Dynamics table again'],
    },
];
