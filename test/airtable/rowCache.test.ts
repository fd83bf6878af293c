/** @jest-environment jsdom */
import TestDriver from '@airtable/blocks-testing';
import {createAirtableSide} from '../../frontend/airtable/airtableSide';
import {readTableSchema} from '../../frontend/airtable/tableSchema';
import {ACCOUNTS_TEMPLATE} from '../../frontend/settings/accountsTemplate';
import {resolveMapping} from '../../frontend/settings/resolveMapping';
import {airtableFieldId, airtableRecordId} from '../../frontend/sync/ids';
import type {TableMapping} from '../../frontend/sync/mapping';
import {createAccountsFixture} from '../fixtures/accountsBase';

const NAME = airtableFieldId('fldName');
const CITY = airtableFieldId('fldCity');

function setUp(): {driver: TestDriver; mapping: TableMapping} {
    const driver = new TestDriver(createAccountsFixture());
    const resolution = resolveMapping(
        ACCOUNTS_TEMPLATE,
        readTableSchema(driver.base.getTableById('tblAccounts')),
    );
    if (!resolution.ok) {
        throw new Error('The Accounts fixture must satisfy the default mapping.');
    }
    return {driver, mapping: resolution.mapping};
}

describe('rows kept between reads', () => {
    test('reuses rows nothing changed', async () => {
        const {driver, mapping} = setUp();
        const side = createAirtableSide(driver.base);

        const first = await side.readRowsAsync(mapping);
        const second = await side.readRowsAsync(mapping);

        expect(second).toHaveLength(first.length);
        expect(second[0]).toBe(first[0]);
        expect(second[1]).toBe(first[1]);
        side.unloadAll();
    });

    test('reads an edited row again', async () => {
        const {driver, mapping} = setUp();
        const side = createAirtableSide(driver.base);
        const first = await side.readRowsAsync(mapping);

        const table = driver.base.getTableById('tblAccounts');
        await table.updateRecordAsync('recLitware', {[CITY]: 'Lisbon'});
        const second = await side.readRowsAsync(mapping);

        const edited = second.find(row => row.id === 'recLitware');
        expect(edited?.cells[CITY]).toBe('Lisbon');
        expect(second.find(row => row.id === 'recAdatum')).toBe(first[0]);
        side.unloadAll();
    });

    test('reads its own writes again', async () => {
        const {driver, mapping} = setUp();
        const side = createAirtableSide(driver.base);
        await side.readRowsAsync(mapping);

        await side.updateRowsAsync(mapping.table.id, [
            {id: airtableRecordId('recAdatum'), cells: {[NAME]: 'Adatum Renamed'}},
        ]);
        const rows = await side.readRowsAsync(mapping);

        expect(rows.find(row => row.id === 'recAdatum')?.cells[NAME]).toBe('Adatum Renamed');
        side.unloadAll();
    });

    test('follows added and deleted rows', async () => {
        const {driver, mapping} = setUp();
        const side = createAirtableSide(driver.base);
        await side.readRowsAsync(mapping);

        const table = driver.base.getTableById('tblAccounts');
        const addedId = await table.createRecordAsync({[NAME]: 'Fabrikam'});
        await table.deleteRecordAsync('recLitware');
        const rows = await side.readRowsAsync(mapping);

        expect(rows.map(row => row.id)).toEqual(['recAdatum', addedId]);
        expect(rows[1]?.cells[NAME]).toBe('Fabrikam');
        side.unloadAll();
    });

    test('starts over after an unload', async () => {
        const {driver, mapping} = setUp();
        const side = createAirtableSide(driver.base);
        const first = await side.readRowsAsync(mapping);

        side.unloadAll();
        const second = await side.readRowsAsync(mapping);

        expect(second[0]).not.toBe(first[0]);
        expect(second[0]).toEqual(first[0]);
        side.unloadAll();
    });
});
