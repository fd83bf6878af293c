/**
 * Resolves a mapping template against a live Airtable table: each template field is found by name
 * (a primary template field falls back to the table's primary field) and checked for a type
 * the engine converts. A linked-record field must also link to the right table. The result carries
 * ids only, so renaming a field later does not break a sync.
 */
import {getCompatibleFieldTypes} from '../sync';
import type {AirtableTableId} from '../sync/ids';
import type {
    AirtableFieldSpec,
    AirtableFieldType,
    ColumnSpec,
    FieldMapping,
    MatchKey,
    TableMapping,
} from '../sync/mapping';
import type {MappingTemplate, TemplateColumn, TemplateField} from './mappingTemplate';
import type {SchemaProblem} from './schemaProblems';
import {getFieldByNameIfExists, type FieldSchema, type TableSchema} from './tableSchema';

export type MappingResolution =
    | {readonly ok: true; readonly mapping: TableMapping}
    | {readonly ok: false; readonly problems: readonly SchemaProblem[]};

type FieldResolution =
    | {readonly ok: true; readonly spec: AirtableFieldSpec; readonly actual: FieldSchema}
    | {readonly ok: false; readonly problem: SchemaProblem};

/** The ids of the template tables found in the base, keyed by template table name. */
export type LinkedTableIds = ReadonlyMap<string, AirtableTableId>;

/**
 * Resolves the template against the table. A link column whose linked table is not in
 * `linkedTableIds` is left out, so without them the mapping has no links.
 */
export function resolveMapping(
    template: MappingTemplate,
    table: TableSchema,
    linkedTableIds: LinkedTableIds = new Map(),
): MappingResolution {
    const columns = withLinkedTableIds(template.columns, linkedTableIds).map(column => ({
        column,
        resolution: resolveColumn(table, column),
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
    const matchKeys = keepMappedKeys(template.matchKeys, fields);
    return {
        ok: true,
        mapping: {
            entity: template.entity,
            table: {id: table.id, name: table.name},
            dynamicsIdFieldId: dynamicsId.spec.id,
            syncStateFieldId: syncState.spec.id,
            fields,
            ...(matchKeys.length === 0 ? {} : {matchKeys}),
        },
    };
}

/** Returns the match keys whose columns are all mapped, dropping any with a link left out. */
function keepMappedKeys(
    keys: readonly MatchKey[] | undefined,
    fields: readonly FieldMapping[],
): MatchKey[] {
    const mapped = new Set(fields.map(mapping => mapping.column.logicalName));
    return (keys ?? []).filter(key => key.every(logicalName => mapped.has(logicalName)));
}

/**
 * Returns the template with the link columns whose linked table is found, each with that table's
 * id, and without the others: the fields a new table can be created with.
 */
export function withFoundLinks(
    template: MappingTemplate,
    linkedTableIds: LinkedTableIds,
): MappingTemplate {
    return {...template, columns: withLinkedTableIds(template.columns, linkedTableIds)};
}

function withLinkedTableIds(
    columns: readonly TemplateColumn[],
    linkedTableIds: LinkedTableIds,
): TemplateColumn[] {
    return columns.flatMap(column => {
        const linkedTableName = column.field.linkedTableName;
        if (linkedTableName === undefined) {
            return [column];
        }
        const linkedTableId = linkedTableIds.get(linkedTableName);
        return linkedTableId === undefined
            ? []
            : [{...column, field: {...column.field, linkedTableId}}];
    });
}

function resolveColumn(table: TableSchema, column: TemplateColumn): FieldResolution {
    const resolution = resolveField(
        table,
        column.field,
        getCompatibleFieldTypes(column.column.type, column.direction),
    );
    const expectedTableId = column.field.linkedTableId;
    if (!resolution.ok || expectedTableId === undefined) {
        return resolution;
    }

    const {actual} = resolution;
    if (actual.linkedTableId !== expectedTableId) {
        const expectedTableName = column.field.linkedTableName ?? expectedTableId;
        return {
            ok: false,
            problem: {kind: 'linkedTableMismatch', field: column.field, actual, expectedTableName},
        };
    }
    return {...resolution, spec: {...resolution.spec, linkedTableId: expectedTableId}};
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
    return {ok: true, spec: toFieldSpec(actual, type), actual};
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
