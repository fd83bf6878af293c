/**
 * Work left running while the caller does something else, such as one group's Airtable writes
 * while the next group goes to Dynamics. Its failure is kept and thrown by `finishAsync`, so it
 * is never an unhandled rejection in the meantime.
 */
export class BackgroundTask {
    private readonly settled: Promise<{readonly failed: boolean; readonly error: unknown}>;

    constructor(work: Promise<void> = Promise.resolve()) {
        this.settled = work.then(
            () => ({failed: false, error: undefined}),
            (error: unknown) => ({failed: true, error}),
        );
    }

    /** Waits for the work, and throws what it threw. */
    async finishAsync(): Promise<void> {
        const {failed, error} = await this.settled;
        if (failed) {
            throw error;
        }
    }

    /** Waits for the work without throwing, for a caller that already stops on another error. */
    async settleAsync(): Promise<void> {
        await this.settled;
    }
}
