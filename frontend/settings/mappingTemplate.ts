/**
 * A mapping template names the Airtable fields a Dataverse table maps to, before any Airtable id
 * is known. `resolveMapping` turns it into a `TableMapping` against a live table's schema.
 */
import type {AirtableTableId} from '../sync/ids';
import type {
    AirtableFieldType,
    ColumnSpec,
    EntityRef,
    MatchKey,
    SyncDirection,
} from '../sync/mapping';

/** An Airtable field as the template expects it: found by name, created with this type. */
export interface TemplateField {
    readonly name: string;
    readonly type: AirtableFieldType;
    /** Digits after the decimal point, for number, currency and percent fields. */
    readonly precision?: number;
    /**
     * Marks the field that maps to the table's primary field. When no field has `name`, the
     * table's primary field is used, because a primary field can be renamed but never created.
     */
    readonly isPrimary?: boolean;
    /** For a linked-record field, the name of the template table it links to. */
    readonly linkedTableName?: string;
    /** For a linked-record field, the id of that table once it is found in the base. */
    readonly linkedTableId?: AirtableTableId;
}

export interface TemplateColumn {
    readonly column: ColumnSpec;
    readonly field: TemplateField;
    readonly direction: SyncDirection;
}

export interface MappingTemplate {
    readonly entity: EntityRef;
    /** The Airtable table the template maps to, found by name. */
    readonly tableName: string;
    readonly columns: readonly TemplateColumn[];
    /** Holds the Dataverse GUID of the row's record. */
    readonly dynamicsIdField: TemplateField;
    /** Holds the row's per-field sync state as compact JSON. */
    readonly syncStateField: TemplateField;
    /**
     * The other template tables this one cannot sync without, because a required link points at
     * them. Links to any other table are left out of the mapping while that table is missing.
     */
    readonly requiredTableNames?: readonly string[];
    /**
     * The match keys that pair rows without a Dynamics ID with existing records, tried in order.
     * A key naming a column that the resolved mapping leaves out is dropped.
     */
    readonly matchKeys?: readonly MatchKey[];
}

/**
 * Lists the fields the template needs in the Airtable table: the mapped ones, then bookkeeping.
 * A linked-record field is listed only once its linked table's id is known, because Airtable
 * cannot create it without one.
 */
export function listTemplateFields(template: MappingTemplate): TemplateField[] {
    const mappedFields = template.columns
        .map(column => column.field)
        .filter(field => field.linkedTableName === undefined || field.linkedTableId !== undefined);
    return [...mappedFields, template.dynamicsIdField, template.syncStateField];
}
