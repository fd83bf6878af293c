/**
 * The edits of the third workload: the same number of records edited on each side, on different
 * records, so that none of them conflicts. Each table gets a share of the edits in proportion to
 * its size. Airtable rows are edited straight in the simulated base, as a person would, so these
 * writes are not counted as the sync's.
 */
import {AIRTABLE_MAX_RECORDS_PER_WRITE, type TableMapping} from '../../frontend/sync';
import type {BenchBase} from './benchBase';
import type {EmulatorStore} from '../emulator/server';

/** The text column each table's edits change, by the table's logical name. */
const EDITED_COLUMNS: Readonly<Record<string, string>> = {
    account: 'description',
    contact: 'jobtitle',
    opportunity: 'description',
};

/** Splits the edits over the tables in proportion to their sizes. */
export function shareEdits(editsPerSide: number, tableSizes: readonly number[]): number[] {
    const total = tableSizes.reduce((sum, size) => sum + size, 0);
    return tableSizes.map(size => Math.round((editsPerSide * size) / total));
}

/**
 * Edits `count` rows of the table in Airtable (the even rows) and `count` records in Dynamics (the
 * records of the odd rows).
 */
export async function editBothSidesAsync(
    base: BenchBase,
    store: EmulatorStore,
    mapping: TableMapping,
    count: number,
): Promise<void> {
    const column = EDITED_COLUMNS[mapping.entity.logicalName];
    const field = mapping.fields.find(candidate => candidate.column.logicalName === column);
    if (column === undefined || field === undefined) {
        throw new Error(`The ${mapping.table.name} mapping has no column the benchmark edits.`);
    }
    const records = base.getQuery(mapping).records;
    if (records.length < 2 * count) {
        throw new Error(
            `${mapping.table.name} has ${records.length} rows; ${2 * count} are needed for the edits.`,
        );
    }

    const airtableEdits = [];
    for (let index = 0; index < count; index += 1) {
        const row = records[2 * index];
        const recordRow = records[2 * index + 1];
        if (row === undefined || recordRow === undefined) {
            continue;
        }
        airtableEdits.push({id: row.id, fields: {[field.field.id]: `Edited in Airtable ${index}`}});
        const dynamicsId = recordRow.getCellValueAsString(mapping.dynamicsIdFieldId);
        store.update(mapping.entity.logicalName, dynamicsId, {
            [column]: `Edited in Dynamics ${index}`,
        });
    }
    const table = base.driver.base.getTableById(mapping.table.id);
    for (let start = 0; start < airtableEdits.length; start += AIRTABLE_MAX_RECORDS_PER_WRITE) {
        await table.updateRecordsAsync(
            airtableEdits.slice(start, start + AIRTABLE_MAX_RECORDS_PER_WRITE),
        );
    }
}
