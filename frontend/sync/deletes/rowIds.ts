/** Reads which rows hold which Dynamics IDs, for the delete phase. */
import {getDynamicsIdIfValid} from '../dynamicsIdCell';
import type {AirtableRecordId, Guid} from '../ids';
import type {AirtableRow} from '../ports';
import type {TableSnapshot} from '../run/readTable';
import {parseSyncState} from '../syncState';

/** Returns each Dynamics ID's row; an ID on several rows keeps the first. */
export function readRowDynamicsIds(snapshot: TableSnapshot): Map<Guid, AirtableRecordId> {
    const ids = new Map<Guid, AirtableRecordId>();
    for (const row of snapshot.rows) {
        const id = getRowDynamicsIdIfExists(snapshot, row);
        if (id !== null && !ids.has(id)) {
            ids.set(id, row.id);
        }
    }
    return ids;
}

export function getRowDynamicsIdIfExists(snapshot: TableSnapshot, row: AirtableRow): Guid | null {
    return getDynamicsIdIfValid(row.cells, snapshot.table.dynamicsIdFieldId);
}

/** Returns whether the row's record is still waiting for its create in Dynamics. */
export function isPendingCreate(snapshot: TableSnapshot, row: AirtableRow): boolean {
    const parsed = parseSyncState(row.cells[snapshot.table.syncStateFieldId]);
    return parsed.ok && parsed.state?.isPendingCreate === true;
}
