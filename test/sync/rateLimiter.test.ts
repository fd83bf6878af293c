import {RateLimiter} from '../../frontend/sync/rateLimiter';
import {FakeClock} from './fakes/fakeClock';

interface CallTimes {
    readonly startMs: number;
    readonly endMs: number;
}

/** Runs calls one after another, each taking `durationMs(index)`, and returns when each ran. */
async function runCallsAsync(
    clock: FakeClock,
    limiter: RateLimiter,
    count: number,
    durationMs: (index: number) => number = () => 0,
): Promise<CallTimes[]> {
    const times: CallTimes[] = [];
    for (let index = 0; index < count; index += 1) {
        const startMs = await limiter.runAsync(async () => {
            const start = clock.nowMs();
            clock.advance(durationMs(index));
            return start;
        });
        times.push({startMs, endMs: clock.nowMs()});
    }
    return times;
}

/** Returns the maximum number of calls, run one after another, that a server could count within one window. */
function getMaxCallsInAnyWindow(times: readonly CallTimes[], windowMs: number): number {
    // A server that counts a call at its end and the calls after it at their start receives them
    // closest together, so each call's end is compared against the later calls' starts.
    return Math.max(
        ...times.map(
            (first, index) =>
                times.slice(index).filter(call => call.startMs < first.endMs + windowMs).length,
        ),
    );
}

describe('RateLimiter', () => {
    test('lets the first calls through at once', async () => {
        const clock = new FakeClock(0);
        const limiter = new RateLimiter(clock, {maxCalls: 15, windowMs: 1000});

        const times = await runCallsAsync(clock, limiter, 15);

        expect(times.map(call => call.startMs)).toEqual(Array.from({length: 15}, () => 0));
    });

    test('delays the call over the limit', async () => {
        const clock = new FakeClock(0);
        const limiter = new RateLimiter(clock, {maxCalls: 15, windowMs: 1000});

        const times = await runCallsAsync(clock, limiter, 16);

        expect(times[15]?.startMs).toBe(1000);
    });

    test('counts the window from the end of a call', async () => {
        const clock = new FakeClock(0);
        const limiter = new RateLimiter(clock, {maxCalls: 2, windowMs: 1000});

        const times = await runCallsAsync(clock, limiter, 3, () => 50);

        expect(times[2]?.startMs).toBe(1050);
    });

    test('never lets 16 calls meet one window', async () => {
        const clock = new FakeClock(0);
        const limiter = new RateLimiter(clock, {maxCalls: 15, windowMs: 1000});

        // Calls take uneven time, as real writes do.
        const times = await runCallsAsync(clock, limiter, 200, index => (index * 37) % 90);

        expect(getMaxCallsInAnyWindow(times, 1000)).toBeLessThanOrEqual(15);
    });

    test('counts a running call against the limit', async () => {
        const clock = new FakeClock(0);
        const limiter = new RateLimiter(clock, {maxCalls: 1, windowMs: 1000});
        let endFirst: () => void = () => undefined;
        const first = limiter.runAsync(() => new Promise<void>(resolve => (endFirst = resolve)));
        let isSecondStarted = false;
        const second = limiter.runAsync(async () => {
            isSecondStarted = true;
        });
        await new Promise(resolve => setImmediate(resolve));

        expect(isSecondStarted).toBe(false);

        clock.advance(200);
        endFirst();
        await Promise.all([first, second]);

        expect(clock.nowMs()).toBe(1200);
    });

    test('frees the slot of a failed call', async () => {
        const clock = new FakeClock(0);
        const limiter = new RateLimiter(clock, {maxCalls: 1, windowMs: 1000});
        const failing = limiter.runAsync(async () => {
            throw new Error('The write failed.');
        });
        await expect(failing).rejects.toThrow('The write failed.');

        await limiter.runAsync(async () => undefined);

        expect(clock.nowMs()).toBe(1000);
    });

    test('does not wait after a quiet period', async () => {
        const clock = new FakeClock(0);
        const limiter = new RateLimiter(clock, {maxCalls: 2, windowMs: 1000});
        await runCallsAsync(clock, limiter, 2);
        clock.advance(5000);

        await limiter.runAsync(async () => undefined);

        expect(clock.sleeps).toEqual([]);
    });

    test('rejects a zero limit', () => {
        expect(() => new RateLimiter(new FakeClock(0), {maxCalls: 0, windowMs: 1000})).toThrow(
            RangeError,
        );
    });
});
