/** @jest-environment jsdom */
import TestDriver from '@airtable/blocks-testing';
import {createAirtableSide} from '../../frontend/airtable/airtableSide';
import {AirtableSideError} from '../../frontend/airtable/airtableSideError';
import {readTableSchema} from '../../frontend/airtable/tableSchema';
import {ACCOUNTS_TEMPLATE} from '../../frontend/settings/accountsTemplate';
import {resolveMapping} from '../../frontend/settings/resolveMapping';
import {airtableFieldId, airtableRecordId, airtableTableId} from '../../frontend/sync/ids';
import type {TableMapping} from '../../frontend/sync/mapping';
import {ACCOUNTS_FIELDS, createAccountsFixture, accountRecord} from '../fixtures/accountsBase';

const TABLE_ID = airtableTableId('tblAccounts');
const NAME = airtableFieldId('fldName');
const CITY = airtableFieldId('fldCity');
const DYNAMICS_ID = airtableFieldId('fldDynamicsId');

interface Setup {
    readonly driver: TestDriver;
    readonly mapping: TableMapping;
    readonly mutations: string[];
}

function setUp(fixture = createAccountsFixture()): Setup {
    const driver = new TestDriver(fixture);
    const resolution = resolveMapping(
        ACCOUNTS_TEMPLATE,
        readTableSchema(driver.base.getTableById('tblAccounts')),
    );
    if (!resolution.ok) {
        throw new Error('The Accounts fixture must satisfy the default mapping.');
    }
    const mutations: string[] = [];
    driver.watch('mutation', mutation => mutations.push(mutation.type));
    return {driver, mapping: resolution.mapping, mutations};
}

function namedRows(count: number) {
    return Array.from({length: count}, (_, index) => ({cells: {[NAME]: `Account ${index}`}}));
}

describe('createAirtableSide', () => {
    test('reads mapped and bookkeeping cells', async () => {
        const {driver, mapping} = setUp();
        const side = createAirtableSide(driver.base);

        const rows = await side.readRowsAsync(mapping);

        expect(rows.map(row => row.id)).toEqual(['recAdatum', 'recLitware']);
        expect(rows[0]?.cells[NAME]).toBe('Adatum Corporation');
        expect(rows[0]?.cells[airtableFieldId('fldEmployees')]).toBe(120);
        expect(rows[0]?.cells[DYNAMICS_ID]).toBeNull();
        expect(Object.keys(rows[0]?.cells ?? {})).toHaveLength(mapping.fields.length + 2);
        side.unloadAll();
    });

    test('reads no unmapped field', async () => {
        const notes = {id: 'fldNotes', name: 'Notes', type: ACCOUNTS_FIELDS[0]!.type};
        const {driver, mapping} = setUp(
            createAccountsFixture({
                fields: [...ACCOUNTS_FIELDS, {...notes, options: null, description: null}],
                records: [accountRecord('recAdatum', {fldName: 'Adatum', fldNotes: 'private'})],
            }),
        );
        const side = createAirtableSide(driver.base);

        const rows = await side.readRowsAsync(mapping);

        expect(rows[0]?.cells).not.toHaveProperty('fldNotes');
        side.unloadAll();
    });

    test('creates a full chunk in one call', async () => {
        const {driver, mutations} = setUp();
        const side = createAirtableSide(driver.base);

        const ids = await side.createRowsAsync(TABLE_ID, namedRows(50));

        expect(ids).toHaveLength(50);
        expect(new Set(ids).size).toBe(50);
        expect(mutations).toEqual(['createMultipleRecords']);
    });

    test('rejects a chunk over 50', async () => {
        const {driver, mutations} = setUp();
        const side = createAirtableSide(driver.base);

        const result = side.createRowsAsync(TABLE_ID, namedRows(51));

        await expect(result).rejects.toThrow(AirtableSideError);
        await expect(result).rejects.toMatchObject({code: 'tooManyRecords'});
        await expect(result).rejects.toThrow(/at most 50/);
        expect(mutations).toEqual([]);
    });

    test('rejects an update over 50', async () => {
        const {driver, mutations} = setUp();
        const side = createAirtableSide(driver.base);
        const rows = Array.from({length: 51}, () => ({
            id: airtableRecordId('recAdatum'),
            cells: {},
        }));

        await expect(side.updateRowsAsync(TABLE_ID, rows)).rejects.toMatchObject({
            code: 'tooManyRecords',
        });
        expect(mutations).toEqual([]);
    });

    test('rejects a delete over 50', async () => {
        const {driver, mutations} = setUp();
        const side = createAirtableSide(driver.base);
        const ids = Array.from({length: 51}, () => airtableRecordId('recAdatum'));

        await expect(side.deleteRowsAsync(TABLE_ID, ids)).rejects.toMatchObject({
            code: 'tooManyRecords',
        });
        expect(mutations).toEqual([]);
    });

    test('rejects an oversized payload', async () => {
        const {driver, mutations} = setUp();
        const side = createAirtableSide(driver.base);
        const longText = 'x'.repeat(100_000);
        const rows = Array.from({length: 20}, () => ({cells: {[NAME]: longText}}));

        await expect(side.createRowsAsync(TABLE_ID, rows)).rejects.toMatchObject({
            code: 'payloadTooLarge',
        });
        expect(mutations).toEqual([]);
    });

    test('keeps updates for later reads', async () => {
        const {driver, mapping} = setUp();
        const side = createAirtableSide(driver.base);
        await side.readRowsAsync(mapping);

        await side.updateRowsAsync(TABLE_ID, [
            {id: airtableRecordId('recLitware'), cells: {[CITY]: 'Toronto'}},
        ]);
        const rows = await side.readRowsAsync(mapping);

        expect(rows.find(row => row.id === 'recLitware')?.cells[CITY]).toBe('Toronto');
        side.unloadAll();
    });

    test('keeps updates made before any read', async () => {
        const {driver, mapping} = setUp();
        const side = createAirtableSide(driver.base);

        await side.updateRowsAsync(TABLE_ID, [
            {id: airtableRecordId('recLitware'), cells: {[CITY]: 'Toronto'}},
        ]);
        const rows = await side.readRowsAsync(mapping);

        expect(rows.find(row => row.id === 'recLitware')?.cells[CITY]).toBe('Toronto');
        side.unloadAll();
    });

    test('reads rows it created', async () => {
        const {driver, mapping} = setUp();
        const side = createAirtableSide(driver.base);
        await side.readRowsAsync(mapping);

        const [id] = await side.createRowsAsync(TABLE_ID, [{cells: {[NAME]: 'Fabrikam'}}]);
        const rows = await side.readRowsAsync(mapping);

        expect(rows.find(row => row.id === id)?.cells[NAME]).toBe('Fabrikam');
        side.unloadAll();
    });

    test('deletes rows', async () => {
        const {driver, mapping} = setUp();
        const side = createAirtableSide(driver.base);
        await side.readRowsAsync(mapping);

        await side.deleteRowsAsync(TABLE_ID, [airtableRecordId('recAdatum')]);
        const rows = await side.readRowsAsync(mapping);

        expect(rows.map(row => row.id)).toEqual(['recLitware']);
        side.unloadAll();
    });

    test('writes nothing for an empty chunk', async () => {
        const {driver, mutations} = setUp();
        const side = createAirtableSide(driver.base);

        const ids = await side.createRowsAsync(TABLE_ID, []);
        await side.updateRowsAsync(TABLE_ID, []);
        await side.deleteRowsAsync(TABLE_ID, []);

        expect(ids).toEqual([]);
        expect(mutations).toEqual([]);
    });

    test('rejects writes without permission', async () => {
        const {driver, mutations} = setUp();
        driver.simulatePermissionCheck(() => false);
        const side = createAirtableSide(driver.base);

        const result = side.createRowsAsync(TABLE_ID, namedRows(1));

        await expect(result).rejects.toMatchObject({code: 'permissionDenied'});
        await expect(result).rejects.toThrow(/permission to create records in table 'Accounts'/);
        expect(mutations).toEqual([]);
    });

    test('rejects updates without permission', async () => {
        const {driver, mutations} = setUp();
        driver.simulatePermissionCheck(() => false);
        const side = createAirtableSide(driver.base);
        const rows = [{id: airtableRecordId('recAdatum'), cells: {[CITY]: 'Porto'}}];

        await expect(side.updateRowsAsync(TABLE_ID, rows)).rejects.toMatchObject({
            code: 'permissionDenied',
        });
        expect(mutations).toEqual([]);
    });

    test('rejects an unknown table', async () => {
        const {driver} = setUp();
        const side = createAirtableSide(driver.base);

        await expect(
            side.createRowsAsync(airtableTableId('tblGone'), namedRows(1)),
        ).rejects.toMatchObject({code: 'tableNotFound'});
    });

    test('rejects a deleted mapped field', async () => {
        const {driver, mapping} = setUp();
        await driver.deleteFieldAsync('tblAccounts', 'fldCity');
        const side = createAirtableSide(driver.base);

        await expect(side.readRowsAsync(mapping)).rejects.toMatchObject({code: 'fieldNotFound'});
    });
});
