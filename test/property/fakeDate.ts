/**
 * One simulated time for the emulator, the engine and the Dataverse client: Jest's fake `Date`,
 * with timers left real. The emulator stamps `createdon` and `modifiedon` from `new Date()`, so the
 * property decides how far apart in whole seconds a sync and the edits after it fall, and waiting
 * out a `Retry-After` moves the date forward at once instead of sleeping.
 */
import type {Clock} from '../../frontend/sync';

/** Everything Jest can fake except `Date`, which the property controls. */
const REAL_APIS = [
    'hrtime',
    'nextTick',
    'performance',
    'queueMicrotask',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'requestIdleCallback',
    'cancelIdleCallback',
    'setImmediate',
    'clearImmediate',
    'setInterval',
    'clearInterval',
    'setTimeout',
    'clearTimeout',
] as const;

export function useFakeDate(startMs: number): void {
    jest.useFakeTimers({doNotFake: [...REAL_APIS], now: startMs});
}

export function setFakeDate(ms: number): void {
    jest.setSystemTime(ms);
}

export function advanceFakeDate(ms: number): void {
    jest.setSystemTime(Date.now() + ms);
}

/**
 * A clock on the fake date. Sleeping yields once to let other work run, then moves the date to the
 * end of the sleep unless another sleeper already moved it further, so requests that wait in
 * parallel share one wait.
 */
export const FAKE_CLOCK: Clock = {
    nowMs: () => Date.now(),
    sleepAsync: async ms => {
        const endMs = Date.now() + ms;
        await new Promise(resolve => setImmediate(resolve));
        if (Date.now() < endMs) {
            setFakeDate(endMs);
        }
    },
};
