/**
 * Finds the rows Clean up offers to delete: rows whose mapped fields are all empty. Another sync
 * tool leaves such rows when an Account's Contacts and Opportunities are deleted in Dynamics. A
 * row with a value in a mapped field is not a candidate, even when its Dynamics record no longer
 * exists. Clean up lists rows to delete in bulk, and such a row may still be wanted, so it is left
 * to the sync's delete phase and its preview. Only mapped fields count. The bookkeeping
 * fields never make a row look filled, and computed Airtable fields (formula, rollup, lookup) do
 * not either, because a mapping cannot contain them.
 */
import {assertNever} from '../assertNever';
import {readAirtableValue} from '../convert';
import type {AirtableRecordId, AirtableTableId, Guid} from '../ids';
import {getValueMappings, isLookupMapping} from '../links/linkGroups';
import type {FieldMapping, TableMapping} from '../mapping';
import {getRowName} from '../plan/recordNames';
import type {AirtableRow, DataverseRecord} from '../ports';
import {getRowDynamicsIdIfExists, isPendingCreate} from '../deletes/rowIds';
import {isEmptyValue} from '../values';

export type CleanupReason =
    /** Every mapped field of the row is empty. */
    | 'allFieldsEmpty'
    /** The row has a Dynamics ID, but no record with that ID exists any more. */
    | 'recordMissing';

export interface CleanupCandidate {
    readonly tableId: AirtableTableId;
    readonly tableName: string;
    readonly rowId: AirtableRecordId;
    /** The row's primary name, or its id when the name is empty or not mapped. */
    readonly name: string;
    readonly dynamicsId: Guid | null;
    /** The Dynamics ID cell's text as stored, even when it is not a valid GUID, or '' if empty. */
    readonly dynamicsIdText: string;
    readonly reasons: readonly CleanupReason[];
    /** The reasons in words, for a person deciding whether to delete the row. */
    readonly description: string;
    /** The mapped fields' cells, kept for the download made before deleting. */
    readonly cells: ReadonlyArray<{readonly fieldName: string; readonly value: unknown}>;
}

export interface CleanupTableInput {
    readonly table: TableMapping;
    readonly rows: readonly AirtableRow[];
    /** Every record of the table, from a complete read: a partial read would flag live rows. */
    readonly records: readonly DataverseRecord[];
}

export interface CleanupInput {
    readonly tables: readonly CleanupTableInput[];
}

export function findCleanupCandidates(input: CleanupInput): CleanupCandidate[] {
    return input.tables.flatMap(findTableCandidates);
}

function findTableCandidates(input: CleanupTableInput): CleanupCandidate[] {
    const {table} = input;
    const recordIds = new Set(input.records.map(record => record.id));
    const candidates: CleanupCandidate[] = [];
    for (const row of input.rows) {
        if (!areMappedFieldsEmpty(table, row)) {
            continue;
        }

        const id = getRowDynamicsIdIfExists(input, row);
        const reasons: CleanupReason[] = ['allFieldsEmpty'];
        if (id !== null && !recordIds.has(id) && !isPendingCreate(input, row)) {
            reasons.push('recordMissing');
        }
        candidates.push({
            tableId: table.table.id,
            tableName: table.table.name,
            rowId: row.id,
            name: getRowName(table, row),
            dynamicsId: id,
            dynamicsIdText: readCellText(row.cells[table.dynamicsIdFieldId]),
            reasons,
            description: describeReasons(table, id, reasons),
            cells: table.fields.map(mapping => ({
                fieldName: mapping.field.name,
                value: row.cells[mapping.field.id] ?? null,
            })),
        });
    }
    return candidates;
}

function areMappedFieldsEmpty(table: TableMapping, row: AirtableRow): boolean {
    if (table.fields.length === 0) {
        return false;
    }
    const values = getValueMappings(table).every(mapping => isCellEmpty(mapping, row));
    const links = table.fields
        .filter(isLookupMapping)
        .every(mapping => isLinkCellEmpty(row.cells[mapping.field.id]));
    return values && links;
}

/** Returns whether a value cell is empty; a cell the engine cannot read counts as filled. */
function isCellEmpty(mapping: FieldMapping, row: AirtableRow): boolean {
    const value = readAirtableValue(mapping, row.cells[mapping.field.id]);
    return value.ok && isEmptyValue(value.value);
}

function readCellText(cell: unknown): string {
    return typeof cell === 'string' ? cell : '';
}

function isLinkCellEmpty(cell: unknown): boolean {
    return cell === null || cell === undefined || (Array.isArray(cell) && cell.length === 0);
}

function describeReasons(
    table: TableMapping,
    id: Guid | null,
    reasons: readonly CleanupReason[],
): string {
    const sentences = reasons.map(reason => {
        switch (reason) {
            case 'recordMissing':
                return `Its ${table.entity.displayName} ${id ?? ''} no longer exists in Dynamics.`;
            case 'allFieldsEmpty':
                return `Every synced field of the row is empty.`;
            default:
                return assertNever(reason);
        }
    });
    return sentences.join(' ');
}
