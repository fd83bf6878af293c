/**
 * Bridges the engine's `confirmRunAsync` callback to the run preview dialog: the callback returns
 * a promise and shows the preview, and the dialog's decision resolves that promise.
 */
import {useEffect, useRef, useState} from 'react';
import type {ConfirmRun, RunDecision, RunPreview} from '../sync';

const CANCEL: RunDecision = {kind: 'cancel'};

export interface RunConfirmation {
    /** The preview waiting for a decision, or null when none is. */
    readonly preview: RunPreview | null;
    /** Passed to the engine as `confirmRunAsync`. */
    readonly confirmRunAsync: ConfirmRun;
    decide(decision: RunDecision): void;
}

export function useRunConfirmation(): RunConfirmation {
    const [preview, setPreview] = useState<RunPreview | null>(null);
    const resolveRef = useRef<((decision: RunDecision) => void) | null>(null);

    // A preview left open when the panel goes away writes nothing.
    useEffect(() => () => resolveRef.current?.(CANCEL), []);

    const decide = (decision: RunDecision) => {
        const resolve = resolveRef.current;
        resolveRef.current = null;
        setPreview(null);
        resolve?.(decision);
    };

    const confirmRunAsync: ConfirmRun = next => {
        // The engine calls this at most once per run, so an older request still open belongs to
        // a cancelled run, and it is cancelled.
        resolveRef.current?.(CANCEL);
        setPreview(next);
        return new Promise(resolve => {
            resolveRef.current = resolve;
        });
    };

    return {preview, confirmRunAsync, decide};
}
