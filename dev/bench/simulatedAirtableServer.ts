/**
 * A model of Airtable's server around an `AirtableSide`. It rejects a write call with more than 50
 * records, with more than 1.9 MB of payload, or beyond 15 calls in any second. Each accepted call
 * takes a set delay. It counts the calls, so the benchmark can compare them with the lower bound
 * those limits allow. Reads are free, because the extension reads from the records
 * Airtable has already loaded into the browser.
 */
import {AIRTABLE_MAX_WRITE_PAYLOAD_BYTES} from '../../frontend/airtable/writeLimits';
import {
    AIRTABLE_MAX_RECORDS_PER_WRITE,
    AIRTABLE_MAX_WRITES_PER_SECOND,
    type AirtableSide,
    type AirtableTableId,
    type Clock,
} from '../../frontend/sync';

/** The window Airtable counts write calls in. */
const RATE_WINDOW_MS = 1000;

export type AirtableWriteKind = 'create' | 'update' | 'delete';

/** Thrown for a write call the real server would reject; the engine must never cause one. */
export class AirtableServerRejection extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'AirtableServerRejection';
    }
}

export interface AirtableServerCounts {
    readonly writeCalls: Readonly<Record<AirtableWriteKind, number>>;
    readonly rejectedCalls: number;
}

export class SimulatedAirtableServer implements AirtableSide {
    private readonly inner: AirtableSide;
    private readonly clock: Clock;
    private readonly writeDelayMs: number;
    /** Arrival times of the accepted calls of the last second, oldest first. */
    private readonly recentCallTimes: number[] = [];
    private writeCalls: Record<AirtableWriteKind, number> = {create: 0, update: 0, delete: 0};
    private rejectedCalls = 0;

    constructor(inner: AirtableSide, clock: Clock, writeDelayMs: number) {
        this.inner = inner;
        this.clock = clock;
        this.writeDelayMs = writeDelayMs;
    }

    readRowsAsync: AirtableSide['readRowsAsync'] = table => this.inner.readRowsAsync(table);

    createRowsAsync: AirtableSide['createRowsAsync'] = async (tableId, rows) => {
        await this.admitAsync('create', tableId, rows);
        return this.inner.createRowsAsync(tableId, rows);
    };

    updateRowsAsync: AirtableSide['updateRowsAsync'] = async (tableId, rows) => {
        await this.admitAsync('update', tableId, rows);
        return this.inner.updateRowsAsync(tableId, rows);
    };

    deleteRowsAsync: AirtableSide['deleteRowsAsync'] = async (tableId, ids) => {
        await this.admitAsync('delete', tableId, ids);
        return this.inner.deleteRowsAsync(tableId, ids);
    };

    /** Returns the counts since the last reset. */
    getCounts(): AirtableServerCounts {
        return {writeCalls: {...this.writeCalls}, rejectedCalls: this.rejectedCalls};
    }

    resetCounts(): void {
        this.writeCalls = {create: 0, update: 0, delete: 0};
        this.rejectedCalls = 0;
    }

    /** Checks the call against the server's limits, then waits the call's delay. */
    private async admitAsync(
        kind: AirtableWriteKind,
        tableId: AirtableTableId,
        payload: readonly unknown[],
    ): Promise<void> {
        const problem = this.getLimitProblemIfExists(payload);
        if (problem !== null) {
            this.rejectedCalls += 1;
            throw new AirtableServerRejection(
                `Airtable rejected a ${kind} call of ${payload.length} records in ${tableId}: ` +
                    `${problem}. The sync must split and pace its writes within these limits.`,
            );
        }
        this.writeCalls[kind] += 1;
        await this.clock.sleepAsync(this.writeDelayMs);
    }

    private getLimitProblemIfExists(payload: readonly unknown[]): string | null {
        if (payload.length > AIRTABLE_MAX_RECORDS_PER_WRITE) {
            return `more than ${AIRTABLE_MAX_RECORDS_PER_WRITE} records`;
        }
        // Measured as the SDK measures it: the URI-encoded JSON of the records.
        const bytes = encodeURIComponent(JSON.stringify(payload)).length;
        if (bytes > AIRTABLE_MAX_WRITE_PAYLOAD_BYTES) {
            const limit = `${AIRTABLE_MAX_WRITE_PAYLOAD_BYTES} bytes`;
            return `${bytes} bytes, more than the 1.9 MB (${limit}) allowed`;
        }
        const now = this.clock.nowMs();
        while ((this.recentCallTimes[0] ?? now) + RATE_WINDOW_MS <= now) {
            this.recentCallTimes.shift();
        }
        if (this.recentCallTimes.length >= AIRTABLE_MAX_WRITES_PER_SECOND) {
            return `more than ${AIRTABLE_MAX_WRITES_PER_SECOND} write calls in one second`;
        }
        this.recentCallTimes.push(now);
        return null;
    }
}
