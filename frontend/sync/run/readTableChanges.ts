/**
 * Reads a table at the start of a run: only the records changed in Dynamics since the table's
 * stored delta link when `checkCanReadChanges` allows it, and every record otherwise. Either read
 * returns the delta link the next run can use. Airtable rows are always read in full.
 */
import {callSideAsync, checkNotCancelled} from '../apply/runStoppedError';
import {assertNever} from '../assertNever';
import type {Guid} from '../ids';
import type {TableMapping} from '../mapping';
import type {AirtableRow, ChangesResult, DataverseRecord} from '../ports';
import {
    checkCanReadChanges,
    getColumnsKey,
    getRowDynamicsIdsIfUnique,
    type IssuedDeltaLink,
    type TableDeltaState,
} from './deltaState';
import {getReadColumns, readTableAsync, type ReadContext, type TableSnapshot} from './readTable';

export interface ChangesSnapshot {
    readonly snapshot: TableSnapshot;
    /** The link the read returned, or null when the table has no change tracking. */
    readonly link: IssuedDeltaLink | null;
}

export async function readTableChangesAsync(
    context: ReadContext,
    table: TableMapping,
    stored: TableDeltaState | null,
): Promise<ChangesSnapshot> {
    const tableName = table.table.name;
    checkNotCancelled(context.signal, tableName);
    context.onProgress({
        phase: 'reading',
        table: tableName,
        done: 0,
        total: 0,
        message: `Reading ${tableName} from Airtable and Dynamics`,
    });
    const rows = await callSideAsync('airtable', 'reading rows', tableName, () =>
        context.airtable.readRowsAsync(table),
    );

    const columns = getReadColumns(table, []);
    const columnsKey = getColumnsKey(columns);
    const check = checkCanReadChanges(table, stored, columnsKey, rows);
    if (!check.ok && stored !== null) {
        context.logger.info('Reading in full', {table: table.table.id, reason: check.reason});
    }
    const deltaLink = check.ok && stored !== null ? stored.deltaLink : null;
    const result = await callSideAsync('dynamics', 'reading records', tableName, () =>
        context.dataverse.readChangesAsync(table.entity, columns, deltaLink),
    );
    if (result.kind === 'all' && result.fallbackReason !== null) {
        context.logger.info('Reading in full', {
            table: table.table.id,
            reason: result.fallbackReason,
        });
    }

    const snapshot = toSnapshot(table, rows, result);
    context.logger.info('Table read', {
        table: table.table.id,
        rows: rows.length,
        records: snapshot.records.length,
        unchanged: snapshot.unchangedIds?.size ?? 0,
    });
    // The tables are read at once, so each one reports when its own read is complete.
    const readCount = rows.length + snapshot.records.length;
    context.onProgress({
        phase: 'reading',
        table: tableName,
        done: readCount,
        total: readCount,
        message:
            `Read ${rows.length} rows of ${tableName} and ` +
            `${snapshot.records.length} ${snapshot.unchangedIds === undefined ? '' : 'changed '}` +
            `records of ${table.entity.displayName}`,
    });
    const link = result.deltaLink === null ? null : {deltaLink: result.deltaLink, columnsKey};
    return {snapshot, link};
}

/**
 * Reads in full, again, the tables that a delta read left without the values of their unchanged
 * records, for the steps of a run that need every record, such as planning deletes.
 */
export async function readUnchangedRecordsAsync(
    context: ReadContext,
    snapshots: readonly TableSnapshot[],
): Promise<TableSnapshot[]> {
    const result: TableSnapshot[] = [];
    for (const snapshot of snapshots) {
        result.push(
            snapshot.unchangedIds === undefined
                ? snapshot
                : await readTableAsync(context, snapshot.table, []),
        );
    }
    return result;
}

/**
 * Returns `snapshot` brought up to date: its rows read again in full, and its records updated with
 * those created, updated or deleted in Dynamics since the read that returned `link`, this run's
 * own writes included. `snapshot` must come from that read or a later one. When Dynamics no
 * longer accepts the link, every record is read.
 */
export async function readChangesSinceAsync(
    context: ReadContext,
    snapshot: TableSnapshot,
    link: IssuedDeltaLink,
): Promise<TableSnapshot> {
    const {table} = snapshot;
    const tableName = table.table.name;
    checkNotCancelled(context.signal, tableName);
    const rows = await callSideAsync('airtable', 'reading rows', tableName, () =>
        context.airtable.readRowsAsync(table),
    );
    const columns = getReadColumns(table, []);
    const result = await callSideAsync('dynamics', 'reading records', tableName, () =>
        context.dataverse.readChangesAsync(table.entity, columns, link.deltaLink),
    );
    context.logger.info('Table changes read', {
        table: table.table.id,
        rows: rows.length,
        records: result.kind === 'all' ? result.records.length : result.changed.length,
        isFull: result.kind === 'all',
    });
    switch (result.kind) {
        case 'all':
            return {table, rows, records: result.records};
        case 'changes':
            return withChanges({...snapshot, rows}, result.changed, result.removedIds);
        default:
            return assertNever(result);
    }
}

/** Replaces the snapshot's changed records, adds the new ones, and drops the removed ones. */
function withChanges(
    snapshot: TableSnapshot,
    changed: readonly DataverseRecord[],
    removedIds: readonly Guid[],
): TableSnapshot {
    const staleIds = new Set<Guid>(removedIds);
    for (const record of changed) {
        staleIds.add(record.id);
    }
    const records = [...snapshot.records.filter(record => !staleIds.has(record.id)), ...changed];
    if (snapshot.unchangedIds === undefined) {
        return {...snapshot, records};
    }
    const unchangedIds = new Set([...snapshot.unchangedIds].filter(id => !staleIds.has(id)));
    return {...snapshot, records, unchangedIds};
}

function toSnapshot(
    table: TableMapping,
    rows: readonly AirtableRow[],
    result: ChangesResult,
): TableSnapshot {
    switch (result.kind) {
        case 'all':
            return {table, rows, records: result.records};
        case 'changes': {
            const changedIds = new Set(result.changed.map(record => record.id));
            const removedIds = new Set(result.removedIds);
            const unchangedIds = new Set<Guid>();
            // The check before the read made sure every row's Dynamics ID is valid and unique.
            for (const id of getRowDynamicsIdsIfUnique(table, rows) ?? []) {
                if (!changedIds.has(id) && !removedIds.has(id)) {
                    unchangedIds.add(id);
                }
            }
            return {table, rows, records: result.changed, unchangedIds};
        }
        default:
            return assertNever(result);
    }
}
