/**
 * Keeps one record query per table loaded for the whole sync run. Airtable's TestDriver applies
 * record updates only to loaded queries (a write while none is loaded is lost), and the real SDK
 * keeps a loaded query current with the run's own writes, so the engine never reads stale rows.
 */
import type {Table, TableOrViewQueryResult} from '@airtable/blocks/models';
import type {AirtableRow} from '../sync/ports';
import {RowCache} from './rowCache';

interface LoadedQuery {
    readonly query: TableOrViewQueryResult;
    readonly fieldIds: ReadonlySet<string>;
    readonly rows: RowCache;
}

export class RecordQueries {
    private readonly loaded = new Map<string, LoadedQuery>();

    /** Returns a loaded query of the table that includes at least the given fields. */
    async getQueryAsync(
        table: Table,
        fieldIds: readonly string[],
    ): Promise<TableOrViewQueryResult> {
        const current = this.loaded.get(table.id);
        if (current !== undefined && fieldIds.every(id => current.fieldIds.has(id))) {
            return current.query;
        }

        const requested = new Set([...(current?.fieldIds ?? []), ...fieldIds]);
        const query = await table.selectRecordsAsync({fields: [...requested]});
        this.loaded.set(table.id, {query, fieldIds: requested, rows: new RowCache(query)});
        // Unload the narrower query only once the wider one is loaded, so no moment passes
        // without a loaded query while writes may be in flight.
        current?.rows.dispose();
        current?.query.unloadData();
        return query;
    }

    /**
     * Returns the table's rows with the given fields, from a query that stays loaded, so rows
     * unchanged since the last read are not read through the SDK again.
     */
    async readRowsAsync(table: Table, fieldIds: readonly string[]): Promise<AirtableRow[]> {
        await this.getQueryAsync(table, fieldIds);
        const loaded = this.loaded.get(table.id);
        if (loaded === undefined) {
            throw new Error(`The query of table ${table.id} was unloaded while it was read.`);
        }
        return loaded.rows.readRows(table, fieldIds);
    }

    /** Returns the table's loaded query, or null when none is loaded. */
    getLoadedQueryIfExists(tableId: string): TableOrViewQueryResult | null {
        return this.loaded.get(tableId)?.query ?? null;
    }

    /** Whether a query of the table is loaded, so updates to it are kept. */
    hasQuery(tableId: string): boolean {
        return this.loaded.has(tableId);
    }

    unloadAll(): void {
        for (const {query, rows} of this.loaded.values()) {
            rows.dispose();
            query.unloadData();
        }
        this.loaded.clear();
    }
}
