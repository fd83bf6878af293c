/**
 * Keeps one record query per table loaded for the whole sync run. Airtable's TestDriver applies
 * record updates only to loaded queries (a write while none is loaded is lost), and the real SDK
 * keeps a loaded query current with the run's own writes, so the engine never reads stale rows.
 */
import type {Table, TableOrViewQueryResult} from '@airtable/blocks/models';

interface LoadedQuery {
    readonly query: TableOrViewQueryResult;
    readonly fieldIds: ReadonlySet<string>;
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
        this.loaded.set(table.id, {query, fieldIds: requested});
        // Unload the narrower query only once the wider one is loaded, so no moment passes
        // without a loaded query while writes may be in flight.
        current?.query.unloadData();
        return query;
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
        for (const {query} of this.loaded.values()) {
            query.unloadData();
        }
        this.loaded.clear();
    }
}
