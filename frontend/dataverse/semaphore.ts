/**
 * A counting semaphore that bounds how many tasks run at once. Waiting tasks start in the order
 * they asked for a slot.
 */
export class Semaphore {
    private readonly limit: number;
    private activeCount = 0;
    private readonly waiting: Array<() => void> = [];

    constructor(limit: number) {
        if (!Number.isInteger(limit) || limit < 1) {
            throw new RangeError(
                `Semaphore limit must be a whole number of at least 1, not ${limit}.`,
            );
        }
        this.limit = limit;
    }

    /** Number of tasks holding a slot right now. */
    get inUseCount(): number {
        return this.activeCount;
    }

    /** Runs `task` once a slot is free and releases the slot when the task settles. */
    async runAsync<T>(task: () => Promise<T>): Promise<T> {
        await this.acquireAsync();
        try {
            return await task();
        } finally {
            this.release();
        }
    }

    private async acquireAsync(): Promise<void> {
        if (this.activeCount < this.limit) {
            this.activeCount += 1;
            return;
        }
        // The releasing task hands its slot over directly, so activeCount stays unchanged.
        await new Promise<void>(resolve => this.waiting.push(resolve));
    }

    private release(): void {
        const next = this.waiting.shift();
        if (next === undefined) {
            this.activeCount -= 1;
        } else {
            next();
        }
    }
}
