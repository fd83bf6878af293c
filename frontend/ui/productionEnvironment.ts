import {createMsalSignInSessionAsync, getExtensionRedirectUri} from '../auth/msalSignInSession';
import {SYSTEM_CLOCK} from '../dataverse/systemClock';
import {PRODUCTION_VALIDATION} from '../settings/connection';
import type {ExtensionEnvironment} from './environment';

/**
 * Returns the environment of the extension running inside Airtable: the browser's `fetch` and
 * the msal-browser sign-in built from the stored connection settings, with Microsoft Entra ID as
 * the only accepted authority.
 */
export function createProductionEnvironment(): ExtensionEnvironment {
    const redirectUri = getExtensionRedirectUri();
    return {
        fetch: (url, init) => window.fetch(url, init),
        clock: SYSTEM_CLOCK,
        createSignInSessionAsync: settings => createMsalSignInSessionAsync(settings, redirectUri),
        redirectUri,
        connectionValidation: PRODUCTION_VALIDATION,
    };
}
