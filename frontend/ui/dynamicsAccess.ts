import {createDataversePort} from './createDataversePort';
import type {DynamicsAccess} from './CleanupPanel';
import type {ExtensionEnvironment} from './environment';
import type {SignInSessionStatus} from './useSignInSession';

/** Returns how Clean up reads Dynamics: through the signed-in session, or why it can't yet. */
export function getDynamicsAccess(
    signIn: SignInSessionStatus,
    environmentUrl: string,
    environment: ExtensionEnvironment,
): DynamicsAccess {
    if (signIn.status !== 'ready' || signIn.state.status !== 'signedIn') {
        return {ok: false, reason: 'Sign in to Dynamics to clean up.'};
    }
    const {session} = signIn;
    return {
        ok: true,
        createSide: runId => createDataversePort(environmentUrl, environment, session, runId),
    };
}
