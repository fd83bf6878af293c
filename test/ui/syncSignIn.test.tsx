/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {InteractionRequiredAuthError} from '@azure/msal-browser';
import {fireEvent, screen} from '@testing-library/react';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {DYNAMICS_WRITES_PER_GROUP} from '../../frontend/sync/apply/dynamicsWriter';
import {accountRecord, createAccountsFixture, type RecordFixture} from '../fixtures/accountsBase';
import {ALICE, FakeAuthClient, tokenResult} from '../auth/fakeAuthClient';
import {
    createConnectedConfig,
    createFakeMsalEnvironment,
    approveRunPreviewAsync,
    findEnabledButtonAsync,
    finishSyncAsync,
    renderApp,
    type RenderedApp,
} from './renderApp';

const SYNC_TIMEOUT_MS = 20_000;
// One full group of Dynamics writes goes out before the sign-in expires, and the rest wait.
const ROW_COUNT = DYNAMICS_WRITES_PER_GROUP + 30;
// The emulator's ten sample accounts, which the first sync adds to the base.
const SAMPLE_ACCOUNT_COUNT = 10;

let emulator: RunningEmulator;

beforeEach(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 0});
});

afterEach(async () => {
    await emulator.closeAsync();
});

function createRows(): RecordFixture[] {
    return Array.from({length: ROW_COUNT}, (_, index) => {
        const number = String(index + 1).padStart(3, '0');
        return accountRecord(`recRow${number}`, {fldName: `Row ${number}`});
    });
}

/** Counts the account writes, which the Dataverse side sends inside `$batch` requests. */
function countAccountWrites(): number {
    return emulator.batchPartLog.filter(
        ({method, path}) => method === 'PATCH' && path.startsWith('/api/data/v9.2/accounts('),
    ).length;
}

async function countBaseRowsAsync(app: RenderedApp): Promise<number> {
    const query = await app.driver.base.getTableById('tblAccounts').selectRecordsAsync({
        fields: ['fldName'],
    });
    const count = query.records.length;
    query.unloadData();
    return count;
}

async function listAccountNamesAsync(): Promise<string[]> {
    const response = await fetch(`${emulator.url}/api/data/v9.2/accounts?$select=name`, {
        headers: {Authorization: `Bearer ${DEV_TOKEN}`, Accept: 'application/json'},
    });
    const body = (await response.json()) as {value: Array<{name: string}>};
    return body.value.map(({name}) => name);
}

/**
 * Returns a client whose silent token requests fail with `interaction_required` once the emulator
 * has received one group of account writes, until the next popup sign-in.
 */
function createExpiringClient(): FakeAuthClient {
    const client = new FakeAuthClient();
    client.accounts = [ALICE];
    let hasSignedInAgain = false;
    client.silentHandler = async () => {
        if (!hasSignedInAgain && countAccountWrites() >= DYNAMICS_WRITES_PER_GROUP) {
            throw new InteractionRequiredAuthError('interaction_required', 'correlation-id');
        }
        return tokenResult(DEV_TOKEN);
    };
    const loginAgain = client.acquireTokenPopup.bind(client);
    client.acquireTokenPopup = request => {
        hasSignedInAgain = true;
        return loginAgain(request);
    };
    return client;
}

describe('Sync paused for sign-in', () => {
    test('resumes without duplicates', async () => {
        const client = createExpiringClient();
        const fixture = createAccountsFixture({
            records: createRows(),
            globalConfig: createConnectedConfig(emulator.url),
        });
        const app = renderApp(fixture, createFakeMsalEnvironment(fetch, client));

        fireEvent.click(await findEnabledButtonAsync('Sync now'));
        await approveRunPreviewAsync(SYNC_TIMEOUT_MS);
        await screen.findByText('Sync stopped', {}, {timeout: SYNC_TIMEOUT_MS});
        const writesBeforePause = countAccountWrites();
        client.queuePopup(tokenResult(DEV_TOKEN));
        fireEvent.click(await findEnabledButtonAsync('Sign in to continue'));
        await finishSyncAsync(SYNC_TIMEOUT_MS);

        const names = await listAccountNamesAsync();
        const rowNames = names.filter(name => name.startsWith('Row '));
        const resentStatuses = emulator.batchPartLog
            .filter(({method}) => method === 'PATCH')
            .slice(writesBeforePause)
            .map(({status}) => status);
        expect(writesBeforePause).toBe(DYNAMICS_WRITES_PER_GROUP);
        expect(rowNames).toHaveLength(ROW_COUNT);
        expect(new Set(rowNames).size).toBe(ROW_COUNT);
        // Each group's rows get their final state before the next group is sent, so the second
        // run sends none of the creates finished before the pause.
        expect(resentStatuses.filter(status => status === 412)).toHaveLength(0);
        expect(resentStatuses.filter(status => status === 201)).toHaveLength(
            ROW_COUNT - writesBeforePause,
        );
        expect(await countBaseRowsAsync(app)).toBe(ROW_COUNT + SAMPLE_ACCOUNT_COUNT);
        expect(client.popupRequests.map(({kind}) => kind)).toEqual(['acquire']);
        expect(screen.getByText('Signed in as Alice Example')).toBeTruthy();
        // The summary shown is the resumed run's, which creates only the records left.
        expect(
            screen.getByText(`Created in Dynamics: ${ROW_COUNT - writesBeforePause}`),
        ).toBeTruthy();
    });

    test('syncs nothing more afterwards', async () => {
        const client = createExpiringClient();
        const fixture = createAccountsFixture({
            records: createRows(),
            globalConfig: createConnectedConfig(emulator.url),
        });
        renderApp(fixture, createFakeMsalEnvironment(fetch, client));
        fireEvent.click(await findEnabledButtonAsync('Sync now'));
        await approveRunPreviewAsync(SYNC_TIMEOUT_MS);
        await screen.findByText('Sync stopped', {}, {timeout: SYNC_TIMEOUT_MS});
        client.queuePopup(tokenResult(DEV_TOKEN));
        fireEvent.click(await findEnabledButtonAsync('Sign in to continue'));
        await finishSyncAsync(SYNC_TIMEOUT_MS);
        const writesBeforeThirdRun = countAccountWrites();

        fireEvent.click(await findEnabledButtonAsync('Sync now'));
        await screen.findByText('Created in Dynamics: 0', {}, {timeout: SYNC_TIMEOUT_MS});

        expect(countAccountWrites()).toBe(writesBeforeThirdRun);
        expect(screen.getByText('Created in Airtable: 0')).toBeTruthy();
        expect(screen.getByText(`Unchanged: ${ROW_COUNT + SAMPLE_ACCOUNT_COUNT}`)).toBeTruthy();
    });

    test('shows why the sync paused', async () => {
        const client = createExpiringClient();
        const fixture = createAccountsFixture({
            records: createRows(),
            globalConfig: createConnectedConfig(emulator.url),
        });
        renderApp(fixture, createFakeMsalEnvironment(fetch, client));

        fireEvent.click(await findEnabledButtonAsync('Sync now'));
        await approveRunPreviewAsync(SYNC_TIMEOUT_MS);

        expect(
            await screen.findByText('Sync stopped', {}, {timeout: SYNC_TIMEOUT_MS}),
        ).toBeTruthy();
        expect(await findEnabledButtonAsync('Sign in to continue')).toBeTruthy();
        expect(await findEnabledButtonAsync('Sign in again')).toBeTruthy();
        // The run history repeats the message, so the panel's own alert is the one checked.
        const alerts = screen.getAllByRole('alert').map(alert => alert.textContent);
        expect(alerts).toContainEqual(
            expect.stringMatching(/^The sync stopped because writing records for 'Accounts'/),
        );
    });
});
