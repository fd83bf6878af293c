/**
 * @jest-environment jsdom
 */
import {BrowserAuthError} from '@azure/msal-browser';
import {
    createMsalAuthClient,
    createMsalConfiguration,
} from '../../frontend/auth/createMsalAuthClient';
import {AuthError} from '../../frontend/auth/authErrors';
import {MsalTokenProvider} from '../../frontend/auth/msalTokenProvider';
import {
    ConnectionSettings,
    getDataverseScope,
    getRedirectUri,
} from '../../frontend/settings/connection';
import {IdentityProvider, startIdentityProviderAsync} from '../../dev/idp/identityProvider';

describe('msal-browser client', () => {
    let provider: IdentityProvider;
    let settings: ConnectionSettings;
    const redirectUri = getRedirectUri('http://127.0.0.1:5173', '/blank.html');

    beforeAll(async () => {
        provider = await startIdentityProviderAsync({port: 0});
        settings = {
            environmentUrl: 'http://127.0.0.1:8081',
            tenantId: provider.tenantId,
            clientId: 'aaaaaaaa-0000-0000-0000-000000000001',
            authorityHost: new URL(provider.authority).origin,
        };
    });

    afterAll(async () => {
        await provider.closeAsync();
    });

    test('configures the cross-site iframe', () => {
        const configuration = createMsalConfiguration(settings, redirectUri);

        expect(configuration.auth.authority).toBe(provider.authority);
        expect(configuration.auth.knownAuthorities).toEqual([new URL(provider.authority).host]);
        expect(configuration.auth.redirectUri).toBe(redirectUri);
        expect(configuration.cache?.cacheLocation).toBe('sessionStorage');
        expect(configuration.system?.enableLegacyPolling).toBe(true);
    });

    test('silent call without account fails', async () => {
        const client = createMsalAuthClient(settings, redirectUri);
        await client.initialize();

        const error: unknown = await client
            .acquireTokenSilent({scopes: [getDataverseScope(settings)]})
            .catch((caught: unknown) => caught);

        expect(error).toBeInstanceOf(BrowserAuthError);
        expect((error as BrowserAuthError).errorCode).toBe('no_account_error');
    });

    test('token provider initialises the client', async () => {
        const client = createMsalAuthClient(settings, redirectUri);
        const tokenProvider = await MsalTokenProvider.createAsync({
            client,
            scopes: [getDataverseScope(settings)],
        });

        const error: unknown = await tokenProvider
            .getTokenAsync({forceRefresh: false})
            .catch((caught: unknown) => caught);

        expect(tokenProvider.getSessionState()).toEqual({status: 'signedOut'});
        expect(error).toBeInstanceOf(AuthError);
        expect((error as AuthError).code).toBe('interactionRequired');
    });
});
