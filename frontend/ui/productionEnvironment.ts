import {SYSTEM_CLOCK} from '../dataverse/systemClock';
import type {TokenProvider} from '../dataverse/tokenProvider';
import {PRODUCTION_VALIDATION} from '../settings/connection';
import type {ExtensionEnvironment} from './environment';

/**
 * Returns a token provider that fails every request with the reason.
 * TODO: replace with the Microsoft sign-in provider once sign-in is wired into the extension;
 * until then the extension cannot reach a real Dynamics environment.
 */
function createSignInMissingTokenProvider(environmentUrl: string): TokenProvider {
    return {
        getTokenAsync: async () => {
            throw new Error(
                `Can't sign in to ${environmentUrl}: sign-in to Microsoft is not configured in ` +
                    `this version of the extension, so it cannot sync with Dynamics yet.`,
            );
        },
    };
}

/** The environment of the extension running inside Airtable. */
export function createProductionEnvironment(): ExtensionEnvironment {
    return {
        fetch: (url, init) => window.fetch(url, init),
        clock: SYSTEM_CLOCK,
        createTokenProvider: createSignInMissingTokenProvider,
        connectionValidation: PRODUCTION_VALIDATION,
    };
}
