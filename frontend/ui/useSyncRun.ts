/**
 * Runs one sync at a time for the panel and keeps its state: idle, running with the latest
 * progress event, finished with the run summary, paused for sign-in, or crashed with a message.
 * A table's `lastSyncedAt` watermark is saved only after a run that synced that table completely.
 *
 * A run whose token request needs a sign-in popup ends with a run error, because the popup
 * needs a click. The hook then reports `paused`, and runs the sync again as soon as the user has
 * signed in. Running again converges without duplicates: every create carries the id already
 * written to its row and is sent with `If-None-Match: *`, so a record created before the pause
 * answers `412` and its row is then finished.
 * NOTE: the group of Dynamics writes in flight when the sign-in expired is sent again in full.
 */
import {useEffect, useRef, useState} from 'react';
import type {SignInSession} from '../auth/signInSession';
import type {SettingsState} from '../settings/useSettings';
import {
    airtableTableId,
    runSyncAsync,
    type ApprovalSettings,
    type ConfirmRun,
    type RunSummary,
    type SyncProgress,
    type TableMapping,
} from '../sync';
import type {AirtableRunSide} from '../airtable/airtableSide';
import {createDataversePort, createRandomGuid, createRunId} from './createDataversePort';
import {createDecisionTimer} from './decisionTimer';
import {describeError} from './describeError';
import type {ExtensionEnvironment} from './environment';
import type {SignInSessionStatus} from './useSignInSession';

/**
 * A run's state. `decisionWaitMs` is how long the run waited for the person's decision on its
 * run preview, which the summary's start and end times include.
 */
export type SyncRunState =
    | {readonly status: 'idle'}
    | {readonly status: 'running'; readonly progress: SyncProgress | null}
    | {readonly status: 'finished'; readonly summary: RunSummary; readonly decisionWaitMs: number}
    /** The run stopped because the sign-in expired; it runs again after the user signs in. */
    | {readonly status: 'paused'; readonly summary: RunSummary; readonly decisionWaitMs: number}
    /** The run threw instead of returning a summary: a bug or a failure before any table. */
    | {readonly status: 'crashed'; readonly message: string};

export interface SyncRunOptions {
    readonly airtable: AirtableRunSide;
    /** The tables to sync, in any order: the engine orders them by their links. */
    readonly mappings: readonly TableMapping[];
    /** Shows the run's preview and returns the person's decision; automatic runs never call it. */
    readonly confirmRunAsync: ConfirmRun;
    /** The rules for when a run needs approval before it writes. */
    readonly approval: ApprovalSettings;
    readonly environmentUrl: string;
    readonly environment: ExtensionEnvironment;
    readonly settings: SettingsState;
    readonly signIn: SignInSessionStatus;
}

/**
 * The way a run started. An automatic run has no one to ask, so a run that needs approval stops
 * before writing, with an `approvalNeeded` run error.
 */
export type SyncRunMode = 'manual' | 'automatic';

export interface SyncRun {
    readonly state: SyncRunState;
    /** Runs one sync; returns its summary, or null when none ran or it crashed. */
    startAsync(mode?: SyncRunMode): Promise<RunSummary | null>;
    /** Aborts the running sync's signal, so the engine stops at its next check. */
    cancel(): void;
}

export function useSyncRun(options: SyncRunOptions): SyncRun {
    const [state, setState] = useState<SyncRunState>({status: 'idle'});
    const abortControllerRef = useRef<AbortController | null>(null);
    const isMountedRef = useRef(true);
    useEffect(
        () => () => {
            isMountedRef.current = false;
            abortControllerRef.current?.abort();
        },
        [],
    );

    const setStateIfMounted = (next: SyncRunState) => {
        if (isMountedRef.current) {
            setState(next);
        }
    };

    const session = options.signIn.status === 'ready' ? options.signIn.session : null;
    const startAsync = async (mode: SyncRunMode = 'manual'): Promise<RunSummary | null> => {
        if (abortControllerRef.current !== null || session === null) {
            return null;
        }
        const abortController = new AbortController();
        abortControllerRef.current = abortController;
        setState({status: 'running', progress: null});
        const timer = createDecisionTimer(options.confirmRunAsync, options.environment.clock);

        try {
            const summary = await runOnceAsync(
                mode === 'manual' ? timer.confirmAsync : undefined,
                options,
                session,
                abortController.signal,
                progress => setStateIfMounted({status: 'running', progress}),
            );
            await saveWatermarksAsync(options.settings, summary);
            const decisionWaitMs = timer.getWaitedMs();
            setStateIfMounted(
                isPausedForSignIn(summary, session)
                    ? {status: 'paused', summary, decisionWaitMs}
                    : {status: 'finished', summary, decisionWaitMs},
            );
            return summary;
        } catch (error) {
            setStateIfMounted({
                status: 'crashed',
                message: `The sync failed: ${describeError(error)}`,
            });
            return null;
        } finally {
            abortControllerRef.current = null;
        }
    };

    const sessionStatus = options.signIn.status === 'ready' ? options.signIn.state.status : null;
    useEffect(() => {
        if (state.status === 'paused' && sessionStatus === 'signedIn') {
            void startAsync();
        }
        // startAsync is a new function on every render; only these two states decide a resume.
    }, [state.status, sessionStatus]);

    return {state, startAsync, cancel: () => abortControllerRef.current?.abort()};
}

/**
 * Returns whether the run stopped because a token needs a sign-in popup. The engine reports
 * only that Dynamics failed, so the session's state tells: the token provider moves it to
 * `interactionRequired` when it throws for that reason.
 */
function isPausedForSignIn(summary: RunSummary, session: SignInSession): boolean {
    return (
        summary.error !== null &&
        summary.error.code === 'dynamicsFailed' &&
        session.getSessionState().status === 'interactionRequired'
    );
}

async function runOnceAsync(
    confirmRunAsync: ConfirmRun | undefined,
    options: SyncRunOptions,
    session: SignInSession,
    signal: AbortSignal,
    onProgress: (progress: SyncProgress) => void,
): Promise<RunSummary> {
    const {environment, settings} = options;
    const runId = createRunId();
    return runSyncAsync({
        tables: options.mappings,
        airtable: options.airtable,
        dataverse: createDataversePort(options.environmentUrl, environment, session, runId),
        clock: environment.clock,
        conflictPolicy: settings.settings.conflictPolicy,
        newGuid: createRandomGuid,
        runId,
        lastSyncedAt: settings.settings.lastSyncedAtByTableId,
        confirmRunAsync,
        approval: options.approval,
        onProgress,
        logger: environment.logger,
        signal,
    });
}

async function saveWatermarksAsync(settings: SettingsState, summary: RunSummary): Promise<void> {
    if (!settings.canEditSettings.ok) {
        return;
    }
    for (const table of summary.tables) {
        if (table.isComplete && table.watermark !== null) {
            await settings.setLastSyncedAtAsync(airtableTableId(table.tableId), table.watermark);
        }
    }
}
