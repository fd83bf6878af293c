/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import TestDriver from '@airtable/blocks-testing';
import type {GlobalConfigValue} from '@airtable/blocks/types';
import {MutationTypes} from '@airtable/blocks/unstable_testing_utils';
import {fireEvent, render, screen, waitFor, within} from '@testing-library/react';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {ConfigKeys} from '../../frontend/settings/configKeys';
import {
    MAX_RUN_HISTORY_ENTRIES,
    parseRunHistory,
    RUN_HISTORY_VERSION,
    ZERO_RUN_COUNTS,
    type RunHistoryEntry,
    type StoredRunHistory,
} from '../../frontend/settings/runHistory';
import {App} from '../../frontend/ui/App';
import {ADATUM, LITWARE, createAccountsFixture} from '../fixtures/accountsBase';
import {
    createConnectedConfig,
    createTestEnvironment,
    findEnabledButtonAsync,
    finishSyncAsync,
    waitForSignInPreparedAsync,
} from './renderApp';

/** A whole sync over HTTP takes a few seconds; findBy* waits 1 s by default. */
const SYNC_TIMEOUT_MS = 15_000;

/** The name of the fixture's first collaborator, whom the TestDriver signs in. */
const CURRENT_USER_NAME = 'Eda Editor';

const FIRST_START_MS = Date.parse('2026-01-05T08:00:00.000Z');

let emulator: RunningEmulator;

beforeEach(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 3});
});

afterEach(async () => {
    await emulator.closeAsync();
});

/** Builds a run by another collaborator, started `index` minutes after `FIRST_START_MS`. */
function storedEntry(index: number): RunHistoryEntry {
    return {
        startedAt: new Date(FIRST_START_MS + index * 60_000).toISOString(),
        durationMs: 2_000,
        outcome: {status: 'finished'},
        counts: {...ZERO_RUN_COUNTS, unchanged: index},
        ranBy: 'Olga Owner',
    };
}

function storedHistory(count: number): StoredRunHistory {
    return {
        version: RUN_HISTORY_VERSION,
        entries: Array.from({length: count}, (_, index) => storedEntry(index)),
    };
}

/** Copies a stored history into globalConfig's JSON value type, which fixtures take. */
function toConfigValue(history: StoredRunHistory): GlobalConfigValue {
    return JSON.parse(JSON.stringify(history)) as GlobalConfigValue;
}

interface RenderOptions {
    readonly history?: StoredRunHistory;
    /** Denies every globalConfig write, as for a collaborator who may edit records only. */
    readonly canWriteConfig?: boolean;
    /** Denies every write, as for a read-only collaborator. */
    readonly isReadOnly?: boolean;
}

/**
 * Renders the App connected to the emulator. Permission checks are set before the first render,
 * because the TestDriver does not re-render components when they change.
 */
function renderConnectedApp(options: RenderOptions = {}): TestDriver {
    const globalConfig = {
        ...createConnectedConfig(emulator.url),
        ...(options.history === undefined
            ? {}
            : {[ConfigKeys.runHistory]: toConfigValue(options.history)}),
    };
    const driver = new TestDriver(
        createAccountsFixture({records: [ADATUM, LITWARE], globalConfig}),
    );
    if (options.isReadOnly === true) {
        driver.simulatePermissionCheck(() => false);
    } else if (options.canWriteConfig === false) {
        driver.simulatePermissionCheck(
            mutation => mutation.type !== MutationTypes.SET_MULTIPLE_GLOBAL_CONFIG_PATHS,
        );
    }
    render(
        <driver.Container>
            <App environment={createTestEnvironment(fetch, DEV_TOKEN)} />
        </driver.Container>,
    );
    return driver;
}

async function syncAsync(): Promise<void> {
    fireEvent.click(await findEnabledButtonAsync('Sync now'));
    await finishSyncAsync(SYNC_TIMEOUT_MS);
}

function readStoredEntries(driver: TestDriver): readonly RunHistoryEntry[] {
    return parseRunHistory(driver.globalConfig.get(ConfigKeys.runHistory)).entries;
}

/** Reads a count from the run summary, the only counts shown while no history row is open. */
function readShownCount(label: string): number {
    const text = screen.getByText(new RegExp(`^${label}: \\d+$`)).textContent ?? '';
    return Number(text.slice(label.length + 2));
}

function listShownRuns(): string[] {
    const list = screen.getByRole('list', {name: 'Recent syncs'});
    return within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent ?? '');
}

describe('Run history', () => {
    test('appends an entry per run', async () => {
        const driver = renderConnectedApp();

        await syncAsync();

        await waitFor(() => expect(readStoredEntries(driver)).toHaveLength(1));
        const [entry] = readStoredEntries(driver);
        expect(entry?.outcome).toEqual({status: 'finished'});
        expect(entry?.ranBy).toBe(CURRENT_USER_NAME);
        expect(entry?.counts.createdInAirtable).toBeGreaterThan(0);
        expect(entry?.counts.createdInAirtable).toBe(readShownCount('Created in Airtable'));
        expect(entry?.counts.createdInDynamics).toBe(2);
        expect(await screen.findByText(/Finished · .* · Eda Editor$/)).toBeTruthy();
    });

    test('drops the oldest at 21', async () => {
        const driver = renderConnectedApp({history: storedHistory(MAX_RUN_HISTORY_ENTRIES)});

        await syncAsync();

        await waitFor(() => expect(readStoredEntries(driver)[0]).toEqual(storedEntry(1)));
        const entries = readStoredEntries(driver);
        expect(entries).toHaveLength(MAX_RUN_HISTORY_ENTRIES);
        expect(entries.at(-1)?.ranBy).toBe(CURRENT_USER_NAME);
        expect(entries.map(entry => entry.startedAt)).not.toContain(storedEntry(0).startedAt);
    });

    test('lists the newest run first', async () => {
        renderConnectedApp({history: storedHistory(2)});

        await syncAsync();

        await waitFor(() => expect(listShownRuns()).toHaveLength(3));
        const runLines = listShownRuns();
        expect(runLines[0]).toMatch(/Eda Editor$/);
        expect(runLines[1]).toMatch(/Olga Owner$/);
        expect(runLines[2]).toMatch(/Olga Owner$/);
    });

    test('skips saving without config access', async () => {
        const driver = renderConnectedApp({history: storedHistory(2), canWriteConfig: false});

        await syncAsync();

        expect(readStoredEntries(driver)).toEqual(storedHistory(2).entries);
        expect(listShownRuns()).toHaveLength(2);
        expect(screen.getByText(/^Your syncs are not added here\./)).toBeTruthy();
    });

    test('shows history to read-only users', async () => {
        const driver = renderConnectedApp({history: storedHistory(2), isReadOnly: true});
        await waitForSignInPreparedAsync();

        const runLines = listShownRuns();

        expect(runLines).toHaveLength(2);
        expect(runLines[0]).toMatch(/Finished · 2\.0 s · Olga Owner$/);
        expect(readStoredEntries(driver)).toEqual(storedHistory(2).entries);
    });

    test('expands a run to its counts', async () => {
        renderConnectedApp({history: storedHistory(8), isReadOnly: true});
        await waitForSignInPreparedAsync();
        const [newest] = screen.getAllByRole('button', {name: /^Show counts of the sync on/});
        expect(screen.queryByText('Unchanged: 7')).toBeNull();

        fireEvent.click(newest as HTMLElement);

        expect(screen.getByText('Unchanged: 7')).toBeTruthy();
        expect(screen.getByText('Failed: 0')).toBeTruthy();
    });
});
