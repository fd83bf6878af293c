/**
 * A session that is always signed in with one fixed token, for the emulator's development token
 * in tests and in the sandbox's `SANDBOX_AUTH=dev-token` mode. It never opens a window.
 */
import {SIGNED_OUT, type SessionListener, type SessionState} from './sessionState';
import type {SignInSession} from './signInSession';

export function createStaticSignInSession(token: string, userName: string): SignInSession {
    const listeners = new Set<SessionListener>();
    const signedIn: SessionState = {status: 'signedIn', userName};
    let state: SessionState = signedIn;

    const setState = (next: SessionState) => {
        state = next;
        for (const listener of listeners) {
            listener(next);
        }
    };

    return {
        getTokenAsync: async () => token,
        getSessionState: () => state,
        subscribe: listener => {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
        signInAsync: async () => {
            setState(signedIn);
            return state;
        },
        signOutAsync: async () => setState(SIGNED_OUT),
    };
}
