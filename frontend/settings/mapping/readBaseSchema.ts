/**
 * Reads the schema of every table of the base for the stored mapping, with the choice names of
 * select fields, which `checkCanSyncField` needs before values of a Choice column are written to
 * Airtable.
 */
import type {Base, Field} from '@airtable/blocks/models';
import {readTableSchema} from '../../airtable/tableSchema';
import type {FieldSchema, TableSchema} from '../tableSchema';

export function readBaseSchema(base: Base): TableSchema[] {
    return base.tables.map(table => {
        const schema = readTableSchema(table);
        return {
            ...schema,
            fields: schema.fields.map(field =>
                withChoices(field, table.getFieldByIdIfExists(field.id)),
            ),
        };
    });
}

function withChoices(schema: FieldSchema, field: Field | null): FieldSchema {
    const choices = field?.options?.choices;
    if (schema.choices !== undefined || !Array.isArray(choices)) {
        return schema;
    }
    const names = choices.flatMap((choice: unknown) =>
        typeof choice === 'object' &&
        choice !== null &&
        'name' in choice &&
        typeof choice.name === 'string'
            ? [choice.name]
            : [],
    );
    return {...schema, choices: names};
}
