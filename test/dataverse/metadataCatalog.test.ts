/**
 * The metadata catalog against the local Dataverse emulator over real HTTP: the tables a user can
 * sync and each column's `ColumnSpec`, with lengths, ranges, options and lookup targets.
 */
import {DEV_TOKEN, startEmulatorAsync} from '../../dev/emulator/server';
import {
    createMetadataCatalog,
    type MetadataCatalog,
} from '../../frontend/dataverse/metadataCatalog';
import type {TableColumns} from '../../frontend/dataverse/metadataColumns';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
import type {ColumnSpec} from '../../frontend/sync/mapping';
import {ACCOUNTS_TEMPLATE} from '../../frontend/settings/accountsTemplate';
import {CONTACTS_TEMPLATE} from '../../frontend/settings/contactsTemplate';
import {OPPORTUNITIES_TEMPLATE} from '../../frontend/settings/opportunitiesTemplate';

type Emulator = Awaited<ReturnType<typeof startEmulatorAsync>>;

let emulator: Emulator;
let catalog: MetadataCatalog;
let accountColumns: TableColumns;

beforeAll(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 0});
    catalog = createMetadataCatalog({
        environmentUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(DEV_TOKEN),
    });
    accountColumns = await catalog.readTableColumnsAsync(ACCOUNTS_TEMPLATE.entity);
});

afterAll(async () => {
    await emulator.closeAsync();
});

function getColumn(columns: TableColumns, name: string): ColumnSpec | undefined {
    return columns.columns.find(column => column.logicalName === name);
}

describe('listSyncableTablesAsync', () => {
    it('lists change-tracked tables', async () => {
        const tables = await catalog.listSyncableTablesAsync();

        const names = tables.map(table => table.logicalName);
        expect(names).toContain('account');
        expect(names).toContain('contact');
        expect(names).toContain('opportunity');
    });

    it('leaves out untracked tables', async () => {
        const tables = await catalog.listSyncableTablesAsync();

        const names = tables.map(table => table.logicalName);
        expect(names).not.toContain('organization');
        expect(names).not.toContain('transactioncurrency');
    });

    it('reads names and primary columns', async () => {
        const tables = await catalog.listSyncableTablesAsync();

        const account = tables.find(table => table.logicalName === 'account');
        expect(account?.entitySetName).toBe('accounts');
        expect(account?.primaryIdAttribute).toBe('accountid');
        expect(account?.primaryNameAttribute).toBe('name');
        expect(account?.displayName).toBe('Account');
        expect(account?.displayCollectionName).toBe('Accounts');
    });
});

describe('readTableColumnsAsync', () => {
    it('reads a string column', () => {
        expect(getColumn(accountColumns, 'name')).toEqual({
            logicalName: 'name',
            displayName: 'Account Name',
            type: 'string',
            format: 'text',
            maxLength: 160,
            isValidForCreate: true,
            isValidForUpdate: true,
            isRequired: true,
        });
    });

    it('reads string formats', () => {
        expect(getColumn(accountColumns, 'emailaddress1')?.format).toBe('email');
        expect(getColumn(accountColumns, 'telephone1')?.format).toBe('phone');
        expect(getColumn(accountColumns, 'websiteurl')?.format).toBe('url');
    });

    it('reads money ranges and precision', () => {
        const revenue = getColumn(accountColumns, 'revenue');
        expect(revenue?.type).toBe('money');
        expect(revenue?.minValue).toBe(0);
        expect(revenue?.maxValue).toBe(100_000_000_000_000);
        expect(revenue?.precision).toBe(2);
    });

    it('reads picklist options', () => {
        const industry = getColumn(accountColumns, 'industrycode');
        expect(industry?.type).toBe('picklist');
        expect(industry?.options?.[0]).toEqual({value: 1, label: 'Accounting'});
        expect(industry?.options).toHaveLength(33);
    });

    it('reads state options', () => {
        const state = getColumn(accountColumns, 'statecode');
        expect(state?.type).toBe('picklist');
        expect(state?.isValidForCreate).toBe(false);
        expect(state?.options).toEqual([
            {value: 0, label: 'Active'},
            {value: 1, label: 'Inactive'},
        ]);
    });

    it('reads lookup targets', () => {
        expect(getColumn(accountColumns, 'primarycontactid')?.targets).toEqual([
            {
                logicalName: 'contact',
                entitySetName: 'contacts',
                navigationProperty: 'primarycontactid',
            },
        ]);
    });

    it('reads customer targets', async () => {
        const columns = await catalog.readTableColumnsAsync(CONTACTS_TEMPLATE.entity);

        const targets = getColumn(columns, 'parentcustomerid')?.targets ?? [];
        expect(targets.map(target => target.navigationProperty).sort()).toEqual([
            'parentcustomerid_account',
            'parentcustomerid_contact',
        ]);
    });

    it('reads date-only columns', async () => {
        const columns = await catalog.readTableColumnsAsync(OPPORTUNITIES_TEMPLATE.entity);

        expect(getColumn(columns, 'estimatedclosedate')?.type).toBe('dateonly');
    });

    it('reads date-time behaviour', () => {
        expect(getColumn(accountColumns, 'createdon')).toMatchObject({
            type: 'datetime',
            dateTimeBehavior: 'UserLocal',
            isValidForCreate: false,
            isValidForUpdate: false,
        });
    });

    it('leaves out the primary key', () => {
        expect(getColumn(accountColumns, 'accountid')).toBeUndefined();
    });

    it('lists owner columns as unsupported', () => {
        const owner = accountColumns.unsupported.find(column => column.logicalName === 'ownerid');
        expect(owner?.reason).toMatch(/owner/i);
    });
});
