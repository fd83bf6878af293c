/**
 * A plain description of an Airtable table's schema, read from the SDK by
 * `frontend/airtable/tableSchema.ts`, so settings code stays free of the SDK and testable in Node.
 */
import type {AirtableFieldId, AirtableTableId} from '../sync/ids';

export interface FieldSchema {
    readonly id: AirtableFieldId;
    readonly name: string;
    /** The SDK's `FieldType` value, which may be a type the engine does not convert. */
    readonly type: string;
    /** Digits after the decimal point, for number, currency and percent fields. */
    readonly precision?: number;
    readonly isPrimary: boolean;
    /** The table a linked-record field links to. */
    readonly linkedTableId?: AirtableTableId;
    /** The choice names of a singleSelect or multipleSelects field, in the field's order. */
    readonly choices?: readonly string[];
}

export interface TableSchema {
    readonly id: AirtableTableId;
    readonly name: string;
    readonly fields: readonly FieldSchema[];
}

/** Finds a field by name the way Airtable compares names: ignoring case. */
export function getFieldByNameIfExists(table: TableSchema, name: string): FieldSchema | null {
    const requested = name.toLowerCase();
    return table.fields.find(field => field.name.toLowerCase() === requested) ?? null;
}

/** Finds a table by id, or returns null when the base has no such table. */
export function getTableByIdIfExists(
    tables: readonly TableSchema[],
    id: AirtableTableId,
): TableSchema | null {
    return tables.find(table => table.id === id) ?? null;
}

/** Finds a field by id, or returns null when the table has no such field. */
export function getFieldByIdIfExists(table: TableSchema, id: AirtableFieldId): FieldSchema | null {
    return table.fields.find(field => field.id === id) ?? null;
}
