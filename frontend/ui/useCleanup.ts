/**
 * Runs Clean up for the panel: reads every synced table from both sides, lists the rows to clean
 * up with every row ticked, and deletes the ticked rows in chunks through the engine.
 */
import {useEffect, useRef, useState} from 'react';
import {
    deleteCleanupRowsAsync,
    findCleanupCandidates,
    readCleanupInputAsync,
    type AirtableRecordId,
    type AirtableSide,
    type CleanupCandidate,
    type Clock,
    type DataverseSide,
    type Logger,
    type TableMapping,
} from '../sync';
import {createRunId} from './createDataversePort';
import {describeError} from './describeError';

export type CleanupState =
    | {readonly status: 'idle'}
    | {readonly status: 'reading'}
    | {
          readonly status: 'listed';
          readonly candidates: readonly CleanupCandidate[];
          readonly selectedRowIds: ReadonlySet<AirtableRecordId>;
      }
    | {readonly status: 'deleting'; readonly deletedCount: number; readonly totalCount: number}
    /** `error` is the failure that stopped the deletes early, or null when every row went. */
    | {readonly status: 'deleted'; readonly deletedCount: number; readonly error: string | null}
    | {readonly status: 'failed'; readonly message: string};

export interface CleanupOptions {
    readonly mappings: readonly TableMapping[];
    readonly airtable: AirtableSide;
    readonly clock: Clock;
    readonly logger?: Logger;
}

export interface Cleanup {
    readonly state: CleanupState;
    findRowsAsync(dataverse: (runId: string) => DataverseSide): Promise<void>;
    toggleRow(rowId: AirtableRecordId): void;
    deleteSelectedAsync(): Promise<void>;
    close(): void;
}

export function useCleanup(options: CleanupOptions): Cleanup {
    const [state, setState] = useState<CleanupState>({status: 'idle'});
    const isMountedRef = useRef(true);
    useEffect(
        () => () => {
            isMountedRef.current = false;
        },
        [],
    );
    const setStateIfMounted = (next: CleanupState) => {
        if (isMountedRef.current) {
            setState(next);
        }
    };

    const findRowsAsync = async (createDataverseSide: (runId: string) => DataverseSide) => {
        setState({status: 'reading'});
        const runId = createRunId();
        try {
            const input = await readCleanupInputAsync({
                airtable: options.airtable,
                dataverse: createDataverseSide(runId),
                tables: options.mappings,
                runId,
                logger: options.logger,
            });
            const candidates = findCleanupCandidates(input);
            const selectedRowIds = new Set(candidates.map(candidate => candidate.rowId));
            setStateIfMounted({status: 'listed', candidates, selectedRowIds});
        } catch (error) {
            setStateIfMounted({
                status: 'failed',
                message: `Couldn't read the tables to clean up: ${describeError(error)} Try again.`,
            });
        }
    };

    const toggleRow = (rowId: AirtableRecordId) => {
        if (state.status !== 'listed') {
            return;
        }
        const selectedRowIds = new Set(state.selectedRowIds);
        if (!selectedRowIds.delete(rowId)) {
            selectedRowIds.add(rowId);
        }
        setState({...state, selectedRowIds});
    };

    const deleteSelectedAsync = async () => {
        if (state.status !== 'listed') {
            return;
        }
        const candidates = getSelectedCandidates(state);
        setState({status: 'deleting', deletedCount: 0, totalCount: candidates.length});
        try {
            const result = await deleteCleanupRowsAsync({
                airtable: options.airtable,
                clock: options.clock,
                tables: options.mappings,
                candidates,
                onProgress: (deletedCount, totalCount) =>
                    setStateIfMounted({status: 'deleting', deletedCount, totalCount}),
            });
            setStateIfMounted({
                status: 'deleted',
                deletedCount: result.deletedRowIds.length,
                error: result.error?.message ?? null,
            });
        } catch (error) {
            setStateIfMounted({
                status: 'failed',
                message: `The rows could not all be deleted: ${describeError(error)} Run Clean up again to see what is left.`,
            });
        }
    };

    return {
        state,
        findRowsAsync,
        toggleRow,
        deleteSelectedAsync,
        close: () => setState({status: 'idle'}),
    };
}

export function getSelectedCandidates(
    state: Extract<CleanupState, {status: 'listed'}>,
): CleanupCandidate[] {
    return state.candidates.filter(candidate => state.selectedRowIds.has(candidate.rowId));
}
