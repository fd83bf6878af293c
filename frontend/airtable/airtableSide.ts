/**
 * The engine's `AirtableSide` port over the Blocks SDK. Every write is checked against Airtable's
 * per-call limits and the user's permissions first, because a write the SDK or Airtable's server
 * rejects cannot be caught reliably (a server rejection crashes the extension).
 */
import type {Base, Table} from '@airtable/blocks/models';
import type {Record as AirtableRecord} from '@airtable/blocks/models';
import {airtableRecordId, type AirtableRecordId, type AirtableTableId} from '../sync/ids';
import type {TableMapping} from '../sync/mapping';
import type {AirtableCells, AirtableRow, AirtableSide} from '../sync/ports';
import {AirtableSideError} from './airtableSideError';
import {RecordQueries} from './recordQueries';
import {checkWriteLimits, type WriteAction} from './writeLimits';

/** An `AirtableSide` that keeps record queries loaded until `unloadAll` is called. */
export interface AirtableRunSide extends AirtableSide {
    /** Releases the record queries loaded during the run; call it once the run has ended. */
    unloadAll(): void;
}

export function createAirtableSide(base: Base): AirtableRunSide {
    const queries = new RecordQueries();

    return {
        async readRowsAsync(mapping: TableMapping): Promise<AirtableRow[]> {
            const table = getTable(base, mapping.table.id);
            const fieldIds = listMappedFieldIds(mapping);
            checkFieldsExist(table, fieldIds);

            const query = await queries.getQueryAsync(table, fieldIds);
            return query.records.map(record => toRow(record, fieldIds));
        },

        async createRowsAsync(tableId, rows): Promise<AirtableRecordId[]> {
            const table = getTable(base, tableId);
            const records = rows.map(row => ({fields: toFields(row.cells)}));
            if (records.length === 0) {
                return [];
            }

            checkWriteLimits('create', table.name, records);
            checkPermission('create', table, table.checkPermissionsForCreateRecords(records));

            const ids = await table.createRecordsAsync(records);
            return ids.map(airtableRecordId);
        },

        async updateRowsAsync(tableId, rows): Promise<void> {
            const table = getTable(base, tableId);
            const records = rows.map(row => ({id: row.id as string, fields: toFields(row.cells)}));
            if (records.length === 0) {
                return;
            }

            checkWriteLimits('update', table.name, records);
            checkPermission('update', table, table.checkPermissionsForUpdateRecords(records));
            await keepQueryLoadedAsync(queries, table, records);

            await table.updateRecordsAsync(records);
        },

        async deleteRowsAsync(tableId, ids): Promise<void> {
            const table = getTable(base, tableId);
            const recordIds: string[] = [...ids];
            if (recordIds.length === 0) {
                return;
            }

            checkWriteLimits('delete', table.name, recordIds);
            checkPermission('delete', table, table.checkPermissionsForDeleteRecords(recordIds));

            await table.deleteRecordsAsync(recordIds);
        },

        unloadAll(): void {
            queries.unloadAll();
        },
    };
}

/** The mapped fields followed by the two bookkeeping fields: everything a sync reads. */
function listMappedFieldIds(mapping: TableMapping): string[] {
    return [
        ...mapping.fields.map(field => field.field.id),
        mapping.dynamicsIdFieldId,
        mapping.syncStateFieldId,
    ];
}

function getTable(base: Base, tableId: AirtableTableId | string): Table {
    const table = base.getTableByIdIfExists(tableId);
    if (table === null) {
        throw new AirtableSideError(
            'tableNotFound',
            `The synced table (${tableId}) no longer exists in this base. ` +
                `Choose the table again in the extension's settings.`,
        );
    }
    return table;
}

function checkFieldsExist(table: Table, fieldIds: readonly string[]): void {
    const missing = fieldIds.filter(id => table.getFieldByIdIfExists(id) === null);
    if (missing.length > 0) {
        throw new AirtableSideError(
            'fieldNotFound',
            `Table "${table.name}" no longer has the synced fields ${missing.join(', ')}. ` +
                `Reopen the extension so it can check the table's fields again.`,
        );
    }
}

function checkPermission(
    action: WriteAction,
    table: Table,
    check: ReturnType<Table['checkPermissionsForCreateRecords']>,
): void {
    if (!check.hasPermission) {
        throw new AirtableSideError(
            'permissionDenied',
            `Can't ${action} records in table "${table.name}": ${check.reasonDisplayString}`,
        );
    }
}

/** Loads a query with the updated fields unless one is loaded, so the TestDriver keeps updates. */
async function keepQueryLoadedAsync(
    queries: RecordQueries,
    table: Table,
    records: ReadonlyArray<{readonly fields: Record<string, unknown>}>,
): Promise<void> {
    if (queries.hasQuery(table.id)) {
        return;
    }
    const fieldIds = new Set(records.flatMap(record => Object.keys(record.fields)));
    await queries.getQueryAsync(table, [...fieldIds]);
}

function toFields(cells: AirtableCells): Record<string, unknown> {
    return {...cells};
}

function toRow(record: AirtableRecord, fieldIds: readonly string[]): AirtableRow {
    const cells: Record<string, unknown> = {};
    for (const fieldId of fieldIds) {
        cells[fieldId] = record.getCellValue(fieldId);
    }
    return {id: airtableRecordId(record.id), cells};
}
