/**
 * One user's Microsoft sign-in as the UI uses it: a token provider for the Dataverse client plus
 * the session state to render and the two actions a person can take. `MsalTokenProvider`
 * implements it for Microsoft Entra ID and the local provider.
 */
import type {TokenProvider} from '../dataverse/tokenProvider';
import type {SessionListener, SessionState, SignInResult} from './sessionState';

export interface SignInSession extends TokenProvider {
    getSessionState(): SessionState;
    /** Calls `listener` on every change of the session state; returns the unsubscribe function. */
    subscribe(listener: SessionListener): () => void;
    /**
     * Opens the sign-in popup. Call it synchronously from a click handler, because browsers block
     * popups opened after an `await`. Never rejects, because a failure goes to the state's `error`
     * and a closed popup to a `cancelled` result.
     */
    signInAsync(): Promise<SignInResult>;
    /** Forgets the user's tokens in this browser tab. */
    signOutAsync(): Promise<void>;
}
