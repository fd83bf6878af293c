/**
 * Builds the msal-browser sign-in for stored connection settings. The authority comes from the
 * settings (Microsoft Entra ID for the tenant, or the local provider's host in development), so
 * the extension and the sandbox run the same sign-in code.
 */
import {getDataverseScope, getRedirectUri, type ConnectionSettings} from '../settings/connection';
import {createMsalAuthClient} from './createMsalAuthClient';
import {MsalTokenProvider} from './msalTokenProvider';
import type {SignInSession} from './signInSession';

/**
 * Returns the redirect URI of the extension as it runs now: its own origin plus the passive
 * page the sign-in popup returns to. The settings panel shows the same value for registration.
 */
export function getExtensionRedirectUri(): string {
    return getRedirectUri(window.location.origin);
}

/** Creates and initialises the session; a click can open its popup once this resolves. */
export async function createMsalSignInSessionAsync(
    settings: ConnectionSettings,
    redirectUri: string,
): Promise<SignInSession> {
    return MsalTokenProvider.createAsync({
        client: createMsalAuthClient(settings, redirectUri),
        scopes: [getDataverseScope(settings)],
    });
}
