/** Accounts, Contacts and Opportunities with their lookups as linked records, on both fakes. */
import {
    airtableFieldId,
    airtableTableId,
    entitySetName,
    logicalName,
    parseGuid,
    type AirtableRecordId,
    type AirtableTableId,
    type Guid,
} from '../../frontend/sync/ids';
import type {
    ColumnSpec,
    EntityRef,
    FieldMapping,
    LookupTarget,
    TableMapping,
} from '../../frontend/sync/mapping';
import type {RunSummary} from '../../frontend/sync/outcomes';
import type {CascadeDeleteRule, LookupReference} from '../../frontend/sync/ports';
import type {TableDeltaState} from '../../frontend/sync/run/deltaState';
import {runSyncAsync, type SyncInput} from '../../frontend/sync/runSync';
import {column, createGuidSequence, field, fieldMapping, withApprovalDefault} from './fixtures';
import {FakeAirtableSide} from './fakes/fakeAirtable';
import {FakeClock} from './fakes/fakeClock';
import {FakeDataverseSide} from './fakes/fakeDataverse';

function entity(name: string, setName: string, nameColumn: string, display: string): EntityRef {
    return {
        logicalName: logicalName(name),
        entitySetName: entitySetName(setName),
        primaryIdAttribute: logicalName(`${name}id`),
        primaryNameAttribute: logicalName(nameColumn),
        displayName: display,
    };
}

export const ACCOUNT = entity('account', 'accounts', 'name', 'Account');
export const CONTACT = entity('contact', 'contacts', 'lastname', 'Contact');
export const OPPORTUNITY = entity('opportunity', 'opportunities', 'name', 'Opportunity');

export const ACCOUNTS_TABLE = airtableTableId('tblAccounts');
export const CONTACTS_TABLE = airtableTableId('tblContacts');
export const OPPORTUNITIES_TABLE = airtableTableId('tblOpportunities');

function target(of: EntityRef, navigationProperty: string): LookupTarget {
    return {logicalName: of.logicalName, entitySetName: of.entitySetName, navigationProperty};
}

function lookup(name: string, display: string, targets: readonly LookupTarget[]): ColumnSpec {
    return {...column(name, {type: 'lookup', targets}), displayName: display};
}

function linkMapping(
    columnSpec: ColumnSpec,
    id: string,
    name: string,
    linkedTableId: AirtableTableId,
): FieldMapping {
    return fieldMapping(columnSpec, {...field(id, name, 'multipleRecordLinks'), linkedTableId});
}

export const PRIMARY_CONTACT = linkMapping(
    lookup('primarycontactid', 'Primary Contact', [target(CONTACT, 'primarycontactid')]),
    'fldPrimaryContact',
    'Primary contact',
    CONTACTS_TABLE,
);
export const COMPANY = linkMapping(
    lookup('parentcustomerid', 'Company Name', [target(ACCOUNT, 'parentcustomerid_account')]),
    'fldCompany',
    'Company',
    ACCOUNTS_TABLE,
);
export const PARENT_CONTACT = linkMapping(
    lookup('parentcustomerid', 'Company Name', [target(CONTACT, 'parentcustomerid_contact')]),
    'fldParentContact',
    'Parent contact',
    CONTACTS_TABLE,
);
export const CUSTOMER_ACCOUNT = linkMapping(
    lookup('customerid', 'Potential Customer', [target(ACCOUNT, 'customerid_account')]),
    'fldCustomerAccount',
    'Customer account',
    ACCOUNTS_TABLE,
);
export const CUSTOMER_CONTACT = linkMapping(
    lookup('customerid', 'Potential Customer', [target(CONTACT, 'customerid_contact')]),
    'fldCustomerContact',
    'Customer contact',
    CONTACTS_TABLE,
);
/** The Customer column mapped to one link field while only Accounts is a mapped target. */
export const CUSTOMER_BOTH_TARGETS = linkMapping(
    lookup('customerid', 'Potential Customer', [
        target(ACCOUNT, 'customerid_account'),
        target(CONTACT, 'customerid_contact'),
    ]),
    'fldCustomer',
    'Customer',
    ACCOUNTS_TABLE,
);

const ACCOUNT_NAME = fieldMapping(
    column('name', {type: 'string', maxLength: 160}),
    field('fldName', 'Name', 'singleLineText'),
);
const ACCOUNT_EMAIL = fieldMapping(
    column('emailaddress1', {type: 'string', format: 'email', maxLength: 100}),
    field('fldEmail', 'Email', 'email'),
);
const LAST_NAME = fieldMapping(
    column('lastname', {type: 'string', maxLength: 50}),
    field('fldName', 'Last name', 'singleLineText'),
);
const TOPIC = fieldMapping(
    column('name', {type: 'string', maxLength: 300}),
    field('fldName', 'Topic', 'singleLineText'),
);

function table(of: EntityRef, id: AirtableTableId, name: string, fields: FieldMapping[]) {
    return {
        entity: of,
        table: {id, name},
        dynamicsIdFieldId: airtableFieldId('fldDynamicsId'),
        syncStateFieldId: airtableFieldId('fldSyncState'),
        fields,
    };
}

export function accountsTable(links: FieldMapping[] = [PRIMARY_CONTACT]): TableMapping {
    return table(ACCOUNT, ACCOUNTS_TABLE, 'Accounts', [ACCOUNT_NAME, ACCOUNT_EMAIL, ...links]);
}

export function contactsTable(links: FieldMapping[] = [COMPANY]): TableMapping {
    return table(CONTACT, CONTACTS_TABLE, 'Contacts', [LAST_NAME, ...links]);
}

export function opportunitiesTable(links: FieldMapping[] = [CUSTOMER_ACCOUNT]): TableMapping {
    return table(OPPORTUNITY, OPPORTUNITIES_TABLE, 'Opportunities', [TOPIC, ...links]);
}

function rule(
    referenced: EntityRef,
    referencing: EntityRef,
    attribute: string,
    onDelete: CascadeDeleteRule['onDelete'],
): CascadeDeleteRule {
    return {
        referencedEntity: referenced.logicalName,
        referencingEntity: referencing.logicalName,
        referencingAttribute: logicalName(attribute),
        onDelete,
    };
}

/** The delete behaviours Dynamics ships with for the three tables' relationships. */
export const DEFAULT_CASCADE_RULES: readonly CascadeDeleteRule[] = [
    rule(ACCOUNT, CONTACT, 'parentcustomerid', 'Cascade'),
    rule(CONTACT, CONTACT, 'parentcustomerid', 'RemoveLink'),
    rule(ACCOUNT, ACCOUNT, 'parentaccountid', 'RemoveLink'),
    rule(CONTACT, ACCOUNT, 'primarycontactid', 'RemoveLink'),
    rule(ACCOUNT, OPPORTUNITY, 'customerid', 'Cascade'),
    rule(CONTACT, OPPORTUNITY, 'customerid', 'Cascade'),
    rule(ACCOUNT, OPPORTUNITY, 'parentaccountid', 'RemoveLink'),
    rule(CONTACT, OPPORTUNITY, 'parentcontactid', 'RemoveLink'),
];

/** Every lookup the default rules follow, registered so the fake accepts the unmapped ones too. */
const RULE_COLUMNS: ReadonlyArray<readonly [EntityRef, ColumnSpec]> = [
    [
        CONTACT,
        lookup('parentcustomerid', 'Company Name', [
            target(ACCOUNT, 'parentcustomerid_account'),
            target(CONTACT, 'parentcustomerid_contact'),
        ]),
    ],
    [ACCOUNT, lookup('parentaccountid', 'Parent Account', [target(ACCOUNT, 'parentaccountid')])],
    [ACCOUNT, lookup('primarycontactid', 'Primary Contact', [target(CONTACT, 'primarycontactid')])],
    [
        OPPORTUNITY,
        lookup('customerid', 'Potential Customer', [
            target(ACCOUNT, 'customerid_account'),
            target(CONTACT, 'customerid_contact'),
        ]),
    ],
    [OPPORTUNITY, lookup('parentaccountid', 'Account', [target(ACCOUNT, 'parentaccountid')])],
    [OPPORTUNITY, lookup('parentcontactid', 'Contact', [target(CONTACT, 'parentcontactid')])],
];

export function reference(of: EntityRef, id: Guid): LookupReference {
    return {logicalName: of.logicalName, id};
}

export interface RelationsHarness {
    readonly clock: FakeClock;
    readonly airtable: FakeAirtableSide;
    readonly dataverse: FakeDataverseSide;
    readonly tables: readonly TableMapping[];
    readonly newGuid: () => Guid;
    runAsync(overrides?: Partial<SyncInput>): Promise<RunSummary>;
    /**
     * Runs, then advances the clock and keeps each complete table's watermark and delta state for
     * the next run, as the extension does.
     */
    runAndKeepWatermarksAsync(overrides?: Partial<SyncInput>): Promise<RunSummary>;
    addRow(tableId: AirtableTableId, cells: Record<string, unknown>): AirtableRecordId;
    getDynamicsId(tableId: AirtableTableId, rowId: AirtableRecordId): Guid;
    findRowId(tableId: AirtableTableId, id: Guid): AirtableRecordId | null;
    /** Returns the row with the Dynamics ID, and throws when there is none. */
    getRowId(tableId: AirtableTableId, id: Guid): AirtableRecordId;
}

export function createRelationsHarness(
    tables: readonly TableMapping[] = [accountsTable(), contactsTable(), opportunitiesTable()],
): RelationsHarness {
    const clock = new FakeClock();
    const airtable = new FakeAirtableSide(clock);
    const dataverse = new FakeDataverseSide(clock);
    for (const mapping of tables) {
        airtable.addTable(mapping);
        dataverse.addEntity(mapping);
    }
    // Every table exists in Dynamics, synced or not, so deletes cascade into all of them.
    for (const of of [ACCOUNT, CONTACT, OPPORTUNITY]) {
        if (!tables.some(mapping => mapping.entity.logicalName === of.logicalName)) {
            const name = column(of.primaryNameAttribute, {type: 'string', maxLength: 300});
            dataverse.addUnmappedEntity(of, [name]);
        }
    }
    for (const [of, spec] of RULE_COLUMNS) {
        dataverse.addLookupColumn(of.logicalName, spec);
    }
    dataverse.cascadeDeleteRules.push(...DEFAULT_CASCADE_RULES);

    const newGuid = createGuidSequence();
    let lastSyncedAt: Record<string, string> = {};
    let deltaStates: Record<string, TableDeltaState> = {};
    let runNumber = 0;
    const runAsync = (overrides: Partial<SyncInput> = {}) => {
        runNumber += 1;
        return runSyncAsync({
            tables,
            airtable,
            dataverse,
            clock,
            conflictPolicy: 'dynamicsWins',
            newGuid,
            runId: `run-${runNumber}`,
            lastSyncedAt,
            deltaStates,
            ...withApprovalDefault(overrides),
        });
    };
    const findRowId = (tableId: AirtableTableId, id: Guid): AirtableRecordId | null =>
        airtable.getRows(tableId).find(row => row.cells[airtableFieldId('fldDynamicsId')] === id)
            ?.id ?? null;
    return {
        clock,
        airtable,
        dataverse,
        tables,
        newGuid,
        runAsync,
        runAndKeepWatermarksAsync: async overrides => {
            const summary = await runAsync(overrides);
            lastSyncedAt = {...lastSyncedAt};
            deltaStates = {...deltaStates};
            for (const result of summary.tables) {
                if (result.isComplete && result.watermark !== null) {
                    lastSyncedAt[result.tableId] = result.watermark;
                }
                if (result.isComplete && result.deltaState !== null) {
                    deltaStates[result.tableId] = result.deltaState;
                }
            }
            clock.advance(60_000);
            return summary;
        },
        addRow: (tableId, cells) => airtable.insertRow(tableId, cells),
        getDynamicsId: (tableId, rowId) =>
            airtable.getCell(tableId, rowId, airtableFieldId('fldDynamicsId')) as Guid,
        findRowId,
        getRowId: (tableId, id) => {
            const rowId = findRowId(tableId, id);
            if (rowId === null) {
                throw new Error(`No row in ${tableId} has the Dynamics ID ${id}.`);
            }
            return rowId;
        },
    };
}

export const ACME_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b1');
export const GLOBEX_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b2');
export const ADA_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a1');
export const GRACE_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a2');
export const DEAL_ID = parseGuid('5e9b0c77-1a2b-4c3d-8e9f-0000000000d1');

/** The records of a sample: Acme and Globex, and the chosen contacts and opportunity of Acme. */
export interface SampleRecords {
    /** Contacts of Acme by id, with their last names. */
    readonly contacts: ReadonlyArray<readonly [Guid, string]>;
    /** Whether Acme also has the opportunity 'Engines' (DEAL_ID). */
    readonly hasDeal: boolean;
}

/**
 * Inserts the sample's records in Dynamics and syncs twice, so the second run has read the first
 * run's own writes and the next run reads deltas. Accounts and Contacts link to each other, so one
 * of the two links waits for the second pass.
 */
export async function createSyncedSampleAsync(sample: SampleRecords): Promise<RelationsHarness> {
    const harness = createRelationsHarness();
    harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
    harness.dataverse.insertRecord(ACCOUNT, GLOBEX_ID, {name: 'Globex'});
    for (const [id, lastname] of sample.contacts) {
        harness.dataverse.insertRecord(CONTACT, id, {
            lastname,
            parentcustomerid: reference(ACCOUNT, ACME_ID),
        });
    }
    if (sample.hasDeal) {
        harness.dataverse.insertRecord(OPPORTUNITY, DEAL_ID, {
            name: 'Engines',
            customerid: reference(ACCOUNT, ACME_ID),
        });
    }
    await harness.runAndKeepWatermarksAsync();
    await harness.runAndKeepWatermarksAsync();
    return harness;
}

/** Builds a linked-record cell value that links the given rows. */
export function links(...ids: AirtableRecordId[]): Array<{readonly id: AirtableRecordId}> {
    return ids.map(id => ({id}));
}
