/**
 * A rate limiter on the injected clock that lets at most `maxCalls` calls reach the server in any
 * window of `windowMs`, however long the network takes.
 *
 * The server counts a call at some moment between its start and the end of its response, and
 * which moment is unknown. So a call keeps its slot while it runs and for a whole window after it
 * ends: a new call starts only when fewer than `maxCalls` calls ended within the last window or
 * are still running. Any 16 calls then reach the server at least one window apart when the limit
 * is 15, with no guess at the network's delay. Calls run one after another pay for it only with
 * the time one call takes, once per window.
 */
import type {Clock} from './ports';

interface Slot {
    /** When the call ended, or null while it runs. */
    endMs: number | null;
}

export class RateLimiter {
    private readonly clock: Clock;
    private readonly maxCalls: number;
    private readonly windowMs: number;
    /** The calls running or ended within the last window, in the order they started. */
    private readonly slots: Slot[] = [];
    /** Callers waiting for a running call to end, because running calls take every slot. */
    private endWaiters: Array<() => void> = [];

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

    /** Waits until a call is allowed, runs it, and counts it until a window after it ends. */
    async runAsync<T>(callAsync: () => Promise<T>): Promise<T> {
        const slot = await this.takeSlotAsync();
        try {
            return await callAsync();
        } finally {
            slot.endMs = this.clock.nowMs();
            const waiters = this.endWaiters;
            this.endWaiters = [];
            waiters.forEach(wake => wake());
        }
    }

    private async takeSlotAsync(): Promise<Slot> {
        for (;;) {
            this.dropExpiredSlots();
            if (this.slots.length < this.maxCalls) {
                const slot: Slot = {endMs: null};
                this.slots.push(slot);
                return slot;
            }
            const firstFreeMs = this.getFirstFreeMsIfExists();
            if (firstFreeMs === null) {
                await new Promise<void>(resolve => this.endWaiters.push(resolve));
            } else {
                await this.clock.sleepAsync(firstFreeMs - this.clock.nowMs());
            }
        }
    }

    private dropExpiredSlots(): void {
        const now = this.clock.nowMs();
        const counted = this.slots.filter(
            slot => slot.endMs === null || slot.endMs + this.windowMs > now,
        );
        this.slots.splice(0, this.slots.length, ...counted);
    }

    /** Returns when the earliest ended call frees its slot, or null while every call still runs. */
    private getFirstFreeMsIfExists(): number | null {
        let earliestEndMs: number | null = null;
        for (const {endMs} of this.slots) {
            if (endMs !== null && (earliestEndMs === null || endMs < earliestEndMs)) {
                earliestEndMs = endMs;
            }
        }
        return earliestEndMs === null ? null : earliestEndMs + this.windowMs;
    }
}
