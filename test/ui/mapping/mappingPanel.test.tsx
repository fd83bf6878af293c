/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import type TestDriver from '@airtable/blocks-testing';
import '@airtable/blocks-testing';
import {FieldType} from '@airtable/blocks/models';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../../dev/emulator/server';
import {SANDBOX_CAN_CREATE_FIELDS} from '../../../dev/sandbox/hostLimits';
import {ACCOUNTS_TEMPLATE} from '../../../frontend/settings/accountsTemplate';
import {STORED_MAPPING_SCHEMA_VERSION} from '../../../frontend/settings/mapping/storedMapping';
import {stringColumn} from '../../../frontend/settings/templateColumns';
import {airtableFieldId, airtableTableId} from '../../../frontend/sync/ids';
import {createTableMapping} from '../../../frontend/ui/mapping/mappingEdits';
import {createTestEnvironment} from '../renderApp';
import {
    chooseOption,
    createSignedOutEnvironment,
    findColumnRowAsync,
    getChosenText,
    getColumnRowIfExists,
    getSavedFieldId,
    getSelect,
    getTableSection,
    METADATA_TIMEOUT_MS,
    openMappingSettings,
    readSavedEntry,
    textField,
} from './mappingHarness';

let emulator: RunningEmulator;

// The panel only reads metadata, so one emulator serves every test.
beforeAll(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 0});
});

afterAll(async () => {
    await emulator.closeAsync();
});

/** Collects the requests to create fields, leaving out globalConfig writes. */
function watchFieldCreations(driver: TestDriver): unknown[] {
    const mutations: unknown[] = [];
    driver.watch('mutation', mutation => {
        if (mutation.type === 'createSingleField') {
            mutations.push(mutation);
        }
    });
    return mutations;
}

/**
 * Deletes a field of the Accounts table inside `act`, because the schema change re-renders the
 * panel, and React reports a render outside `act` as an error.
 */
async function deleteFieldAsync(driver: TestDriver, fieldId: string): Promise<void> {
    await act(async () => {
        await driver.deleteFieldAsync('tblAccounts', fieldId);
    });
}

const SANDBOX_CAN_CREATE_FIELDS_REASON = SANDBOX_CAN_CREATE_FIELDS.ok
    ? ''
    : SANDBOX_CAN_CREATE_FIELDS.reason;

/** Returns the test environment with the sandbox's `canCreateFields` result. */
function createSandboxLikeEnvironment() {
    return {
        ...createTestEnvironment(fetch, DEV_TOKEN),
        canCreateFields: SANDBOX_CAN_CREATE_FIELDS,
    };
}

describe('Field mapping panel', () => {
    test('chooses an Airtable table', async () => {
        const {driver} = openMappingSettings({
            environmentUrl: emulator.url,
            tableName: 'Companies',
        });
        await screen.findByText('Add a Dynamics table', {}, {timeout: METADATA_TIMEOUT_MS});

        const section = getTableSection('Account');
        chooseOption(getSelect(section, 'Airtable table for Account records'), 'Companies');

        await waitFor(() =>
            expect(readSavedEntry(driver, 'account').airtableTableId).toBe('tblAccounts'),
        );
        const entry = readSavedEntry(driver, 'account');
        expect(entry.dynamicsIdFieldId).toBe('fldDynamicsId');
        expect(entry.syncStateFieldId).toBe('fldSyncState');
    });

    test('lists column metadata', async () => {
        openMappingSettings({environmentUrl: emulator.url});

        const row = await findColumnRowAsync('Annual Revenue (Base)');

        expect(within(row).getByText(/revenue_base · money/)).toBeTruthy();
        expect(within(row).getByText(/read-only in Dynamics/)).toBeTruthy();
    });

    test('maps a column to a field', async () => {
        const {driver} = openMappingSettings({
            environmentUrl: emulator.url,
            extraFields: [textField('fldFaxNumber', 'Fax number')],
        });
        const row = await findColumnRowAsync('Fax');

        chooseOption(getSelect(row, 'Airtable field for Fax'), 'Fax number');

        await waitFor(() =>
            expect(getSavedFieldId(readSavedEntry(driver, 'account'), 'fax')).toBe('fldFaxNumber'),
        );
        const direction = getSelect(await findColumnRowAsync('Fax'), 'Direction for Fax');
        expect(getChosenText(direction)).toBe('Both ways');
    });

    test('offers one way for read-only columns', async () => {
        const {driver} = openMappingSettings({
            environmentUrl: emulator.url,
            extraFields: [
                {
                    ...textField('fldBaseRevenue', 'Base revenue'),
                    type: FieldType.CURRENCY,
                    options: {precision: 2, symbol: '$'},
                },
            ],
        });
        const row = await findColumnRowAsync('Annual Revenue (Base)');

        chooseOption(getSelect(row, 'Airtable field for Annual Revenue (Base)'), 'Base revenue');

        await waitFor(() =>
            expect(getSavedFieldId(readSavedEntry(driver, 'account'), 'revenue_base')).toBe(
                'fldBaseRevenue',
            ),
        );
        const updatedRow = await findColumnRowAsync('Annual Revenue (Base)');
        const direction = getSelect(updatedRow, 'Direction for Annual Revenue (Base)');
        expect(getChosenText(direction)).toBe('Dynamics → Airtable only');
        expect(direction.disabled).toBe(true);
    });

    test('lists only compatible fields', async () => {
        openMappingSettings({environmentUrl: emulator.url});
        const row = await findColumnRowAsync('Number of Employees');

        const select = getSelect(row, 'Airtable field for Number of Employees');
        const labels = [...select.options].map(option => option.textContent);

        expect(labels).toContain('Employees');
        expect(labels).toContain('Annual Revenue');
        expect(labels).not.toContain('City');
    });

    test('accepts a suggestion', async () => {
        const {driver} = openMappingSettings({
            environmentUrl: emulator.url,
            extraFields: [textField('fldFax', 'Fax')],
        });
        await findColumnRowAsync('Fax');

        fireEvent.click(screen.getByRole('button', {name: 'Accept Fax for Fax'}));

        await waitFor(() =>
            expect(getSavedFieldId(readSavedEntry(driver, 'account'), 'fax')).toBe('fldFax'),
        );
        expect(screen.queryByRole('button', {name: 'Accept Fax for Fax'})).toBeNull();
    });

    test('accepts all suggestions', async () => {
        const {driver} = openMappingSettings({
            environmentUrl: emulator.url,
            extraFields: [textField('fldFax', 'Fax'), textField('fldOtherPhone', 'Other Phone')],
        });
        await findColumnRowAsync('Fax');

        fireEvent.click(screen.getByRole('button', {name: 'Accept all'}));

        await waitFor(() =>
            expect(getSavedFieldId(readSavedEntry(driver, 'account'), 'fax')).toBe('fldFax'),
        );
        const entry = readSavedEntry(driver, 'account');
        expect(getSavedFieldId(entry, 'telephone2')).toBe('fldOtherPhone');
    });

    // The TestDriver does not simulate field creation, so these tests check the request the panel
    // sends and the failure it then reports.
    test('requests a missing field', async () => {
        const {driver} = openMappingSettings({environmentUrl: emulator.url});
        const mutations = watchFieldCreations(driver);
        const row = await findColumnRowAsync('Fax');

        fireEvent.click(within(row).getByRole('button', {name: 'Create field for Fax'}));

        await waitFor(() => expect(mutations).toHaveLength(1));
        expect(mutations[0]).toEqual(
            expect.objectContaining({
                type: 'createSingleField',
                tableId: 'tblAccounts',
                name: 'Fax',
                config: expect.objectContaining({type: 'singleLineText'}),
            }),
        );
        const failure = await screen.findByText(/^Couldn't create the field "Fax" in "Accounts"/);
        expect(failure.textContent).toMatch(/Add it in Airtable and choose it in the list/);
    });

    test('requests a choice field with options', async () => {
        const {driver} = openMappingSettings({environmentUrl: emulator.url});
        const mutations = watchFieldCreations(driver);
        const row = await findColumnRowAsync('Industry');

        fireEvent.click(within(row).getByRole('button', {name: 'Create field for Industry'}));

        await waitFor(() => expect(mutations).toHaveLength(1));
        expect(mutations[0]).toEqual(
            expect.objectContaining({
                type: 'createSingleField',
                name: 'Industry',
                config: {
                    type: 'singleSelect',
                    options: {
                        choices: expect.arrayContaining([
                            {name: 'Accounting'},
                            {name: 'Consulting'},
                        ]),
                    },
                },
            }),
        );
    });

    test('shows a deleted field problem', async () => {
        const {driver} = openMappingSettings({environmentUrl: emulator.url});
        await findColumnRowAsync('Fax');

        await deleteFieldAsync(driver, 'fldCity');

        const row = await findColumnRowAsync('Address 1: City');
        expect(within(row).getByRole('alert').textContent).toMatch(/was deleted from "Accounts"/);
    });

    test('disables every control for read-only users', async () => {
        openMappingSettings({environmentUrl: emulator.url, options: {isReadOnly: true}});
        const faxRow = await findColumnRowAsync('Fax');
        const nameRow = await findColumnRowAsync('Account Name');

        const section = getTableSection('Account');
        expect(getSelect(section, 'Airtable table for Account records').disabled).toBe(true);
        expect(getSelect(faxRow, 'Airtable field for Fax').disabled).toBe(true);
        expect(getSelect(nameRow, 'Direction for Account Name').disabled).toBe(true);
        expect(within(faxRow).getByRole('button', {name: 'Create field for Fax'})).toHaveProperty(
            'disabled',
            true,
        );
        const notes = screen.getAllByRole('note').map(note => note.textContent);
        expect(notes).toContain(
            'The testing environment has been configured to deny this mutation.',
        );
    });

    test('disables Create field without host support', async () => {
        const {driver} = openMappingSettings({
            environmentUrl: emulator.url,
            environment: createSandboxLikeEnvironment(),
        });
        const mutations = watchFieldCreations(driver);
        const row = await findColumnRowAsync('Fax');
        const button = within(row).getByRole('button', {name: 'Create field for Fax'});

        fireEvent.click(button);

        expect(button).toHaveProperty('disabled', true);
        expect(mutations).toEqual([]);
        expect(within(row).queryByRole('note')).toBeNull();
        expect(screen.getAllByText(SANDBOX_CAN_CREATE_FIELDS_REASON)).toHaveLength(1);
    });

    test('disables Create sync fields without host support', async () => {
        const {driver} = openMappingSettings({
            environmentUrl: emulator.url,
            environment: createSandboxLikeEnvironment(),
        });
        await findColumnRowAsync('Fax');

        await deleteFieldAsync(driver, 'fldSyncState');

        const section = getTableSection('Account');
        const button = await within(section).findByRole('button', {name: 'Create sync fields'});
        expect(button).toHaveProperty('disabled', true);
        expect(within(section).queryByRole('note')).toBeNull();
        expect(screen.getAllByText(SANDBOX_CAN_CREATE_FIELDS_REASON)).toHaveLength(1);
    });

    test('asks to sign in first', async () => {
        openMappingSettings({
            environmentUrl: emulator.url,
            environment: createSignedOutEnvironment(),
        });

        const message = await screen.findByText(
            'Sign in to load the Dynamics columns.',
            {},
            {timeout: METADATA_TIMEOUT_MS},
        );
        expect(message).toBeTruthy();
        expect(await findColumnRowAsync('Account Name')).toBeTruthy();
        expect(getColumnRowIfExists('Fax')).toBeNull();
    });

    test('adds another Dynamics table', async () => {
        const {driver} = openMappingSettings({environmentUrl: emulator.url});
        const search = await screen.findByLabelText(
            'Add a Dynamics table',
            {},
            {timeout: METADATA_TIMEOUT_MS},
        );

        fireEvent.change(search, {target: {value: 'user'}});
        fireEvent.click(screen.getByRole('button', {name: 'User (systemuser)'}));

        await waitFor(() => expect(readSavedEntry(driver, 'systemuser').isEnabled).toBe(false));
        expect(getTableSection('User')).toBeTruthy();
        expect(screen.queryByRole('button', {name: 'Account (account)'})).toBeNull();
    });

    test('turns a table off', async () => {
        const {driver} = openMappingSettings({environmentUrl: emulator.url});
        await findColumnRowAsync('Fax');

        fireEvent.click(within(getTableSection('Account')).getByLabelText('Sync Account records'));

        await waitFor(() => expect(readSavedEntry(driver, 'account').isEnabled).toBe(false));
    });

    test('adds a fallback key column', async () => {
        const {driver} = openMappingSettings({environmentUrl: emulator.url});
        await findColumnRowAsync('Fax');

        const section = getTableSection('Account');
        chooseOption(getSelect(section, 'Fallback key'), 'Email');

        await waitFor(() =>
            expect(readSavedEntry(driver, 'account').matchKeys).toEqual([
                ['accountnumber'],
                ['name', 'emailaddress1'],
            ]),
        );
    });

    test('shows the problem in the Sync view', async () => {
        const {driver} = openMappingSettings({environmentUrl: emulator.url});
        await findColumnRowAsync('Fax');
        await deleteFieldAsync(driver, 'fldCity');

        fireEvent.click(screen.getByRole('button', {name: 'Close'}));

        expect(await screen.findByText(/was deleted from "Accounts"/)).toBeTruthy();
        expect(screen.queryByText('Field mapping')).toBeNull();
    });

    test('creates a new table', async () => {
        const {driver} = openMappingSettings({environmentUrl: emulator.url});
        await findColumnRowAsync('Fax');

        const section = getTableSection('Contact');
        chooseOption(
            getSelect(section, 'Airtable table for Contact records'),
            'Create a new table',
        );
        const create = await within(section).findByRole(
            'button',
            {name: 'Create table'},
            {timeout: METADATA_TIMEOUT_MS},
        );
        fireEvent.click(create);

        await waitFor(() =>
            expect(readSavedEntry(driver, 'contact').airtableTableId).not.toBeNull(),
        );
        const entry = readSavedEntry(driver, 'contact');
        const table = driver.base.getTableById(entry.airtableTableId ?? '');
        expect(table.name).toBe('Contact');
        expect(table.primaryField.name).toBe('Full Name');
        expect(entry.dynamicsIdFieldId).toBe(table.getFieldByName('Dynamics ID').id);
        expect(entry.syncStateFieldId).toBe(table.getFieldByName('Sync state').id);
        expect(getSavedFieldId(entry, 'lastname')).toBe(table.getFieldByName('Last Name').id);
    });

    test('saves the live column details', async () => {
        const entry = {
            ...createTableMapping(ACCOUNTS_TEMPLATE.entity),
            isEnabled: true,
            airtableTableId: airtableTableId('tblAccounts'),
            dynamicsIdFieldId: airtableFieldId('fldDynamicsId'),
            syncStateFieldId: airtableFieldId('fldSyncState'),
            fields: [
                {
                    column: stringColumn('fax', 'Fax', 10),
                    airtableFieldId: airtableFieldId('fldFaxNumber'),
                    direction: 'both' as const,
                },
            ],
        };
        const {driver} = openMappingSettings({
            environmentUrl: emulator.url,
            extraFields: [textField('fldFaxNumber', 'Fax number')],
            storedMapping: {
                schemaVersion: STORED_MAPPING_SCHEMA_VERSION,
                tables: [entry],
            },
        });
        await findColumnRowAsync('Fax');

        await waitFor(() =>
            expect(readSavedEntry(driver, 'account').fields[0]?.column.maxLength).toBe(50),
        );
    });

    test('filters the column rows', async () => {
        openMappingSettings({environmentUrl: emulator.url});
        await findColumnRowAsync('Fax');

        const section = getTableSection('Account');
        fireEvent.change(within(section).getByLabelText('Filter columns'), {
            target: {value: 'phone'},
        });

        expect(getColumnRowIfExists('Main Phone')).not.toBeNull();
        expect(getColumnRowIfExists('Other Phone')).not.toBeNull();
        expect(getColumnRowIfExists('Fax')).toBeNull();
    });
});
