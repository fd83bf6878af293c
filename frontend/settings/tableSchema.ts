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
