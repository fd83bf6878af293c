/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {ConfigKeys} from '../../frontend/settings/configKeys';
import {ADATUM, LITWARE, accountRecord, createAccountsFixture} from '../fixtures/accountsBase';
import {
    createConnectedConfig,
    createTestEnvironment,
    findEnabledButtonAsync,
    finishSyncAsync,
    renderApp,
    type RenderedApp,
} from './renderApp';

/** A whole sync over HTTP takes a few seconds; findBy* waits 1 s by default. */
const SYNC_TIMEOUT_MS = 15_000;

interface EmulatorAccount {
    readonly accountid: string;
    readonly name: string;
}

let emulator: RunningEmulator;

beforeEach(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 5});
});

afterEach(async () => {
    await emulator.closeAsync();
});

/** Reads the accounts through the emulator's Web API, as Dynamics would return them. */
async function listEmulatorAccountsAsync(): Promise<EmulatorAccount[]> {
    const response = await fetch(`${emulator.url}/api/data/v9.2/accounts?$select=name`, {
        headers: {Authorization: `Bearer ${DEV_TOKEN}`, Accept: 'application/json'},
    });
    const body: unknown = await response.json();
    if (
        typeof body !== 'object' ||
        body === null ||
        !('value' in body) ||
        !Array.isArray(body.value)
    ) {
        throw new Error(`The emulator returned no account list: ${JSON.stringify(body)}`);
    }
    return body.value.map((row: unknown) => {
        const {accountid, name} = row as Record<string, unknown>;
        return {accountid: String(accountid), name: String(name)};
    });
}

async function readTableNamesAsync(app: RenderedApp): Promise<string[]> {
    const table = app.driver.base.getTableById('tblAccounts');
    const query = await table.selectRecordsAsync({fields: ['fldName']});
    const names = query.records.map(record => record.getCellValueAsString('fldName'));
    query.unloadData();
    return names;
}

function renderConnectedApp(records = [ADATUM, LITWARE]): RenderedApp {
    const fixture = createAccountsFixture({
        records,
        globalConfig: createConnectedConfig(emulator.url),
    });
    return renderApp(fixture, createTestEnvironment(fetch, DEV_TOKEN));
}

async function syncAsync(): Promise<void> {
    fireEvent.click(await findEnabledButtonAsync('Sync now'));
    await finishSyncAsync(SYNC_TIMEOUT_MS);
}

describe('Sync now', () => {
    test('pulls the emulator accounts', async () => {
        const accounts = await listEmulatorAccountsAsync();
        const app = renderConnectedApp();

        await syncAsync();

        const names = await readTableNamesAsync(app);
        expect(accounts).toHaveLength(15);
        expect(names).toEqual(expect.arrayContaining(accounts.map(({name}) => name)));
        expect(screen.getByText(`Created in Airtable: ${accounts.length}`)).toBeTruthy();
    });

    test('pushes the base rows', async () => {
        renderConnectedApp();

        await syncAsync();

        const names = (await listEmulatorAccountsAsync()).map(({name}) => name);
        expect(names).toContain('Adatum Corporation');
        expect(names).toContain('Litware, Inc.');
        expect(screen.getByText('Created in Dynamics: 2')).toBeTruthy();
    });

    test('changes nothing the second time', async () => {
        renderConnectedApp();
        await syncAsync();
        const accountCount = (await listEmulatorAccountsAsync()).length;

        await syncAsync();

        expect((await listEmulatorAccountsAsync()).length).toBe(accountCount);
        expect(screen.getByText('Created in Dynamics: 0')).toBeTruthy();
        expect(screen.getByText('Created in Airtable: 0')).toBeTruthy();
        expect(screen.getByText(`Unchanged: ${accountCount}`)).toBeTruthy();
    });

    test('shows a failed record reason', async () => {
        const invalid = accountRecord('recBadMail', {fldName: 'Bad Mail Ltd', fldEmail: 'ana@'});
        const app = renderConnectedApp([ADATUM, invalid]);
        const expanded: string[] = [];
        app.driver.watch('expandRecord', ({recordId}) => expanded.push(recordId));

        await syncAsync();
        const row = screen.getByRole('button', {name: 'Open Bad Mail Ltd'});
        fireEvent.click(row);

        expect(screen.getByText('Failed: 1')).toBeTruthy();
        expect(within(row).getByText(/ana@/)).toBeTruthy();
        expect(await screen.findByText('Created in Dynamics: 1')).toBeTruthy();
        await waitFor(() => expect(expanded).toEqual(['recBadMail']));
    });

    test('counts further invalid fields', async () => {
        const invalid = accountRecord('recBadTwice', {
            fldName: 'Bad Twice Ltd',
            fldEmail: 'ana@',
            fldWebsite: 'not a web address',
        });
        renderConnectedApp([invalid]);

        await syncAsync();
        const row = screen.getByRole('button', {name: 'Open Bad Twice Ltd'});

        expect(within(row).getByText(/ 1 more field has a problem too\./)).toBeTruthy();
        expect(row.textContent).not.toContain('field(s)');
    });

    test('shortens an over-long name', async () => {
        const longName = `${'Northwind Traders '.repeat(11)}International Grp.`;
        renderConnectedApp([accountRecord('recLong', {fldName: longName})]);

        await syncAsync();
        const row = screen.getByRole('button', {name: /^Open Northwind Traders/});

        expect(longName).toHaveLength(216);
        expect(screen.getByText('Failed: 1')).toBeTruthy();
        expect(row.textContent).not.toContain(longName);
        expect(
            within(row)
                .getByText(/^Failed: Northwind.*…$/)
                .getAttribute('title'),
        ).toBe(longName);
        expect(within(row).getByText(/is 216 characters long/)).toBeTruthy();
    });

    test('lists a conflict with both values', async () => {
        const app = renderConnectedApp();
        await syncAsync();
        const table = app.driver.base.getTableById('tblAccounts');
        const dynamicsId = await readDynamicsIdAsync(app, 'recAdatum');

        await patchEmulatorAccountAsync(dynamicsId, {address1_city: 'Porto'});
        await table.updateRecordsAsync([{id: 'recAdatum', fields: {fldCity: 'Faro'}}]);
        await syncAsync();

        const row = screen.getByRole('button', {name: 'Open Adatum Corporation'});
        expect(screen.getByText('Conflicts: 1')).toBeTruthy();
        expect(within(row).getByText(/Airtable had "Faro"/)).toBeTruthy();
        expect(within(row).getByText(/Dynamics had "Porto"/)).toBeTruthy();
        expect(within(row).getByText(/Kept the Dynamics value/)).toBeTruthy();
    });

    test("follows the mapping's policy copy", async () => {
        const app = renderConnectedApp();
        await syncAsync();
        const table = app.driver.base.getTableById('tblAccounts');
        const dynamicsId = await readDynamicsIdAsync(app, 'recAdatum');
        // A mapping saved by an earlier version carries its own copy of the conflict policy.
        const saved = app.driver.globalConfig.get(ConfigKeys.mapping) as Record<string, unknown>;
        await act(() =>
            app.driver.globalConfig.setPathsAsync([
                {path: [ConfigKeys.mapping], value: {...saved, conflictPolicy: 'airtableWins'}},
                {path: [ConfigKeys.conflictPolicy], value: undefined},
            ]),
        );

        await patchEmulatorAccountAsync(dynamicsId, {address1_city: 'Porto'});
        await table.updateRecordsAsync([{id: 'recAdatum', fields: {fldCity: 'Faro'}}]);
        await syncAsync();

        const row = screen.getByRole('button', {name: 'Open Adatum Corporation'});
        expect(screen.getByText('Conflicts: 1')).toBeTruthy();
        expect(within(row).getByText(/Kept the Airtable value/)).toBeTruthy();
        expect(app.driver.globalConfig.get(ConfigKeys.conflictPolicy)).toBe('airtableWins');
        expect(app.driver.globalConfig.get(ConfigKeys.mapping)).not.toHaveProperty(
            'conflictPolicy',
        );
    });
});

async function readDynamicsIdAsync(app: RenderedApp, recordId: string): Promise<string> {
    const table = app.driver.base.getTableById('tblAccounts');
    const query = await table.selectRecordsAsync({fields: ['fldDynamicsId']});
    const dynamicsId = query.getRecordById(recordId).getCellValueAsString('fldDynamicsId');
    query.unloadData();
    return dynamicsId;
}

/** Changes an account through the Web API, as a Dynamics user would. */
async function patchEmulatorAccountAsync(
    id: string,
    values: Record<string, unknown>,
): Promise<void> {
    const response = await fetch(`${emulator.url}/api/data/v9.2/accounts(${id})`, {
        method: 'PATCH',
        headers: {
            Authorization: `Bearer ${DEV_TOKEN}`,
            'Content-Type': 'application/json',
            'If-Match': '*',
        },
        body: JSON.stringify(values),
    });
    if (!response.ok) {
        throw new Error(`The emulator rejected the update of ${id}: ${response.status}`);
    }
}
