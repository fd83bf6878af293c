/**
 * The sandbox's Contacts and Opportunities tables, laid out as the default templates expect. Some
 * rows are linked to the emulator's sample contacts and opportunities and were synced before, a
 * new contact exists only in Airtable and links to a new account, and each table has an emptied
 * row: its Dynamics record no longer exists and every synced field is empty, as another sync tool
 * leaves rows after an Account is deleted. Clean up finds those two rows.
 */
import type TestDriver from '@airtable/blocks-testing';
import {FieldType, ViewType} from '@airtable/blocks/models';
import type {MappingTemplate} from '../../frontend/settings/mappingTemplate';
import {CONTACTS_TEMPLATE} from '../../frontend/settings/contactsTemplate';
import {OPPORTUNITIES_TEMPLATE} from '../../frontend/settings/opportunitiesTemplate';
import {resolveMapping} from '../../frontend/settings/resolveMapping';
import {airtableFieldId, airtableTableId, type TableMapping} from '../../frontend/sync';
import SAMPLE_CONTACTS from '../emulator/seed/contacts.json';
import SAMPLE_OPPORTUNITIES from '../emulator/seed/opportunities.json';
import {createSyncedRowCells} from './syncedRow';

type SandboxFixture = ConstructorParameters<typeof TestDriver>[0];
type TableFixture = SandboxFixture['base']['tables'][number];
type FieldFixture = TableFixture['fields'][number];
type RecordFixture = TableFixture['records'][number];

export const CONTACTS_TABLE_ID = 'tblContacts';
export const OPPORTUNITIES_TABLE_ID = 'tblOpportunities';

const CREATED_TIME = '2024-03-04T09:00:00.000Z';

/** Ids of records that no longer exist in the emulator, left in the emptied rows. */
export const DELETED_CONTACT_ID = 'c2e5f3c1-6d20-4f1b-8c8e-0000000000e1';
export const DELETED_OPPORTUNITY_ID = 'd3f6a4d2-7e31-4a2c-9d9f-0000000000e1';

/** Sample records of the emulator (`dev/emulator/seed/`) that have rows here. */
const JIM_GLYNN_ID = 'c2e5f3c1-6d20-4f1b-8c8e-000000000006';
const MARIA_CAMPBELL_ID = 'c2e5f3c1-6d20-4f1b-8c8e-000000000008';
const BOTTLING_LINE_ID = 'd3f6a4d2-7e31-4a2c-9d9f-000000000006';

/** The linked-record field of the Accounts table that these rows link back from. */
export const PRIMARY_CONTACT_FIELD: FieldFixture = linkField(
    'fldPrimaryContact',
    'Primary Contact',
    CONTACTS_TABLE_ID,
);

const CONTACT_FIELDS: readonly FieldFixture[] = [
    field('fldContactName', 'Name', FieldType.SINGLE_LINE_TEXT),
    field('fldFirstName', 'First Name', FieldType.SINGLE_LINE_TEXT),
    field('fldLastName', 'Last Name', FieldType.SINGLE_LINE_TEXT),
    field('fldJobTitle', 'Job Title', FieldType.SINGLE_LINE_TEXT),
    field('fldContactEmail', 'Email', FieldType.EMAIL),
    field('fldBusinessPhone', 'Business Phone', FieldType.PHONE_NUMBER),
    field('fldMobilePhone', 'Mobile Phone', FieldType.PHONE_NUMBER),
    field('fldContactCity', 'City', FieldType.SINGLE_LINE_TEXT),
    field('fldContactCountry', 'Country', FieldType.SINGLE_LINE_TEXT),
    field('fldContactDescription', 'Description', FieldType.MULTILINE_TEXT),
    linkField('fldCompany', 'Company', 'tblAccounts'),
    field('fldContactDynamicsId', 'Dynamics ID', FieldType.SINGLE_LINE_TEXT),
    field('fldContactSyncState', 'Sync state', FieldType.MULTILINE_TEXT),
];

/** The labels of the emulator's opportunity `statuscode` options, in option value order. */
const OPPORTUNITY_STATUS_LABELS = ['In Progress', 'On Hold', 'Won', 'Canceled', 'Out-Sold'];

const OPPORTUNITY_FIELDS: readonly FieldFixture[] = [
    field('fldTopic', 'Topic', FieldType.SINGLE_LINE_TEXT),
    field('fldEstimatedValue', 'Estimated Value', FieldType.CURRENCY, {precision: 2, symbol: '$'}),
    field('fldProbability', 'Probability', FieldType.NUMBER, {precision: 0}),
    field('fldOpportunityDescription', 'Description', FieldType.MULTILINE_TEXT),
    linkField('fldPotentialCustomer', 'Potential Customer', 'tblAccounts'),
    linkField('fldAccount', 'Account', 'tblAccounts'),
    linkField('fldContact', 'Contact', CONTACTS_TABLE_ID),
    // The default mapping leaves these two unmapped, so a person maps them in the mapping panel.
    field('fldEstCloseDate', 'Est. Close Date', FieldType.DATE, {
        dateFormat: {name: 'iso', format: 'YYYY-MM-DD'},
    }),
    field('fldStatusReason', 'Status Reason', FieldType.SINGLE_SELECT, {
        choices: OPPORTUNITY_STATUS_LABELS.map((name, index) => ({
            id: `selStatusReason${index + 1}`,
            name,
            color: 'blueLight2',
        })),
    }),
    field('fldOpportunityDynamicsId', 'Dynamics ID', FieldType.SINGLE_LINE_TEXT),
    field('fldOpportunitySyncState', 'Sync state', FieldType.MULTILINE_TEXT),
];

/** The row ids of the Accounts table these rows link to. */
export interface AccountRowIds {
    readonly cohoWinery: string;
    readonly fabrikam: string;
    /** A new account that exists only in Airtable. */
    readonly woodgrove: string;
}

/** The id of the new contact, which the new account names as its primary contact. */
export const NEW_CONTACT_ROW_ID = 'recKimAkers';

export function createContactsTable(accounts: AccountRowIds): TableFixture {
    const mapping = resolveValueMapping(CONTACTS_TEMPLATE, CONTACTS_TABLE_ID, CONTACT_FIELDS);
    const records = [
        row(
            'recJimGlynn',
            createSyncedRowCells(mapping, getSampleContact(JIM_GLYNN_ID), {
                fldJobTitle: 'Head Winemaker',
                fldCompany: links(accounts.cohoWinery),
            }),
        ),
        row(
            'recMariaCampbell',
            createSyncedRowCells(mapping, getSampleContact(MARIA_CAMPBELL_ID), {
                fldCompany: links(accounts.fabrikam),
            }),
        ),
        row(NEW_CONTACT_ROW_ID, {
            fldContactName: 'Kim Akers',
            fldFirstName: 'Kim',
            fldLastName: 'Akers',
            fldJobTitle: 'Treasury Manager',
            fldContactEmail: 'kim.akers@woodgrove.example',
            fldContactCity: 'Toronto',
            fldContactCountry: 'Canada',
            fldCompany: links(accounts.woodgrove),
        }),
        row('recEmptiedContact', {fldContactDynamicsId: DELETED_CONTACT_ID}),
    ];
    return table(
        CONTACTS_TABLE_ID,
        'Contacts',
        'People at customer accounts.',
        CONTACT_FIELDS,
        records,
    );
}

export function createOpportunitiesTable(accounts: AccountRowIds): TableFixture {
    const mapping = resolveValueMapping(
        OPPORTUNITIES_TEMPLATE,
        OPPORTUNITIES_TABLE_ID,
        OPPORTUNITY_FIELDS,
    );
    const records = [
        row(
            'recBottlingLine',
            createSyncedRowCells(
                mapping,
                getSample(SAMPLE_OPPORTUNITIES, 'opportunityid', BOTTLING_LINE_ID),
                {
                    fldProbability: 80,
                    fldPotentialCustomer: links(accounts.cohoWinery),
                    fldAccount: links(accounts.cohoWinery),
                    fldContact: links('recJimGlynn'),
                },
            ),
        ),
        row('recEmptiedOpportunity', {fldOpportunityDynamicsId: DELETED_OPPORTUNITY_ID}),
    ];
    return table(
        OPPORTUNITIES_TABLE_ID,
        'Opportunities',
        'Open deals, kept in sync with Dynamics 365 Sales.',
        OPPORTUNITY_FIELDS,
        records,
    );
}

/** Returns a sample contact with the `fullname` Dynamics composes from its first and last name. */
function getSampleContact(contactId: string): Readonly<Record<string, unknown>> {
    const contact = getSample(SAMPLE_CONTACTS, 'contactid', contactId);
    return {...contact, fullname: `${String(contact['firstname'])} ${String(contact['lastname'])}`};
}

function getSample(
    samples: ReadonlyArray<Readonly<Record<string, unknown>>>,
    idColumn: string,
    id: string,
): Readonly<Record<string, unknown>> {
    const sample = samples.find(candidate => candidate[idColumn] === id);
    if (sample === undefined) {
        throw new Error(
            `The emulator has no sample record ${id}. Update the linked rows in ` +
                `dev/sandbox/relatedTables.ts to ids from dev/emulator/seed/.`,
        );
    }
    return sample;
}

/**
 * Resolves the template's value columns against the fixture's own fields. Links are left out,
 * because `createSyncedRowCells` builds value cells only and the rows set their links themselves.
 */
export function resolveValueMapping(
    template: MappingTemplate,
    tableId: string,
    fields: readonly FieldFixture[],
): TableMapping {
    const resolution = resolveMapping(template, {
        id: airtableTableId(tableId),
        name: template.tableName,
        fields: fields.map((fixtureField, index) => ({
            id: airtableFieldId(fixtureField.id),
            name: fixtureField.name,
            type: fixtureField.type,
            isPrimary: index === 0,
            ...(typeof fixtureField.options?.precision === 'number'
                ? {precision: fixtureField.options.precision}
                : {}),
        })),
    });
    if (!resolution.ok) {
        throw new Error(
            `The sandbox's ${template.tableName} fields do not fit the default mapping: ` +
                JSON.stringify(resolution.problems),
        );
    }
    return resolution.mapping;
}

function table(
    id: string,
    name: string,
    description: string,
    fields: readonly FieldFixture[],
    records: readonly RecordFixture[],
): TableFixture {
    return {
        id,
        name,
        description,
        fields: [...fields],
        views: [
            {
                id: `viwAll${name}`,
                name: `All ${name.toLowerCase()}`,
                type: ViewType.GRID,
                isLockedView: false,
                fieldOrder: {
                    fieldIds: fields.map(fixtureField => fixtureField.id),
                    visibleFieldCount: fields.length,
                },
                records: records.map(record => ({id: record.id, color: null})),
            },
        ],
        records: [...records],
    };
}

function field(
    id: string,
    name: string,
    type: FieldType,
    options: FieldFixture['options'] = null,
): FieldFixture {
    return {id, name, type, options, description: null};
}

function linkField(id: string, name: string, linkedTableId: string): FieldFixture {
    return field(id, name, FieldType.MULTIPLE_RECORD_LINKS, {
        linkedTableId,
        isReversed: false,
        prefersSingleRecordLink: false,
    });
}

export function links(...rowIds: string[]): Array<{readonly id: string}> {
    return rowIds.map(id => ({id}));
}

function row(id: string, cells: Record<string, unknown>): RecordFixture {
    return {id, commentCount: 0, createdTime: CREATED_TIME, cellValuesByFieldId: cells};
}
