/**
 * The user's Microsoft sign-in: a "Sign in to Dynamics" button, "Signed in as <name>" with
 * "Sign out", or "Sign in again" with the reason when the sign-in expired. Each collaborator signs
 * in for themselves; the session stays in this browser tab and never reaches globalConfig.
 */
import {Box, Button, Loader, Text, TextButton} from '@airtable/blocks/ui';
import type {AuthError} from '../auth/authErrors';
import type {SessionState} from '../auth/sessionState';
import type {SignInSession} from '../auth/signInSession';
import {assertNever} from '../sync/assertNever';
import {ErrorText} from './ErrorText';
import type {SignInSessionStatus} from './useSignInSession';

export function SignInBar({status}: {readonly status: SignInSessionStatus}) {
    switch (status.status) {
        case 'preparing':
            return (
                <Box display="flex" alignItems="center" marginBottom={3}>
                    <Loader scale={0.3} />
                    <Text marginLeft={2}>Preparing Microsoft sign-in…</Text>
                </Box>
            );
        case 'failed':
            return <ErrorText>{status.message}</ErrorText>;
        case 'ready':
            return <SessionView session={status.session} state={status.state} />;
        default:
            return assertNever(status);
    }
}

function SessionView({
    session,
    state,
}: {
    readonly session: SignInSession;
    readonly state: SessionState;
}) {
    switch (state.status) {
        case 'signedOut':
            return (
                <Box marginBottom={3}>
                    <SignInButton session={session} label="Sign in to Dynamics" />
                    <Text size="small" textColor="light" marginTop={1}>
                        You sign in with your own Microsoft account. The sign-in stays in this
                        browser tab.
                    </Text>
                </Box>
            );
        case 'signingIn':
            return (
                <Box display="flex" alignItems="center" marginBottom={3} role="status">
                    <Loader scale={0.3} />
                    <Text marginLeft={2}>Finish signing in in the Microsoft window…</Text>
                </Box>
            );
        case 'signedIn':
            return (
                <Box display="flex" alignItems="center" marginBottom={3}>
                    <Text>Signed in as {state.userName}</Text>
                    <TextButton
                        size="small"
                        marginLeft={2}
                        onClick={() => void session.signOutAsync()}
                    >
                        Sign out
                    </TextButton>
                </Box>
            );
        case 'interactionRequired':
            return <SignInProblem session={session} error={state.error} label="Sign in again" />;
        case 'error':
            return (
                <SignInProblem session={session} error={state.error} label="Sign in to Dynamics" />
            );
        default:
            return assertNever(state);
    }
}

/**
 * Opens the popup straight from the click: `signInAsync` opens it before its first `await`, and
 * browsers block popups opened later.
 */
export function SignInButton({
    session,
    label,
}: {
    readonly session: SignInSession;
    readonly label: string;
}) {
    return (
        <Button variant="primary" icon="lock" onClick={() => void session.signInAsync()}>
            {label}
        </Button>
    );
}

function SignInProblem(props: {
    readonly session: SignInSession;
    readonly error: AuthError;
    readonly label: string;
}) {
    return (
        <Box marginBottom={3}>
            <SignInButton session={props.session} label={props.label} />
            <ErrorText>{props.error.message}</ErrorText>
            {props.error.detail === null ? null : (
                <Text size="small" textColor="light">
                    Error code: {props.error.detail}
                </Text>
            )}
        </Box>
    );
}
