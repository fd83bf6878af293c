/**
 * @jest-environment ./test/setup/jsdomEnvironment.ts
 *
 * Signs in with a token from the local provider, tests the connection and syncs with an emulator
 * that verifies tokens. Then it looks for the token and the account everywhere the extension
 * stores data that other people can read: globalConfig, every cell and the log.
 */
import '@airtable/blocks-testing';
import type {AccountInfo} from '@azure/msal-browser';
import {fireEvent, screen} from '@testing-library/react';
import {deserialize, serialize} from 'node:v8';
import {startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {startIdentityProviderAsync, type IdentityProvider} from '../../dev/idp/identityProvider';
import {createAccessTokenVerifier, type VerifyToken} from '../../dev/idp/tokenVerifier';
import type {LogEntry} from '../../frontend/sync/logger';
import {createAccountsFixture} from '../fixtures/accountsBase';
import {FakeAuthClient, tokenResult} from '../auth/fakeAuthClient';
import {
    createConnectedConfig,
    createFakeMsalEnvironment,
    findEnabledButtonAsync,
    finishSyncAsync,
    renderApp,
    type RenderedApp,
} from './renderApp';

const SYNC_TIMEOUT_MS = 15_000;

// jsdom 26 has no structuredClone, which jose calls to sign and check tokens. The claims are
// plain JSON, so a V8 serialisation round trip copies them the same way.
if (typeof globalThis.structuredClone !== 'function') {
    globalThis.structuredClone = <T,>(value: T): T => deserialize(serialize(value)) as T;
}

let provider: IdentityProvider;
let emulator: RunningEmulator;

beforeEach(async () => {
    provider = await startIdentityProviderAsync({port: 0});
    // The verifier needs the emulator's URL as the audience, which exists only once it listens.
    let verifyToken: VerifyToken | null = null;
    emulator = await startEmulatorAsync({
        port: 0,
        seedCount: 3,
        verifyToken: async token =>
            verifyToken === null ? {ok: false, reason: 'Not ready.'} : verifyToken(token),
    });
    verifyToken = createAccessTokenVerifier({
        jwksUrl: provider.jwksUrl,
        issuer: provider.issuer,
        audience: emulator.url,
        caCertificatePem: provider.caCertificatePem,
    });
});

afterEach(async () => {
    await emulator.closeAsync();
    await provider.closeAsync();
});

function toAccount(identityProvider: IdentityProvider): AccountInfo {
    const {user, tenantId} = identityProvider;
    return {
        homeAccountId: `${user.objectId}.${tenantId}`,
        environment: new URL(identityProvider.authority).host,
        tenantId,
        username: user.userPrincipalName,
        localAccountId: user.objectId,
        name: user.name,
    };
}

/** Reads every cell of every table as JSON text, one entry per cell. */
async function readAllCellsAsync(app: RenderedApp): Promise<string[]> {
    const cells: string[] = [];
    for (const table of app.driver.base.tables) {
        const query = await table.selectRecordsAsync({fields: table.fields});
        for (const record of query.records) {
            for (const field of table.fields) {
                cells.push(JSON.stringify(record.getCellValue(field)));
            }
        }
        query.unloadData();
    }
    return cells;
}

/** Returns all of globalConfig as JSON text. The SDK reads only paths, so this reads its store. */
function readGlobalConfigText(app: RenderedApp): string {
    const store = (app.driver.globalConfig as unknown as {_kvStore: unknown})._kvStore;
    return JSON.stringify(store);
}

describe('Session privacy', () => {
    test('keeps the session out of shared data', async () => {
        const token = await provider.createAccessTokenAsync({audience: emulator.url});
        const account = toAccount(provider);
        const client = new FakeAuthClient().queuePopup(tokenResult(token, account));
        client.silentHandler = async () => tokenResult(token, account);
        const logEntries: LogEntry[] = [];
        const environment = {
            ...createFakeMsalEnvironment(fetch, client),
            logger: {log: (entry: LogEntry) => logEntries.push(entry)},
        };
        const fixture = createAccountsFixture({globalConfig: createConnectedConfig(emulator.url)});
        const app = renderApp(fixture, environment);

        fireEvent.click(await findEnabledButtonAsync('Sign in to Dynamics'));
        await screen.findByText(`Signed in as ${provider.user.name}`);
        fireEvent.click(await findEnabledButtonAsync('Test connection'));
        await screen.findByText(/^Connected to Contoso \(local emulator\) as /);
        fireEvent.click(await findEnabledButtonAsync('Sync now'));
        await finishSyncAsync(SYNC_TIMEOUT_MS);

        const cells = await readAllCellsAsync(app);
        const globalConfigText = readGlobalConfigText(app);
        const logText = JSON.stringify(logEntries);
        const secrets = [
            token,
            provider.user.name,
            provider.user.userPrincipalName,
            provider.user.objectId,
        ];
        expect(cells.length).toBeGreaterThan(0);
        expect(logEntries.length).toBeGreaterThan(0);
        expect(globalConfigText).toContain(emulator.url);
        for (const secret of secrets) {
            expect(globalConfigText).not.toContain(secret);
            expect(cells.filter(cell => cell.includes(secret))).toEqual([]);
            expect(logText).not.toContain(secret);
        }
    });

    test('rejects a request without a token', async () => {
        const response = await fetch(`${emulator.url}/api/data/v9.2/WhoAmI`);

        expect(response.status).toBe(401);
    });
});
