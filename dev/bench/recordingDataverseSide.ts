/**
 * A `DataverseSide` decorator that records the reads and writes the engine makes, so the benchmark
 * can replay them through another client, and measures the time the client was busy with them.
 */
import type {DataverseSide, DataverseWrite, EntityRef, LogicalName} from '../../frontend/sync';

export type RecordedCall =
    | {
          readonly kind: 'read';
          readonly entity: EntityRef;
          readonly columns: readonly string[];
          /** Whether the read asked for change tracking, as `readChangesAsync` does. */
          readonly isTracked: boolean;
          /** The delta link the read started from; null for a full read. */
          readonly deltaLink: string | null;
      }
    | {readonly kind: 'write'; readonly writes: readonly DataverseWrite[]};

export class RecordingDataverseSide implements DataverseSide {
    private readonly inner: DataverseSide;
    private calls: RecordedCall[] = [];
    private busyMs = 0;
    private inFlight = 0;
    private busySinceMs = 0;

    constructor(inner: DataverseSide) {
        this.inner = inner;
    }

    readAllAsync: DataverseSide['readAllAsync'] = (entity, columns) =>
        this.measureAsync(async () => {
            const call = {entity, columns: [...columns], isTracked: false, deltaLink: null};
            this.calls.push({kind: 'read', ...call});
            return this.inner.readAllAsync(entity, columns);
        });

    readChangesAsync: DataverseSide['readChangesAsync'] = (entity, columns, deltaLink) =>
        this.measureAsync(async () => {
            this.calls.push({
                kind: 'read',
                entity,
                columns: [...columns],
                isTracked: true,
                deltaLink,
            });
            return this.inner.readChangesAsync(entity, columns, deltaLink);
        });

    writeAsync: DataverseSide['writeAsync'] = writes =>
        this.measureAsync(() => {
            this.calls.push({kind: 'write', writes: [...writes]});
            return this.inner.writeAsync(writes);
        });

    readCascadeDeleteRulesAsync: DataverseSide['readCascadeDeleteRulesAsync'] = entity =>
        this.measureAsync(() => this.inner.readCascadeDeleteRulesAsync(entity));

    readReferencingRecordsAsync: DataverseSide['readReferencingRecordsAsync'] = (rule, ids) =>
        this.measureAsync(() => this.inner.readReferencingRecordsAsync(rule, ids));

    /** Returns the reads and writes since the last reset, in the order the engine made them. */
    getCalls(): readonly RecordedCall[] {
        return this.calls;
    }

    /** Returns the columns of the table's first read since the last reset, or null. */
    getReadColumnsIfExists(table: LogicalName): readonly string[] | null {
        for (const call of this.calls) {
            if (call.kind === 'read' && call.entity.logicalName === table) {
                return call.columns;
            }
        }
        return null;
    }

    /** Milliseconds in which at least one call was in flight, since the last reset. */
    getBusyMs(): number {
        return this.busyMs;
    }

    /** Clears the calls and the busy time. */
    reset(): void {
        this.calls = [];
        this.busyMs = 0;
    }

    private async measureAsync<T>(callAsync: () => Promise<T>): Promise<T> {
        if (this.inFlight === 0) {
            this.busySinceMs = performance.now();
        }
        this.inFlight += 1;
        try {
            return await callAsync();
        } finally {
            this.inFlight -= 1;
            if (this.inFlight === 0) {
                this.busyMs += performance.now() - this.busySinceMs;
            }
        }
    }
}
