/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {
    BrowserAuthError,
    BrowserAuthErrorCodes,
    InteractionRequiredAuthError,
} from '@azure/msal-browser';
import {fireEvent, screen} from '@testing-library/react';
import {AUTH_ERROR_MESSAGES} from '../../frontend/auth/authErrors';
import {createAccountsFixture} from '../fixtures/accountsBase';
import {ALICE, FakeAuthClient, tokenResult} from '../auth/fakeAuthClient';
import {
    createConnectedConfig,
    createFakeMsalEnvironment,
    findEnabledButtonAsync,
    renderApp,
} from './renderApp';

const ENVIRONMENT_URL = 'http://127.0.0.1:7071';

const offlineFetch = async (url: string): Promise<Response> => {
    throw new TypeError(`This test has no network; it requested ${url}.`);
};

function renderWithClient(client: FakeAuthClient) {
    const fixture = createAccountsFixture({globalConfig: createConnectedConfig(ENVIRONMENT_URL)});
    return renderApp(fixture, createFakeMsalEnvironment(offlineFetch, client));
}

function signedInClient(): FakeAuthClient {
    const client = new FakeAuthClient();
    client.accounts = [ALICE];
    return client;
}

describe('Sign-in', () => {
    test('offers sign-in when signed out', async () => {
        renderWithClient(new FakeAuthClient());

        expect(await findEnabledButtonAsync('Sign in to Dynamics')).toBeTruthy();
        expect(screen.getByRole('button', {name: 'Sync now'})).toHaveProperty('disabled', true);
        expect(screen.getByText('Sign in to Dynamics to sync.')).toHaveProperty('role', 'note');
    });

    test('opens the popup within the click', async () => {
        const client = new FakeAuthClient().queuePopup(tokenResult('token-1'));
        renderWithClient(client);
        const button = await findEnabledButtonAsync('Sign in to Dynamics');

        fireEvent.click(button);

        // No await between the click and this check: the popup request was already made.
        expect(client.popupRequests).toHaveLength(1);
        expect(client.popupRequests[0]?.kind).toBe('login');
        expect(client.popupRequests[0]?.request.scopes).toEqual([
            `${ENVIRONMENT_URL}/user_impersonation`,
        ]);
        await screen.findByText('Signed in as Alice Example');
    });

    test('shows the signed-in name', async () => {
        const client = new FakeAuthClient().queuePopup(tokenResult('token-1'));
        renderWithClient(client);

        fireEvent.click(await findEnabledButtonAsync('Sign in to Dynamics'));

        expect(await screen.findByText('Signed in as Alice Example')).toBeTruthy();
        expect((await findEnabledButtonAsync('Sync now')).disabled).toBe(false);
    });

    test('restores a cached account', async () => {
        const client = signedInClient();
        renderWithClient(client);

        expect(await screen.findByText('Signed in as Alice Example')).toBeTruthy();
        expect(client.popupRequests).toHaveLength(0);
    });

    test('signs out in this tab', async () => {
        const client = signedInClient();
        renderWithClient(client);

        fireEvent.click(await screen.findByText('Sign out'));

        expect(await findEnabledButtonAsync('Sign in to Dynamics')).toBeTruthy();
        expect(client.clearedAccounts).toEqual([ALICE]);
        expect(client.accounts).toEqual([]);
    });

    test('asks to sign in again', async () => {
        const client = signedInClient().queueSilent(
            new InteractionRequiredAuthError('interaction_required', 'correlation-id'),
        );
        renderWithClient(client);

        fireEvent.click(await findEnabledButtonAsync('Test connection'));

        expect(await findEnabledButtonAsync('Sign in again')).toBeTruthy();
        expect(screen.getAllByText(AUTH_ERROR_MESSAGES.interactionRequired)).not.toHaveLength(0);
        expect(screen.getByText('Error code: interaction_required')).toBeTruthy();
        expect(screen.getByRole('button', {name: 'Sync now'})).toHaveProperty('disabled', true);
    });

    test('signs in again with a popup', async () => {
        const client = signedInClient()
            .queueSilent(new InteractionRequiredAuthError('interaction_required', 'correlation-id'))
            .queuePopup(tokenResult('token-2'));
        renderWithClient(client);
        fireEvent.click(await findEnabledButtonAsync('Test connection'));

        fireEvent.click(await findEnabledButtonAsync('Sign in again'));

        expect(await screen.findByText('Signed in as Alice Example')).toBeTruthy();
        expect(client.popupRequests.map(({kind}) => kind)).toEqual(['acquire']);
    });

    test('explains a blocked popup', async () => {
        const client = new FakeAuthClient().queuePopup(
            new BrowserAuthError(BrowserAuthErrorCodes.emptyWindowError, 'correlation-id'),
        );
        renderWithClient(client);

        fireEvent.click(await findEnabledButtonAsync('Sign in to Dynamics'));

        expect(await screen.findByText(AUTH_ERROR_MESSAGES.popupBlocked)).toBeTruthy();
        expect(screen.getByText('Error code: empty_window_error')).toBeTruthy();
        expect(await findEnabledButtonAsync('Sign in to Dynamics')).toBeTruthy();
    });

    test('reports a session that fails to start', async () => {
        const fixture = createAccountsFixture({
            globalConfig: createConnectedConfig(ENVIRONMENT_URL),
        });
        const environment = {
            ...createFakeMsalEnvironment(offlineFetch, new FakeAuthClient()),
            createSignInSessionAsync: async () => {
                throw new Error('The authority is not trusted.');
            },
        };

        renderApp(fixture, environment);

        expect((await screen.findByRole('alert')).textContent).toBe(
            "Couldn't prepare the Microsoft sign-in with these connection settings: The " +
                'authority is not trusted. Check them in the settings.',
        );
    });
});
