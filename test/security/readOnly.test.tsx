/**
 * @jest-environment ./test/setup/jsdomEnvironment.ts
 *
 * A collaborator without edit rights in the base must not change anything through the extension.
 * Sync and Clean up are disabled with the reason, the settings can't be changed, and however much
 * such a collaborator clicks, no write reaches the base, globalConfig or Dynamics.
 */
import '@airtable/blocks-testing';
import {act, fireEvent, screen} from '@testing-library/react';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {ConfigKeys} from '../../frontend/settings/configKeys';
import {ADATUM, createAccountsFixture} from '../fixtures/accountsBase';
import {
    createConnectedConfig,
    createTestEnvironment,
    renderApp,
    waitForSignInPreparedAsync,
    type RenderedApp,
} from '../ui/renderApp';

/** Methods that change data in Dynamics, or carry changes inside a `$batch`. */
const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

let emulator: RunningEmulator;

beforeEach(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 3});
});

afterEach(async () => {
    await emulator.closeAsync();
});

interface ReadOnlyApp extends RenderedApp {
    /** Every change the base or globalConfig received, as TestDriver reports it. */
    readonly mutations: unknown[];
}

function renderReadOnlyApp(): ReadOnlyApp {
    const fixture = createAccountsFixture({
        records: [ADATUM],
        globalConfig: createConnectedConfig(emulator.url),
    });
    const app = renderApp(fixture, createTestEnvironment(fetch, DEV_TOKEN), {isReadOnly: true});
    const mutations: unknown[] = [];
    app.driver.watch('mutation', mutation => mutations.push(mutation));
    return {...app, mutations};
}

function getButton(name: string): HTMLButtonElement {
    const button = screen.getByRole('button', {name});
    if (!(button instanceof HTMLButtonElement)) {
        throw new Error(`"${name}" is not a button element.`);
    }
    return button;
}

function listDynamicsWrites(): string[] {
    return emulator.requestLog
        .filter(entry => WRITE_METHODS.has(entry.method))
        .map(entry => `${entry.method} ${entry.path}`);
}

/**
 * Gives a write that a click might have started the time to reach the base or the emulator. The
 * wait runs inside `act`, because the panels render what they load meanwhile.
 */
async function settleAsync(): Promise<void> {
    await act(async () => {
        await new Promise(resolve => setTimeout(resolve, 500));
    });
}

describe('read-only collaborator', () => {
    test('sees Sync disabled with reason', async () => {
        renderReadOnlyApp();
        await waitForSignInPreparedAsync();

        expect(getButton('Sync now').disabled).toBe(true);
        expect(screen.getByText(/^Only people who can edit records in "Accounts"/)).toBeTruthy();
    });

    test('sees Clean up disabled with reason', async () => {
        renderReadOnlyApp();
        await waitForSignInPreparedAsync();

        expect(getButton('Clean up').disabled).toBe(true);
        expect(
            screen.getByText(/^Only people who can delete records in "Accounts" can clean it up/),
        ).toBeTruthy();
    });

    test('writes nothing when clicking everything', async () => {
        const app = renderReadOnlyApp();
        await waitForSignInPreparedAsync();
        const rowsBefore = await readCellsAsync(app);

        fireEvent.click(getButton('Sync now'));
        fireEvent.click(getButton('Clean up'));
        fireEvent.click(screen.getByText('Airtable wins'));
        await settleAsync();

        expect(app.mutations).toEqual([]);
        expect(listDynamicsWrites()).toEqual([]);
        expect(app.driver.globalConfig.get(ConfigKeys.conflictPolicy)).toBeUndefined();
        expect(await readCellsAsync(app)).toEqual(rowsBefore);
        expect(screen.queryByText(/^Sync (finished|stopped|cancelled)$/)).toBeNull();
    });

    test('cannot edit connection settings', async () => {
        const app = renderReadOnlyApp();
        await waitForSignInPreparedAsync();

        fireEvent.click(screen.getByText('Connection settings'));
        const urlInput = screen.getByLabelText('Environment URL');
        fireEvent.change(urlInput, {target: {value: 'https://attacker.crm.dynamics.com'}});
        await settleAsync();

        expect(urlInput).toHaveProperty('disabled', true);
        expect(screen.queryByRole('button', {name: 'Save'})).toBeNull();
        expect(app.driver.globalConfig.get(ConfigKeys.environmentUrl)).toBe(emulator.url);
        expect(app.mutations).toEqual([]);
    });
});

/** Reads every cell of the Accounts table as JSON text, in row and field order. */
async function readCellsAsync(app: RenderedApp): Promise<string[]> {
    const table = app.driver.base.getTableById('tblAccounts');
    const query = await table.selectRecordsAsync({fields: table.fields});
    const cells = query.records.flatMap(record =>
        table.fields.map(field => JSON.stringify(record.getCellValue(field))),
    );
    query.unloadData();
    return cells;
}
