/**
 * Measures how long a run waits for the person's decision on its preview, so the run's duration
 * can leave out the time the dialog was open.
 */
import type {Clock} from '../sync';

export interface DecisionTimer<Preview, Decision> {
    /** Passed to the engine in place of the wrapped callback. */
    readonly confirmAsync: (preview: Preview) => Promise<Decision>;
    /** The milliseconds spent waiting for decisions so far, 0 when no preview was shown. */
    getWaitedMs(): number;
}

export function createDecisionTimer<Preview, Decision>(
    confirmAsync: (preview: Preview) => Promise<Decision>,
    clock: Clock,
): DecisionTimer<Preview, Decision> {
    let waitedMs = 0;
    return {
        confirmAsync: async preview => {
            const startMs = clock.nowMs();
            try {
                return await confirmAsync(preview);
            } finally {
                waitedMs += Math.max(0, clock.nowMs() - startMs);
            }
        },
        getWaitedMs: () => waitedMs,
    };
}
