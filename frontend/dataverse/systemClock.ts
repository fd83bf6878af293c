import type {Clock} from '../sync/ports';

/** The real clock: wall time and `setTimeout`. */
export const SYSTEM_CLOCK: Clock = {
    nowMs: () => Date.now(),
    sleepAsync: ms => new Promise(resolve => setTimeout(resolve, ms)),
};
