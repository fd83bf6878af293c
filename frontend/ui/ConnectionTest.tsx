/**
 * "Test connection": signs in first when needed (the popup opens from the click itself), then
 * shows "Connected to <organization> as <user>" or the reason the connection failed.
 */
import {Box, Button, Loader, Text} from '@airtable/blocks/ui';
import {useEffect, useRef, useState} from 'react';
import type {SessionState} from '../auth/sessionState';
import type {SignInSession} from '../auth/signInSession';
import {checkConnectionAsync, type ConnectionCheckResult} from './connectionCheck';
import type {ExtensionEnvironment} from './environment';
import {ErrorText} from './ErrorText';
import type {SignInSessionStatus} from './useSignInSession';

type TestState =
    | {readonly status: 'idle'}
    | {readonly status: 'running'}
    | {readonly status: 'done'; readonly result: ConnectionCheckResult};

interface ConnectionTestProps {
    readonly signIn: SignInSessionStatus;
    readonly environmentUrl: string;
    readonly environment: ExtensionEnvironment;
}

export function ConnectionTest({signIn, environmentUrl, environment}: ConnectionTestProps) {
    const [state, setState] = useState<TestState>({status: 'idle'});
    const isMountedRef = useRef(true);
    useEffect(
        () => () => {
            isMountedRef.current = false;
        },
        [],
    );

    // A result belongs to the address it was tested against.
    useEffect(() => setState({status: 'idle'}), [environmentUrl]);

    const session = signIn.status === 'ready' ? signIn.session : null;
    const isBusy = state.status === 'running' || signIn.status !== 'ready';

    const testAsync = async (
        session: SignInSession,
        pendingSignIn: Promise<SessionState> | null,
    ) => {
        setState({status: 'running'});
        const result = await signInThenCheckAsync(
            session,
            pendingSignIn,
            environmentUrl,
            environment,
        );
        if (isMountedRef.current) {
            setState({status: 'done', result});
        }
    };

    const onClick = () => {
        if (session === null) {
            return;
        }
        const isSignedIn = session.getSessionState().status === 'signedIn';
        // Called before any await, so that the browser lets the popup open.
        const pendingSignIn = isSignedIn ? null : session.signInAsync();
        void testAsync(session, pendingSignIn);
    };

    return (
        <Box marginBottom={3}>
            <Button icon="checklist" disabled={isBusy} onClick={onClick}>
                Test connection
            </Button>
            <ConnectionTestResult state={state} />
        </Box>
    );
}

async function signInThenCheckAsync(
    session: SignInSession,
    pendingSignIn: Promise<SessionState> | null,
    environmentUrl: string,
    environment: ExtensionEnvironment,
): Promise<ConnectionCheckResult> {
    if (pendingSignIn !== null) {
        const signedIn = await pendingSignIn;
        if (signedIn.status !== 'signedIn') {
            return {ok: false, reason: describeUnfinishedSignIn(signedIn), detail: null};
        }
    }
    return checkConnectionAsync({
        environmentUrl,
        tokenProvider: session,
        fetch: environment.fetch,
        clock: environment.clock,
    });
}

function describeUnfinishedSignIn(state: SessionState): string {
    if (state.status === 'error' || state.status === 'interactionRequired') {
        return state.error.message;
    }
    return 'Sign-in did not finish, so the connection was not tested. Click "Test connection" to try again.';
}

function ConnectionTestResult({state}: {readonly state: TestState}) {
    if (state.status === 'idle') {
        return null;
    }
    if (state.status === 'running') {
        return (
            <Box display="flex" alignItems="center" marginTop={2} role="status">
                <Loader scale={0.3} />
                <Text marginLeft={2}>Testing the connection…</Text>
            </Box>
        );
    }

    const {result} = state;
    if (result.ok) {
        return (
            <Text marginTop={2} role="status" textColor="green">
                Connected to {result.organizationName} as {result.userName}
            </Text>
        );
    }
    return (
        <Box>
            <ErrorText>{result.reason}</ErrorText>
            {result.detail === null ? null : (
                <Text size="small" textColor="light">
                    Details: {result.detail}
                </Text>
            )}
        </Box>
    );
}
