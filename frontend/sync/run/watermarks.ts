/**
 * The watermark a run leaves for each Dynamics table: the latest `createdon` or `modifiedon` among
 * the records it read before planning, advanced by every `modifiedon` that Dynamics stamped on a
 * record the run changed. Without the run's own changes, a record the run updated would count as
 * changed in Dynamics since the sync, and deleting its row in Airtable would bring the row back.
 *
 * NOTE: a record that someone else creates or changes in Dynamics after the run's read and before
 * its last write to that table also falls at or before the watermark, so the next run counts it as
 * synced. If it has no row, the next run previews its delete instead of giving it a row. Telling
 * such records apart needs per-record state that outlives the deleted row.
 */
import type {ClearedLink} from '../deletes/types';
import type {LogicalName} from '../ids';
import {getWatermark} from '../plan/planTable';
import {
    PartialWriteError,
    type DataverseRecord,
    type DataverseSide,
    type DataverseWrite,
    type DataverseWriteResult,
} from '../ports';
import type {TableSnapshot} from './readTable';

export class RunWatermarks {
    private readonly latestMsByEntity = new Map<LogicalName, number>();

    /** Advances the entity's watermark to the latest creation or change time among the records. */
    addRecords(entity: LogicalName, records: readonly DataverseRecord[]): void {
        const watermark = getWatermark(records);
        if (watermark !== null) {
            this.advance(entity, watermark);
        }
    }

    /**
     * Advances the entity's watermark for the table's first read. A delta read returns only the
     * changed records, so the watermark of the last complete run, which covers the unchanged
     * records, is kept as the floor.
     */
    addFirstRead(snapshot: TableSnapshot, lastSyncedAt: string | null): void {
        const entity = snapshot.table.entity.logicalName;
        this.addRecords(entity, snapshot.records);
        if (snapshot.unchangedIds !== undefined && lastSyncedAt !== null) {
            this.advance(entity, lastSyncedAt);
        }
    }

    /** Advances the entity's watermark to the `modifiedon` Dynamics stamped on a write. */
    addWriteTime(entity: LogicalName, modifiedOn: string): void {
        this.advance(entity, modifiedOn);
    }

    getWatermarkIfExists(entity: LogicalName): string | null {
        const latestMs = this.latestMsByEntity.get(entity);
        return latestMs === undefined ? null : new Date(latestMs).toISOString();
    }

    private advance(entity: LogicalName, time: string): void {
        const timeMs = Date.parse(time);
        const latestMs = this.latestMsByEntity.get(entity);
        if (Number.isFinite(timeMs) && (latestMs === undefined || timeMs > latestMs)) {
            this.latestMsByEntity.set(entity, timeMs);
        }
    }
}

/**
 * Advances the watermarks to the change times of the records whose lookup Dynamics cleared for the
 * run's deletes, as the snapshots read after those deletes show them.
 */
export function addClearedLinkTimes(
    watermarks: RunWatermarks,
    snapshots: readonly TableSnapshot[],
    clearedLinks: readonly ClearedLink[],
): void {
    for (const {table, records} of snapshots) {
        const clearedIds = new Set(
            clearedLinks
                .filter(link => link.tableId === table.table.id)
                .map(link => link.ref.dynamicsId),
        );
        const cleared = records.filter(record => clearedIds.has(record.id));
        watermarks.addRecords(table.entity.logicalName, cleared);
    }
}

/**
 * Wraps the Dataverse side so that every create and update the run makes advances the watermark
 * of the written table, whichever phase of the run sends it.
 */
export function trackWriteTimes(side: DataverseSide, watermarks: RunWatermarks): DataverseSide {
    return {
        readAllAsync: (entity, columns) => side.readAllAsync(entity, columns),
        readChangesAsync: (entity, columns, deltaLink) =>
            side.readChangesAsync(entity, columns, deltaLink),
        readCascadeDeleteRulesAsync: entity => side.readCascadeDeleteRulesAsync(entity),
        readReferencingRecordsAsync: (rule, parentIds) =>
            side.readReferencingRecordsAsync(rule, parentIds),
        writeAsync: async writes => {
            try {
                const results = await side.writeAsync(writes);
                addWriteTimes(watermarks, writes, results);
                return results;
            } catch (error) {
                if (error instanceof PartialWriteError) {
                    addWriteTimes(watermarks, writes, error.results);
                }
                throw error;
            }
        },
    };
}

function addWriteTimes(
    watermarks: RunWatermarks,
    writes: readonly DataverseWrite[],
    results: ReadonlyArray<DataverseWriteResult | undefined>,
): void {
    results.forEach((result, index) => {
        const write = writes[index];
        if (write !== undefined && result?.status === 'ok' && result.modifiedOn !== undefined) {
            watermarks.addWriteTime(write.entity.logicalName, result.modifiedOn);
        }
    });
}
