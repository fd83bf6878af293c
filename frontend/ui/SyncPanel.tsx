/**
 * The main panel: a "Sync now" button, the progress of the running sync, the summary of the last
 * one and the recent runs of every collaborator. The button is disabled, with the reason, for
 * people who may not write records or have not signed in. A sync paused for sign-in shows "Sign in
 * to continue" and then resumes. A sync that would delete records waits on the delete preview
 * dialog.
 */
import type {Base, Table} from '@airtable/blocks/models';
import {Box, Button} from '@airtable/blocks/ui';
import type {AirtableRunSide} from '../airtable/airtableSide';
import {checkCanSync} from '../airtable/syncPermissions';
import {CHECK_OK, type CheckResult} from '../airtable/checkResult';
import type {SettingsState} from '../settings/useSettings';
import type {TableMapping} from '../sync';
import {ConflictPolicyPicker} from './ConflictPolicyPicker';
import {DeletePreviewDialog} from './DeletePreviewDialog';
import {DisabledReason} from './DisabledReason';
import type {ExtensionEnvironment} from './environment';
import {ErrorText} from './ErrorText';
import {RunHistoryView} from './RunHistoryView';
import {RunSummaryView} from './RunSummaryView';
import {SignInButton} from './SignInBar';
import {SyncProgressView} from './SyncProgressView';
import {useDeleteConfirmation} from './useDeleteConfirmation';
import type {SignInSessionStatus} from './useSignInSession';
import {useSyncRun} from './useSyncRun';

const RUNNING: CheckResult = {ok: false, reason: 'A sync is running.'};

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
    const deletes = useDeleteConfirmation();
    const {state, startAsync, cancel} = useSyncRun({
        ...props,
        confirmDeletesAsync: deletes.confirmDeletesAsync,
    });
    const isRunning = state.status === 'running';
    const canSync = isRunning ? RUNNING : checkCanSyncAsUser(props.tables, props.signIn);
    const canOpenRecords = props.environment.canOpenRecords ?? CHECK_OK;

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
            {state.status === 'running' ? (
                <SyncProgressView
                    progress={state.progress}
                    tables={state.tables}
                    deletePreview={deletes.preview}
                />
            ) : null}
            {deletes.preview === null ? null : (
                <DeletePreviewDialog preview={deletes.preview} onDecide={deletes.decide} />
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
