/**
 * Bridges the engine's `confirmDeletesAsync` callback to the delete preview dialog: the callback
 * returns a promise and shows the preview, and the dialog's decision resolves that promise.
 */
import {useEffect, useRef, useState} from 'react';
import type {ConfirmDeletes, DeleteDecision, DeletePreview} from '../sync';

const DECLINE_ALL: DeleteDecision = {kind: 'declineAll'};

export interface DeleteConfirmation {
    /** The preview waiting for a decision, or null when none is. */
    readonly preview: DeletePreview | null;
    /** Passed to the engine as `confirmDeletesAsync`. */
    readonly confirmDeletesAsync: ConfirmDeletes;
    decide(decision: DeleteDecision): void;
}

export function useDeleteConfirmation(): DeleteConfirmation {
    const [preview, setPreview] = useState<DeletePreview | null>(null);
    const resolveRef = useRef<((decision: DeleteDecision) => void) | null>(null);

    // A preview left open when the panel goes away deletes nothing.
    useEffect(() => () => resolveRef.current?.(DECLINE_ALL), []);

    const decide = (decision: DeleteDecision) => {
        const resolve = resolveRef.current;
        resolveRef.current = null;
        setPreview(null);
        resolve?.(decision);
    };

    const confirmDeletesAsync: ConfirmDeletes = next => {
        // The engine calls this at most once per run, so an older request still open belongs to
        // a cancelled run, and it is declined.
        resolveRef.current?.(DECLINE_ALL);
        setPreview(next);
        return new Promise(resolve => {
            resolveRef.current = resolve;
        });
    };

    return {preview, confirmDeletesAsync, decide};
}
