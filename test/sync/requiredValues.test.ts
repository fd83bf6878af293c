/** Blank rows and empty required columns never reach Dynamics as blank or nameless records. */
import {ACCOUNTS_TEMPLATE} from '../../frontend/settings/accountsTemplate';
import {CONTACTS_TEMPLATE} from '../../frontend/settings/contactsTemplate';
import {OPPORTUNITIES_TEMPLATE} from '../../frontend/settings/opportunitiesTemplate';
import {parseGuid, type AirtableRecordId} from '../../frontend/sync/ids';
import type {RecordOutcome} from '../../frontend/sync/outcomes';
import {
    accountTable,
    column,
    createHarness,
    DESCRIPTION,
    EMAIL,
    field,
    fieldMapping,
    type Harness,
} from './fixtures';

const OPTIONAL_NAME = fieldMapping(
    {...column('name', {type: 'string', maxLength: 160}), displayName: 'Account Name'},
    field('fldName', 'Name', 'singleLineText'),
);
const REQUIRED_NAME = {...OPTIONAL_NAME, column: {...OPTIONAL_NAME.column, isRequired: true}};
const TABLE = accountTable([REQUIRED_NAME, EMAIL, DESCRIPTION]);
const ACME_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b1');

function addRow(harness: Harness, cells: Record<string, unknown>): AirtableRecordId {
    return harness.airtable.insertRow(TABLE.table.id, cells);
}

function findOutcome(outcomes: readonly RecordOutcome[], rowId: AirtableRecordId) {
    return outcomes.find(outcome => outcome.ref.airtableRecordId === rowId);
}

function getMessage(outcome: RecordOutcome | undefined): string {
    return outcome !== undefined && 'message' in outcome ? outcome.message : '';
}

/** Acme synced once, so its row is linked and has a baseline. */
async function createSyncedAcmeAsync(): Promise<{harness: Harness; rowId: AirtableRecordId}> {
    const harness = createHarness(TABLE);
    harness.dataverse.insertRecord(TABLE.entity, ACME_ID, {
        name: 'Acme',
        emailaddress1: 'info@acme.example',
        description: null,
    });
    await harness.runAsync();
    const row = harness.airtable.getRows(TABLE.table.id)[0];
    if (row === undefined) {
        throw new Error('Acme has no row.');
    }
    return {harness, rowId: row.id};
}

describe('rows without a Dynamics ID', () => {
    test('blank row creates no record', async () => {
        const harness = createHarness(TABLE);
        const blankRow = addRow(harness, {});

        const summary = await harness.runAsync();

        const outcome = findOutcome(summary.outcomes, blankRow);
        expect(harness.dataverse.getRecordCount(TABLE.entity)).toBe(0);
        expect(outcome).toMatchObject({status: 'skipped', reason: 'emptyRow'});
        expect(outcome?.ref.dynamicsId).toBeNull();
        expect(getMessage(outcome)).toContain('Clean up');
        expect(harness.airtable.getCell(TABLE.table.id, blankRow, TABLE.dynamicsIdFieldId)).toBe(
            null,
        );
        expect(summary.tables[0]?.isComplete).toBe(true);
    });

    test('unchecked checkbox counts as empty', async () => {
        const checkbox = fieldMapping(
            column('donotemail', {type: 'boolean'}),
            field('fldNoEmail', 'Do not email', 'checkbox'),
        );
        const table = accountTable([REQUIRED_NAME, checkbox]);
        const harness = createHarness(table);
        const blankRow = harness.airtable.insertRow(table.table.id, {fldNoEmail: false});

        const summary = await harness.runAsync();

        expect(findOutcome(summary.outcomes, blankRow)).toMatchObject({reason: 'emptyRow'});
    });

    test('missing required name fails the row', async () => {
        const harness = createHarness(TABLE);
        const namelessRow = addRow(harness, {fldEmail: 'info@coho.example'});

        const summary = await harness.runAsync();

        const outcome = findOutcome(summary.outcomes, namelessRow);
        expect(outcome).toMatchObject({status: 'failed', code: 'missingRequiredValue'});
        expect(getMessage(outcome)).toBe(
            `Account row '${namelessRow}' has no Name; Dynamics requires an Account Name. ` +
                'Fill it in and sync again. The record was not created in Dynamics.',
        );
        expect(harness.dataverse.getRecordCount(TABLE.entity)).toBe(0);
        expect(
            harness.airtable.getCell(TABLE.table.id, namelessRow, TABLE.dynamicsIdFieldId),
        ).toBeNull();
    });

    test('blank name counts as missing', async () => {
        const harness = createHarness(TABLE);
        const blankNameRow = addRow(harness, {fldName: '   ', fldEmail: 'info@coho.example'});

        const summary = await harness.runAsync();

        expect(findOutcome(summary.outcomes, blankNameRow)).toMatchObject({
            code: 'missingRequiredValue',
        });
    });

    test('other rows still sync', async () => {
        const harness = createHarness(TABLE);
        addRow(harness, {});
        addRow(harness, {fldEmail: 'info@coho.example'});
        const namedRow = addRow(harness, {fldName: 'Coho Winery'});

        const summary = await harness.runAsync();

        expect(summary.error).toBeNull();
        expect(findOutcome(summary.outcomes, namedRow)?.status).toBe('created');
        expect(harness.dataverse.getRecordCount(TABLE.entity)).toBe(1);
        expect(summary.counts.failed).toBe(1);
        expect(summary.counts.skipped).toBe(1);
    });

    test('optional name allows the create', async () => {
        const table = accountTable([OPTIONAL_NAME, EMAIL]);
        const harness = createHarness(table);
        const namelessRow = harness.airtable.insertRow(table.table.id, {
            fldEmail: 'info@coho.example',
        });

        const summary = await harness.runAsync();

        expect(findOutcome(summary.outcomes, namelessRow)?.status).toBe('created');
    });
});

describe('updates of linked rows', () => {
    test('clearing an optional field syncs', async () => {
        const {harness, rowId} = await createSyncedAcmeAsync();
        harness.airtable.editRow(TABLE.table.id, rowId, {fldEmail: null});

        const summary = await harness.runAsync();

        expect(findOutcome(summary.outcomes, rowId)?.status).toBe('updated');
        expect(harness.dataverse.getValues(TABLE.entity, ACME_ID).emailaddress1).toBeNull();
    });

    test('clearing the required name fails', async () => {
        const {harness, rowId} = await createSyncedAcmeAsync();
        harness.airtable.editRow(TABLE.table.id, rowId, {fldName: null, fldEmail: null});

        const summary = await harness.runAsync();

        const outcome = findOutcome(summary.outcomes, rowId);
        const values = harness.dataverse.getValues(TABLE.entity, ACME_ID);
        expect(outcome).toMatchObject({status: 'failed', code: 'missingRequiredValue'});
        expect(getMessage(outcome)).toContain(
            'has no Name; Dynamics requires an Account Name. Fill it in and sync again.',
        );
        expect(values.name).toBe('Acme');
        expect(values.emailaddress1).toBe('info@acme.example');
    });
});

describe('mapping templates', () => {
    test('mark the ApplicationRequired columns', () => {
        const required = [ACCOUNTS_TEMPLATE, CONTACTS_TEMPLATE, OPPORTUNITIES_TEMPLATE].map(
            template => ({
                entity: template.entity.logicalName,
                columns: template.columns
                    .filter(mapping => mapping.column.isRequired === true)
                    .map(mapping => mapping.column.logicalName),
            }),
        );

        expect(required).toEqual([
            {entity: 'account', columns: ['name']},
            {entity: 'contact', columns: ['lastname']},
            {entity: 'opportunity', columns: ['name']},
        ]);
    });
});
