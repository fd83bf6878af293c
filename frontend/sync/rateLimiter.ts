/**
 * A sliding-window rate limiter on the injected clock: at most `maxCalls` slots in any window of
 * `windowMs`. A call counts from the moment its slot is taken, so awaiting each call before taking
 * the next slot keeps requests, not just starts, inside the limit.
 */
import type {Clock} from './ports';

export class RateLimiter {
    private readonly clock: Clock;
    private readonly maxCalls: number;
    private readonly windowMs: number;
    /** Times of the calls still inside the window, oldest first. */
    private readonly callTimes: number[] = [];

    constructor(clock: Clock, options: {readonly maxCalls: number; readonly windowMs: number}) {
        if (!Number.isInteger(options.maxCalls) || options.maxCalls < 1) {
            throw new RangeError(`maxCalls must be a positive integer; got ${options.maxCalls}.`);
        }
        if (!(options.windowMs > 0)) {
            throw new RangeError(`windowMs must be positive; got ${options.windowMs}.`);
        }
        this.clock = clock;
        this.maxCalls = options.maxCalls;
        this.windowMs = options.windowMs;
    }

    /** Waits until a call is allowed, then counts it. */
    async takeSlotAsync(): Promise<void> {
        for (;;) {
            const now = this.clock.nowMs();
            while (this.callTimes.length > 0 && (this.callTimes[0] ?? 0) + this.windowMs <= now) {
                this.callTimes.shift();
            }
            const oldest = this.callTimes[0];
            if (this.callTimes.length < this.maxCalls || oldest === undefined) {
                this.callTimes.push(now);
                return;
            }
            await this.clock.sleepAsync(oldest + this.windowMs - now);
        }
    }
}
