/**
 * The Dataverse client's token provider, backed by msal-browser. Tokens come silently from the
 * cache or by refresh token. A popup needs a click, so when the user must sign in again the
 * provider does not open one itself: it throws `AuthError('interactionRequired')`, and the UI
 * shows a button that calls `signInAsync()`.
 *
 * Tokens and account details stay inside msal-browser's sessionStorage cache and this object's
 * memory: nothing here logs them or writes them to globalConfig or the base.
 */
import {AccountInfo, CacheLookupPolicy, PopupRequest} from '@azure/msal-browser';
import type {TokenProvider} from '../dataverse/tokenProvider';
import type {AuthClient, AuthResult} from './authClient';
import {AuthError} from './authErrors';
import {toAuthError} from './msalErrors';
import {SessionListener, SessionState, SignInResult, SIGNED_OUT} from './sessionState';

export interface MsalTokenProviderOptions {
    readonly client: AuthClient;
    /** The scopes to request, normally `[getDataverseScope(settings)]`. */
    readonly scopes: readonly string[];
}

export class MsalTokenProvider implements TokenProvider {
    private readonly client: AuthClient;
    private readonly scopes: readonly string[];
    private readonly listeners = new Set<SessionListener>();
    private state: SessionState = SIGNED_OUT;
    private account: AccountInfo | null = null;
    private pendingSignIn: Promise<SignInResult> | null = null;
    /** Pending silent requests keyed by `forceRefresh`, so parallel callers share one. */
    private readonly pendingTokens = new Map<boolean, Promise<string>>();
    /** Set after `interaction_in_progress`, so the next click replaces the stale interaction. */
    private shouldReplaceInteraction = false;

    /** Initialises the client and picks up an account cached earlier in this browser tab. */
    static async createAsync(options: MsalTokenProviderOptions): Promise<MsalTokenProvider> {
        await options.client.initialize();
        const provider = new MsalTokenProvider(options);
        provider.restoreCachedAccount();
        return provider;
    }

    private constructor(options: MsalTokenProviderOptions) {
        this.client = options.client;
        this.scopes = options.scopes;
    }

    getSessionState(): SessionState {
        return this.state;
    }

    /** Calls `listener` on every change of the session state; returns the unsubscribe function. */
    subscribe(listener: SessionListener): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    /**
     * Returns an access token without any window. Throws `AuthError` with code
     * `interactionRequired` when only a sign-in popup can help, and then moves the session to
     * `interactionRequired` (unless nobody has signed in yet).
     */
    getTokenAsync(options: {readonly forceRefresh: boolean}): Promise<string> {
        const pending = this.pendingTokens.get(options.forceRefresh);
        if (pending !== undefined) {
            return pending;
        }

        const request = this.acquireTokenSilentlyAsync(options.forceRefresh).finally(() => {
            this.pendingTokens.delete(options.forceRefresh);
        });
        this.pendingTokens.set(options.forceRefresh, request);
        return request;
    }

    /**
     * Opens the Microsoft sign-in popup. Call it directly from a click handler: the popup opens
     * before this method awaits anything, which browsers require. Never rejects: it resolves to
     * the new session state, whose `error` describes what went wrong, or to `cancelled` when the
     * person closed the popup, which leaves the session state as it was.
     */
    signInAsync(): Promise<SignInResult> {
        if (this.pendingSignIn !== null) {
            return this.pendingSignIn;
        }

        const previousState = this.state;
        const popup = this.openPopup();
        this.setState({status: 'signingIn'});

        this.pendingSignIn = this.completeSignInAsync(popup, previousState).finally(() => {
            this.pendingSignIn = null;
        });
        return this.pendingSignIn;
    }

    /**
     * Signs out in this browser tab: removes the account's tokens from msal-browser's cache. The
     * Microsoft session itself stays, so signing in again may not ask for a password.
     */
    async signOutAsync(): Promise<void> {
        const account = this.account;
        this.account = null;
        this.setState(SIGNED_OUT);

        if (account !== null) {
            await this.client.clearCache({account});
        }
    }

    private async acquireTokenSilentlyAsync(forceRefresh: boolean): Promise<string> {
        const account = this.account;
        if (account === null) {
            throw new AuthError('interactionRequired', 'no_account_error');
        }

        try {
            const result = await this.client.acquireTokenSilent({
                scopes: [...this.scopes],
                account,
                forceRefresh,
                // Cache, then refresh token, and no hidden iframe: in Airtable's cross-site iframe
                // the Microsoft session cookie is third-party and the iframe attempt only fails.
                cacheLookupPolicy: CacheLookupPolicy.AccessTokenAndRefreshToken,
            });
            return result.accessToken;
        } catch (error) {
            const authError = toAuthError(error, 'silent');
            if (authError.code === 'interactionRequired' && this.account === account) {
                this.setState({status: 'interactionRequired', error: authError});
            }
            throw authError;
        }
    }

    private openPopup(): Promise<AuthResult> {
        const request: PopupRequest = {
            scopes: [...this.scopes],
            // Replacing another interaction cancels its popup, so only a second click does it.
            overrideInteractionInProgress: this.shouldReplaceInteraction,
        };
        try {
            return this.account === null
                ? this.client.loginPopup(request)
                : this.client.acquireTokenPopup({...request, account: this.account});
        } catch (error) {
            return Promise.reject(error);
        }
    }

    private async completeSignInAsync(
        popup: Promise<AuthResult>,
        previousState: SessionState,
    ): Promise<SignInResult> {
        try {
            const result = await popup;
            this.shouldReplaceInteraction = false;
            this.account = result.account ?? this.account;
            this.setState(this.getSignedInStateIfExists() ?? SIGNED_OUT);
        } catch (error) {
            const authError = toAuthError(error, 'popup');
            this.shouldReplaceInteraction = authError.code === 'interactionInProgress';
            if (authError.code === 'userCancelled') {
                this.setState(previousState);
                return {status: 'cancelled', error: authError};
            }
            this.setState({status: 'error', error: authError});
        }
        return this.state;
    }

    private restoreCachedAccount(): void {
        // NOTE: with several cached accounts the first one wins. The extension signs in one
        // account per tab, so more appear only if another app on this origin adds them.
        this.account = this.client.getAllAccounts()[0] ?? null;
        this.setState(this.getSignedInStateIfExists() ?? SIGNED_OUT);
    }

    private getSignedInStateIfExists(): SessionState | null {
        if (this.account === null) {
            return null;
        }
        const userName = this.account.name || this.account.username;
        return {status: 'signedIn', userName};
    }

    private setState(state: SessionState): void {
        this.state = state;
        for (const listener of this.listeners) {
            listener(state);
        }
    }
}
