/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {
    BrowserAuthError,
    BrowserAuthErrorCodes,
    InteractionRequiredAuthError,
} from '@azure/msal-browser';
import {act, fireEvent, screen, waitFor} from '@testing-library/react';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {AUTH_ERROR_MESSAGES} from '../../frontend/auth/authErrors';
import type {ExtensionEnvironment} from '../../frontend/ui/environment';
import {createAccountsFixture} from '../fixtures/accountsBase';
import type {AuthResult} from '../../frontend/auth/authClient';
import {FakeAuthClient, tokenResult} from '../auth/fakeAuthClient';
import {
    createConnectedConfig,
    createFakeMsalEnvironment,
    createTestEnvironment,
    findEnabledButtonAsync,
    renderApp,
} from './renderApp';

const CONNECTED_TO_EMULATOR = 'Connected to Contoso (local emulator) as Local Developer';
const WAITING_FOR_SIGN_IN = 'Waiting for you to sign in in the Microsoft window…';
const TESTING = 'Testing the connection…';

let emulator: RunningEmulator;

beforeEach(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 0});
});

afterEach(async () => {
    await emulator.closeAsync();
});

function renderConnected(environmentUrl: string, environment: ExtensionEnvironment) {
    const fixture = createAccountsFixture({globalConfig: createConnectedConfig(environmentUrl)});
    return renderApp(fixture, environment);
}

async function testConnectionAsync(): Promise<void> {
    const button = await findEnabledButtonAsync('Test connection');
    // The click starts a sign-in whose popup settles a few microtasks later. Awaiting an async
    // act lets the session's state updates from it happen inside act.
    await act(async () => {
        fireEvent.click(button);
    });
}

/** Serves `status` with an HTML body for every path, like a web server that is not Dataverse. */
async function startPlainServerAsync(status: number): Promise<Server> {
    const server = createServer((_request, response) => {
        response.writeHead(status, {'Content-Type': 'text/html'});
        response.end('<html><body>Not here</body></html>');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return server;
}

function urlOf(server: Server): string {
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closeAsync(server: Server): Promise<void> {
    await new Promise<void>((resolve, reject) =>
        server.close(error => (error ? reject(error) : resolve())),
    );
}

/** Returns a `fetch` that returns a Dataverse 403 for WhoAmI and sends other requests on. */
function forbidWhoAmI(code: string, message: string): ExtensionEnvironment['fetch'] {
    return async (url, init) => {
        if (!url.endsWith('/WhoAmI')) {
            return fetch(url, init);
        }
        return new Response(JSON.stringify({error: {code, message}}), {
            status: 403,
            headers: {'Content-Type': 'application/json'},
        });
    };
}

/** A sign-in popup that stays open until the test settles it, as a person signing in would. */
interface OpenPopup {
    readonly client: FakeAuthClient;
    resolve(result: AuthResult): void;
    reject(error: Error): void;
}

function openPopupOnSignIn(): OpenPopup {
    const client = new FakeAuthClient();
    let settle = {resolve: (_result: AuthResult) => {}, reject: (_error: Error) => {}};
    client.loginPopup = request => {
        client.popupRequests.push({kind: 'login', request});
        return new Promise<AuthResult>((resolve, reject) => {
            settle = {resolve, reject};
        });
    };
    return {
        client,
        resolve: result => act(() => settle.resolve(result)),
        reject: error => act(() => settle.reject(error)),
    };
}

describe('Test connection', () => {
    test('names the organization and user', async () => {
        renderConnected(emulator.url, createTestEnvironment(fetch, DEV_TOKEN));

        await testConnectionAsync();

        expect(await screen.findByText(CONNECTED_TO_EMULATOR)).toBeTruthy();
        expect(emulator.requestLog.map(({path}) => path)).toEqual([
            '/api/data/v9.2/WhoAmI',
            expect.stringMatching(
                /^\/api\/data\/v9\.2\/systemusers\([0-9a-f-]+\)\?\$select=fullname$/,
            ),
            '/api/data/v9.2/organizations?$select=name',
        ]);
    });

    test('signs in first when needed', async () => {
        const client = new FakeAuthClient().queuePopup(tokenResult(DEV_TOKEN));
        client.silentHandler = async () => tokenResult(DEV_TOKEN);
        renderConnected(emulator.url, createFakeMsalEnvironment(fetch, client));

        await testConnectionAsync();

        expect(client.popupRequests).toHaveLength(1);
        expect(await screen.findByText(CONNECTED_TO_EMULATOR)).toBeTruthy();
        expect(screen.getByText('Signed in as Alice Example')).toBeTruthy();
    });

    test('waits for sign-in in popup', async () => {
        const popup = openPopupOnSignIn();
        popup.client.silentHandler = async () => tokenResult(DEV_TOKEN);
        renderConnected(emulator.url, createFakeMsalEnvironment(fetch, popup.client));

        await testConnectionAsync();

        expect(screen.getByText(WAITING_FOR_SIGN_IN)).toBeTruthy();
        expect(screen.queryByText(TESTING)).toBeNull();
        expect(screen.getByRole('button', {name: 'Test connection'})).toHaveProperty(
            'disabled',
            true,
        );
        expect(emulator.requestLog).toHaveLength(0);
        popup.resolve(tokenResult(DEV_TOKEN));
        expect(await screen.findByText(CONNECTED_TO_EMULATOR)).toBeTruthy();
        expect(screen.queryByText(WAITING_FOR_SIGN_IN)).toBeNull();
    });

    test('reports a closed popup', async () => {
        const popup = openPopupOnSignIn();
        renderConnected(emulator.url, createFakeMsalEnvironment(fetch, popup.client));
        await testConnectionAsync();

        popup.reject(new BrowserAuthError(BrowserAuthErrorCodes.userCancelled, 'correlation-id'));

        expect(
            await screen.findByText(
                'The Microsoft sign-in window was closed, or sign-in was cancelled in it, so ' +
                    'the connection was not tested. Click "Test connection" again and finish ' +
                    'signing in in that window.',
            ),
        ).toBeTruthy();
        expect(screen.queryByText(WAITING_FOR_SIGN_IN)).toBeNull();
        expect(screen.queryByText(TESTING)).toBeNull();
        expect(emulator.requestLog).toHaveLength(0);
        await waitFor(() =>
            expect(screen.getByRole('button', {name: 'Test connection'})).toHaveProperty(
                'disabled',
                false,
            ),
        );
    });

    test('reports missing admin consent', async () => {
        // Entra redirects back with error=consent_required and AADSTS65001 in its description.
        const consentError = new InteractionRequiredAuthError(
            'consent_required',
            'correlation-id',
            'AADSTS65001: The user or administrator has not consented to use the application.',
        );
        const client = new FakeAuthClient().queuePopup(consentError);
        renderConnected(emulator.url, createFakeMsalEnvironment(fetch, client));

        await testConnectionAsync();

        const alerts = await screen.findAllByText(AUTH_ERROR_MESSAGES.consentRequired);
        expect(alerts).not.toHaveLength(0);
        expect(emulator.requestLog).toHaveLength(0);
    });

    test('reports a rejected token', async () => {
        renderConnected(emulator.url, createTestEnvironment(fetch, 'not-the-dev-token'));

        await testConnectionAsync();

        expect(
            await screen.findByText(/rejected your sign-in token, also after a refresh/),
        ).toBeTruthy();
        expect(screen.getByText('Details: HTTP 401')).toBeTruthy();
        expect(emulator.requestLog.map(({status}) => status)).toEqual([401, 401]);
    });

    test('reports a missing licence', async () => {
        const environment = createTestEnvironment(
            forbidWhoAmI('0x80072560', 'The user is not a member of the organization.'),
            DEV_TOKEN,
        );
        renderConnected(emulator.url, environment);

        await testConnectionAsync();

        expect(await screen.findByText(AUTH_ERROR_MESSAGES.noLicence)).toBeTruthy();
        expect(
            screen.getByText(
                'Details: HTTP 403 0x80072560 The user is not a member of the organization.',
            ),
        ).toBeTruthy();
    });

    test('reports a missing role', async () => {
        const environment = createTestEnvironment(
            forbidWhoAmI('0x80040220', 'Principal user is missing prvReadUser privilege.'),
            DEV_TOKEN,
        );
        renderConnected(emulator.url, environment);

        await testConnectionAsync();

        expect(await screen.findByText(AUTH_ERROR_MESSAGES.noRole)).toBeTruthy();
    });

    test('reports a site without Dataverse', async () => {
        const server = await startPlainServerAsync(404);
        try {
            renderConnected(urlOf(server), createTestEnvironment(fetch, DEV_TOKEN));

            await testConnectionAsync();

            expect(
                await screen.findByText(
                    `${urlOf(server)} answered, but has no Dynamics 365 Web API at ` +
                        '/api/data/v9.2/. Check the environment URL: copy it from Power Apps > ' +
                        'Settings > Developer resources.',
                ),
            ).toBeTruthy();
        } finally {
            await closeAsync(server);
        }
    });

    test('reports an unreachable address', async () => {
        const server = await startPlainServerAsync(200);
        const environmentUrl = urlOf(server);
        await closeAsync(server);
        renderConnected(environmentUrl, createTestEnvironment(fetch, DEV_TOKEN));

        await testConnectionAsync();

        expect(
            await screen.findByText(
                `Couldn't reach ${environmentUrl}.`,
                {exact: false},
                {
                    timeout: 5_000,
                },
            ),
        ).toBeTruthy();
        expect(screen.getByText(/Details: fetch failed/)).toBeTruthy();
    });

    test('reports a blocked request', async () => {
        // Browsers reject a CORS failure with a bare TypeError that carries no cause.
        const blockedFetch: ExtensionEnvironment['fetch'] = async () => {
            throw new TypeError('Failed to fetch');
        };
        renderConnected(emulator.url, createTestEnvironment(blockedFetch, DEV_TOKEN));

        await testConnectionAsync();

        expect(
            await screen.findByText(
                /either no server has that address, or the browser blocked/,
                {},
                {
                    timeout: 5_000,
                },
            ),
        ).toBeTruthy();
    });
});
