/** Mappings and a harness shared by the engine tests: a small Account table on both fakes. */
import {
    airtableFieldId,
    airtableTableId,
    entitySetName,
    logicalName,
    parseGuid,
    type Guid,
} from '../../frontend/sync/ids';
import type {
    AirtableFieldSpec,
    ColumnSpec,
    FieldMapping,
    SyncDirection,
    TableMapping,
} from '../../frontend/sync/mapping';
import {runSyncAsync, type SyncInput} from '../../frontend/sync/runSync';
import type {ConfirmRun} from '../../frontend/sync/preview/types';
import type {RunSummary} from '../../frontend/sync/outcomes';
import {FakeAirtableSide} from './fakes/fakeAirtable';
import {FakeClock} from './fakes/fakeClock';
import {FakeDataverseSide} from './fakes/fakeDataverse';

export function column(
    name: string,
    spec: Omit<
        ColumnSpec,
        'logicalName' | 'displayName' | 'isValidForCreate' | 'isValidForUpdate'
    > &
        Partial<Pick<ColumnSpec, 'isValidForCreate' | 'isValidForUpdate'>>,
): ColumnSpec {
    return {
        logicalName: logicalName(name),
        displayName: name,
        isValidForCreate: true,
        isValidForUpdate: true,
        ...spec,
    };
}

export function field(
    id: string,
    name: string,
    type: AirtableFieldSpec['type'],
    precision?: number,
): AirtableFieldSpec {
    return {id: airtableFieldId(id), name, type, ...(precision === undefined ? {} : {precision})};
}

export function fieldMapping(
    columnSpec: ColumnSpec,
    fieldSpec: AirtableFieldSpec,
    direction: SyncDirection = 'both',
): FieldMapping {
    return {column: columnSpec, field: fieldSpec, direction};
}

export const NAME = fieldMapping(
    column('name', {type: 'string', maxLength: 160}),
    field('fldName', 'Name', 'singleLineText'),
);
export const EMAIL = fieldMapping(
    column('emailaddress1', {type: 'string', format: 'email', maxLength: 100}),
    field('fldEmail', 'Email', 'email'),
);
export const WEBSITE = fieldMapping(
    column('websiteurl', {type: 'string', format: 'url', maxLength: 200}),
    field('fldWebsite', 'Website', 'url'),
);
export const REVENUE = fieldMapping(
    column('revenue', {type: 'money', precision: 2, minValue: 0, maxValue: 1e14}),
    field('fldRevenue', 'Revenue', 'currency', 2),
);
export const EMPLOYEES = fieldMapping(
    column('numberofemployees', {type: 'integer', minValue: 0, maxValue: 1e9}),
    field('fldEmployees', 'Employees', 'number', 0),
);
export const DESCRIPTION = fieldMapping(
    column('description', {type: 'memo', maxLength: 2000}),
    field('fldDescription', 'Description', 'multilineText'),
);

export function accountTable(
    fields: readonly FieldMapping[] = [NAME, EMAIL, REVENUE, EMPLOYEES, DESCRIPTION],
): TableMapping {
    return {
        entity: {
            logicalName: logicalName('account'),
            entitySetName: entitySetName('accounts'),
            primaryIdAttribute: logicalName('accountid'),
            primaryNameAttribute: logicalName('name'),
            displayName: 'Account',
        },
        table: {id: airtableTableId('tblAccounts'), name: 'Accounts'},
        dynamicsIdFieldId: airtableFieldId('fldDynamicsId'),
        syncStateFieldId: airtableFieldId('fldSyncState'),
        fields,
    };
}

/** Returns GUIDs 00000000-0000-4000-8000-000000000001, …002 and so on. */
export function createGuidSequence(): () => Guid {
    let next = 1;
    return () => {
        const suffix = String(next).padStart(12, '0');
        next += 1;
        return parseGuid(`00000000-0000-4000-8000-${suffix}`);
    };
}

export interface Harness {
    readonly clock: FakeClock;
    readonly airtable: FakeAirtableSide;
    readonly dataverse: FakeDataverseSide;
    readonly table: TableMapping;
    runAsync(overrides?: Partial<SyncInput>): Promise<RunSummary>;
}

export function createHarness(table: TableMapping = accountTable()): Harness {
    const clock = new FakeClock();
    const airtable = new FakeAirtableSide(clock);
    const dataverse = new FakeDataverseSide(clock);
    airtable.addTable(table);
    dataverse.addEntity(table);
    const newGuid = createGuidSequence();
    let runNumber = 0;
    return {
        clock,
        airtable,
        dataverse,
        table,
        runAsync: overrides => {
            runNumber += 1;
            return runSyncAsync({
                tables: [table],
                airtable,
                dataverse,
                clock,
                conflictPolicy: 'dynamicsWins',
                newGuid,
                runId: `run-${runNumber}`,
                ...withApprovalDefault(overrides),
            });
        },
    };
}

/** Approves every run and every delete, as a person would who approves each preview. */
export const approveEveryRunAsync: ConfirmRun = async () => ({
    kind: 'apply',
    deletes: {kind: 'approveAll'},
});

/** Approves every run and declines every delete in it. */
export const declineDeletesAsync: ConfirmRun = async () => ({
    kind: 'apply',
    deletes: {kind: 'declineAll'},
});

/**
 * Adds `approveEveryRunAsync` to a run's input unless the test passes its own confirmation (`confirmRunAsync: undefined` included), so
 * tests about values need not approve each run.
 */
export function withApprovalDefault(overrides: Partial<SyncInput> = {}): Partial<SyncInput> {
    if ('confirmRunAsync' in overrides || overrides.confirmDeletesAsync !== undefined) {
        return overrides;
    }
    return {confirmRunAsync: approveEveryRunAsync, ...overrides};
}
