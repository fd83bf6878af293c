/** @jest-environment jsdom */
import TestDriver from '@airtable/blocks-testing';
import {checkCanCreateFields, createFieldsAsync} from '../../frontend/airtable/fieldCreation';
import {checkCanSync} from '../../frontend/airtable/syncPermissions';
import {checkCanCreateTable, createTableAsync} from '../../frontend/airtable/tableCreation';
import {getTableByNameIfExists, readTableSchema} from '../../frontend/airtable/tableSchema';
import {ACCOUNTS_TEMPLATE} from '../../frontend/settings/accountsTemplate';
import {listTemplateFields} from '../../frontend/settings/mappingTemplate';
import {resolveMapping} from '../../frontend/settings/resolveMapping';
import {createAccountsFixture, withoutFields} from '../fixtures/accountsBase';

const REVENUE = listTemplateFields(ACCOUNTS_TEMPLATE).filter(({name}) => name === 'Annual Revenue');

function createDriver(options: Parameters<typeof createAccountsFixture>[0] = {}) {
    const driver = new TestDriver(createAccountsFixture(options));
    const mutations: unknown[] = [];
    driver.watch('mutation', mutation => mutations.push(mutation));
    return {driver, mutations, table: driver.base.getTableById('tblAccounts')};
}

describe('readTableSchema', () => {
    test('reads ids, types and precision', () => {
        const {table} = createDriver();

        const schema = readTableSchema(table);

        expect(schema.id).toBe('tblAccounts');
        expect(schema.fields[0]).toEqual({
            id: 'fldName',
            name: 'Name',
            type: 'singleLineText',
            isPrimary: true,
        });
        expect(schema.fields.find(({id}) => id === 'fldRevenue')?.precision).toBe(2);
    });

    test('satisfies the default mapping', () => {
        const {table} = createDriver();

        expect(resolveMapping(ACCOUNTS_TEMPLATE, readTableSchema(table)).ok).toBe(true);
    });
});

describe('getTableByNameIfExists', () => {
    test('finds a table ignoring case', () => {
        const {driver} = createDriver({tableName: 'ACCOUNTS'});

        expect(getTableByNameIfExists(driver.base, 'Accounts')?.id).toBe('tblAccounts');
    });

    test('returns null for no match', () => {
        const {driver} = createDriver({tableName: 'Deals'});

        expect(getTableByNameIfExists(driver.base, 'Accounts')).toBeNull();
    });
});

describe('field creation', () => {
    test('allows creators to create fields', () => {
        const {table} = createDriver();

        expect(checkCanCreateFields(table, REVENUE)).toEqual({ok: true});
    });

    test('names the field it cannot create', () => {
        const {driver, table} = createDriver();
        driver.simulatePermissionCheck(() => false);

        const check = checkCanCreateFields(table, REVENUE);

        expect(check.ok).toBe(false);
        expect(check.ok ? '' : check.reason).toMatch(/Can't create field "Annual Revenue"/);
    });

    test('sends currency precision and symbol', async () => {
        const {table, mutations} = createDriver({fields: withoutFields('fldRevenue')});

        // The TestDriver does not simulate field creation: the SDK sends it, then fails.
        await expect(createFieldsAsync(table, REVENUE)).rejects.toThrow();

        expect(mutations).toEqual([
            expect.objectContaining({
                type: 'createSingleField',
                tableId: 'tblAccounts',
                name: 'Annual Revenue',
                config: {type: 'currency', options: {precision: 2, symbol: '$'}},
            }),
        ]);
    });
});

describe('table creation', () => {
    test('creates every template field', async () => {
        const {driver} = createDriver({tableName: 'Deals'});

        const table = await createTableAsync(driver.base, ACCOUNTS_TEMPLATE);

        expect(table.fields.map(({name}) => name)).toEqual(
            listTemplateFields(ACCOUNTS_TEMPLATE).map(({name}) => name),
        );
        expect(table.primaryField.name).toBe('Name');
        expect(resolveMapping(ACCOUNTS_TEMPLATE, readTableSchema(table)).ok).toBe(true);
    });

    test('explains a denied table creation', () => {
        const {driver} = createDriver({tableName: 'Deals'});
        driver.simulatePermissionCheck(() => false);

        const check = checkCanCreateTable(driver.base, ACCOUNTS_TEMPLATE);

        expect(check.ok ? '' : check.reason).toMatch(/Can't create table "Accounts"/);
    });
});

describe('checkCanSync', () => {
    test('allows editors', () => {
        const {table} = createDriver();

        expect(checkCanSync(table)).toEqual({ok: true});
    });

    test('rejects read-only collaborators', () => {
        const {driver, table} = createDriver();
        driver.simulatePermissionCheck(() => false);

        const check = checkCanSync(table);

        expect(check.ok).toBe(false);
        expect(check.ok ? '' : check.reason).toMatch(/can edit records in "Accounts"/);
    });
});
