/**
 * "Test connection": signs in first when needed (the popup opens from the click itself), then
 * shows "Connected to <organization> as <user>" or the reason the connection failed. While the
 * popup is open it shows that the test waits for the sign-in, and it reports a closed popup.
 */
import {Box, Button, Loader, Text} from '@airtable/blocks/ui';
import {useEffect, useRef, useState} from 'react';
import type {SignInResult} from '../auth/sessionState';
import type {SignInSession} from '../auth/signInSession';
import {assertNever} from '../sync/assertNever';
import {checkConnectionAsync, type ConnectionCheckResult} from './connectionCheck';
import type {ExtensionEnvironment} from './environment';
import {ErrorText} from './ErrorText';
import type {SignInSessionStatus} from './useSignInSession';

type TestState =
    | {readonly status: 'idle'}
    /** The sign-in popup is open, and the test starts once the person has signed in there. */
    | {readonly status: 'signingIn'}
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
    const isBusy =
        state.status === 'signingIn' || state.status === 'running' || signIn.status !== 'ready';

    const setStateIfMounted = (next: TestState) => {
        if (isMountedRef.current) {
            setState(next);
        }
    };

    const testAsync = async (
        session: SignInSession,
        pendingSignIn: Promise<SignInResult> | null,
    ) => {
        if (pendingSignIn !== null) {
            setState({status: 'signingIn'});
            const signedIn = await pendingSignIn;
            if (signedIn.status !== 'signedIn') {
                setStateIfMounted({status: 'done', result: describeUnfinishedSignIn(signedIn)});
                return;
            }
        }

        setStateIfMounted({status: 'running'});
        const result = await checkConnectionAsync({
            environmentUrl,
            tokenProvider: session,
            fetch: environment.fetch,
            clock: environment.clock,
        });
        setStateIfMounted({status: 'done', result});
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

/** Returns why the connection was not tested after a sign-in popup that did not sign in. */
function describeUnfinishedSignIn(
    result: Exclude<SignInResult, {readonly status: 'signedIn'}>,
): ConnectionCheckResult {
    switch (result.status) {
        case 'cancelled':
            return {ok: false, reason: POPUP_CLOSED_REASON, detail: null};
        case 'error':
        case 'interactionRequired':
            return {ok: false, reason: result.error.message, detail: result.error.detail};
        case 'signedOut':
        case 'signingIn':
            return {ok: false, reason: SIGN_IN_UNFINISHED_REASON, detail: null};
        default:
            return assertNever(result);
    }
}

const POPUP_CLOSED_REASON =
    'The Microsoft sign-in window was closed, or sign-in was cancelled in it, so the connection ' +
    'was not tested. Click "Test connection" again and finish signing in in that window.';

const SIGN_IN_UNFINISHED_REASON =
    'Sign-in did not finish, so the connection was not tested. Click "Test connection" to try again.';

function ConnectionTestResult({state}: {readonly state: TestState}) {
    if (state.status === 'idle') {
        return null;
    }
    if (state.status === 'signingIn') {
        return (
            <Box marginTop={2} role="status">
                <Box display="flex" alignItems="center">
                    <Loader scale={0.3} />
                    <Text marginLeft={2}>Waiting for you to sign in in the Microsoft window…</Text>
                </Box>
                <Text size="small" textColor="light">
                    The connection is tested once you have signed in. If the window is hidden, look
                    for it behind this browser window.
                </Text>
            </Box>
        );
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
