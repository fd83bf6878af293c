/**
 * Sorts validation problems to the place the panel shows them: the mapping as a whole, a
 * Dynamics table, or one column's row.
 */
import type {MappingProblem} from '../../settings/mapping/mappingProblems';
import type {StoredMapping, StoredTableMapping} from '../../settings/mapping/storedMapping';
import type {AirtableTableId, LogicalName} from '../../sync/ids';

/** The problems of one table, split into those of its rows (by column) and the rest. */
export interface TableProblems {
    readonly table: readonly MappingProblem[];
    readonly byColumn: ReadonlyMap<LogicalName, readonly MappingProblem[]>;
}

export const NO_TABLE_PROBLEMS: TableProblems = {table: [], byColumn: new Map()};

/**
 * Groups the problems by table. A problem goes to a row when it names the row's column or the
 * field that the row maps. Other problems of the table are shown above its rows.
 */
export function groupProblems(
    mapping: StoredMapping,
    problems: readonly MappingProblem[],
): {readonly general: MappingProblem[]; readonly byTable: Map<LogicalName, TableProblems>} {
    const general = problems.filter(problem => problem.entityLogicalName === null);
    const byTable = new Map<LogicalName, TableProblems>();
    for (const entry of mapping.tables) {
        const own = problems.filter(
            problem => problem.entityLogicalName === entry.entity.logicalName,
        );
        byTable.set(entry.entity.logicalName, splitByColumn(entry, own));
    }
    return {general, byTable};
}

function splitByColumn(entry: StoredTableMapping, problems: readonly MappingProblem[]) {
    const table: MappingProblem[] = [];
    const byColumn = new Map<LogicalName, MappingProblem[]>();
    for (const problem of problems) {
        const column = problem.columnLogicalName ?? findMappedColumn(entry, problem);
        if (column === null) {
            table.push(problem);
        } else {
            byColumn.set(column, [...(byColumn.get(column) ?? []), problem]);
        }
    }
    return {table, byColumn};
}

function findMappedColumn(entry: StoredTableMapping, problem: MappingProblem): LogicalName | null {
    const mapped = entry.fields.find(field => field.airtableFieldId === problem.airtableFieldId);
    return mapped?.column.logicalName ?? null;
}

/** Returns the Airtable table each enabled Dynamics table syncs with. */
export function listSyncedTableIds(mapping: StoredMapping): Map<LogicalName, AirtableTableId> {
    const ids = new Map<LogicalName, AirtableTableId>();
    for (const entry of mapping.tables) {
        if (entry.isEnabled && entry.airtableTableId !== null) {
            ids.set(entry.entity.logicalName, entry.airtableTableId);
        }
    }
    return ids;
}
