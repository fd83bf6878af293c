/**
 * The engine's `AirtableSide` port over the Blocks SDK. Every write is checked against Airtable's
 * per-call limits and the user's permissions first, because a write the SDK or Airtable's server
 * rejects cannot be caught reliably (a server rejection crashes the extension).
 */
import type {Base, Table} from '@airtable/blocks/models';
import {
    airtableRecordId,
    type AirtableFieldId,
    type AirtableRecordId,
    type AirtableTableId,
} from '../sync/ids';
import type {TableMapping} from '../sync/mapping';
import type {AirtableCells, AirtableRow, AirtableSide} from '../sync/ports';
import {AirtableSideError} from './airtableSideError';
import {RecordQueries} from './recordQueries';
import {findRejectedRowsAsync, listMissingFieldIds, type RecordWrite} from './rowChecks';
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
            checkMappedFieldsExist(table, mapping);

            return queries.readRowsAsync(table, fieldIds);
        },

        async createRowsAsync(tableId, rows): Promise<AirtableRecordId[]> {
            const table = getTable(base, tableId);
            const records = rows.map(row => ({fields: toFields(row.cells)}));
            if (records.length === 0) {
                return [];
            }

            checkWriteLimits('create', table.name, records);
            // The SDK's permission check throws for a field that no longer exists.
            checkWrittenFieldsExist(table, records);
            checkPermission('create', table, table.checkPermissionsForCreateRecords(records));
            await checkNoRowRejectedAsync(base, table, queries, records);

            const ids = await classifyRejectedValueAsync(() => table.createRecordsAsync(records));
            return ids.map(airtableRecordId);
        },

        async updateRowsAsync(tableId, rows): Promise<void> {
            const table = getTable(base, tableId);
            const records = rows.map(row => ({id: row.id as string, fields: toFields(row.cells)}));
            if (records.length === 0) {
                return;
            }

            checkWriteLimits('update', table.name, records);
            // The SDK's permission check throws for a field that no longer exists.
            checkWrittenFieldsExist(table, records);
            checkPermission('update', table, table.checkPermissionsForUpdateRecords(records));
            await keepQueryLoadedAsync(queries, table, records);
            await checkNoRowRejectedAsync(base, table, queries, records);

            await classifyRejectedValueAsync(() => table.updateRecordsAsync(records));
        },

        async deleteRowsAsync(tableId, ids): Promise<void> {
            const table = getTable(base, tableId);
            const recordIds: string[] = [...ids];
            if (recordIds.length === 0) {
                return;
            }

            checkWriteLimits('delete', table.name, recordIds);
            checkPermission('delete', table, table.checkPermissionsForDeleteRecords(recordIds));

            // A row someone deleted during the run is already gone, and the SDK would reject the
            // whole call for it.
            const existingIds = listExistingRecordIds(queries, table, recordIds);
            if (existingIds.length > 0) {
                await table.deleteRecordsAsync(existingIds);
            }
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

/** Checks the mapped fields before a read, naming each missing one as the mapping stores it. */
function checkMappedFieldsExist(table: Table, mapping: TableMapping): void {
    const missing = listFieldNames(mapping).filter(
        ({id}) => table.getFieldByIdIfExists(id) === null,
    );
    if (missing.length > 0) {
        throw new AirtableSideError(
            'fieldNotFound',
            describeMissingFields(
                table.name,
                missing.map(({name}) => name),
            ),
            {fieldIds: missing.map(({id}) => id)},
        );
    }
}

/**
 * Checks the written fields before a write. The port receives no mapping, so the message names
 * the fields by id and the engine, which has the mapping, names them for a person.
 */
function checkWrittenFieldsExist(table: Table, records: readonly RecordWrite[]): void {
    const missing = listMissingFieldIds(table, records);
    if (missing.length > 0) {
        throw new AirtableSideError('fieldNotFound', describeMissingFields(table.name, missing), {
            fieldIds: missing,
        });
    }
}

/** Describes fields deleted since the mapping was saved, with the fix. */
export function describeMissingFields(tableName: string, fieldNames: readonly string[]): string {
    const fields = fieldNames.map(name => `'${name}'`).join(', ');
    const noun = fieldNames.length === 1 ? 'field' : 'fields';
    return (
        `Table '${tableName}' no longer has the ${noun} ${fields}, which the sync mapping needs. ` +
        `Open the extension's settings to map the columns to other fields, then sync again.`
    );
}

function listFieldNames(mapping: TableMapping): Array<{id: AirtableFieldId; name: string}> {
    return [
        ...mapping.fields.map(({field}) => ({id: field.id, name: field.name})),
        {id: mapping.dynamicsIdFieldId, name: `Dynamics ID field (${mapping.dynamicsIdFieldId})`},
        {id: mapping.syncStateFieldId, name: `sync state field (${mapping.syncStateFieldId})`},
    ];
}

async function checkNoRowRejectedAsync(
    base: Base,
    table: Table,
    queries: RecordQueries,
    records: readonly RecordWrite[],
): Promise<void> {
    const rejections = await findRejectedRowsAsync(base, table, queries, records);
    if (rejections.length > 0) {
        throw new AirtableSideError(
            'rowsRejected',
            `Airtable would reject ${rejections.length} of ${records.length} rows written to ` +
                `table '${table.name}', because rows they need were deleted during the sync.`,
            {rejections},
        );
    }
}

/**
 * The SDK checks every cell against its field before it sends a write, and throws without
 * writing anything when one is invalid. It names the field but not the row, so the engine splits
 * the call to find the row.
 */
// NOTE: recognised by the message text of `@airtable/blocks` 1.19 (models/mutations.js), which
// has no error codes. A reworded message is not recognised, so the run stops as before.
const SDK_INVALID_VALUE = /^Can't (set cell values|create records): invalid cell value/;

async function classifyRejectedValueAsync<T>(writeAsync: () => Promise<T>): Promise<T> {
    try {
        return await writeAsync();
    } catch (error) {
        if (error instanceof Error && SDK_INVALID_VALUE.test(error.message)) {
            throw new AirtableSideError('valueRejected', error.message);
        }
        throw error;
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
            `You don't have permission to ${action} records in table '${table.name}'. ` +
                `Only collaborators with editor access or above can sync, so ask an owner of ` +
                `the base for editor access. Airtable's reason: ${check.reasonDisplayString}`,
        );
    }
}

/** Lists the ids the table's loaded query still has, or every id when no query is loaded. */
function listExistingRecordIds(
    queries: RecordQueries,
    table: Table,
    recordIds: readonly string[],
): string[] {
    const query = queries.getLoadedQueryIfExists(table.id);
    if (query === null) {
        return [...recordIds];
    }
    return recordIds.filter(id => query.getRecordByIdIfExists(id) !== null);
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
