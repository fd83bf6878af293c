import type {AuthError} from './authErrors';

/**
 * The state of the user's Microsoft sign-in, for the UI to render. `interactionRequired` and
 * `error` both want a "Sign in" button; their `error.message` explains why.
 */
export type SessionState =
    | {readonly status: 'signedOut'}
    | {readonly status: 'signingIn'}
    | {readonly status: 'signedIn'; readonly userName: string}
    | {readonly status: 'interactionRequired'; readonly error: AuthError}
    | {readonly status: 'error'; readonly error: AuthError};

/**
 * The outcome of a sign-in popup: the new session state, or `cancelled` when the person closed
 * the popup or cancelled in it. After a cancel the session keeps the state it had before.
 */
export type SignInResult = SessionState | {readonly status: 'cancelled'; readonly error: AuthError};

export type SessionListener = (state: SessionState) => void;

export const SIGNED_OUT: SessionState = {status: 'signedOut'};
