/** The message of an ambiguous match, naming the candidates on both sides and what to do. */
import type {TableMapping} from '../mapping';
import {getRecordName, getRowName} from '../plan/recordNames';
import type {RecordSkip} from '../plan/types';
import type {DataverseRecord} from '../ports';
import type {AmbiguousMatch} from './matchUnlinked';

/** Candidates named in a message; the rest are counted, so a key shared by hundreds stays short. */
export const MAX_LISTED_CANDIDATES = 5;

/**
 * Returns the skip for every row and record of the ambiguous match. They all share one message,
 * which lists the candidates of both sides, so each outcome names every record involved.
 */
export function ambiguousMatchSkip(table: TableMapping, match: AmbiguousMatch): RecordSkip {
    return {reason: 'ambiguousMatch', message: describeAmbiguousMatch(table, match)};
}

function describeAmbiguousMatch(table: TableMapping, match: AmbiguousMatch): string {
    const {rows, records, keyDescription, fieldNames} = match;
    const [onlyRow] = rows;
    const [onlyRecord] = records;
    const rowNames = listNames(rows.map(row => `'${getRowName(table, row)}'`));
    const recordNames = listNames(records.map(record => describeRecord(table, record)));
    const untilThen = ' Until then, none of them is linked or created.';

    if (records.length === 1 && onlyRecord !== undefined) {
        return (
            `${rows.length} Airtable rows match ${describeRecord(table, onlyRecord)} by ` +
            `${keyDescription}: ${rowNames}. Give one of them the record's Dynamics ID or change ` +
            `its ${fieldNames}, then sync again.${untilThen}`
        );
    }
    if (rows.length === 1 && onlyRow !== undefined) {
        return (
            `${records.length} Dynamics records match the row '${getRowName(table, onlyRow)}' in ` +
            `${table.table.name} by ${keyDescription}: ${recordNames}. Paste the ID of the right ` +
            `record into the row's Dynamics ID or change its ${fieldNames}, then sync again.` +
            untilThen
        );
    }
    return (
        `${rows.length} Airtable rows in ${table.table.name} and ${records.length} Dynamics ` +
        `records match each other by ${keyDescription}. The rows are ${rowNames}, and the ` +
        `records are ${recordNames}. Give each row the Dynamics ID of its record or make their ` +
        `${fieldNames} differ, then sync again.${untilThen}`
    );
}

/** Names a record with its id, which a person needs to paste into the right row. */
function describeRecord(table: TableMapping, record: DataverseRecord): string {
    const name = getRecordName(table, record);
    const id = name === record.id ? '' : ` (${record.id})`;
    return `${table.entity.displayName} '${name}'${id}`;
}

/** Joins names as "'A', 'B' and 'C'", listing at most MAX_LISTED_CANDIDATES. */
function listNames(names: readonly string[]): string {
    const listed = names.slice(0, MAX_LISTED_CANDIDATES);
    const hidden = names.length - listed.length;
    if (hidden > 0) {
        return `${listed.join(', ')} and ${hidden} more`;
    }
    const last = listed.pop();
    return listed.length === 0 ? (last ?? '') : `${listed.join(', ')} and ${last ?? ''}`;
}
