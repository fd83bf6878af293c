import type {SyncPhase, SyncProgress} from '../sync';

/** The latest phase and record counts of one table in a running sync. */
export interface TableProgress {
    /** The Airtable table's name, as progress events carry it. */
    readonly table: string;
    readonly phase: SyncPhase;
    readonly done: number;
    readonly total: number;
}

/**
 * Adds a progress event to the per-table list: a table's entry is replaced in place, and a new
 * table is added at the end, so tables stay in the order the run reached them. The final `done`
 * event names no table and leaves the list as it is.
 */
export function addTableProgress(
    tables: readonly TableProgress[],
    progress: SyncProgress,
): readonly TableProgress[] {
    const tableName = progress.table;
    if (tableName === null) {
        return tables;
    }

    const next: TableProgress = {
        table: tableName,
        phase: progress.phase,
        done: progress.done,
        total: progress.total,
    };
    const index = tables.findIndex(entry => entry.table === tableName);
    if (index === -1) {
        return [...tables, next];
    }
    return tables.map((entry, entryIndex) => (entryIndex === index ? next : entry));
}
