/** @jest-environment jsdom */
import TestDriver from '@airtable/blocks-testing';
import {createAirtableSide} from '../../frontend/airtable/airtableSide';
import {airtableFieldId, airtableRecordId, airtableTableId} from '../../frontend/sync/ids';
import {AirtableSideError} from '../../frontend/sync/ports';
import {
    ACCOUNTS_TABLE_ID,
    OPPORTUNITIES_TABLE_ID,
    createBadInputFixture,
    createDefaultMappings,
    row,
} from '../badInput/badInputBase';

const ACCOUNTS = airtableTableId(ACCOUNTS_TABLE_ID);
const OPPORTUNITIES = airtableTableId(OPPORTUNITIES_TABLE_ID);
const CITY = airtableFieldId('fldCity');
const ACCOUNT_LINK = airtableFieldId('fldAccount');

function setUp() {
    const driver = new TestDriver(
        createBadInputFixture({
            accounts: [row('recOne', {fldName: 'One'}), row('recTwo', {fldName: 'Two'})],
            opportunities: [row('recDeal', {fldTopic: 'Deal'})],
        }),
    );
    const mutations: string[] = [];
    driver.watch('mutation', mutation => mutations.push(mutation.type));
    const [accounts] = createDefaultMappings();
    if (accounts === undefined) {
        throw new Error('The bad-input base must map the Accounts table.');
    }
    return {driver, mutations, accounts, side: createAirtableSide(driver.base)};
}

async function catchAsync(promise: Promise<unknown>): Promise<AirtableSideError> {
    try {
        await promise;
    } catch (error) {
        if (error instanceof AirtableSideError) {
            return error;
        }
        throw error;
    }
    throw new Error('The call was expected to throw an AirtableSideError.');
}

describe('row rejections', () => {
    test('names a deleted row', async () => {
        const {driver, mutations, accounts, side} = setUp();
        await side.readRowsAsync(accounts);
        await driver.base.getTableById(ACCOUNTS_TABLE_ID).deleteRecordAsync('recOne');
        mutations.length = 0;

        const error = await catchAsync(
            side.updateRowsAsync(ACCOUNTS, [
                {id: airtableRecordId('recTwo'), cells: {[CITY]: 'Oslo'}},
                {id: airtableRecordId('recOne'), cells: {[CITY]: 'Bergen'}},
            ]),
        );

        expect(error.code).toBe('rowsRejected');
        expect(error.rejections).toEqual([
            {index: 1, reason: 'rowNotFound', fieldId: null, detail: 'recOne'},
        ]);
        expect(mutations).toEqual([]);
        side.unloadAll();
    });

    test('names a link to a deleted row', async () => {
        const {driver, mutations, accounts, side} = setUp();
        // TestDriver applies a delete only to loaded queries.
        await side.readRowsAsync(accounts);
        await driver.base.getTableById(ACCOUNTS_TABLE_ID).deleteRecordAsync('recOne');
        mutations.length = 0;

        const error = await catchAsync(
            side.createRowsAsync(OPPORTUNITIES, [
                {cells: {[ACCOUNT_LINK]: [{id: 'recTwo'}]}},
                {cells: {[ACCOUNT_LINK]: [{id: 'recTwo'}, {id: 'recOne'}]}},
            ]),
        );

        expect(error.code).toBe('rowsRejected');
        expect(error.rejections).toEqual([
            {index: 1, reason: 'linkedRowNotFound', fieldId: 'fldAccount', detail: 'recOne'},
        ]);
        expect(mutations).toEqual([]);
        side.unloadAll();
    });

    test('skips a row already deleted', async () => {
        const {driver, mutations, accounts, side} = setUp();
        await side.readRowsAsync(accounts);
        await driver.base.getTableById(ACCOUNTS_TABLE_ID).deleteRecordAsync('recOne');
        mutations.length = 0;

        await side.deleteRowsAsync(ACCOUNTS, [
            airtableRecordId('recOne'),
            airtableRecordId('recTwo'),
        ]);
        const rows = await side.readRowsAsync(accounts);

        expect(rows).toEqual([]);
        expect(mutations).toEqual(['deleteMultipleRecords']);
        side.unloadAll();
    });

    test('writes links to existing rows', async () => {
        const {driver, side} = setUp();

        const [id] = await side.createRowsAsync(OPPORTUNITIES, [
            {cells: {[ACCOUNT_LINK]: [{id: 'recTwo'}]}},
        ]);
        const query = await driver.base.getTableById(OPPORTUNITIES_TABLE_ID).selectRecordsAsync();

        expect(query.getRecordByIdIfExists(String(id))?.getCellValue('fldAccount')).toEqual([
            expect.objectContaining({id: 'recTwo'}),
        ]);
        query.unloadData();
        side.unloadAll();
    });

    test('names a field deleted before a write', async () => {
        const {driver, mutations, side} = setUp();
        await driver.deleteFieldAsync(ACCOUNTS_TABLE_ID, 'fldCity');
        mutations.length = 0;

        const error = await catchAsync(side.createRowsAsync(ACCOUNTS, [{cells: {[CITY]: 'Oslo'}}]));

        expect(error.code).toBe('fieldNotFound');
        expect(error.fieldIds).toEqual(['fldCity']);
        expect(mutations).toEqual([]);
    });

    test('names a deleted field by name', async () => {
        const {driver, accounts, side} = setUp();
        await driver.deleteFieldAsync(ACCOUNTS_TABLE_ID, 'fldCity');

        const error = await catchAsync(side.readRowsAsync(accounts));

        expect(error.code).toBe('fieldNotFound');
        expect(error.fieldIds).toEqual(['fldCity']);
        expect(error.message).toContain("'City'");
        expect(error.message).not.toContain('fldCity');
        expect(error.message).toContain("Open the extension's settings");
    });

    test('explains a missing edit permission', async () => {
        const {driver, side} = setUp();
        driver.simulatePermissionCheck(() => false);

        const error = await catchAsync(side.createRowsAsync(ACCOUNTS, [{cells: {[CITY]: 'Oslo'}}]));

        expect(error.code).toBe('permissionDenied');
        expect(error.message).toContain("You don't have permission to create records");
        expect(error.message).toContain("table 'Accounts'");
        expect(error.message).toContain('editor access or above');
    });
});
