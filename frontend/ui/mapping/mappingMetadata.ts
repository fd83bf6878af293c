/**
 * The Dynamics metadata the mapping panel shows: the tables a user can add, and one table's
 * columns. The panel reads it through this interface, so it does not care whether the reads go
 * to Dataverse or to a test double.
 */
import type {ColumnSpec, EntityRef} from '../../sync/mapping';

export interface MappingMetadataSource {
    /** Lists the Dynamics tables the mapping can sync. */
    listTablesAsync(signal?: AbortSignal): Promise<readonly EntityRef[]>;
    /** Reads the columns of one table that the sync can convert, with their metadata. */
    readColumnsAsync(entity: EntityRef, signal?: AbortSignal): Promise<readonly ColumnSpec[]>;
}
