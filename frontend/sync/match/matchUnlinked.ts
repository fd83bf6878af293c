/**
 * Matches rows without a Dynamics ID to records that no row points at, so that a first sync of a
 * base that already contains the CRM's records links them instead of creating each one again.
 *
 * The table's match keys are tried in order. For each key, rows and records are grouped by their
 * normalised value in maps, so the work is linear in rows plus records. A value shared by exactly
 * one row and one record pairs them. A value shared by more rows or more records is ambiguous:
 * those rows and records are set aside, neither linked nor created, and no later key retries them.
 * Rows and records whose value is empty or unmatched go on to the next key, but a later key never
 * pairs a row and a record that both have a value for an earlier key: two accounts with different
 * account numbers are different accounts, whatever their names.
 */
import type {LinkPass} from '../links/planLinks';
import type {TableMapping} from '../mapping';
import type {AirtableRow, DataverseRecord} from '../ports';
import {readRecordKey, readRowKey, resolveMatchKeys, type ResolvedKey} from './keyValues';

export interface MatchInput {
    readonly table: TableMapping;
    /** Rows with an empty Dynamics ID. */
    readonly rows: readonly AirtableRow[];
    /** Records no row points at and whose rows were not deleted in Airtable. */
    readonly records: readonly DataverseRecord[];
    /** Resolves link columns in keys, such as an opportunity's customer. */
    readonly links: LinkPass;
}

export interface MatchedPair {
    readonly row: AirtableRow;
    readonly record: DataverseRecord;
}

/** Rows and records that share one key value, with more than one on at least one side. */
export interface AmbiguousMatch {
    /** The key value as the first row has it, such as `Account Number 'AC-1'`. */
    readonly keyDescription: string;
    /** The Airtable field names of the key's columns, such as `First Name and Last Name`. */
    readonly fieldNames: string;
    readonly rows: readonly AirtableRow[];
    readonly records: readonly DataverseRecord[];
}

export interface MatchResult {
    readonly pairs: readonly MatchedPair[];
    readonly ambiguous: readonly AmbiguousMatch[];
    /** The rows no key matched, in their input order, which the plan creates in Dynamics. */
    readonly unmatchedRows: readonly AirtableRow[];
    /** The records no key matched, in their input order, which get rows of their own. */
    readonly unmatchedRecords: readonly DataverseRecord[];
}

/** The rows and records that had a value for at least one of the keys tried so far, by key. */
type KeyedSoFar = Map<AirtableRow | DataverseRecord, Set<number>>;

interface KeyPass {
    readonly pairs: MatchedPair[];
    readonly ambiguous: AmbiguousMatch[];
    readonly settledRows: Set<AirtableRow>;
    readonly settledRecords: Set<DataverseRecord>;
}

export function matchUnlinked(input: MatchInput): MatchResult {
    const pairs: MatchedPair[] = [];
    const ambiguous: AmbiguousMatch[] = [];
    const keyedSoFar: KeyedSoFar = new Map();
    let rows = input.rows;
    let records = input.records;
    for (const [keyIndex, key] of resolveMatchKeys(input.table, input.links).entries()) {
        if (rows.length === 0 || records.length === 0) {
            break;
        }
        const pass = matchByKey(key, rows, records, input.links, keyedSoFar);
        markKeyed(keyedSoFar, keyIndex, key, rows, records, input.links);
        pairs.push(...pass.pairs);
        ambiguous.push(...pass.ambiguous);
        rows = rows.filter(row => !pass.settledRows.has(row));
        records = records.filter(record => !pass.settledRecords.has(record));
    }
    return {pairs, ambiguous, unmatchedRows: rows, unmatchedRecords: records};
}

function matchByKey(
    key: ResolvedKey,
    rows: readonly AirtableRow[],
    records: readonly DataverseRecord[],
    links: LinkPass,
    keyedSoFar: KeyedSoFar,
): KeyPass {
    const recordsByValue = new Map<string, DataverseRecord[]>();
    for (const record of records) {
        const value = readRecordKey(key, record);
        if (value !== null) {
            appendTo(recordsByValue, value, record);
        }
    }

    const rowsByValue = new Map<string, {description: string; rows: AirtableRow[]}>();
    for (const row of rows) {
        const value = readRowKey(key, row, links);
        if (value === null || !recordsByValue.has(value.normalised)) {
            continue;
        }
        const group = rowsByValue.get(value.normalised);
        if (group === undefined) {
            rowsByValue.set(value.normalised, {description: value.description, rows: [row]});
        } else {
            group.rows.push(row);
        }
    }

    const pass: KeyPass = {
        pairs: [],
        ambiguous: [],
        settledRows: new Set(),
        settledRecords: new Set(),
    };
    const fieldNames = key.columns.map(column => column.mapping.field.name).join(' and ');
    for (const [value, group] of rowsByValue) {
        const matchedRecords = recordsByValue.get(value) ?? [];
        const [row] = group.rows;
        const [record] = matchedRecords;
        if (group.rows.length === 1 && matchedRecords.length === 1 && row && record) {
            if (haveDifferentEarlierKeys(keyedSoFar, row, record)) {
                // Both sides have a value for an earlier key that did not pair them.
                continue;
            }
            pass.pairs.push({row, record});
        } else {
            pass.ambiguous.push({
                keyDescription: group.description,
                fieldNames,
                rows: group.rows,
                records: matchedRecords,
            });
        }
        group.rows.forEach(settled => pass.settledRows.add(settled));
        matchedRecords.forEach(settled => pass.settledRecords.add(settled));
    }
    return pass;
}

function haveDifferentEarlierKeys(
    keyedSoFar: KeyedSoFar,
    row: AirtableRow,
    record: DataverseRecord,
): boolean {
    const rowKeys = keyedSoFar.get(row);
    const recordKeys = keyedSoFar.get(record);
    if (rowKeys === undefined || recordKeys === undefined) {
        return false;
    }
    return [...rowKeys].some(keyIndex => recordKeys.has(keyIndex));
}

function markKeyed(
    keyedSoFar: KeyedSoFar,
    keyIndex: number,
    key: ResolvedKey,
    rows: readonly AirtableRow[],
    records: readonly DataverseRecord[],
    links: LinkPass,
): void {
    const mark = (item: AirtableRow | DataverseRecord) => {
        const keys = keyedSoFar.get(item) ?? new Set<number>();
        keys.add(keyIndex);
        keyedSoFar.set(item, keys);
    };
    rows.filter(row => readRowKey(key, row, links) !== null).forEach(mark);
    records.filter(record => readRecordKey(key, record) !== null).forEach(mark);
}

function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const values = map.get(key);
    if (values === undefined) {
        map.set(key, [value]);
    } else {
        values.push(value);
    }
}
