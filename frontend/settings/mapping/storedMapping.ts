/**
 * The field mapping as stored in globalConfig under `ConfigKeys.mapping`. It names Airtable tables
 * and fields by id, so renaming them keeps the mapping, and keeps a copy of each mapped column's
 * Dataverse metadata, so a run needs no metadata request. The settings panel refreshes that copy
 * whenever it reads the live metadata.
 *
 * Every stored object carries `schemaVersion`. `parseStoredMapping` migrates older versions to the
 * current one, including installations that predate the stored mapping, which synced the built-in
 * templates by table name. The conflict policy is not part of the mapping: it is stored under
 * `ConfigKeys.conflictPolicy` (see `legacyConflictPolicy.ts` for mappings that still carry one).
 */
import type {AirtableFieldId, AirtableTableId, LogicalName} from '../../sync/ids';
import type {ColumnSpec, EntityRef, MatchKey, SyncDirection} from '../../sync/mapping';

export const STORED_MAPPING_SCHEMA_VERSION = 1;

export interface StoredMapping {
    readonly schemaVersion: typeof STORED_MAPPING_SCHEMA_VERSION;
    /** One entry per Dynamics table the user has configured, in the order the panel lists them. */
    readonly tables: readonly StoredTableMapping[];
}

export interface StoredTableMapping {
    /** The Dynamics table, with the names its metadata gives it. */
    readonly entity: EntityRef;
    /** Whether the table syncs; an entry that is off keeps its fields for when it is turned on. */
    readonly isEnabled: boolean;
    /** The Airtable table it syncs with, or null until one is chosen. */
    readonly airtableTableId: AirtableTableId | null;
    /** The field holding each row's Dynamics ID, or null until it is created. */
    readonly dynamicsIdFieldId: AirtableFieldId | null;
    /** The field holding each row's sync state, or null until it is created. */
    readonly syncStateFieldId: AirtableFieldId | null;
    readonly fields: readonly StoredFieldMapping[];
    /** Keys that match existing rows and records on the first sync, tried in order. */
    readonly matchKeys: readonly MatchKey[];
    /**
     * Columns of the built-in template whose Airtable field the table lacked when the mapping was
     * migrated from it, by logical name. The table does not sync while any is listed, and the
     * extension offers to create their fields. Each is mapped once a field of the template's name
     * exists; the settings panel drops the list when a person edits the table's fields.
     */
    readonly pendingTemplateColumns?: readonly LogicalName[];
}

export interface StoredFieldMapping {
    /** The column's metadata as last read from Dynamics, including options and an option map. */
    readonly column: ColumnSpec;
    readonly airtableFieldId: AirtableFieldId;
    readonly direction: SyncDirection;
}
