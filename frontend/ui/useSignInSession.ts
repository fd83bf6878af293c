/**
 * Keeps one sign-in session for the current connection settings and re-renders on every change
 * of its state. A new session is created when the settings change, because the authority, the
 * client id and the Dataverse scope all come from them.
 */
import {useEffect, useState} from 'react';
import type {SessionState} from '../auth/sessionState';
import type {SignInSession} from '../auth/signInSession';
import type {ConnectionSettings} from '../settings/connection';
import {describeError} from './describeError';
import type {ExtensionEnvironment} from './environment';

export type SignInSessionStatus =
    /** The session is being created; "Sign in" waits for it. */
    | {readonly status: 'preparing'}
    | {readonly status: 'ready'; readonly session: SignInSession; readonly state: SessionState}
    /** The session could not be created, for example because msal-browser rejected a setting. */
    | {readonly status: 'failed'; readonly message: string};

const PREPARING: SignInSessionStatus = {status: 'preparing'};

export function useSignInSession(
    environment: ExtensionEnvironment,
    settings: ConnectionSettings,
): SignInSessionStatus {
    const [status, setStatus] = useState<SignInSessionStatus>(PREPARING);
    const {environmentUrl, tenantId, clientId, authorityHost} = settings;

    useEffect(() => {
        let isCurrent = true;
        let unsubscribe = () => {};
        setStatus(PREPARING);

        const connection = {environmentUrl, tenantId, clientId, authorityHost};
        environment.createSignInSessionAsync(connection).then(
            session => {
                if (!isCurrent) {
                    return;
                }
                setStatus({status: 'ready', session, state: session.getSessionState()});
                unsubscribe = session.subscribe(state => {
                    if (isCurrent) {
                        setStatus({status: 'ready', session, state});
                    }
                });
            },
            (error: unknown) => {
                if (isCurrent) {
                    setStatus({
                        status: 'failed',
                        message:
                            `Couldn't prepare the Microsoft sign-in with these connection ` +
                            `settings: ${describeError(error)} Check them in the settings.`,
                    });
                }
            },
        );

        return () => {
            isCurrent = false;
            unsubscribe();
        };
    }, [environment, environmentUrl, tenantId, clientId, authorityHost]);

    return status;
}
