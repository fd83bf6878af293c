/**
 * Builds the cells of a row as an earlier sync left it: the Dynamics account's values, its
 * Dynamics ID and the sync state with one baseline hash per mapped column. The values and hashes
 * come from the engine's own conversion and hashing, so the engine reads such a row exactly as one
 * it wrote itself. Cells edited in Airtable since then are laid over the result.
 */
import {
    encodeSyncState,
    readDynamicsValue,
    toAirtableCell,
    type FieldMapping,
    type TableMapping,
    type ValueProblem,
} from '../../frontend/sync';
import {hashValue} from '../../frontend/sync/syncState';

/** An account as the emulator stores it: column values by logical name. */
export type AccountValues = Readonly<Record<string, unknown>>;

export function createSyncedRowCells(
    mapping: TableMapping,
    account: AccountValues,
    editedCells: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
    const cells: Record<string, unknown> = {};
    const fieldHashes: Record<string, string> = {};
    for (const fieldMapping of mapping.fields) {
        const logicalName = fieldMapping.column.logicalName;
        const synced = readSyncedValue(fieldMapping, account[logicalName]);
        cells[fieldMapping.field.id] = synced.cell;
        fieldHashes[logicalName] = synced.hash;
    }

    const primaryId = mapping.entity.primaryIdAttribute;
    cells[mapping.dynamicsIdFieldId] = account[primaryId];
    // The version is left out: the emulator assigns ETags when it starts, and the engine compares
    // values with the baseline hashes, not versions, to find what changed.
    cells[mapping.syncStateFieldId] = encodeSyncState({
        version: null,
        isPendingCreate: false,
        fieldHashes,
    });
    return {...cells, ...editedCells};
}

/** Converts one column value as a sync would: to its Airtable cell and its baseline hash. */
function readSyncedValue(mapping: FieldMapping, raw: unknown): {cell: unknown; hash: string} {
    const canonical = readDynamicsValue(mapping, raw);
    if (!canonical.ok) {
        throw createUnsyncableError(canonical.problem);
    }
    const cell = toAirtableCell(mapping, canonical.value);
    if (!cell.ok) {
        throw createUnsyncableError(cell.problem);
    }
    return {cell: cell.value, hash: hashValue(canonical.value)};
}

function createUnsyncableError(problem: ValueProblem): Error {
    return new Error(
        `A sample account's ${problem.logicalName} cannot be synced, so the sandbox base cannot ` +
            `show it as synced: ${problem.message}`,
    );
}
