/**
 * Resolves a mapping template against a live Airtable table: each template field is found by name
 * (a primary template field falls back to the table's primary field) and checked for a type
 * the engine converts. The result carries ids only, so renaming a field later does not break a
 * sync.
 */
import {getCompatibleFieldTypes} from '../sync';
import type {
    AirtableFieldSpec,
    AirtableFieldType,
    ColumnSpec,
    FieldMapping,
    TableMapping,
} from '../sync/mapping';
import type {MappingTemplate, TemplateField} from './mappingTemplate';
import type {SchemaProblem} from './schemaProblems';
import {getFieldByNameIfExists, type FieldSchema, type TableSchema} from './tableSchema';

export type MappingResolution =
    | {readonly ok: true; readonly mapping: TableMapping}
    | {readonly ok: false; readonly problems: readonly SchemaProblem[]};

type FieldResolution =
    | {readonly ok: true; readonly spec: AirtableFieldSpec}
    | {readonly ok: false; readonly problem: SchemaProblem};

export function resolveMapping(template: MappingTemplate, table: TableSchema): MappingResolution {
    const columns = template.columns.map(column => ({
        column,
        resolution: resolveField(table, column.field, getCompatibleFieldTypes(column.column.type)),
    }));
    const dynamicsId = resolveField(table, template.dynamicsIdField, [
        template.dynamicsIdField.type,
    ]);
    const syncState = resolveField(table, template.syncStateField, [template.syncStateField.type]);

    const problems = [...columns.map(entry => entry.resolution), dynamicsId, syncState].flatMap(
        resolution => (resolution.ok ? [] : [resolution.problem]),
    );
    if (problems.length > 0 || !dynamicsId.ok || !syncState.ok) {
        return {ok: false, problems};
    }

    const fields = columns.flatMap(({column, resolution}): FieldMapping[] =>
        resolution.ok ? [toFieldMapping(column.column, resolution.spec, column.direction)] : [],
    );
    return {
        ok: true,
        mapping: {
            entity: template.entity,
            table: {id: table.id, name: table.name},
            dynamicsIdFieldId: dynamicsId.spec.id,
            syncStateFieldId: syncState.spec.id,
            fields,
        },
    };
}

function resolveField(
    table: TableSchema,
    field: TemplateField,
    compatibleTypes: readonly AirtableFieldType[],
): FieldResolution {
    const actual = findField(table, field);
    if (actual === null) {
        return {ok: false, problem: {kind: 'fieldMissing', field}};
    }

    const type = compatibleTypes.find(compatibleType => compatibleType === actual.type);
    if (type === undefined) {
        return {ok: false, problem: {kind: 'fieldTypeMismatch', field, actual, compatibleTypes}};
    }
    return {ok: true, spec: toFieldSpec(actual, type)};
}

function findField(table: TableSchema, field: TemplateField): FieldSchema | null {
    const byName = getFieldByNameIfExists(table, field.name);
    if (byName !== null || field.isPrimary !== true) {
        return byName;
    }
    return table.fields.find(candidate => candidate.isPrimary) ?? null;
}

function toFieldSpec(field: FieldSchema, type: AirtableFieldType): AirtableFieldSpec {
    const spec = {id: field.id, name: field.name, type};
    return field.precision === undefined ? spec : {...spec, precision: field.precision};
}

function toFieldMapping(
    column: ColumnSpec,
    field: AirtableFieldSpec,
    direction: FieldMapping['direction'],
): FieldMapping {
    return {column, field, direction};
}
