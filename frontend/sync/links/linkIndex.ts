/**
 * The run-wide index that resolves links: which Airtable row stands for which Dynamics record, in
 * every table synced so far. A table is added once its first pass is applied, so its rows created
 * in this run resolve for the tables after it.
 */
import {assertNever} from '../assertNever';
import type {AirtableRecordId, AirtableTableId, Guid} from '../ids';
import type {RecordOutcome} from '../outcomes';

export type RowResolution =
    | {readonly kind: 'linked'; readonly id: Guid}
    /** The row failed to sync in this run, or its record is gone, so it has no usable record. */
    | {readonly kind: 'failed'}
    /** The row is not in the index: its table was not synced yet, or the row is not in it. */
    | {readonly kind: 'unknown'};

interface TableLinks {
    readonly guidByRowId: Map<AirtableRecordId, Guid>;
    readonly rowIdByGuid: Map<Guid, AirtableRecordId>;
    readonly failedRowIds: Set<AirtableRecordId>;
    /** Records whose rows were deleted in Airtable, found by the delete phase of this run. */
    readonly rowDeletedGuids: Set<Guid>;
}

export class LinkIndex {
    private readonly tables = new Map<AirtableTableId, TableLinks>();

    addPair(tableId: AirtableTableId, rowId: AirtableRecordId, id: Guid): void {
        const table = this.getTable(tableId);
        table.guidByRowId.set(rowId, id);
        table.rowIdByGuid.set(id, rowId);
        table.failedRowIds.delete(rowId);
    }

    markRowFailed(tableId: AirtableTableId, rowId: AirtableRecordId): void {
        const table = this.getTable(tableId);
        if (!table.guidByRowId.has(rowId)) {
            table.failedRowIds.add(rowId);
        }
    }

    markRowDeletedInAirtable(tableId: AirtableTableId, id: Guid): void {
        this.getTable(tableId).rowDeletedGuids.add(id);
    }

    /**
     * Adds a table's rows and records from the outcomes of its first pass. A pair whose record was
     * read counts as linked even when its values failed, because the link only needs both ids.
     */
    addOutcomes(
        tableId: AirtableTableId,
        outcomes: readonly RecordOutcome[],
        readRecordIds: {has(id: Guid): boolean},
    ): void {
        this.getTable(tableId);
        for (const outcome of outcomes) {
            const {airtableRecordId, dynamicsId} = outcome.ref;
            if (airtableRecordId === null) {
                continue;
            }
            if (dynamicsId !== null && isPairKept(outcome, readRecordIds)) {
                this.addPair(tableId, airtableRecordId, dynamicsId);
            } else {
                this.markRowFailed(tableId, airtableRecordId);
            }
        }
    }

    resolveRow(tableId: AirtableTableId, rowId: AirtableRecordId): RowResolution {
        const table = this.tables.get(tableId);
        const id = table?.guidByRowId.get(rowId);
        if (id !== undefined) {
            return {kind: 'linked', id};
        }
        return table?.failedRowIds.has(rowId) ? {kind: 'failed'} : {kind: 'unknown'};
    }

    /** Returns the record the row is paired with, or null. `resolveRow` gives the reason for none. */
    getRecordIdIfLinked(tableId: AirtableTableId, rowId: AirtableRecordId): Guid | null {
        return this.tables.get(tableId)?.guidByRowId.get(rowId) ?? null;
    }

    getRowIdIfExists(tableId: AirtableTableId, id: Guid): AirtableRecordId | null {
        return this.tables.get(tableId)?.rowIdByGuid.get(id) ?? null;
    }

    isRowDeletedInAirtable(tableId: AirtableTableId, id: Guid): boolean {
        return this.tables.get(tableId)?.rowDeletedGuids.has(id) ?? false;
    }

    private getTable(tableId: AirtableTableId): TableLinks {
        let table = this.tables.get(tableId);
        if (table === undefined) {
            table = {
                guidByRowId: new Map(),
                rowIdByGuid: new Map(),
                failedRowIds: new Set(),
                rowDeletedGuids: new Set(),
            };
            this.tables.set(tableId, table);
        }
        return table;
    }
}

function isPairKept(outcome: RecordOutcome, readRecordIds: {has(id: Guid): boolean}): boolean {
    switch (outcome.status) {
        case 'created':
        case 'updated':
        case 'unchanged':
        case 'conflict':
        case 'restored':
            return true;
        case 'failed':
            return outcome.ref.dynamicsId !== null && readRecordIds.has(outcome.ref.dynamicsId);
        case 'skipped':
            return outcome.reason === 'changedDuringSync';
        case 'deleted':
            return false;
        default:
            return assertNever(outcome);
    }
}
