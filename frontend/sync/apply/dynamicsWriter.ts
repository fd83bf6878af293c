/**
 * Sends Dynamics writes through the port in groups, so progress moves during a long run and each
 * group's results can be saved before the next group is sent.
 */
import {chunk} from '../chunk';
import type {TableMapping} from '../mapping';
import type {DataverseSide, DataverseWrite, DataverseWriteResult} from '../ports';
import {callSideAsync, checkNotCancelled, RunStoppedError} from './runStoppedError';

/** Writes per `writeAsync` call. Small enough for steady progress, large enough for `$batch`. */
export const DYNAMICS_WRITES_PER_GROUP = 100;

export async function writeToDynamicsAsync<T>(
    side: DataverseSide,
    table: TableMapping,
    items: ReadonlyArray<{readonly item: T; readonly write: DataverseWrite}>,
    signal: AbortSignal | undefined,
    onGroupWrittenAsync: (
        results: ReadonlyArray<{readonly item: T; readonly result: DataverseWriteResult}>,
    ) => Promise<void>,
): Promise<void> {
    for (const group of chunk(items, DYNAMICS_WRITES_PER_GROUP)) {
        checkNotCancelled(signal, table.table.name);
        const writes = group.map(({write}) => write);
        const results = await callSideAsync('dynamics', 'writing records', table.table.name, () =>
            side.writeAsync(writes),
        );
        if (results.length !== writes.length) {
            throw new RunStoppedError({
                code: 'dynamicsFailed',
                message:
                    `The sync stopped because Dynamics returned ${results.length} results for ` +
                    `${writes.length} writes to '${table.table.name}'. Sync again to finish.`,
                detail: null,
                tableName: table.table.name,
            });
        }
        await onGroupWrittenAsync(
            group.map(({item}, index) => ({item, result: results[index] as DataverseWriteResult})),
        );
    }
}
