/**
 * Runs one sync at a time for the panel and keeps its state: idle, running with the latest
 * progress event, finished with the run summary, or crashed with a message. A table's
 * `lastSyncedAt` watermark is saved only after a run that synced that table completely.
 */
import {useEffect, useRef, useState} from 'react';
import type {SettingsState} from '../settings/useSettings';
import {
    airtableTableId,
    runSyncAsync,
    type RunSummary,
    type SyncProgress,
    type TableMapping,
} from '../sync';
import type {AirtableRunSide} from '../airtable/airtableSide';
import {createDataversePort, createRandomGuid, createRunId} from './createDataversePort';
import {describeError} from './describeError';
import type {ExtensionEnvironment} from './environment';

export type SyncRunState =
    | {readonly status: 'idle'}
    | {readonly status: 'running'; readonly progress: SyncProgress | null}
    | {readonly status: 'finished'; readonly summary: RunSummary}
    /** The run threw instead of returning a summary: a bug or a failure before any table. */
    | {readonly status: 'crashed'; readonly message: string};

export interface SyncRunOptions {
    readonly airtable: AirtableRunSide;
    readonly mapping: TableMapping;
    readonly environmentUrl: string;
    readonly environment: ExtensionEnvironment;
    readonly settings: SettingsState;
}

export interface SyncRun {
    readonly state: SyncRunState;
    startAsync(): Promise<void>;
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

    const startAsync = async () => {
        if (abortControllerRef.current !== null) {
            return;
        }
        const abortController = new AbortController();
        abortControllerRef.current = abortController;
        setState({status: 'running', progress: null});

        try {
            const summary = await runOnceAsync(options, abortController.signal, progress =>
                setStateIfMounted({status: 'running', progress}),
            );
            await saveWatermarksAsync(options.settings, summary);
            setStateIfMounted({status: 'finished', summary});
        } catch (error) {
            setStateIfMounted({
                status: 'crashed',
                message: `The sync failed: ${describeError(error)}`,
            });
        } finally {
            abortControllerRef.current = null;
        }
    };

    return {state, startAsync, cancel: () => abortControllerRef.current?.abort()};
}

async function runOnceAsync(
    options: SyncRunOptions,
    signal: AbortSignal,
    onProgress: (progress: SyncProgress) => void,
): Promise<RunSummary> {
    const {mapping, environment, settings} = options;
    const runId = createRunId();
    return runSyncAsync({
        tables: [mapping],
        airtable: options.airtable,
        dataverse: createDataversePort(options.environmentUrl, environment, runId),
        clock: environment.clock,
        conflictPolicy: settings.settings.conflictPolicy,
        newGuid: createRandomGuid,
        runId,
        lastSyncedAt: settings.settings.lastSyncedAtByTableId,
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
