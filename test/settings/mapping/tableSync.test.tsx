/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {screen} from '@testing-library/react';
import {ConfigKeys} from '../../../frontend/settings/configKeys';
import {createAccountsFixture} from '../../fixtures/accountsBase';
import {
    createConnectedConfig,
    createOfflineEnvironment,
    renderApp,
    waitForSignInPreparedAsync,
} from '../../ui/renderApp';

const CONNECTED = createConnectedConfig('http://127.0.0.1:7071');

describe('TableSync with a stored mapping', () => {
    test('syncs the migrated Accounts table', async () => {
        renderApp(createAccountsFixture({globalConfig: CONNECTED}), createOfflineEnvironment());
        await waitForSignInPreparedAsync();

        expect(screen.getByRole('button', {name: 'Sync now'})).toBeTruthy();
    });

    test('explains a newer mapping', async () => {
        const globalConfig = {...CONNECTED, [ConfigKeys.mapping]: {schemaVersion: 99, tables: []}};

        renderApp(createAccountsFixture({globalConfig}), createOfflineEnvironment());
        await waitForSignInPreparedAsync();

        expect(screen.getByText(/saved by a newer version of this extension/)).toBeTruthy();
        expect(screen.queryByRole('button', {name: 'Sync now'})).toBeNull();
    });

    test('lists dropped table entries', async () => {
        const globalConfig = {
            ...CONNECTED,
            [ConfigKeys.mapping]: {
                schemaVersion: 1,
                tables: ['not a table'],
                conflictPolicy: 'dynamicsWins',
            },
        };

        renderApp(createAccountsFixture({globalConfig: globalConfig}), createOfflineEnvironment());
        await waitForSignInPreparedAsync();

        expect(
            screen.getByText(/Table 1 of the saved field mapping could not be read/),
        ).toBeTruthy();
    });
});
