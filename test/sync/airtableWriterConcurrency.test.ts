import {AIRTABLE_CALLS_IN_FLIGHT, AirtableWriter} from '../../frontend/sync/apply/airtableWriter';
import {airtableRecordId, type AirtableRecordId} from '../../frontend/sync/ids';
import type {AirtableSide} from '../../frontend/sync/ports';
import {RateLimiter} from '../../frontend/sync/rateLimiter';
import {FakeClock} from './fakes/fakeClock';
import {accountTable} from './fixtures';

/** A side whose update calls wait until the test releases them, counting those in flight. */
class HeldCallsSide implements AirtableSide {
    inFlight = 0;
    maxInFlight = 0;
    calls = 0;
    failCall: number | null = null;
    private readonly waiting: Array<() => void> = [];

    async readRowsAsync(): Promise<never[]> {
        return [];
    }

    async createRowsAsync(): Promise<AirtableRecordId[]> {
        return [];
    }

    async deleteRowsAsync(): Promise<void> {}

    async updateRowsAsync(): Promise<void> {
        this.calls += 1;
        const call = this.calls;
        this.inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        await new Promise<void>(resolve => this.waiting.push(resolve));
        this.inFlight -= 1;
        if (call === this.failCall) {
            throw new Error('The network is down.');
        }
    }

    /** Lets the oldest waiting call finish, and waits until the writer reacts. */
    async releaseFirstAsync(): Promise<void> {
        this.waiting.shift()?.();
        await new Promise(resolve => setImmediate(resolve));
    }

    /** Lets every call waiting so far finish, and waits until the writer reacts. */
    async releaseAllAsync(): Promise<void> {
        this.waiting.splice(0).forEach(resolve => resolve());
        await new Promise(resolve => setImmediate(resolve));
    }
}

function createRows(count: number) {
    return Array.from({length: count}, (_, index) => ({
        id: airtableRecordId(`rec${String(index).padStart(5, '0')}`),
        cells: {},
    }));
}

/** Releases the held calls until the write settles, then returns or throws as it did. */
async function writeAllAsync(side: HeldCallsSide, write: Promise<void>): Promise<void> {
    let isSettled = false;
    const settled = write.then(
        () => ({failed: false, error: undefined}),
        (error: unknown) => ({failed: true, error}),
    );
    void settled.then(() => (isSettled = true));
    while (!isSettled) {
        await side.releaseAllAsync();
    }
    const {failed, error} = await settled;
    if (failed) {
        throw error;
    }
}

describe('AirtableWriter calls in flight', () => {
    test('sends several calls at once', async () => {
        const side = new HeldCallsSide();
        const limiter = new RateLimiter(new FakeClock(0), {maxCalls: 15, windowMs: 1000});
        const writer = new AirtableWriter(side, limiter, undefined);
        const updated: number[] = [];

        await writeAllAsync(
            side,
            writer.updateRowsAsync(accountTable(), createRows(500), rows =>
                updated.push(rows.length),
            ),
        );

        expect(side.maxInFlight).toBe(AIRTABLE_CALLS_IN_FLIGHT);
        expect(side.calls).toBe(10);
        expect(updated.reduce((total, count) => total + count, 0)).toBe(500);
    });

    test('starts no call after a failure', async () => {
        const side = new HeldCallsSide();
        side.failCall = 1;
        const limiter = new RateLimiter(new FakeClock(0), {maxCalls: 15, windowMs: 1000});
        const writer = new AirtableWriter(side, limiter, undefined);
        const updated: number[] = [];

        const write = writer.updateRowsAsync(accountTable(), createRows(500), rows =>
            updated.push(rows.length),
        );
        await new Promise(resolve => setImmediate(resolve));
        await side.releaseFirstAsync();

        await expect(writeAllAsync(side, write)).rejects.toThrow('updating rows');
        expect(side.calls).toBe(AIRTABLE_CALLS_IN_FLIGHT);
        // The calls already in flight when the first one failed still finish.
        expect(updated).toEqual(Array.from({length: AIRTABLE_CALLS_IN_FLIGHT - 1}, () => 50));
    });
});
