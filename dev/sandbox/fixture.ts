/**
 * The simulated base the sandbox page and the demo sync: an "Accounts" table laid out as the
 * default Accounts mapping expects, with rows that show each kind of change. Some rows are linked
 * to the emulator's seeded accounts and were synced before, then edited in Airtable; some exist
 * only in Airtable. The emulator's other seeded accounts have no row yet. The Contacts and
 * Opportunities tables (see `relatedTables.ts`) link to these rows.
 *
 * Import `@airtable/blocks-testing` before this module: it reads the SDK's `FieldType` enum, and
 * the SDK must find the simulated Airtable when it loads.
 */
import type TestDriver from '@airtable/blocks-testing';
import {FieldType, ViewType} from '@airtable/blocks/models';
import {ACCOUNTS_TEMPLATE} from '../../frontend/settings/accountsTemplate';
import {ConfigKeys} from '../../frontend/settings/configKeys';
import {resolveMapping} from '../../frontend/settings/resolveMapping';
import type {TableSchema} from '../../frontend/settings/tableSchema';
import {airtableFieldId, airtableTableId, type TableMapping} from '../../frontend/sync';
import SAMPLE_ACCOUNTS from '../emulator/seed/accounts.json';
import {
    createContactsTable,
    createOpportunitiesTable,
    links,
    NEW_CONTACT_ROW_ID,
    PRIMARY_CONTACT_FIELD,
} from './relatedTables';
import {createSyncedRowCells, type AccountValues} from './syncedRow';

export type SandboxFixture = ConstructorParameters<typeof TestDriver>[0];
type TableFixture = SandboxFixture['base']['tables'][number];
type FieldFixture = TableFixture['fields'][number];
type RecordFixture = TableFixture['records'][number];

export const SANDBOX_TABLE_ID = 'tblAccounts';

const CREATED_TIME = '2024-03-04T09:00:00.000Z';

/**
 * The directory and application ids of the connection settings. The local provider accepts any
 * application id, and with the development token no sign-in service reads either.
 */
const SANDBOX_TENANT_ID = '11111111-1111-1111-1111-111111111111';
const SANDBOX_CLIENT_ID = 'aaaaaaaa-0000-0000-0000-000000000001';

/** The sign-in part of the preset connection settings. */
export interface SandboxSignInSettings {
    readonly tenantId: string;
    /** The local provider's origin, such as `https://127.0.0.1:8443`, or null for none. */
    readonly authorityHost: string | null;
}

const NO_SIGN_IN_SERVICE: SandboxSignInSettings = {
    tenantId: SANDBOX_TENANT_ID,
    authorityHost: null,
};

const ACCOUNT_FIELDS: readonly FieldFixture[] = [
    field('fldName', 'Name', FieldType.SINGLE_LINE_TEXT),
    field('fldAccountNumber', 'Account Number', FieldType.SINGLE_LINE_TEXT),
    field('fldMainPhone', 'Main Phone', FieldType.PHONE_NUMBER),
    field('fldEmail', 'Email', FieldType.EMAIL),
    field('fldWebsite', 'Website', FieldType.URL),
    field('fldCity', 'City', FieldType.SINGLE_LINE_TEXT),
    field('fldCountry', 'Country', FieldType.SINGLE_LINE_TEXT),
    field('fldAnnualRevenue', 'Annual Revenue', FieldType.CURRENCY, {precision: 2, symbol: '$'}),
    field('fldEmployees', 'Employees', FieldType.NUMBER, {precision: 0}),
    field('fldDescription', 'Description', FieldType.MULTILINE_TEXT),
    field('fldDynamicsId', 'Dynamics ID', FieldType.SINGLE_LINE_TEXT),
    field('fldSyncState', 'Sync state', FieldType.MULTILINE_TEXT),
    PRIMARY_CONTACT_FIELD,
];

/** Rows that exist only in Airtable, which the first sync creates in Dynamics. */
const NEW_ROWS: readonly RecordFixture[] = [
    row('recWoodgrove', {
        fldName: 'Woodgrove Bank',
        fldAccountNumber: 'WGB-2001',
        fldMainPhone: '+1 555 0142',
        fldEmail: 'hello@woodgrove.example',
        fldWebsite: 'https://woodgrove.example',
        fldCity: 'Toronto',
        fldCountry: 'Canada',
        fldAnnualRevenue: 48000000,
        fldEmployees: 310,
        fldDescription: 'Regional bank; added in Airtable by the sales team.',
        fldPrimaryContact: links(NEW_CONTACT_ROW_ID),
    }),
    row('recTailspin', {
        fldName: 'Tailspin Toys',
        fldCity: 'Dublin',
        fldCountry: 'Ireland',
        fldEmployees: 42,
    }),
];

/** Sample accounts of the emulator (`dev/emulator/seed/accounts.json`) that have rows here. */
const COHO_WINERY_ID = 'a1d4e2b0-5c1f-4e0a-9b7d-000000000006';
const FABRIKAM_ID = 'a1d4e2b0-5c1f-4e0a-9b7d-000000000008';
const FOURTH_COFFEE_ID = 'a1d4e2b0-5c1f-4e0a-9b7d-000000000009';

const LINKED_ACCOUNT_ROWS = {
    cohoWinery: 'recCohoWinery',
    fabrikam: 'recFabrikam',
    woodgrove: 'recWoodgrove',
};

/**
 * Returns the base, with the connection settings preset to the emulator at `environmentUrl` and
 * to the sign-in service in `signIn`.
 */
export function createSandboxFixture(
    environmentUrl: string,
    signIn: SandboxSignInSettings = NO_SIGN_IN_SERVICE,
): SandboxFixture {
    const records = [...createLinkedRows(), ...NEW_ROWS];
    return {
        globalConfig: {
            [ConfigKeys.environmentUrl]: environmentUrl,
            [ConfigKeys.tenantId]: signIn.tenantId,
            [ConfigKeys.clientId]: SANDBOX_CLIENT_ID,
            ...(signIn.authorityHost === null
                ? {}
                : {[ConfigKeys.authorityHost]: signIn.authorityHost}),
        },
        base: {
            id: 'appSandbox',
            name: 'Sales (sandbox)',
            workspaceId: 'wspSandbox',
            tables: [
                {
                    id: SANDBOX_TABLE_ID,
                    name: ACCOUNTS_TEMPLATE.tableName,
                    description: 'Customer accounts, kept in sync with Dynamics 365.',
                    fields: [...ACCOUNT_FIELDS],
                    views: [
                        {
                            id: 'viwAllAccounts',
                            name: 'All accounts',
                            type: ViewType.GRID,
                            isLockedView: false,
                            fieldOrder: {
                                fieldIds: ACCOUNT_FIELDS.map(({id}) => id),
                                visibleFieldCount: ACCOUNT_FIELDS.length,
                            },
                            records: records.map(({id}) => ({id, color: null})),
                        },
                    ],
                    records,
                },
                createContactsTable(LINKED_ACCOUNT_ROWS),
                createOpportunitiesTable(LINKED_ACCOUNT_ROWS),
            ],
            // The first collaborator is the current user. TestDriver grants them the creator
            // permission level, which allows everything an editor may do.
            collaborators: [
                {
                    id: 'usrEditor',
                    email: 'eda.editor@example.com',
                    name: 'Eda Editor',
                    isActive: true,
                },
            ],
        },
    };
}

/**
 * Rows linked to sample accounts: two synced before and edited in Airtable since, and one linked
 * by hand and never synced, whose City differs from the account's, which makes a conflict.
 */
function createLinkedRows(): RecordFixture[] {
    const mapping = resolveFixtureMapping();
    return [
        row(
            'recFabrikam',
            createSyncedRowCells(mapping, getSampleAccount(FABRIKAM_ID), {
                fldMainPhone: '555-0199',
                fldEmployees: 2850,
            }),
        ),
        row(
            'recCohoWinery',
            createSyncedRowCells(mapping, getSampleAccount(COHO_WINERY_ID), {
                fldDescription: 'Family-owned winery; tasting room open on weekends.',
            }),
        ),
        row('recFourthCoffee', {
            fldName: getSampleAccount(FOURTH_COFFEE_ID).name,
            fldCity: 'Seattle',
            fldDynamicsId: FOURTH_COFFEE_ID,
        }),
    ];
}

function getSampleAccount(accountId: string): AccountValues {
    const account = SAMPLE_ACCOUNTS.find(candidate => candidate.accountid === accountId);
    if (account === undefined) {
        throw new Error(
            `The emulator has no sample account ${accountId}. Update the linked rows in ` +
                `dev/sandbox/fixture.ts to ids from dev/emulator/seed/accounts.json.`,
        );
    }
    return account;
}

/** Resolves the default Accounts mapping against this fixture's own fields. */
function resolveFixtureMapping(): TableMapping {
    const schema: TableSchema = {
        id: airtableTableId(SANDBOX_TABLE_ID),
        name: ACCOUNTS_TEMPLATE.tableName,
        fields: ACCOUNT_FIELDS.map((fixtureField, index) => ({
            id: airtableFieldId(fixtureField.id),
            name: fixtureField.name,
            type: fixtureField.type,
            isPrimary: index === 0,
            ...(typeof fixtureField.options?.precision === 'number'
                ? {precision: fixtureField.options.precision}
                : {}),
        })),
    };
    const resolution = resolveMapping(ACCOUNTS_TEMPLATE, schema);
    if (!resolution.ok) {
        throw new Error(
            `The sandbox's Accounts fields do not fit the default Accounts mapping: ` +
                JSON.stringify(resolution.problems),
        );
    }
    return resolution.mapping;
}

function field(
    id: string,
    name: string,
    type: FieldType,
    options: FieldFixture['options'] = null,
): FieldFixture {
    return {id, name, type, options, description: null};
}

function row(id: string, cells: Record<string, unknown>): RecordFixture {
    return {id, commentCount: 0, createdTime: CREATED_TIME, cellValuesByFieldId: cells};
}
