/**
 * Measures how long a run waits for the person's decision on its delete preview, so the run's
 * duration can leave out the time the dialog was open.
 */
import type {Clock, ConfirmDeletes} from '../sync';

export interface DecisionTimer {
    /** Passed to the engine in place of the wrapped callback. */
    readonly confirmDeletesAsync: ConfirmDeletes;
    /** The milliseconds spent waiting for decisions so far, 0 when no preview was shown. */
    getWaitedMs(): number;
}

export function createDecisionTimer(
    confirmDeletesAsync: ConfirmDeletes,
    clock: Clock,
): DecisionTimer {
    let waitedMs = 0;
    return {
        confirmDeletesAsync: async preview => {
            const startMs = clock.nowMs();
            try {
                return await confirmDeletesAsync(preview);
            } finally {
                waitedMs += Math.max(0, clock.nowMs() - startMs);
            }
        },
        getWaitedMs: () => waitedMs,
    };
}
