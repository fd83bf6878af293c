import {RateLimiter} from '../../frontend/sync/rateLimiter';
import {FakeClock} from './fakes/fakeClock';

async function takeSlotTimesAsync(
    clock: FakeClock,
    limiter: RateLimiter,
    count: number,
): Promise<number[]> {
    const times: number[] = [];
    for (let index = 0; index < count; index += 1) {
        await limiter.takeSlotAsync();
        times.push(clock.nowMs());
    }
    return times;
}

describe('RateLimiter', () => {
    test('lets the first calls through at once', async () => {
        const clock = new FakeClock(0);
        const limiter = new RateLimiter(clock, {maxCalls: 15, windowMs: 1000});

        const times = await takeSlotTimesAsync(clock, limiter, 15);

        expect(times).toEqual(Array.from({length: 15}, () => 0));
    });

    test('delays the call over the limit', async () => {
        const clock = new FakeClock(0);
        const limiter = new RateLimiter(clock, {maxCalls: 15, windowMs: 1000});

        const times = await takeSlotTimesAsync(clock, limiter, 16);

        expect(times[15]).toBe(1000);
    });

    test('never exceeds 15 calls per window', async () => {
        const clock = new FakeClock(0);
        const limiter = new RateLimiter(clock, {maxCalls: 15, windowMs: 1000});
        const times: number[] = [];
        for (let index = 0; index < 200; index += 1) {
            await limiter.takeSlotAsync();
            times.push(clock.nowMs());
            // Calls take uneven time, as real writes do.
            clock.advance((index * 37) % 90);
        }

        const maxInWindow = Math.max(
            ...times.map(
                start => times.filter(time => time >= start && time < start + 1000).length,
            ),
        );

        expect(maxInWindow).toBeLessThanOrEqual(15);
    });

    test('does not wait after a quiet period', async () => {
        const clock = new FakeClock(0);
        const limiter = new RateLimiter(clock, {maxCalls: 2, windowMs: 1000});
        await takeSlotTimesAsync(clock, limiter, 2);
        clock.advance(5000);

        await limiter.takeSlotAsync();

        expect(clock.sleeps).toEqual([]);
    });

    test('rejects a zero limit', () => {
        expect(() => new RateLimiter(new FakeClock(0), {maxCalls: 0, windowMs: 1000})).toThrow(
            RangeError,
        );
    });
});
