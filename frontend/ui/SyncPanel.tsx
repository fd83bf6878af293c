/**
 * The main panel: a "Sync now" button, the progress of the running sync and the summary of the
 * last one. The button is disabled, with the reason, for people who may not write records or
 * have not signed in. A sync paused for sign-in shows "Sign in to continue" and then resumes.
 */
import type {Base, Table} from '@airtable/blocks/models';
import {Box, Button} from '@airtable/blocks/ui';
import {checkCanSync} from '../airtable/syncPermissions';
import type {CheckResult} from '../airtable/checkResult';
import type {SettingsState} from '../settings/useSettings';
import type {TableMapping} from '../sync';
import {ConflictPolicyPicker} from './ConflictPolicyPicker';
import {DisabledReason} from './DisabledReason';
import type {ExtensionEnvironment} from './environment';
import {ErrorText} from './ErrorText';
import {RunSummaryView} from './RunSummaryView';
import {SignInButton} from './SignInBar';
import {SyncProgressView} from './SyncProgressView';
import {useAirtableSide} from './useAirtableSide';
import type {SignInSessionStatus} from './useSignInSession';
import {useSyncRun} from './useSyncRun';

const RUNNING: CheckResult = {ok: false, reason: 'A sync is running.'};

interface SyncPanelProps {
    readonly base: Base;
    readonly table: Table;
    readonly mapping: TableMapping;
    readonly environmentUrl: string;
    readonly environment: ExtensionEnvironment;
    readonly settings: SettingsState;
    readonly signIn: SignInSessionStatus;
}

export function SyncPanel(props: SyncPanelProps) {
    const airtable = useAirtableSide(props.base);
    const {state, startAsync, cancel} = useSyncRun({...props, airtable});
    const isRunning = state.status === 'running';
    const canSync = isRunning ? RUNNING : checkCanSyncAsUser(props.table, props.signIn);

    return (
        <Box>
            <ConflictPolicyPicker settings={props.settings} />
            <Box display="flex" alignItems="center">
                <Button
                    variant="primary"
                    icon="redo"
                    disabled={!canSync.ok}
                    onClick={() => void startAsync()}
                >
                    Sync now
                </Button>
                {isRunning ? (
                    <Button marginLeft={2} onClick={cancel}>
                        Cancel
                    </Button>
                ) : null}
            </Box>
            <DisabledReason check={canSync} />
            {state.status === 'running' ? <SyncProgressView progress={state.progress} /> : null}
            {state.status === 'finished' ? (
                <RunSummaryView table={props.table} summary={state.summary} />
            ) : null}
            {state.status === 'paused' && props.signIn.status === 'ready' ? (
                <Box marginTop={3}>
                    <SignInButton session={props.signIn.session} label="Sign in to continue" />
                    <RunSummaryView table={props.table} summary={state.summary} />
                </Box>
            ) : null}
            {state.status === 'crashed' ? <ErrorText>{state.message}</ErrorText> : null}
        </Box>
    );
}

/** Checks that the user may write the table's records and is signed in to Dynamics. */
function checkCanSyncAsUser(table: Table, signIn: SignInSessionStatus): CheckResult {
    const canWrite = checkCanSync(table);
    if (!canWrite.ok) {
        return canWrite;
    }
    if (signIn.status !== 'ready') {
        return {ok: false, reason: 'Sign-in to Dynamics is not ready yet.'};
    }
    const status = signIn.state.status;
    if (status === 'signingIn') {
        return {ok: false, reason: 'Finish signing in to Dynamics first.'};
    }
    if (status !== 'signedIn') {
        return {ok: false, reason: 'Sign in to Dynamics to sync.'};
    }
    return canWrite;
}
