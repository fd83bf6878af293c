import {parseGuid} from '../ids';
import {planTable} from '../plan/planTable';
import {readTableAsync, type TableSnapshot} from './readTable';
import type {RunContext} from './runContext';
import {hasUnreadRecords} from './valuePass';

const UNUSED_GUID = parseGuid('00000000-0000-4000-8000-000000000000');

/**
 * Reads in full the tables read through a delta link whose rows need the values of records the
 * delta left out, so that the preview plans them as the run will.
 */
export async function readUnreadTablesAsync(
    context: RunContext,
    snapshots: readonly TableSnapshot[],
): Promise<TableSnapshot[]> {
    const result: TableSnapshot[] = [];
    for (const snapshot of snapshots) {
        const {table} = snapshot;
        const needsFullRead =
            snapshot.unchangedIds !== undefined &&
            hasUnreadRecords(
                planTable({
                    table,
                    rows: snapshot.rows,
                    records: snapshot.records,
                    conflictPolicy: context.input.conflictPolicy,
                    // Only the unread records matter here, so the plan's new ids are never used.
                    newGuid: () => UNUSED_GUID,
                    lastSyncedAt: context.input.lastSyncedAt?.[table.table.id] ?? null,
                    unchangedRecordIds: snapshot.unchangedIds,
                }),
            );
        if (needsFullRead) {
            context.logger.info('Reading in full', {
                table: table.table.id,
                reason: 'rows need the values of records the delta read left out',
            });
        }
        result.push(needsFullRead ? await readTableAsync(context.read, table, []) : snapshot);
    }
    return result;
}
