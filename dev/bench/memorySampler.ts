/** Samples the process's memory while a workload runs and keeps the peak. */

const SAMPLE_INTERVAL_MS = 100;

export interface MemoryPeak {
    readonly heapUsedBytes: number;
    readonly rssBytes: number;
}

export class MemorySampler {
    private heapUsedBytes = 0;
    private rssBytes = 0;
    private timer: ReturnType<typeof setInterval> | null = null;

    start(): void {
        this.heapUsedBytes = 0;
        this.rssBytes = 0;
        this.sample();
        this.timer = setInterval(() => this.sample(), SAMPLE_INTERVAL_MS);
        this.timer.unref();
    }

    /** Stops sampling and returns the peaks since `start`. */
    stop(): MemoryPeak {
        if (this.timer !== null) {
            clearInterval(this.timer);
            this.timer = null;
        }
        this.sample();
        return {heapUsedBytes: this.heapUsedBytes, rssBytes: this.rssBytes};
    }

    private sample(): void {
        const usage = process.memoryUsage();
        this.heapUsedBytes = Math.max(this.heapUsedBytes, usage.heapUsed);
        this.rssBytes = Math.max(this.rssBytes, usage.rss);
    }
}
