/**
 * Runs one sync at a time for the panel and keeps its state: idle, running with the latest
 * progress event, finished with the run summary, paused for sign-in, or crashed with a message.
 * A table's `lastSyncedAt` watermark and delta state are saved only after a run that synced that
 * table completely, so a failed run leaves the next one the link of the last complete run.
 *
 * A run whose token request needs a sign-in popup ends with a run error, because the popup
 * needs a click. The hook then reports `paused`, and runs the sync again as soon as the user has
 * signed in. Running again converges without duplicates: every create carries the id already
 * written to its row and is sent with `If-None-Match: *`, so a record created before the pause
 * answers `412` and its row is then finished.
 * The writes Dynamics confirmed before the sign-in expired are finished on their rows first, so
 * only a write whose response was lost is sent again.
 */
import {useEffect, useRef, useState} from 'react';
import type {SignInSession} from '../auth/signInSession';
import {
    createCrashedRunEntry,
    createRunHistoryEntry,
    type RunHistoryEntry,
} from '../settings/runHistory';
import {useRunHistory, type RunHistoryState} from '../settings/useRunHistory';
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
import {addTableProgress, type TableProgress} from './tableProgress';
import type {SignInSessionStatus} from './useSignInSession';

/**
 * A run's state. `decisionWaitMs` is how long the run waited for the person's decision on its
 * run preview, which the summary's start and end times include.
 */
export type SyncRunState =
    | {readonly status: 'idle'}
    | {
          readonly status: 'running';
          readonly progress: SyncProgress | null;
          /** Each table's latest progress, in the order the run reached them. */
          readonly tables: readonly TableProgress[];
          /** Cancel was pressed: the run ends once the writes already sent have returned. */
          readonly isStopping: boolean;
      }
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
    /**
     * Aborts the running sync's signal and marks the run as stopping at once. The engine stops at
     * its next check, after the writes in flight, whose results it still saves to their rows.
     */
    cancel(): void;
}

export function useSyncRun(options: SyncRunOptions): SyncRun {
    const [state, setState] = useState<SyncRunState>({status: 'idle'});
    const runHistory = useRunHistory();
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
        setState({status: 'running', progress: null, tables: [], isStopping: false});
        const timer = createDecisionTimer(options.confirmRunAsync, options.environment.clock);
        const startedAtMs = options.environment.clock.nowMs();
        let tables: readonly TableProgress[] = [];

        try {
            const summary = await runOnceAsync(
                mode === 'manual' ? timer.confirmAsync : undefined,
                options,
                session,
                abortController.signal,
                progress => {
                    tables = addTableProgress(tables, progress);
                    setStateIfMounted({
                        status: 'running',
                        progress,
                        tables,
                        isStopping: abortController.signal.aborted,
                    });
                },
            );
            await saveWatermarksAsync(options.settings, summary);
            const decisionWaitMs = timer.getWaitedMs();
            await saveRunAsync(
                runHistory,
                createRunHistoryEntry(summary, decisionWaitMs, runHistory.userName),
                options.environment,
                summary.runId,
            );
            setStateIfMounted(
                isPausedForSignIn(summary, session)
                    ? {status: 'paused', summary, decisionWaitMs}
                    : {status: 'finished', summary, decisionWaitMs},
            );
            return summary;
        } catch (error) {
            const endedAtMs = options.environment.clock.nowMs();
            await saveRunAsync(
                runHistory,
                createCrashedRunEntry(startedAtMs, endedAtMs, runHistory.userName),
                options.environment,
                null,
            );
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

    const cancel = () => {
        const abortController = abortControllerRef.current;
        if (abortController === null || abortController.signal.aborted) {
            return;
        }
        abortController.abort();
        setState(current =>
            current.status === 'running' ? {...current, isStopping: true} : current,
        );
    };

    return {state, startAsync, cancel};
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
        deltaStates: settings.deltaStates,
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
        if (table.isComplete && table.deltaState !== null) {
            await settings.setDeltaStateAsync(airtableTableId(table.tableId), table.deltaState);
        }
    }
}

/**
 * Adds the run to the history. A failed save is logged and the run's result still shows, because
 * the history only reports and the records are already written.
 */
async function saveRunAsync(
    runHistory: RunHistoryState,
    entry: RunHistoryEntry,
    environment: ExtensionEnvironment,
    /** The run's id, or null for a run that threw before it returned its summary. */
    runId: string | null,
): Promise<void> {
    try {
        await runHistory.saveRunAsync(entry);
    } catch (error) {
        environment.logger?.log({
            level: 'warn',
            runId: runId ?? 'none',
            message: 'Saving the run history failed',
            fields: {error: describeError(error)},
        });
    }
}
