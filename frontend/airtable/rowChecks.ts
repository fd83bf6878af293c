/**
 * Finds the rows of a write that Airtable would reject for a reason of their own: the row, or a
 * row one of its links points at, was deleted after the run read it. The SDK rejects the whole
 * call for such a row, so finding them first lets the engine write the other rows and report
 * these one by one.
 */
import type {Base, Table} from '@airtable/blocks/models';
import {airtableFieldId, type AirtableFieldId} from '../sync/ids';
import type {AirtableRowRejection} from '../sync/ports';
import type {RecordQueries} from './recordQueries';

export interface RecordWrite {
    readonly id?: string;
    readonly fields: Readonly<Record<string, unknown>>;
}

/** Lists the written fields the table no longer has. */
export function listMissingFieldIds(
    table: Table,
    records: readonly RecordWrite[],
): AirtableFieldId[] {
    const fieldIds = new Set(records.flatMap(record => Object.keys(record.fields)));
    return [...fieldIds].filter(id => table.getFieldByIdIfExists(id) === null).map(airtableFieldId);
}

/** Lists the rows of the write that no longer exist or link to a row that no longer exists. */
export async function findRejectedRowsAsync(
    base: Base,
    table: Table,
    queries: RecordQueries,
    records: readonly RecordWrite[],
): Promise<AirtableRowRejection[]> {
    const rejections: AirtableRowRejection[] = [];
    // Updates load the table's query first, and creates name no row of their own.
    const query = queries.getLoadedQueryIfExists(table.id);
    for (const [index, record] of records.entries()) {
        const {id} = record;
        if (id !== undefined && query !== null && query.getRecordByIdIfExists(id) === null) {
            rejections.push({index, reason: 'rowNotFound', fieldId: null, detail: id});
            continue;
        }

        const rejection = await findDeletedLinkAsync(base, table, queries, record);
        if (rejection !== null) {
            rejections.push({index, ...rejection});
        }
    }
    return rejections;
}

async function findDeletedLinkAsync(
    base: Base,
    table: Table,
    queries: RecordQueries,
    record: RecordWrite,
): Promise<Omit<AirtableRowRejection, 'index'> | null> {
    for (const [fieldId, value] of Object.entries(record.fields)) {
        const linkedTable = getLinkedTableIfExists(base, table, fieldId);
        if (linkedTable === null || !Array.isArray(value) || value.length === 0) {
            continue;
        }

        const linkedQuery = await queries.getQueryAsync(linkedTable, []);
        const missingId = value
            .map(readLinkedRowId)
            .find(id => id !== null && linkedQuery.getRecordByIdIfExists(id) === null);
        if (missingId !== undefined && missingId !== null) {
            return {
                reason: 'linkedRowNotFound',
                fieldId: airtableFieldId(fieldId),
                detail: missingId,
            };
        }
    }
    return null;
}

function getLinkedTableIfExists(base: Base, table: Table, fieldId: string): Table | null {
    const field = table.getFieldByIdIfExists(fieldId);
    if (field === null || (field.type as string) !== 'multipleRecordLinks') {
        return null;
    }
    const linkedTableId = field.options?.linkedTableId;
    return typeof linkedTableId === 'string' ? base.getTableByIdIfExists(linkedTableId) : null;
}

function readLinkedRowId(link: unknown): string | null {
    if (typeof link !== 'object' || link === null || !('id' in link)) {
        return null;
    }
    return typeof link.id === 'string' ? link.id : null;
}
