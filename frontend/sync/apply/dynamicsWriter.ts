/**
 * Sends Dynamics writes through the port in groups, so progress moves during a long run and each
 * group's results can be saved before the next group is sent.
 */
import {chunk} from '../chunk';
import type {TableMapping} from '../mapping';
import {
    PartialWriteError,
    type DataverseSide,
    type DataverseWrite,
    type DataverseWriteResult,
} from '../ports';
import {BackgroundTask} from './backgroundTask';
import {checkNotCancelled, RunStoppedError, toSideFailedError} from './runStoppedError';

/** Writes per `writeAsync` call. Small enough for steady progress, large enough for `$batch`. */
export const DYNAMICS_WRITES_PER_GROUP = 100;

type WrittenItems<T> = ReadonlyArray<{readonly item: T; readonly result: DataverseWriteResult}>;

/**
 * Sends the writes group by group and hands each group's results to `onGroupWrittenAsync`, one
 * group after another. The next group goes to Dynamics while the handler of the group before it
 * runs, because the handler writes rows to Airtable and the two sides can work at once. So a
 * cancel takes effect once the group in flight is handled, and a failed handler leaves the group
 * in flight written in Dynamics only, which the next run finishes. When the side stops part-way
 * through a group, the writes Dynamics confirmed are handed over first, so their records are
 * finished before the run stops.
 */
export async function writeToDynamicsAsync<T>(
    side: DataverseSide,
    table: TableMapping,
    items: ReadonlyArray<{readonly item: T; readonly write: DataverseWrite}>,
    signal: AbortSignal | undefined,
    onGroupWrittenAsync: (results: WrittenItems<T>) => Promise<void>,
): Promise<void> {
    const tableName = table.table.name;
    let handling = new BackgroundTask();
    for (const group of chunk(items, DYNAMICS_WRITES_PER_GROUP)) {
        if (signal?.aborted === true) {
            await handling.finishAsync();
            checkNotCancelled(signal, tableName);
        }
        const writes = group.map(({write}) => write);
        let results: DataverseWriteResult[];
        try {
            results = await side.writeAsync(writes);
        } catch (error) {
            await handling.finishAsync();
            if (!(error instanceof PartialWriteError)) {
                throw toSideFailedError('dynamics', 'writing records', tableName, error);
            }
            await onGroupWrittenAsync(getConfirmedItems(group, error.results));
            throw toSideFailedError('dynamics', 'writing records', tableName, error.cause);
        }
        await handling.finishAsync();
        if (results.length !== writes.length) {
            throw new RunStoppedError({
                code: 'dynamicsFailed',
                message:
                    `The sync stopped because Dynamics returned ${results.length} results for ` +
                    `${writes.length} writes to '${tableName}'. Sync again to finish.`,
                detail: null,
                tableName,
            });
        }
        handling = new BackgroundTask(onGroupWrittenAsync(getConfirmedItems(group, results)));
    }
    await handling.finishAsync();
}

/** Pairs each item with its result, leaving out the writes whose result is unknown. */
function getConfirmedItems<T>(
    group: ReadonlyArray<{readonly item: T}>,
    results: ReadonlyArray<DataverseWriteResult | undefined>,
): WrittenItems<T> {
    return group.flatMap(({item}, index) => {
        const result = results[index];
        return result === undefined ? [] : [{item, result}];
    });
}
