import type {Base, Field, Table} from '@airtable/blocks/models';
import type {FieldSchema, TableSchema} from '../settings/tableSchema';
import {airtableFieldId, airtableTableId} from '../sync/ids';

/** Reads the schema of a table from the SDK into the plain form the settings code resolves. */
export function readTableSchema(table: Table): TableSchema {
    return {
        id: airtableTableId(table.id),
        name: table.name,
        fields: table.fields.map(readFieldSchema),
    };
}

/** Finds a table by name, ignoring case as Airtable does when it checks names for clashes. */
export function getTableByNameIfExists(base: Base, name: string): Table | null {
    const requested = name.toLowerCase();
    return base.tables.find(table => table.name.toLowerCase() === requested) ?? null;
}

function readFieldSchema(field: Field): FieldSchema {
    const schema = {
        id: airtableFieldId(field.id),
        name: field.name,
        type: field.type as string,
        isPrimary: field.isPrimaryField,
    };
    const precision = field.options?.precision;
    const linkedTableId = field.options?.linkedTableId;
    return {
        ...schema,
        ...(typeof precision === 'number' ? {precision} : {}),
        ...(typeof linkedTableId === 'string'
            ? {linkedTableId: airtableTableId(linkedTableId)}
            : {}),
    };
}
