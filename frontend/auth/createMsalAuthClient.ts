/**
 * Builds the real msal-browser client from the connection settings, configured for an extension
 * that runs in a cross-site iframe inside Airtable.
 */
import {Configuration, PublicClientApplication} from '@azure/msal-browser';
import {ConnectionSettings, getAuthorityHostName, getAuthorityUrl} from '../settings/connection';
import type {AuthClient} from './authClient';

/**
 * Returns the msal-browser configuration.
 *
 * - `enableLegacyPolling`: msal-browser 5 otherwise returns the popup's response over a
 *   BroadcastChannel, which Chromium partitions by top-level site, so a popup opened from the
 *   Airtable iframe never reaches it and the call ends in `timed_out`. Polling the popup's
 *   address works across that boundary, provided the sign-in page sends no
 *   Cross-Origin-Opener-Policy header (msal-browser asks Entra to omit it with `pocd=1`).
 * - `knownAuthorities`: without it, msal-browser sends instance discovery requests for any
 *   unknown host to Microsoft, which fails for the local provider.
 * - `sessionStorage`: the `localStorage` cache needs a cookie that browsers drop in third-party
 *   iframes, which would sign the user out on every reload.
 */
export function createMsalConfiguration(
    settings: ConnectionSettings,
    redirectUri: string,
): Configuration {
    return {
        auth: {
            clientId: settings.clientId,
            authority: getAuthorityUrl(settings),
            knownAuthorities: [getAuthorityHostName(settings)],
            redirectUri,
        },
        cache: {cacheLocation: 'sessionStorage'},
        system: {enableLegacyPolling: true},
    };
}

/**
 * Builds a client; the token provider initialises it. `redirectUri` comes from
 * `getRedirectUri(window.location.origin)` and must be registered as a single-page application.
 */
export function createMsalAuthClient(
    settings: ConnectionSettings,
    redirectUri: string,
): AuthClient {
    return new PublicClientApplication(createMsalConfiguration(settings, redirectUri));
}
