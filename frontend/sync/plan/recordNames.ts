/** Names records for messages: the primary name column's value, or the id when it is empty. */
import type {TableMapping} from '../mapping';
import type {AirtableRow, DataverseRecord} from '../ports';

export function getRowName(table: TableMapping, row: AirtableRow): string {
    return createRowNamer(table)(row);
}

/** Returns a function that names the table's rows, for callers that name many rows of one table. */
export function createRowNamer(table: TableMapping): (row: AirtableRow) => string {
    const nameMapping = table.fields.find(
        mapping => mapping.column.logicalName === table.entity.primaryNameAttribute,
    );
    const nameFieldId = nameMapping?.field.id;
    return row => {
        const cell = nameFieldId === undefined ? undefined : row.cells[nameFieldId];
        return typeof cell === 'string' && cell.trim() !== '' ? cell : row.id;
    };
}

export function getRecordName(table: TableMapping, record: DataverseRecord): string {
    const value = record.values[table.entity.primaryNameAttribute];
    return typeof value === 'string' && value.trim() !== '' ? value : record.id;
}
