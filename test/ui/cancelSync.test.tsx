/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {fireEvent, screen, waitFor} from '@testing-library/react';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {consoleLogger} from '../../dev/sandbox/consoleLogger';
import {ADATUM, LITWARE, createAccountsFixture} from '../fixtures/accountsBase';
import {
    approveRunPreviewAsync,
    createConnectedConfig,
    createTestEnvironment,
    findEnabledButtonAsync,
    RUN_PREVIEW_HEADING,
    renderApp,
} from './renderApp';

/** A whole sync over HTTP takes a few seconds, and findBy* waits 1 s by default. */
const SYNC_TIMEOUT_MS = 15_000;

const STOPPING_TEXT = /^Stopping the sync once the writes already sent have finished/;

let emulator: RunningEmulator;

beforeEach(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 5});
});

afterEach(async () => {
    await emulator.closeAsync();
    jest.restoreAllMocks();
});

/** A `fetch` that delays the first write request until `release` is called, like a slow network. */
interface HeldWrite {
    readonly fetch: typeof fetch;
    readonly isHeld: () => boolean;
    release(): void;
}

function holdFirstWrite(): HeldWrite {
    let release = () => {};
    const released = new Promise<void>(resolve => {
        release = resolve;
    });
    let isHeld = false;
    return {
        fetch: async (input, init) => {
            if ((init?.method ?? 'GET') !== 'GET' && !isHeld) {
                isHeld = true;
                await released;
            }
            return fetch(input, init);
        },
        isHeld: () => isHeld,
        release: () => release(),
    };
}

function renderConnectedApp(fetchFunction: typeof fetch): void {
    const fixture = createAccountsFixture({
        records: [ADATUM, LITWARE],
        globalConfig: createConnectedConfig(emulator.url),
    });
    // The sandbox's logger, which writes to the browser console, as the sandbox page does.
    const environment = {...createTestEnvironment(fetchFunction, DEV_TOKEN), logger: consoleLogger};
    renderApp(fixture, environment);
}

/** Starts a sync, approves its preview and waits until its first write is in flight. */
async function startHeldSyncAsync(write: HeldWrite): Promise<void> {
    fireEvent.click(await findEnabledButtonAsync('Sync now'));
    await approveRunPreviewAsync(SYNC_TIMEOUT_MS);
    await waitFor(() => expect(write.isHeld()).toBe(true), {timeout: SYNC_TIMEOUT_MS});
}

function silenceConsoleInfo(): void {
    jest.spyOn(console, 'info').mockImplementation(() => {});
    jest.spyOn(console, 'debug').mockImplementation(() => {});
}

describe('Cancel', () => {
    test('shows stopping at once', async () => {
        silenceConsoleInfo();
        const write = holdFirstWrite();
        renderConnectedApp(write.fetch);
        await startHeldSyncAsync(write);

        fireEvent.click(screen.getByRole('button', {name: 'Cancel'}));

        expect(screen.getByText(STOPPING_TEXT)).toBeTruthy();
        expect(screen.getByRole('button', {name: 'Cancel'})).toHaveProperty('disabled', true);
        expect(screen.queryByText('A sync is running.')).toBeNull();
        write.release();
        await screen.findByText('Sync cancelled', {}, {timeout: SYNC_TIMEOUT_MS});
    });

    test('ends with the run summary', async () => {
        silenceConsoleInfo();
        const write = holdFirstWrite();
        renderConnectedApp(write.fetch);
        await startHeldSyncAsync(write);

        fireEvent.click(screen.getByRole('button', {name: 'Cancel'}));
        write.release();
        await screen.findByText('Sync cancelled', {}, {timeout: SYNC_TIMEOUT_MS});

        // The write in flight when Cancel was pressed still finishes its records.
        expect(screen.getByText('Created in Dynamics: 2')).toBeTruthy();
        expect(screen.getByText(/^The sync was cancelled\./)).toBeTruthy();
        expect(screen.queryByText(STOPPING_TEXT)).toBeNull();
        expect(screen.queryByRole('button', {name: 'Cancel'})).toBeNull();
    });

    test('logs no console error', async () => {
        silenceConsoleInfo();
        const consoleError = jest.spyOn(console, 'error');
        const write = holdFirstWrite();
        renderConnectedApp(write.fetch);
        await startHeldSyncAsync(write);

        fireEvent.click(screen.getByRole('button', {name: 'Cancel'}));
        write.release();
        await screen.findByText('Sync cancelled', {}, {timeout: SYNC_TIMEOUT_MS});

        expect(consoleError).not.toHaveBeenCalled();
    });

    test('closes an open run preview', async () => {
        silenceConsoleInfo();
        const consoleError = jest.spyOn(console, 'error');
        renderConnectedApp(fetch);
        fireEvent.click(await findEnabledButtonAsync('Sync now'));
        await screen.findByText(RUN_PREVIEW_HEADING, {}, {timeout: SYNC_TIMEOUT_MS});

        // The dialog has a Cancel button too, and renders after the panel's.
        fireEvent.click(screen.getAllByRole('button', {name: 'Cancel'})[0]!);

        expect(await screen.findByText('Sync cancelled')).toBeTruthy();
        expect(screen.queryByText(RUN_PREVIEW_HEADING)).toBeNull();
        expect(screen.getByText('Created in Dynamics: 0')).toBeTruthy();
        expect(consoleError).not.toHaveBeenCalled();
    });
});
