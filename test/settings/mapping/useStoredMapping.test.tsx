/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import TestDriver from '@airtable/blocks-testing';
import {render, screen, waitFor} from '@testing-library/react';
import {ConfigKeys} from '../../../frontend/settings/configKeys';
import {
    useSaveMigratedMapping,
    useStoredMapping,
} from '../../../frontend/settings/mapping/useStoredMapping';
import {createAccountsFixture} from '../../fixtures/accountsBase';

/** Shows what the hook returns, and saves a migrated mapping as the extension does. */
function MappingProbe({onFailure}: {readonly onFailure: (error: unknown) => void}) {
    const state = useStoredMapping();
    useSaveMigratedMapping(state, onFailure);
    const accounts = state.mapping.tables[0];
    return (
        <div>
            <p>status: {state.status}</p>
            <p>can edit: {state.canEdit.ok ? 'yes' : state.canEdit.reason}</p>
            <p>accounts table: {accounts?.airtableTableId ?? 'none'}</p>
            <p>accounts fields: {accounts?.fields.length ?? 0}</p>
        </div>
    );
}

function renderProbe(driver: TestDriver, onFailure: (error: unknown) => void = jest.fn()) {
    return render(
        <driver.Container>
            <MappingProbe onFailure={onFailure} />
        </driver.Container>,
    );
}

describe('useStoredMapping', () => {
    test('saves the migrated mapping', async () => {
        const driver = new TestDriver(createAccountsFixture());

        renderProbe(driver);

        await waitFor(() => expect(screen.getByText('status: current')).toBeTruthy());
        const saved = driver.globalConfig.get(ConfigKeys.mapping) as {tables: unknown[]};
        expect(saved.tables).toHaveLength(3);
        expect(screen.getByText('accounts table: tblAccounts')).toBeTruthy();
        expect(screen.getByText('accounts fields: 10')).toBeTruthy();
    });

    test('keeps read-only migration in memory', async () => {
        const driver = new TestDriver(createAccountsFixture());
        driver.simulatePermissionCheck(() => false);

        renderProbe(driver);

        expect(screen.getByText('status: migrated')).toBeTruthy();
        expect(screen.getByText('accounts fields: 10')).toBeTruthy();
        expect(screen.queryByText('can edit: yes')).toBeNull();
        await new Promise(resolve => setTimeout(resolve, 50));
        expect(driver.globalConfig.get(ConfigKeys.mapping)).toBeUndefined();
    });

    test('moves the policy copy', async () => {
        const stored = {schemaVersion: 1, tables: [], conflictPolicy: 'airtableWins'};
        const globalConfig = {[ConfigKeys.mapping]: stored};
        const driver = new TestDriver(createAccountsFixture({globalConfig}));

        renderProbe(driver);

        await waitFor(() => expect(screen.getByText('status: current')).toBeTruthy());
        expect(driver.globalConfig.get(ConfigKeys.conflictPolicy)).toBe('airtableWins');
        expect(driver.globalConfig.get(ConfigKeys.mapping)).toEqual({schemaVersion: 1, tables: []});
    });

    test('keeps the stored policy setting', async () => {
        const stored = {schemaVersion: 1, tables: [], conflictPolicy: 'airtableWins'};
        const globalConfig = {
            [ConfigKeys.mapping]: stored,
            [ConfigKeys.conflictPolicy]: 'dynamicsWins',
        };
        const driver = new TestDriver(createAccountsFixture({globalConfig}));

        renderProbe(driver);

        await waitFor(() => expect(screen.getByText('status: current')).toBeTruthy());
        expect(driver.globalConfig.get(ConfigKeys.conflictPolicy)).toBe('dynamicsWins');
        expect(driver.globalConfig.get(ConfigKeys.mapping)).toEqual({schemaVersion: 1, tables: []});
    });

    test('rejects edits of a newer mapping', () => {
        const globalConfig = {[ConfigKeys.mapping]: {schemaVersion: 99, tables: []}};
        const driver = new TestDriver(createAccountsFixture({globalConfig}));

        renderProbe(driver);

        expect(screen.getByText('status: newerVersion')).toBeTruthy();
        expect(
            screen.getByText(/can edit: The field mapping was saved by a newer version/),
        ).toBeTruthy();
        expect(driver.globalConfig.get(ConfigKeys.mapping)).toEqual({
            schemaVersion: 99,
            tables: [],
        });
    });
});
