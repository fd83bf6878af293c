/**
 * Finds the mapped fields of a row that changed in Airtable since the last sync, so that deleting
 * the row because its record was deleted in Dynamics does not silently drop those edits.
 */
import {readAirtableValue} from '../convert';
import {getValueMappings} from '../links/linkGroups';
import type {TableMapping} from '../mapping';
import type {AirtableRow} from '../ports';
import {hashValue, parseSyncState} from '../syncState';
import {isEmptyValue} from '../values';

/**
 * Returns the names of the row's mapped fields whose value differs from the baseline hash in its
 * sync state. A filled field without a baseline, or a value that does not convert, counts as
 * changed because nothing shows that it reached Dynamics. A row without a readable sync state
 * returns no fields, as it was never synced.
 * NOTE: lookup fields are not compared, so an edit only to a link does not mark the row.
 */
export function getUnsyncedFieldNames(table: TableMapping, row: AirtableRow): string[] {
    const parsed = parseSyncState(row.cells[table.syncStateFieldId]);
    if (!parsed.ok || parsed.state === null || parsed.state.isPendingCreate) {
        return [];
    }
    const baselines = parsed.state.fieldHashes;
    return getValueMappings(table)
        .filter(mapping => {
            const baseline = baselines[mapping.column.logicalName];
            const value = readAirtableValue(mapping, row.cells[mapping.field.id]);
            if (!value.ok) {
                return true;
            }
            return baseline === undefined
                ? !isEmptyValue(value.value)
                : hashValue(value.value) !== baseline;
        })
        .map(mapping => mapping.field.name);
}
