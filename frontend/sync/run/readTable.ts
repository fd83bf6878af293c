/** Reads one mapped table from both sides: every row, and every record with the columns the run needs. */
import {callSideAsync, checkNotCancelled} from '../apply/runStoppedError';
import {getValueMappings, isLookupMapping} from '../links/linkGroups';
import type {RunLogger} from '../logger';
import {getLookupValueProperty} from '../lookupValues';
import type {Guid} from '../ids';
import type {TableMapping} from '../mapping';
import {CREATED_ON_COLUMN, MODIFIED_ON_COLUMN} from '../plan/planTable';
import type {AirtableRow, AirtableSide, DataverseRecord, DataverseSide} from '../ports';
import type {ProgressListener} from '../progress';

export interface TableSnapshot {
    readonly table: TableMapping;
    readonly rows: readonly AirtableRow[];
    /** Every record of the table, or after a delta read only those changed since its link. */
    readonly records: readonly DataverseRecord[];
    /**
     * Set only by a delta read: the records that exist unchanged since the last complete run,
     * whose values were not read. Each one has a row, whose baseline stands for its values.
     */
    readonly unchangedIds?: ReadonlySet<Guid>;
}

export interface ReadContext {
    readonly airtable: AirtableSide;
    readonly dataverse: DataverseSide;
    readonly signal: AbortSignal | undefined;
    readonly logger: RunLogger;
    readonly onProgress: ProgressListener;
}

/**
 * Reads the table. `extraLookups` are lookup columns read although they are not mapped, because
 * a delete's cascade follows them.
 */
export async function readTableAsync(
    context: ReadContext,
    table: TableMapping,
    extraLookups: readonly string[],
): Promise<TableSnapshot> {
    const tableName = table.table.name;
    checkNotCancelled(context.signal, tableName);
    context.onProgress({
        phase: 'reading',
        table: tableName,
        done: 0,
        total: 0,
        message: `Reading ${tableName} from Airtable and Dynamics`,
    });
    const rows = await callSideAsync('airtable', 'reading rows', tableName, () =>
        context.airtable.readRowsAsync(table),
    );
    const records = await readRecordsAsync(context, table, extraLookups);
    context.logger.info('Table read', {
        table: table.table.id,
        rows: rows.length,
        records: records.length,
    });
    return {table, rows, records};
}

/** Reads every record of the table with the mapped columns, the timestamps and `extraLookups`. */
export async function readRecordsAsync(
    context: ReadContext,
    table: TableMapping,
    extraLookups: readonly string[],
): Promise<DataverseRecord[]> {
    const columns = getReadColumns(table, extraLookups);
    return callSideAsync('dynamics', 'reading records', table.table.name, () =>
        context.dataverse.readAllAsync(table.entity, columns),
    );
}

/** Returns the columns to select: mapped values, lookups as `_<column>_value`, and the timestamps. */
export function getReadColumns(table: TableMapping, extraLookups: readonly string[]): string[] {
    const lookups = [
        ...table.fields.filter(isLookupMapping).map(mapping => mapping.column.logicalName),
        ...extraLookups,
    ];
    const columns = [
        ...getValueMappings(table).map(mapping => mapping.column.logicalName),
        ...lookups.map(getLookupValueProperty),
        CREATED_ON_COLUMN,
        MODIFIED_ON_COLUMN,
    ];
    return [...new Set(columns)];
}
