/**
 * Queues the final Airtable writes (pulled values and the new sync state) of one table's finished
 * records, and writes them as soon as a full Airtable call's worth is ready. Until its row is
 * written, a record created in Dynamics still reads as a pending create and an updated record as
 * edited, so writing rows early is what keeps a stopped run's next run from sending them again.
 */
import type {TableMapping} from '../mapping';
import {AIRTABLE_MAX_RECORDS_PER_WRITE} from '../ports';
import {describeFailedRow, type FailedRow} from './airtableWriter';
import type {ApplyContext} from './applyTablePlan';
import type {RowWrite} from './rowWrites';
import {RunStoppedError} from './runStoppedError';

export class RowWriteQueue {
    private readonly table: TableMapping;
    private readonly context: ApplyContext;
    private readonly queued: RowWrite[] = [];

    constructor(table: TableMapping, context: ApplyContext) {
        this.table = table;
        this.context = context;
    }

    get size(): number {
        return this.queued.length;
    }

    add(writes: readonly RowWrite[]): void {
        this.queued.push(...writes);
    }

    /** Writes as many full calls of AIRTABLE_MAX_RECORDS_PER_WRITE rows as are queued. */
    async writeFullCallsAsync(): Promise<void> {
        const fullCount =
            this.queued.length - (this.queued.length % AIRTABLE_MAX_RECORDS_PER_WRITE);
        await this.writeAsync(fullCount, () => undefined);
    }

    /** Writes every queued row; `onWritten` gets the number of rows each call wrote. */
    async writeAllAsync(onWritten: (count: number) => void): Promise<void> {
        await this.writeAsync(this.queued.length, onWritten);
    }

    /**
     * Writes the queued rows once the run has stopped on `reason`, unless Airtable itself failed.
     * A failure here is logged, not thrown, so the run still reports why it stopped. The rows then
     * keep their earlier state, from which the next run finishes them without duplicates.
     */
    async writeAfterStopAsync(reason: unknown): Promise<void> {
        const count = this.queued.length;
        const isAirtableFailure =
            reason instanceof RunStoppedError && reason.runError.code === 'airtableFailed';
        if (count === 0 || isAirtableFailure) {
            return;
        }

        try {
            await this.writeAllAsync(() => undefined);
            this.context.logger.info('Finished rows written after the run stopped', {
                table: this.table.table.id,
                count,
            });
        } catch (error) {
            this.context.logger.warn('Finished rows not written after the run stopped', {
                table: this.table.table.id,
                count: this.queued.length,
                code: error instanceof RunStoppedError ? error.runError.code : null,
            });
        }
    }

    /**
     * Writes the first `count` queued rows. Each finishes a record that needs nothing more from
     * Dynamics, so a cancelled run still writes it. A row Airtable rejects gets a failed outcome.
     */
    private async writeAsync(count: number, onWritten: (count: number) => void): Promise<void> {
        if (count === 0) {
            return;
        }
        const rows = this.queued.slice(0, count);
        await this.context.airtable.updateRowsAsync(
            this.table,
            rows,
            written => {
                this.remove(written);
                for (const write of written) {
                    this.context.addOutcome(write.outcome);
                }
                onWritten(written.length);
            },
            {isCancellable: false, onRowsFailed: failed => this.reportFailed(failed)},
        );
    }

    private reportFailed(failed: ReadonlyArray<FailedRow<RowWrite>>): void {
        this.remove(failed.map(({row}) => row));
        for (const item of failed) {
            const {tableId, tableName, ref} = item.row.outcome;
            const failure = describeFailedRow(this.table, ref.name, item);
            this.context.addOutcome({tableId, tableName, ref, status: 'failed', ...failure});
        }
    }

    private remove(writes: readonly RowWrite[]): void {
        const removed = new Set(writes);
        const kept = this.queued.filter(write => !removed.has(write));
        this.queued.splice(0, this.queued.length, ...kept);
    }
}
