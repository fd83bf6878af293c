/**
 * The order tables sync in: a table after the tables its lookups point at, so a parent created in
 * a run has its row and its Dynamics ID before its children link to it. Lookups that point at the
 * same table or, in a cycle, at a later table are deferred: their rows and records are created
 * without those links, and a second pass sets them once every id exists.
 */
import type {AirtableTableId} from '../ids';
import type {TableMapping} from '../mapping';
import {getLinkGroups, getLinkedTableIds, type TableDirectory} from './linkGroups';

export interface TableOrder {
    readonly tables: readonly TableMapping[];
    /** Per table, the lookup columns whose links wait for the second pass. */
    readonly deferredColumns: ReadonlyMap<AirtableTableId, ReadonlySet<string>>;
}

export function orderTables(tables: readonly TableMapping[]): TableOrder {
    const directory: TableDirectory = new Map(tables.map(table => [table.table.id, table]));
    const parents = new Map(tables.map(table => [table.table.id, getParentIds(table, directory)]));
    const ordered: TableMapping[] = [];
    const placed = new Set<AirtableTableId>();

    while (ordered.length < tables.length) {
        const remaining = tables.filter(table => !placed.has(table.table.id));
        const ready = remaining.find(table =>
            [...(parents.get(table.table.id) ?? [])].every(parent => placed.has(parent)),
        );
        // In a cycle no table is ready, so the first remaining one goes next and its links to
        // the later tables of the cycle are deferred.
        const next = ready ?? remaining[0];
        if (next === undefined) {
            break;
        }
        ordered.push(next);
        placed.add(next.table.id);
    }
    return {tables: ordered, deferredColumns: findDeferredColumns(ordered, directory)};
}

/** Returns the other mapped tables the table's lookups link to. */
function getParentIds(table: TableMapping, directory: TableDirectory): Set<AirtableTableId> {
    const ids = getLinkGroups(table, directory).flatMap(getLinkedTableIds);
    return new Set(ids.filter(id => id !== table.table.id && directory.has(id)));
}

function findDeferredColumns(
    ordered: readonly TableMapping[],
    directory: TableDirectory,
): Map<AirtableTableId, Set<string>> {
    const position = new Map(ordered.map((table, index) => [table.table.id, index]));
    const deferred = new Map<AirtableTableId, Set<string>>();
    ordered.forEach((table, index) => {
        const columns = new Set<string>();
        for (const group of getLinkGroups(table, directory)) {
            const isLaterOrSelf = getLinkedTableIds(group).some(
                id => (position.get(id) ?? -1) >= index,
            );
            if (isLaterOrSelf) {
                columns.add(group.column);
            }
        }
        deferred.set(table.table.id, columns);
    });
    return deferred;
}
