/**
 * Supplies bearer tokens for Dataverse requests. The client asks once per request, so a provider
 * that caches (as MSAL does) renews tokens on its own schedule during long runs.
 */
export interface TokenProvider {
    /**
     * Returns an access token for the environment. With `forceRefresh`, the provider must not
     * return a cached token: the client sets it once after Dataverse answered `401`.
     */
    getTokenAsync(options: {readonly forceRefresh: boolean}): Promise<string>;
}

/** A token provider that always returns one fixed token: the emulator's development token. */
export function createStaticTokenProvider(token: string): TokenProvider {
    return {getTokenAsync: async () => token};
}
