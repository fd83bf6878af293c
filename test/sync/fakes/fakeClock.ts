import type {Clock} from '../../../frontend/sync/ports';

/** A clock that only moves when the code under test sleeps, so pacing is exact and instant. */
export class FakeClock implements Clock {
    private now: number;
    readonly sleeps: number[] = [];

    constructor(startMs = Date.parse('2025-06-01T09:00:00Z')) {
        this.now = startMs;
    }

    nowMs(): number {
        return this.now;
    }

    async sleepAsync(ms: number): Promise<void> {
        if (!(ms >= 0)) {
            throw new RangeError(
                `FakeClock.sleepAsync got ${ms} ms; expected a non-negative delay.`,
            );
        }
        this.sleeps.push(ms);
        this.now += ms;
    }

    advance(ms: number): void {
        this.now += ms;
    }
}
