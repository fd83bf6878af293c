/**
 * The state a table keeps between runs so that the next run can read only what changed in
 * Dynamics: the delta link of its last complete run, the columns that link was issued for, and a
 * digest of the rows that were linked to an existing record when that run ended.
 *
 * A delta read returns only the records changed or removed since the link was issued. Every other
 * record is taken to be unchanged since the baseline its row stores, so it must have had a row
 * with a baseline at the end of that run. The digest checks this. A row deleted, added or relinked
 * in Airtable, or by a run that did not complete, changes the set of rows with a Dynamics ID, and
 * then the table is read in full.
 */
import {assertNever} from '../assertNever';
import {formatHash, hashText, hashTextToHalves} from '../hash';
import {readDynamicsIdCell} from '../dynamicsIdCell';
import type {Guid} from '../ids';
import type {TableMapping} from '../mapping';
import type {RecordOutcome} from '../outcomes';
import type {AirtableRow} from '../ports';

export interface TableDeltaState {
    /** The link that returns the changes since the first read of the table's last complete run. */
    readonly deltaLink: string;
    /** A hash of the columns the link was issued for, because other columns need a full read. */
    readonly columnsKey: string;
    /** The number of rows linked to an existing record at the end of that run. */
    readonly rowCount: number;
    /** The XOR of the hashes of those rows' Dynamics IDs, so the order of rows does not matter. */
    readonly rowDigest: string;
}

/** The delta link a run's first read returned, with the key of the columns it was issued for. */
export interface IssuedDeltaLink {
    readonly deltaLink: string;
    readonly columnsKey: string;
}

export type DeltaReadCheck = {readonly ok: true} | {readonly ok: false; readonly reason: string};

/** Returns a key that changes whenever the set of columns changes, whatever their order. */
export function getColumnsKey(columns: readonly string[]): string {
    return hashText([...new Set(columns)].sort().join(','));
}

/**
 * Checks whether the table can be read through the stored delta link. The link must exist and be
 * issued for the same columns. The rows with a Dynamics ID must be the rows linked at the end of
 * the run that stored it.
 */
export function checkCanReadChanges(
    table: TableMapping,
    state: TableDeltaState | null,
    columnsKey: string,
    rows: readonly AirtableRow[],
): DeltaReadCheck {
    if (state === null) {
        return {ok: false, reason: 'no delta link is stored'};
    }
    if (state.columnsKey !== columnsKey) {
        return {ok: false, reason: 'the columns changed since the delta link was issued'};
    }
    const ids = getRowDynamicsIdsIfUnique(table, rows);
    if (ids === null) {
        return {ok: false, reason: 'a Dynamics ID is invalid or on more than one row'};
    }
    const digest = digestIds(ids);
    if (digest.count !== state.rowCount || digest.digest !== state.rowDigest) {
        return {ok: false, reason: 'rows were added, deleted or relinked since the last run'};
    }
    return {ok: true};
}

/**
 * Returns the Dynamics IDs of the rows that have one, or null when one is invalid or shared by two
 * rows, because only a full read reports such rows.
 */
export function getRowDynamicsIdsIfUnique(
    table: TableMapping,
    rows: readonly AirtableRow[],
): Set<Guid> | null {
    const ids = new Set<Guid>();
    for (const row of rows) {
        const cell = readDynamicsIdCell(row.cells, table.dynamicsIdFieldId);
        if (cell.kind === 'empty') {
            continue;
        }
        if (cell.kind === 'invalid' || ids.has(cell.id)) {
            return null;
        }
        ids.add(cell.id);
    }
    return ids;
}

/**
 * Builds the state to store for a table whose run is complete, from the link of its first read
 * and the outcomes that leave a row linked to an existing record. Returns null while a delete is
 * left undecided or declined, because a delta read would not return the record or row again, and
 * only a full read proposes the delete to the next run.
 */
export function buildDeltaStateIfSafe(
    link: IssuedDeltaLink,
    outcomes: readonly RecordOutcome[],
): TableDeltaState | null {
    const ids = new Set<Guid>();
    for (const outcome of outcomes) {
        if (isKeptDelete(outcome)) {
            return null;
        }
        if (outcome.ref.dynamicsId !== null && isLinkedAtEnd(outcome)) {
            ids.add(outcome.ref.dynamicsId);
        }
    }
    const {count, digest} = digestIds(ids);
    return {...link, rowCount: count, rowDigest: digest};
}

function isKeptDelete(outcome: RecordOutcome): boolean {
    if (outcome.status !== 'skipped') {
        return false;
    }
    return (
        outcome.reason === 'deleteDeclined' ||
        outcome.reason === 'deletedInAirtable' ||
        outcome.reason === 'deletedInDynamics'
    );
}

/** Returns whether the record's row and its Dynamics record both exist once the outcome is in. */
function isLinkedAtEnd(outcome: RecordOutcome): boolean {
    switch (outcome.status) {
        case 'created':
        case 'updated':
        case 'unchanged':
        case 'conflict':
        case 'restored':
            return true;
        case 'skipped':
            return outcome.reason === 'changedDuringSync';
        case 'failed':
        case 'deleted':
            return false;
        default:
            return assertNever(outcome);
    }
}

function digestIds(ids: ReadonlySet<Guid>): {count: number; digest: string} {
    let high = 0;
    let low = 0;
    for (const id of ids) {
        const hash = hashTextToHalves(id);
        high = (high ^ hash.high) >>> 0;
        low = (low ^ hash.low) >>> 0;
    }
    return {count: ids.size, digest: formatHash({high, low})};
}
