/**
 * The main panel: a "Sync now" button, the progress of the running sync, the summary of the last
 * one and the recent runs of every collaborator. The button is disabled, with the reason, for
 * people who may not write records or have not signed in. A sync paused for sign-in shows "Sign in
 * to continue" and then resumes. A sync that needs approval waits on the run preview dialog. While
 * the extension is open, the sync also runs on its own at the interval the sync options set.
 */
import type {Base, Table} from '@airtable/blocks/models';
import {Box, Button, Text} from '@airtable/blocks/ui';
import type {AirtableRunSide} from '../airtable/airtableSide';
import {checkCanSync} from '../airtable/syncPermissions';
import {CHECK_OK, type CheckResult} from '../airtable/checkResult';
import type {SettingsState} from '../settings/useSettings';
import {useSyncOptions} from '../settings/useSyncOptions';
import type {RunDecision, TableMapping} from '../sync';
import {ConflictPolicyPicker} from './ConflictPolicyPicker';
import {DisabledReason} from './DisabledReason';
import type {ExtensionEnvironment} from './environment';
import {ErrorText} from './ErrorText';
import {RunHistoryView} from './RunHistoryView';
import {RunPreviewDialog} from './RunPreviewDialog';
import {RunSummaryView} from './RunSummaryView';
import {SignInButton} from './SignInBar';
import {SyncOptionsPanel} from './SyncOptionsPanel';
import {SyncProgressView} from './SyncProgressView';
import {useAutoSync} from './useAutoSync';
import {useRunConfirmation} from './useRunConfirmation';
import type {SignInSessionStatus} from './useSignInSession';
import {useSyncRun} from './useSyncRun';

const RUNNING: CheckResult = {ok: false, reason: 'A sync is running.'};
const CANCEL: RunDecision = {kind: 'cancel'};
const STOPPING_MESSAGE =
    'Stopping the sync once the writes already sent have finished. Its summary follows.';

interface SyncPanelProps {
    readonly base: Base;
    /** The synced tables, which must each be writable for a sync. */
    readonly tables: readonly Table[];
    readonly mappings: readonly TableMapping[];
    readonly airtable: AirtableRunSide;
    readonly environmentUrl: string;
    readonly environment: ExtensionEnvironment;
    readonly settings: SettingsState;
    readonly signIn: SignInSessionStatus;
}

export function SyncPanel(props: SyncPanelProps) {
    const confirmation = useRunConfirmation();
    const syncOptions = useSyncOptions();
    const {state, startAsync, cancel} = useSyncRun({
        ...props,
        confirmRunAsync: confirmation.confirmRunAsync,
        approval: syncOptions.options.approval,
    });
    const isRunning = state.status === 'running';
    const canSyncAsUser = checkCanSyncAsUser(props.tables, props.signIn);
    const canSync = isRunning ? RUNNING : canSyncAsUser;
    const autoSync = useAutoSync({
        minutes: syncOptions.options.autoSyncMinutes,
        canSync: canSyncAsUser.ok,
        isRunning,
        startAutomaticAsync: () => startAsync('automatic'),
    });
    const canOpenRecords = props.environment.canOpenRecords ?? CHECK_OK;

    return (
        <Box>
            <ConflictPolicyPicker settings={props.settings} />
            <SyncOptionsPanel state={syncOptions} />
            <Box display="flex" alignItems="center">
                <Button
                    variant="primary"
                    icon="redo"
                    disabled={!canSync.ok}
                    onClick={() => {
                        autoSync.clearWaitingMessage();
                        void startAsync();
                    }}
                >
                    Sync now
                </Button>
                {isRunning ? (
                    <Button
                        marginLeft={2}
                        disabled={state.isStopping}
                        onClick={() => {
                            // A run waiting on its preview stops only when the preview is decided.
                            if (confirmation.preview !== null) {
                                confirmation.decide(CANCEL);
                            }
                            cancel();
                        }}
                    >
                        Cancel
                    </Button>
                ) : null}
            </Box>
            {isRunning && state.isStopping ? (
                <Text marginTop={2} role="status">
                    {STOPPING_MESSAGE}
                </Text>
            ) : (
                <DisabledReason check={canSync} />
            )}
            {autoSync.waitingMessage === null ? null : (
                <Text marginTop={2} role="status">
                    {autoSync.waitingMessage}
                </Text>
            )}
            {state.status === 'running' ? (
                <SyncProgressView
                    progress={state.progress}
                    tables={state.tables}
                    runPreview={confirmation.preview}
                />
            ) : null}
            {confirmation.preview === null ? null : (
                <RunPreviewDialog preview={confirmation.preview} onDecide={confirmation.decide} />
            )}
            {state.status === 'finished' ? (
                <RunSummaryView
                    tables={props.tables}
                    summary={state.summary}
                    decisionWaitMs={state.decisionWaitMs}
                    canOpenRecords={canOpenRecords}
                />
            ) : null}
            {state.status === 'paused' && props.signIn.status === 'ready' ? (
                <Box marginTop={3}>
                    <SignInButton session={props.signIn.session} label="Sign in to continue" />
                    <RunSummaryView
                        tables={props.tables}
                        summary={state.summary}
                        decisionWaitMs={state.decisionWaitMs}
                        canOpenRecords={canOpenRecords}
                    />
                </Box>
            ) : null}
            {state.status === 'crashed' ? <ErrorText>{state.message}</ErrorText> : null}
            <RunHistoryView />
        </Box>
    );
}

/** Checks that the user may write every synced table's records and is signed in to Dynamics. */
function checkCanSyncAsUser(tables: readonly Table[], signIn: SignInSessionStatus): CheckResult {
    const canWrite = tables.map(checkCanSync).find(check => !check.ok) ?? CHECK_OK;
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
