/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import TestDriver from '@airtable/blocks-testing';
import {fireEvent, screen, waitFor} from '@testing-library/react';
import {ConfigKeys} from '../../frontend/settings/configKeys';
import {migrateFromTemplates} from '../../frontend/settings/mapping/migrateTemplates';
import {readBaseSchema} from '../../frontend/settings/mapping/readBaseSchema';
import {toGlobalConfigValue} from '../../frontend/settings/mapping/storeMapping';
import {SYNC_TEMPLATES} from '../../frontend/settings/syncTemplates';
import {createAccountsFixture, withoutFields, ACCOUNTS_FIELDS} from '../fixtures/accountsBase';
import {
    clickSettingsButton,
    createConnectedConfig,
    createOfflineEnvironment,
    findEnabledButtonAsync,
    renderApp,
    waitForSignInPreparedAsync,
    TEST_CLIENT_ID,
    TEST_REDIRECT_URI,
    TEST_TENANT_ID,
} from './renderApp';

const CONNECTED = createConnectedConfig('http://127.0.0.1:7071');

function getButton(name: string): HTMLButtonElement {
    const button = screen.getByRole('button', {name});
    if (!(button instanceof HTMLButtonElement)) {
        throw new Error(`"${name}" is not a button element.`);
    }
    return button;
}

describe('App', () => {
    test('asks editors for the connection', async () => {
        const {driver} = renderApp(createAccountsFixture(), createOfflineEnvironment());

        fireEvent.change(screen.getByLabelText('Environment URL'), {
            target: {value: 'http://127.0.0.1:7071/'},
        });
        fireEvent.change(screen.getByLabelText('Directory (tenant) ID'), {
            target: {value: TEST_TENANT_ID.toUpperCase()},
        });
        fireEvent.change(screen.getByLabelText('Application (client) ID'), {
            target: {value: TEST_CLIENT_ID},
        });
        fireEvent.click(getButton('Save'));

        expect(await screen.findByRole('button', {name: 'Sync now'})).toBeTruthy();
        expect(driver.globalConfig.get(ConfigKeys.environmentUrl)).toBe('http://127.0.0.1:7071');
        expect(driver.globalConfig.get(ConfigKeys.tenantId)).toBe(TEST_TENANT_ID);
        expect(driver.globalConfig.get(ConfigKeys.clientId)).toBe(TEST_CLIENT_ID);
        expect(driver.globalConfig.get(ConfigKeys.authorityHost)).toBeUndefined();
    });

    test('shows each invalid setting', async () => {
        const {driver} = renderApp(createAccountsFixture(), createOfflineEnvironment());

        fireEvent.change(screen.getByLabelText('Environment URL'), {
            target: {value: 'https://example.com'},
        });
        fireEvent.change(screen.getByLabelText('Directory (tenant) ID'), {
            target: {value: 'common'},
        });
        fireEvent.click(getButton('Save'));

        const alerts = await screen.findAllByRole('alert');
        expect(alerts.map(alert => alert.textContent)).toEqual([
            expect.stringMatching(/"example.com" is not a Dynamics 365 environment host/),
            expect.stringMatching(/"common" does not name one directory/),
            expect.stringMatching(/Enter the Application \(client\) ID/),
        ]);
        const describedBy = screen
            .getByLabelText('Environment URL')
            .getAttribute('aria-describedby');
        expect(describedBy?.split(' ')).toContain(alerts[0]?.id);
        expect(screen.queryByRole('button', {name: 'Sync now'})).toBeNull();
        expect(driver.globalConfig.get(ConfigKeys.environmentUrl)).toBeUndefined();
    });

    test('keeps invalid saved settings open', () => {
        const globalConfig = {...CONNECTED, [ConfigKeys.clientId]: 'not-a-guid'};

        renderApp(createAccountsFixture({globalConfig}), createOfflineEnvironment());

        expect(screen.getByLabelText('Application (client) ID')).toHaveProperty(
            'value',
            'not-a-guid',
        );
        expect(screen.queryByRole('button', {name: 'Close'})).toBeNull();
        expect(screen.queryByRole('button', {name: 'Sync now'})).toBeNull();
    });

    test('shows the redirect URI to register', () => {
        renderApp(createAccountsFixture(), createOfflineEnvironment());

        expect(screen.getByText(TEST_REDIRECT_URI)).toBeTruthy();
        expect(screen.getByText(/"Single-page application" with the redirect URI/)).toBeTruthy();
        expect(
            screen.getByText(/Dynamics CRM > Delegated permissions > user_impersonation/),
        ).toBeTruthy();
        expect(screen.getByText(/Grant admin consent/)).toBeTruthy();
    });

    test('opens with the settings button', async () => {
        const {driver} = renderApp(
            createAccountsFixture({globalConfig: CONNECTED}),
            createOfflineEnvironment(),
        );

        clickSettingsButton(driver);
        await waitForSignInPreparedAsync();

        expect(screen.getByLabelText('Environment URL')).toHaveProperty(
            'value',
            'http://127.0.0.1:7071',
        );
        expect(screen.queryByRole('button', {name: 'Sync now'})).toBeNull();
    });

    test('changes the environment URL', async () => {
        const {driver} = renderApp(
            createAccountsFixture({globalConfig: CONNECTED}),
            createOfflineEnvironment(),
        );

        fireEvent.click(screen.getByText('Connection settings'));
        fireEvent.change(screen.getByLabelText('Environment URL'), {
            target: {value: 'http://127.0.0.1:7072'},
        });
        fireEvent.click(getButton('Save'));

        expect(await screen.findByText(/environment: http:\/\/127.0.0.1:7072/)).toBeTruthy();
        expect(driver.globalConfig.get(ConfigKeys.environmentUrl)).toBe('http://127.0.0.1:7072');
    });

    test('closes the settings unchanged', async () => {
        renderApp(createAccountsFixture({globalConfig: CONNECTED}), createOfflineEnvironment());

        fireEvent.click(screen.getByText('Connection settings'));
        fireEvent.change(screen.getByLabelText('Environment URL'), {
            target: {value: 'http://127.0.0.1:7072'},
        });
        fireEvent.click(getButton('Close'));
        await waitForSignInPreparedAsync();

        expect(screen.queryByLabelText('Environment URL')).toBeNull();
        expect(screen.getByText(/environment: http:\/\/127.0.0.1:7071/)).toBeTruthy();
    });

    test('shows read-only settings with the reason', async () => {
        renderApp(createAccountsFixture({globalConfig: CONNECTED}), createOfflineEnvironment(), {
            isReadOnly: true,
        });

        fireEvent.click(screen.getByText('Connection settings'));
        await waitForSignInPreparedAsync();

        expect(screen.getByLabelText('Directory (tenant) ID')).toHaveProperty('disabled', true);
        expect(screen.getByLabelText('Directory (tenant) ID')).toHaveProperty(
            'value',
            TEST_TENANT_ID,
        );
        expect(screen.queryByRole('button', {name: 'Save'})).toBeNull();
        // The connection settings come first; the field mapping below adds its own notes.
        expect(screen.getAllByRole('note')[0]?.textContent).toBe(
            'The testing environment has been configured to deny this mutation.',
        );
    });

    test('asks read-only users to wait', () => {
        renderApp(createAccountsFixture(), createOfflineEnvironment(), {isReadOnly: true});

        expect(screen.getByLabelText('Environment URL')).toHaveProperty('disabled', true);
        expect(
            screen.getByText(/Enter the connection settings before anyone can sign in/),
        ).toBeTruthy();
        expect(screen.queryByRole('button', {name: 'Save'})).toBeNull();
    });

    test('reports an unknown conflict policy', async () => {
        const globalConfig = {...CONNECTED, [ConfigKeys.conflictPolicy]: 'newestWins'};

        renderApp(createAccountsFixture({globalConfig}), createOfflineEnvironment());

        expect(screen.getByText(/conflict policy "newestWins" is unknown/)).toBeTruthy();
        expect((await findEnabledButtonAsync('Sync now')).disabled).toBe(false);
    });

    test('disables Sync for read-only users', async () => {
        renderApp(createAccountsFixture({globalConfig: CONNECTED}), createOfflineEnvironment(), {
            isReadOnly: true,
        });
        await waitForSignInPreparedAsync();

        const reason = screen.getByText(/Only people who can edit records in "Accounts"/);
        expect(getButton('Sync now').disabled).toBe(true);
        expect(reason.getAttribute('role')).toBe('note');
        expect(reason.textContent).toMatch(/configured to deny this mutation/);
    });

    test('saves the conflict policy', async () => {
        const {driver} = renderApp(
            createAccountsFixture({globalConfig: CONNECTED}),
            createOfflineEnvironment(),
        );

        fireEvent.click(screen.getByText('Airtable wins'));

        await waitFor(() =>
            expect(driver.globalConfig.get(ConfigKeys.conflictPolicy)).toBe('airtableWins'),
        );
    });

    test('locks the conflict policy for read-only users', async () => {
        renderApp(createAccountsFixture({globalConfig: CONNECTED}), createOfflineEnvironment(), {
            isReadOnly: true,
        });
        await waitForSignInPreparedAsync();

        const airtableWins = screen.getByLabelText('Airtable wins');
        expect(airtableWins).toHaveProperty('disabled', true);
        expect(
            screen.getByText('The testing environment has been configured to deny this mutation.'),
        ).toHaveProperty('role', 'note');
    });

    test("shows the mapping's policy copy", async () => {
        // A read-only user cannot move the copy, so it is read where it is.
        const schema = readBaseSchema(new TestDriver(createAccountsFixture()).base);
        const migrated = toGlobalConfigValue(migrateFromTemplates(SYNC_TEMPLATES, schema));
        const mapping = {...(migrated as object), conflictPolicy: 'airtableWins'};
        const globalConfig = {...CONNECTED, [ConfigKeys.mapping]: mapping};
        renderApp(createAccountsFixture({globalConfig}), createOfflineEnvironment(), {
            isReadOnly: true,
        });
        await waitForSignInPreparedAsync();

        expect(screen.getByLabelText('Airtable wins')).toHaveProperty('checked', true);
        expect(screen.getByLabelText('Dynamics wins')).toHaveProperty('checked', false);
    });

    test('enables Sync for editors', async () => {
        renderApp(createAccountsFixture({globalConfig: CONNECTED}), createOfflineEnvironment());

        expect((await findEnabledButtonAsync('Sync now')).disabled).toBe(false);
        expect(screen.queryByRole('note')).toBeNull();
    });

    test('lets long text wrap', async () => {
        renderApp(createAccountsFixture({globalConfig: CONNECTED}), createOfflineEnvironment());
        await waitForSignInPreparedAsync();

        const title = screen.getByRole('heading', {name: 'Accounts and Dynamics 365'});
        expect(title.parentElement?.style.overflowWrap).toBe('anywhere');
    });

    test('lists missing fields', async () => {
        const fixture = createAccountsFixture({
            globalConfig: CONNECTED,
            fields: withoutFields('fldMainPhone', 'fldSyncState'),
        });

        renderApp(fixture, createOfflineEnvironment());
        await waitForSignInPreparedAsync();

        expect(screen.getByText(/has no field named "Main Phone"/)).toBeTruthy();
        expect(screen.getByText(/has no field named "Sync state"/)).toBeTruthy();
        expect(screen.queryByRole('button', {name: 'Sync now'})).toBeNull();
        expect(getButton('Create missing fields').disabled).toBe(false);
    });

    test('creates the missing fields', async () => {
        const fixture = createAccountsFixture({
            globalConfig: CONNECTED,
            fields: withoutFields('fldMainPhone'),
        });
        const {driver} = renderApp(fixture, createOfflineEnvironment());
        const created: unknown[] = [];
        driver.watch('mutation', mutation => created.push(mutation));

        fireEvent.click(getButton('Create missing fields'));

        // The TestDriver does not simulate field creation, so the attempt ends with its error.
        const alert = await screen.findByRole('alert');
        expect(created).toEqual([
            expect.objectContaining({
                type: 'createSingleField',
                name: 'Main Phone',
                config: expect.objectContaining({type: 'phoneNumber'}),
            }),
        ]);
        expect(alert.textContent).toBe(
            'Couldn\'t create the field "Main Phone" in table "Accounts". Add it in Airtable ' +
                'with the type listed above, or try again.',
        );
    });

    test('keeps the SDK error in details', async () => {
        const fixture = createAccountsFixture({
            globalConfig: CONNECTED,
            fields: withoutFields('fldMainPhone'),
        });
        renderApp(fixture, createOfflineEnvironment());

        fireEvent.click(getButton('Create missing fields'));
        await screen.findByRole('alert');

        expect(screen.queryByText(/No field with ID/)).toBeNull();
        fireEvent.click(screen.getByRole('button', {name: 'Show details'}));
        expect(screen.getByText(/No field with ID/)).toBeTruthy();
    });

    test('disables fields the host cannot create', async () => {
        const fixture = createAccountsFixture({
            globalConfig: CONNECTED,
            fields: withoutFields('fldMainPhone'),
        });
        const reason = 'Creating fields works only in a real Airtable base.';
        const environment = {...createOfflineEnvironment(), canCreateFields: {ok: false, reason}};
        renderApp(fixture, environment);
        await waitForSignInPreparedAsync();

        expect(getButton('Create missing fields').disabled).toBe(true);
        expect(screen.getByRole('note').textContent).toBe(reason);
    });

    test('explains why fields cannot be created', async () => {
        const fixture = createAccountsFixture({
            globalConfig: CONNECTED,
            fields: withoutFields('fldMainPhone'),
        });
        renderApp(fixture, createOfflineEnvironment(), {isReadOnly: true});
        await waitForSignInPreparedAsync();

        expect(getButton('Create missing fields').disabled).toBe(true);
        expect(screen.getAllByRole('note')[0]?.textContent).toMatch(
            /Can't create field "Main Phone" in table "Accounts"/,
        );
    });

    test('describes a mistyped field', async () => {
        const fields = ACCOUNTS_FIELDS.map(field =>
            field.id === 'fldEmployees'
                ? {...field, type: ACCOUNTS_FIELDS[0]!.type, options: null}
                : field,
        );

        renderApp(
            createAccountsFixture({globalConfig: CONNECTED, fields}),
            createOfflineEnvironment(),
        );
        await waitForSignInPreparedAsync();

        expect(
            screen.getByText(/Field "Employees" in table "Accounts" is a single line text field/),
        ).toBeTruthy();
        expect(screen.queryByRole('button', {name: 'Create missing fields'})).toBeNull();
    });

    test('creates a missing Accounts table', async () => {
        const fixture = createAccountsFixture({globalConfig: CONNECTED, tableName: 'Deals'});
        renderApp(fixture, createOfflineEnvironment());

        fireEvent.click(getButton('Create table "Accounts"'));

        expect(await screen.findByRole('button', {name: 'Sync now'})).toBeTruthy();
    });
});
