import {
    BrowserAuthError,
    BrowserAuthErrorCodes,
    CacheLookupPolicy,
    InteractionRequiredAuthError,
} from '@azure/msal-browser';
import {AuthError} from '../../frontend/auth/authErrors';
import {MsalTokenProvider} from '../../frontend/auth/msalTokenProvider';
import type {SessionState, SignInResult} from '../../frontend/auth/sessionState';
import {ALICE, FakeAuthClient, tokenResult} from './fakeAuthClient';

const SCOPE = 'https://contoso.crm.dynamics.com/user_impersonation';

async function createProviderAsync(client: FakeAuthClient): Promise<MsalTokenProvider> {
    return MsalTokenProvider.createAsync({client, scopes: [SCOPE]});
}

async function getErrorAsync(promise: Promise<unknown>): Promise<AuthError> {
    try {
        await promise;
    } catch (error) {
        if (error instanceof AuthError) {
            return error;
        }
        throw error;
    }
    throw new Error('Expected the promise to reject with an AuthError.');
}

function signedInClient(): FakeAuthClient {
    const client = new FakeAuthClient();
    client.accounts = [ALICE];
    return client;
}

function getErrorOf(state: SignInResult): AuthError | null {
    return state.status === 'error' ? state.error : null;
}

function browserError(code: string): BrowserAuthError {
    return new BrowserAuthError(code, 'correlation-id');
}

describe('MsalTokenProvider start', () => {
    test('initialises the client', async () => {
        const client = new FakeAuthClient();

        await createProviderAsync(client);

        expect(client.isInitialized).toBe(true);
    });

    test('starts signed out without account', async () => {
        const provider = await createProviderAsync(new FakeAuthClient());

        expect(provider.getSessionState()).toEqual({status: 'signedOut'});
    });

    test('restores a cached account', async () => {
        const provider = await createProviderAsync(signedInClient());

        expect(provider.getSessionState()).toEqual({status: 'signedIn', userName: 'Alice Example'});
    });
});

describe('MsalTokenProvider.getTokenAsync', () => {
    test('returns the silent token', async () => {
        const client = signedInClient().queueSilent(tokenResult('token-1'));
        const provider = await createProviderAsync(client);

        const token = await provider.getTokenAsync({forceRefresh: false});

        expect(token).toBe('token-1');
        expect(client.silentRequests).toHaveLength(1);
        expect(client.silentRequests[0]?.scopes).toEqual([SCOPE]);
        expect(client.silentRequests[0]?.account).toBe(ALICE);
        expect(client.silentRequests[0]?.forceRefresh).toBe(false);
    });

    test('skips the hidden iframe renewal', async () => {
        const client = signedInClient().queueSilent(tokenResult('token-1'));
        const provider = await createProviderAsync(client);

        await provider.getTokenAsync({forceRefresh: false});

        expect(client.silentRequests[0]?.cacheLookupPolicy).toBe(
            CacheLookupPolicy.AccessTokenAndRefreshToken,
        );
    });

    test('passes forced refresh through', async () => {
        const client = signedInClient().queueSilent(tokenResult('fresh'));
        const provider = await createProviderAsync(client);

        const token = await provider.getTokenAsync({forceRefresh: true});

        expect(token).toBe('fresh');
        expect(client.silentRequests[0]?.forceRefresh).toBe(true);
    });

    test('shares one forced refresh', async () => {
        const client = signedInClient().queueSilent(tokenResult('fresh'));
        const provider = await createProviderAsync(client);

        const tokens = await Promise.all([
            provider.getTokenAsync({forceRefresh: true}),
            provider.getTokenAsync({forceRefresh: true}),
        ]);

        expect(tokens).toEqual(['fresh', 'fresh']);
        expect(client.silentRequests).toHaveLength(1);
    });

    test('asks again after a request settles', async () => {
        const client = signedInClient().queueSilent(tokenResult('one'), tokenResult('two'));
        const provider = await createProviderAsync(client);

        await provider.getTokenAsync({forceRefresh: false});
        const second = await provider.getTokenAsync({forceRefresh: false});

        expect(second).toBe('two');
        expect(client.silentRequests).toHaveLength(2);
    });

    test('requires interaction without account', async () => {
        const client = new FakeAuthClient();
        const provider = await createProviderAsync(client);

        const error = await getErrorAsync(provider.getTokenAsync({forceRefresh: false}));

        expect(error.code).toBe('interactionRequired');
        expect(client.silentRequests).toHaveLength(0);
        expect(client.popupRequests).toHaveLength(0);
        expect(provider.getSessionState().status).toBe('signedOut');
    });

    test('requires interaction when refresh fails', async () => {
        const client = signedInClient().queueSilent(
            new InteractionRequiredAuthError('interaction_required', 'correlation-id'),
        );
        const provider = await createProviderAsync(client);
        const states: SessionState[] = [];
        provider.subscribe(state => states.push(state));

        const error = await getErrorAsync(provider.getTokenAsync({forceRefresh: false}));

        expect(error.code).toBe('interactionRequired');
        expect(error.detail).toBe('interaction_required');
        expect(client.popupRequests).toHaveLength(0);
        expect(states.map(state => state.status)).toEqual(['interactionRequired']);
    });

    test('treats a silent timeout as interaction', async () => {
        const client = signedInClient().queueSilent(browserError(BrowserAuthErrorCodes.timedOut));
        const provider = await createProviderAsync(client);

        const error = await getErrorAsync(provider.getTokenAsync({forceRefresh: true}));

        expect(error.code).toBe('interactionRequired');
    });

    test('reports network failures without state change', async () => {
        const client = signedInClient().queueSilent(
            browserError(BrowserAuthErrorCodes.noNetworkConnectivity),
        );
        const provider = await createProviderAsync(client);

        const error = await getErrorAsync(provider.getTokenAsync({forceRefresh: false}));

        expect(error.code).toBe('network');
        expect(provider.getSessionState().status).toBe('signedIn');
    });
});

describe('MsalTokenProvider.signInAsync', () => {
    test('opens the popup synchronously', async () => {
        const client = new FakeAuthClient().queuePopup(tokenResult('token-1'));
        const provider = await createProviderAsync(client);

        const pending = provider.signInAsync();

        expect(client.popupRequests).toHaveLength(1);
        expect(client.popupRequests[0]?.kind).toBe('login');
        expect(client.popupRequests[0]?.request.scopes).toEqual([SCOPE]);
        expect(provider.getSessionState()).toEqual({status: 'signingIn'});
        await pending;
    });

    test('signs in and serves tokens', async () => {
        const client = new FakeAuthClient()
            .queuePopup(tokenResult('from-popup'))
            .queueSilent(tokenResult('from-cache'));
        const provider = await createProviderAsync(client);

        const state = await provider.signInAsync();
        const token = await provider.getTokenAsync({forceRefresh: false});

        expect(state).toEqual({status: 'signedIn', userName: 'Alice Example'});
        expect(provider.getSessionState()).toBe(state);
        expect(token).toBe('from-cache');
        expect(client.silentRequests[0]?.account).toBe(ALICE);
    });

    test('reuses the known account', async () => {
        const client = signedInClient()
            .queueSilent(new InteractionRequiredAuthError('login_required', 'correlation-id'))
            .queuePopup(tokenResult('again'));
        const provider = await createProviderAsync(client);
        await getErrorAsync(provider.getTokenAsync({forceRefresh: false}));

        const state = await provider.signInAsync();

        expect(client.popupRequests[0]?.kind).toBe('acquire');
        expect(client.popupRequests[0]?.request.account).toBe(ALICE);
        expect(state.status).toBe('signedIn');
    });

    test('shares a click during sign-in', async () => {
        const client = new FakeAuthClient().queuePopup(tokenResult('token-1'));
        const provider = await createProviderAsync(client);

        const first = provider.signInAsync();
        const second = provider.signInAsync();
        await Promise.all([first, second]);

        expect(second).toBe(first);
        expect(client.popupRequests).toHaveLength(1);
    });

    test('reports a blocked popup', async () => {
        const client = new FakeAuthClient().queuePopup(
            browserError(BrowserAuthErrorCodes.emptyWindowError),
        );
        const provider = await createProviderAsync(client);

        const state = await provider.signInAsync();

        expect(state.status).toBe('error');
        expect(getErrorOf(state)?.code).toBe('popupBlocked');
        expect(getErrorOf(state)?.message).toContain('Allow pop-ups');
    });

    test('reports a popup that throws synchronously', async () => {
        const client = new FakeAuthClient();
        client.loginPopup = () => {
            throw browserError(BrowserAuthErrorCodes.popupWindowError);
        };
        const provider = await createProviderAsync(client);

        const state = await provider.signInAsync();

        expect(getErrorOf(state)?.code).toBe('popupBlocked');
    });

    test('restores state when cancelled', async () => {
        const client = new FakeAuthClient().queuePopup(
            browserError(BrowserAuthErrorCodes.userCancelled),
        );
        const provider = await createProviderAsync(client);

        await provider.signInAsync();

        expect(provider.getSessionState()).toEqual({status: 'signedOut'});
    });

    test('reports a closed popup', async () => {
        const client = new FakeAuthClient().queuePopup(
            browserError(BrowserAuthErrorCodes.userCancelled),
        );
        const provider = await createProviderAsync(client);

        const result = await provider.signInAsync();

        expect(result.status).toBe('cancelled');
        expect(result.status === 'cancelled' ? result.error.code : null).toBe('userCancelled');
    });

    test('reports interaction in progress', async () => {
        const client = new FakeAuthClient().queuePopup(
            browserError(BrowserAuthErrorCodes.interactionInProgress),
        );
        const provider = await createProviderAsync(client);

        const state = await provider.signInAsync();

        expect(getErrorOf(state)?.code).toBe('interactionInProgress');
        expect(client.popupRequests[0]?.request.overrideInteractionInProgress).toBe(false);
    });

    test('second click replaces stale interaction', async () => {
        const client = new FakeAuthClient().queuePopup(
            browserError(BrowserAuthErrorCodes.interactionInProgress),
            tokenResult('token-1'),
        );
        const provider = await createProviderAsync(client);

        await provider.signInAsync();
        const state = await provider.signInAsync();

        expect(client.popupRequests[1]?.request.overrideInteractionInProgress).toBe(true);
        expect(state.status).toBe('signedIn');
    });

    test('notifies listeners of each step', async () => {
        const client = new FakeAuthClient().queuePopup(tokenResult('token-1'));
        const provider = await createProviderAsync(client);
        const statuses: string[] = [];
        const unsubscribe = provider.subscribe(state => statuses.push(state.status));

        await provider.signInAsync();
        unsubscribe();
        await provider.signOutAsync();

        expect(statuses).toEqual(['signingIn', 'signedIn']);
    });
});

describe('MsalTokenProvider.signOutAsync', () => {
    test('clears the cached account', async () => {
        const client = signedInClient();
        const provider = await createProviderAsync(client);

        await provider.signOutAsync();

        expect(client.clearedAccounts).toEqual([ALICE]);
        expect(client.getAllAccounts()).toEqual([]);
        expect(provider.getSessionState()).toEqual({status: 'signedOut'});
    });

    test('stops serving tokens', async () => {
        const client = signedInClient().queueSilent(tokenResult('token-1'));
        const provider = await createProviderAsync(client);

        await provider.signOutAsync();
        const error = await getErrorAsync(provider.getTokenAsync({forceRefresh: false}));

        expect(error.code).toBe('interactionRequired');
        expect(client.silentRequests).toHaveLength(0);
    });
});
