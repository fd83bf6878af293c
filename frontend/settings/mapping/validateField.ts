/**
 * Checks one stored field mapping against the live Airtable table: the field still exists, its
 * type can still contain the column's values in the chosen direction, values can flow that way, and a link field
 * links to the table its lookup's target syncs with. The engine's own `checkCanSyncField` runs
 * last, for option sets and date behaviour.
 */
import {checkCanSyncField, getCompatibleFieldTypes, isComputedFieldType} from '../../sync/convert';
import type {AirtableTableId, LogicalName} from '../../sync/ids';
import type {
    AirtableFieldSpec,
    AirtableFieldType,
    ColumnSpec,
    EntityRef,
    SyncDirection,
} from '../../sync/mapping';
import {describeFieldType, describeFieldTypes} from '../fieldTypeNames';
import {getFieldByIdIfExists, type FieldSchema, type TableSchema} from '../tableSchema';
import {mappingError, type MappingProblem, type ProblemTarget} from './mappingProblems';
import type {StoredFieldMapping} from './storedMapping';

const DIRECTIONS: readonly SyncDirection[] = ['both', 'toAirtable', 'toDynamics'];

const DIRECTION_NAMES: Readonly<Record<SyncDirection, string>> = {
    both: 'both ways',
    toAirtable: 'from Dynamics to Airtable only',
    toDynamics: 'from Airtable to Dynamics only',
};

/** The Airtable table a synced Dynamics table is paired with. */
export interface SyncedTable {
    readonly entityDisplayName: string;
    readonly tableId: AirtableTableId;
    readonly tableName: string;
}

/** The synced Dynamics tables, keyed by logical name. */
export type SyncedTables = ReadonlyMap<LogicalName, SyncedTable>;

export interface FieldContext {
    readonly entity: EntityRef;
    readonly table: TableSchema;
    readonly syncedTables: SyncedTables;
}

/** The result of checking a field mapping: the field's `AirtableFieldSpec`, or the problem. */
export type FieldCheck =
    | {readonly ok: true; readonly spec: AirtableFieldSpec}
    | {readonly ok: false; readonly problem: MappingProblem};

export function checkField(mapping: StoredFieldMapping, context: FieldContext): FieldCheck {
    const {column, direction} = mapping;
    const target: ProblemTarget = {
        entityLogicalName: context.entity.logicalName,
        airtableFieldId: mapping.airtableFieldId,
        columnLogicalName: column.logicalName,
    };
    const fail = (code: Parameters<typeof mappingError>[0], message: string): FieldCheck => ({
        ok: false,
        problem: mappingError(code, target, message),
    });

    const field = getFieldByIdIfExists(context.table, mapping.airtableFieldId);
    if (field === null) {
        return fail(
            'airtableFieldDeleted',
            `The Airtable field mapped to ${describeColumn(column)} was deleted from ` +
                `"${context.table.name}". Map the column to another field, or remove it.`,
        );
    }
    const directionMessage = describeDirectionProblem(column, field, direction);
    if (directionMessage !== null) {
        return fail('directionNotAllowed', directionMessage);
    }
    if (!getCompatibleFieldTypes(column.type, direction).some(type => type === field.type)) {
        return fail(
            'airtableFieldIncompatible',
            describeIncompatibleType(column, field, context.table.name),
        );
    }

    const spec = toFieldSpec(field);
    if (column.type === 'lookup') {
        const linkMessage = describeLinkProblem(column, field, context);
        if (linkMessage !== null) {
            return fail('lookupTargetUnmapped', linkMessage);
        }
    }
    const engineCheck = checkCanSyncField({column, field: spec, direction});
    return engineCheck.ok ? {ok: true, spec} : fail('fieldCannotSync', engineCheck.reason);
}

/**
 * Describes why values cannot flow in the direction: a column no create or update may set, a
 * field Airtable computes, or a field type that fits the column in one other direction only.
 */
function describeDirectionProblem(
    column: ColumnSpec,
    field: FieldSchema,
    direction: SyncDirection,
): string | null {
    const isReadOnlyColumn = !column.isValidForCreate && !column.isValidForUpdate;
    if (direction !== 'toAirtable' && isReadOnlyColumn) {
        return (
            `Dynamics computes ${describeColumn(column)}, so field "${field.name}" can't sync ` +
            `${DIRECTION_NAMES[direction]}. Sync it ${DIRECTION_NAMES.toAirtable}.`
        );
    }
    const type = field.type as AirtableFieldType;
    if (direction !== 'toDynamics' && isComputedFieldType(type)) {
        return (
            `Airtable computes the ${describeFieldType(type)} field "${field.name}", so it can't ` +
            `sync ${DIRECTION_NAMES[direction]}. Sync it ${DIRECTION_NAMES.toDynamics}.`
        );
    }
    const isCompatible = (candidate: SyncDirection) =>
        getCompatibleFieldTypes(column.type, candidate).some(compatible => compatible === type);
    const onlyDirection = DIRECTIONS.find(isCompatible);
    if (isCompatible(direction) || onlyDirection === undefined) {
        return null;
    }
    return (
        `The ${describeFieldType(type)} field "${field.name}" can hold ${describeColumn(column)} ` +
        `only ${DIRECTION_NAMES[onlyDirection]}, because writing it back would lose the time ` +
        `of day. Sync it ${DIRECTION_NAMES[onlyDirection]}, or use a date and time field.`
    );
}

function describeIncompatibleType(
    column: ColumnSpec,
    field: FieldSchema,
    tableName: string,
): string {
    const compatible = getCompatibleFieldTypes(column.type).filter(
        type => !isComputedFieldType(type),
    );
    return (
        `Field "${field.name}" in table "${tableName}" is a ${describeFieldType(field.type)} ` +
        `field, which can't hold ` +
        `${describeColumn(column)}. Change it to a ${describeFieldTypes(compatible)} field, or ` +
        'map the column to another field.'
    );
}

/** Describes a lookup whose targets the mapping does not sync, or a link to another table. */
function describeLinkProblem(
    column: ColumnSpec,
    field: FieldSchema,
    context: FieldContext,
): string | null {
    const targets = column.targets ?? [];
    const synced = targets.flatMap(target => context.syncedTables.get(target.logicalName) ?? []);
    if (synced.length === 0) {
        const names = targets.map(target => target.logicalName).join(' or ');
        return (
            `${describeColumn(column)} points at ${names || 'a table'}, which the mapping does ` +
            `not sync. Map that Dynamics table to an Airtable table, or remove field "${field.name}".`
        );
    }
    if (synced.some(table => table.tableId === field.linkedTableId)) {
        return null;
    }
    const expected = synced.map(table => `"${table.tableName}"`).join(' or ');
    return (
        `Field "${field.name}" links to another table than ${expected}, so its links can't ` +
        `stand for ${describeColumn(column)}. Link it to ${expected}, or map the column to ` +
        'another field.'
    );
}

/** Returns the field's `AirtableFieldSpec`, with its precision, linked table and choices. */
export function toFieldSpec(field: FieldSchema): AirtableFieldSpec {
    return {
        id: field.id,
        name: field.name,
        type: field.type as AirtableFieldType,
        ...(field.precision === undefined ? {} : {precision: field.precision}),
        ...(field.linkedTableId === undefined ? {} : {linkedTableId: field.linkedTableId}),
        ...(field.choices === undefined ? {} : {choices: field.choices}),
    };
}

export function describeColumn(column: ColumnSpec): string {
    return `the Dynamics column '${column.displayName}' (${column.logicalName})`;
}
