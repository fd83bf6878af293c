/**
 * The part of msal-browser's `PublicClientApplication` the extension uses. The names match
 * msal-browser's (without the `Async` suffix), so the real client fits the interface as it is
 * and tests can pass a fake.
 */
import type {
    AccountInfo,
    AuthenticationResult,
    ClearCacheRequest,
    PopupRequest,
    SilentRequest,
} from '@azure/msal-browser';

/** The fields of a token response the extension reads. */
export type AuthResult = Pick<AuthenticationResult, 'accessToken' | 'account' | 'expiresOn'>;

export interface AuthClient {
    /** Must resolve before any other call; msal-browser throws otherwise. */
    initialize(): Promise<void>;
    /** Opens the sign-in popup. Call it synchronously from a click, or the browser blocks it. */
    loginPopup(request: PopupRequest): Promise<AuthResult>;
    /** Opens a popup for an account that is already known. Same click rule as `loginPopup`. */
    acquireTokenPopup(request: PopupRequest): Promise<AuthResult>;
    /** Returns a token from the cache or by refresh token, without any window. */
    acquireTokenSilent(request: SilentRequest): Promise<AuthResult>;
    getAllAccounts(): AccountInfo[];
    /** Removes the account's tokens from this browser only; the Microsoft session stays. */
    clearCache(request: ClearCacheRequest): Promise<void>;
}
