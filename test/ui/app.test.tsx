/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {fireEvent, screen, waitFor} from '@testing-library/react';
import {ConfigKeys} from '../../frontend/settings/configKeys';
import {createAccountsFixture, withoutFields, ACCOUNTS_FIELDS} from '../fixtures/accountsBase';
import {createOfflineEnvironment, renderApp} from './renderApp';

const CONNECTED = {[ConfigKeys.environmentUrl]: 'http://127.0.0.1:7071'};

function getButton(name: string): HTMLButtonElement {
    const button = screen.getByRole('button', {name});
    if (!(button instanceof HTMLButtonElement)) {
        throw new Error(`"${name}" is not a button element.`);
    }
    return button;
}

describe('App', () => {
    test('asks editors for the environment', async () => {
        const {driver} = renderApp(createAccountsFixture(), createOfflineEnvironment());

        fireEvent.change(screen.getByLabelText('Environment address'), {
            target: {value: 'http://127.0.0.1:7071/'},
        });
        fireEvent.click(getButton('Save'));

        await waitFor(() =>
            expect(driver.globalConfig.get(ConfigKeys.environmentUrl)).toBe(
                'http://127.0.0.1:7071',
            ),
        );
        expect(await screen.findByRole('button', {name: 'Sync now'})).toBeTruthy();
    });

    test('rejects an invalid environment address', async () => {
        const {driver} = renderApp(createAccountsFixture(), createOfflineEnvironment());

        fireEvent.change(screen.getByLabelText('Environment address'), {
            target: {value: 'https://example.com'},
        });
        fireEvent.click(getButton('Save'));

        expect((await screen.findByRole('alert')).textContent).toMatch(
            /not a Dynamics 365 environment host/,
        );
        expect(driver.globalConfig.get(ConfigKeys.environmentUrl)).toBeUndefined();
    });

    test('changes the environment address', async () => {
        const {driver} = renderApp(
            createAccountsFixture({globalConfig: CONNECTED}),
            createOfflineEnvironment(),
        );

        fireEvent.click(screen.getByText('Change'));
        fireEvent.change(screen.getByLabelText('Environment address'), {
            target: {value: 'http://127.0.0.1:7072'},
        });
        fireEvent.click(getButton('Save'));

        expect(await screen.findByText(/environment: http:\/\/127.0.0.1:7072/)).toBeTruthy();
        expect(driver.globalConfig.get(ConfigKeys.environmentUrl)).toBe('http://127.0.0.1:7072');
    });

    test('cancels an address change', () => {
        renderApp(createAccountsFixture({globalConfig: CONNECTED}), createOfflineEnvironment());

        fireEvent.click(screen.getByText('Change'));
        fireEvent.click(getButton('Cancel'));

        expect(screen.queryByLabelText('Environment address')).toBeNull();
        expect(screen.getByText(/environment: http:\/\/127.0.0.1:7071/)).toBeTruthy();
    });

    test('reports an unknown conflict policy', () => {
        const globalConfig = {...CONNECTED, [ConfigKeys.conflictPolicy]: 'newestWins'};

        renderApp(createAccountsFixture({globalConfig}), createOfflineEnvironment());

        expect(screen.getByText(/conflict policy "newestWins" is unknown/)).toBeTruthy();
        expect(getButton('Sync now').disabled).toBe(false);
    });

    test('shows no form to read-only users', () => {
        renderApp(createAccountsFixture(), createOfflineEnvironment(), {isReadOnly: true});

        expect(screen.queryByLabelText('Environment address')).toBeNull();
        expect(screen.getByText(/An editor of this base needs to enter/)).toBeTruthy();
    });

    test('disables Sync for read-only users', () => {
        renderApp(createAccountsFixture({globalConfig: CONNECTED}), createOfflineEnvironment(), {
            isReadOnly: true,
        });

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

    test('locks the conflict policy for read-only users', () => {
        renderApp(createAccountsFixture({globalConfig: CONNECTED}), createOfflineEnvironment(), {
            isReadOnly: true,
        });

        const airtableWins = screen.getByLabelText('Airtable wins');
        expect(airtableWins).toHaveProperty('disabled', true);
        expect(
            screen.getByText('The testing environment has been configured to deny this mutation.'),
        ).toHaveProperty('role', 'note');
    });

    test('enables Sync for editors', () => {
        renderApp(createAccountsFixture({globalConfig: CONNECTED}), createOfflineEnvironment());

        expect(getButton('Sync now').disabled).toBe(false);
        expect(screen.queryByRole('note')).toBeNull();
    });

    test('lists missing fields', () => {
        const fixture = createAccountsFixture({
            globalConfig: CONNECTED,
            fields: withoutFields('fldMainPhone', 'fldSyncState'),
        });

        renderApp(fixture, createOfflineEnvironment());

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
        await screen.findByRole('alert');
        expect(created).toEqual([
            expect.objectContaining({
                type: 'createSingleField',
                name: 'Main Phone',
                config: expect.objectContaining({type: 'phoneNumber'}),
            }),
        ]);
    });

    test('explains why fields cannot be created', () => {
        const fixture = createAccountsFixture({
            globalConfig: CONNECTED,
            fields: withoutFields('fldMainPhone'),
        });
        renderApp(fixture, createOfflineEnvironment(), {isReadOnly: true});

        expect(getButton('Create missing fields').disabled).toBe(true);
        expect(screen.getByRole('note').textContent).toMatch(
            /Can't create field "Main Phone" in table "Accounts"/,
        );
    });

    test('describes a mistyped field', () => {
        const fields = ACCOUNTS_FIELDS.map(field =>
            field.id === 'fldEmployees'
                ? {...field, type: ACCOUNTS_FIELDS[0]!.type, options: null}
                : field,
        );

        renderApp(
            createAccountsFixture({globalConfig: CONNECTED, fields}),
            createOfflineEnvironment(),
        );

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
