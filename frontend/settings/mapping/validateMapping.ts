/**
 * Checks a stored mapping against the base's schema and, when given, the live Dynamics metadata.
 * Each problem is attached to the table and field it concerns (see `mappingProblems.ts`); a table
 * with an error does not sync. Tables that are turned off are not checked.
 *
 * @example
 * const problems = validateMapping(mapping, base.tables.map(readTableSchema), liveColumns);
 * const check = checkCanSyncTable(problems, logicalName('account'));
 */
import type {AirtableFieldId, LogicalName} from '../../sync/ids';
import type {ColumnSpec} from '../../sync/mapping';
import {describeFieldType} from '../fieldTypeNames';
import type {MappingTemplate} from '../mappingTemplate';
import {SYNC_TEMPLATES} from '../syncTemplates';
import {getTableByIdIfExists, type TableSchema} from '../tableSchema';
import {findBookkeepingFields} from './bookkeeping';
import {
    mappingError,
    mappingWarning,
    type MappingProblem,
    type ProblemTarget,
} from './mappingProblems';
import {listPendingTemplateFields} from './pendingTemplateFields';
import type {StoredMapping, StoredTableMapping} from './storedMapping';
import {checkField, describeColumn, type SyncedTable, type SyncedTables} from './validateField';

/** The columns of each Dynamics table as just read from Dynamics, keyed by logical name. */
export type LiveColumns = ReadonlyMap<LogicalName, readonly ColumnSpec[]>;

/**
 * @param templates the built-in templates, which describe the fields of `pendingTemplateColumns`.
 */
export function validateMapping(
    mapping: StoredMapping,
    tables: readonly TableSchema[],
    liveColumns?: LiveColumns,
    templates: readonly MappingTemplate[] = SYNC_TEMPLATES,
): MappingProblem[] {
    const enabled = mapping.tables.filter(entry => entry.isEnabled);
    const problems = findDuplicateTables(enabled, tables);
    const syncedTables = listSyncedTables(enabled, tables);
    for (const entry of enabled) {
        const tableProblems = validateTable(entry, tables, syncedTables, liveColumns);
        problems.push(...findPendingFields(entry, tables, templates), ...tableProblems);
    }
    return problems;
}

function findPendingFields(
    entry: StoredTableMapping,
    tables: readonly TableSchema[],
    templates: readonly MappingTemplate[],
): MappingProblem[] {
    const table =
        entry.airtableTableId === null ? null : getTableByIdIfExists(tables, entry.airtableTableId);
    if (table === null) {
        return [];
    }
    return listPendingTemplateFields(entry, templates, tables).map(field =>
        mappingError(
            'templateFieldMissing',
            {entityLogicalName: entry.entity.logicalName},
            `Table "${table.name}" has no field named "${field.name}". The sync needs it as a ` +
                `${describeFieldType(field.type)} field.`,
        ),
    );
}

/** Lists the enabled entries whose Airtable table exists, by their Dynamics table. */
export function listSyncedTables(
    entries: readonly StoredTableMapping[],
    tables: readonly TableSchema[],
): Map<LogicalName, SyncedTable> {
    const synced = new Map<LogicalName, SyncedTable>();
    for (const entry of entries) {
        const table =
            entry.airtableTableId === null
                ? null
                : getTableByIdIfExists(tables, entry.airtableTableId);
        if (entry.isEnabled && table !== null && !synced.has(entry.entity.logicalName)) {
            synced.set(entry.entity.logicalName, {
                entityDisplayName: entry.entity.displayName,
                tableId: table.id,
                tableName: table.name,
            });
        }
    }
    return synced;
}

function findDuplicateTables(
    entries: readonly StoredTableMapping[],
    tables: readonly TableSchema[],
): MappingProblem[] {
    const problems: MappingProblem[] = [];
    const seenEntities = new Set<LogicalName>();
    const seenTableIds = new Map<string, string>();
    for (const {entity, airtableTableId} of entries) {
        const target = {entityLogicalName: entity.logicalName};
        if (seenEntities.has(entity.logicalName)) {
            problems.push(
                mappingError(
                    'entityMappedTwice',
                    target,
                    `The Dynamics table ${entity.displayName} is mapped more than once. ` +
                        'Remove one of its entries.',
                ),
            );
        }
        seenEntities.add(entity.logicalName);

        const other = airtableTableId === null ? undefined : seenTableIds.get(airtableTableId);
        if (other !== undefined && airtableTableId !== null) {
            const name = getTableByIdIfExists(tables, airtableTableId)?.name ?? airtableTableId;
            problems.push(
                mappingError(
                    'airtableTableMappedTwice',
                    target,
                    `The Airtable table "${name}" already syncs with ${other}, so it can't also ` +
                        `sync with ${entity.displayName}. Choose another table.`,
                ),
            );
        } else if (airtableTableId !== null) {
            seenTableIds.set(airtableTableId, entity.displayName);
        }
    }
    return problems;
}

function validateTable(
    entry: StoredTableMapping,
    tables: readonly TableSchema[],
    syncedTables: SyncedTables,
    liveColumns: LiveColumns | undefined,
): MappingProblem[] {
    const {entity} = entry;
    const target = {entityLogicalName: entity.logicalName};
    if (entry.airtableTableId === null) {
        const message = `Choose the Airtable table that ${entity.displayName} syncs with.`;
        return [mappingError('airtableTableNotChosen', target, message)];
    }
    const table = getTableByIdIfExists(tables, entry.airtableTableId);
    if (table === null) {
        const message =
            `The Airtable table that ${entity.displayName} synced with was deleted. Choose ` +
            'another table, or create one.';
        return [mappingError('airtableTableDeleted', target, message)];
    }

    const live = liveColumns?.get(entity.logicalName);
    const context = {entity, table, syncedTables};
    return [
        ...checkBookkeepingFields(entry, table),
        ...entry.fields.flatMap(field => {
            const check = checkField(field, context);
            return check.ok ? [] : [check.problem];
        }),
        ...(live === undefined ? [] : findColumnsNotInDynamics(entry, live)),
        ...findColumnsMappedTwice(entry),
        ...findFieldsMappedTwice(entry, table),
        ...findUnmappedRequiredColumns(entry, live),
    ];
}

function checkBookkeepingFields(entry: StoredTableMapping, table: TableSchema): MappingProblem[] {
    const mappedFieldIds = new Set(entry.fields.map(field => field.airtableFieldId));
    return findBookkeepingFields(entry, table).flatMap(({template, field}) => {
        const target = {entityLogicalName: entry.entity.logicalName, airtableFieldId: field?.id};
        if (field === null) {
            return [
                mappingError(
                    'bookkeepingFieldMissing',
                    target,
                    `The table "${table.name}" has no "${template.name}" field, which the sync ` +
                        `needs to pair rows with records. Create it as a ` +
                        `${describeFieldType(template.type)} field.`,
                ),
            ];
        }
        if (field.type !== template.type) {
            return [
                mappingError(
                    'bookkeepingFieldIncompatible',
                    target,
                    `The field "${field.name}" in "${table.name}" is a ` +
                        `${describeFieldType(field.type)} field, but the sync keeps ` +
                        `${template.name} in a ${describeFieldType(template.type)} field. Change ` +
                        'its type back, or rename it so the extension can create a new one.',
                ),
            ];
        }
        if (mappedFieldIds.has(field.id)) {
            return [
                mappingError(
                    'fieldMappedTwice',
                    target,
                    `The field "${field.name}" holds the sync's ${template.name}, so it can't ` +
                        'also hold a Dynamics column. Map the column to another field.',
                ),
            ];
        }
        return [];
    });
}

function findColumnsNotInDynamics(
    entry: StoredTableMapping,
    live: readonly ColumnSpec[],
): MappingProblem[] {
    const liveNames = new Set(live.map(column => column.logicalName));
    return entry.fields.flatMap(field =>
        liveNames.has(field.column.logicalName)
            ? []
            : [
                  mappingError(
                      'columnNotInDynamics',
                      fieldTarget(entry, field.airtableFieldId, field.column.logicalName),
                      `${capitalize(describeColumn(field.column))} no longer exists in ` +
                          `${entry.entity.displayName}. Remove it from the mapping.`,
                  ),
              ],
    );
}

function findColumnsMappedTwice(entry: StoredTableMapping): MappingProblem[] {
    const seen = new Set<LogicalName>();
    return entry.fields.flatMap(field => {
        const name = field.column.logicalName;
        if (!seen.has(name)) {
            seen.add(name);
            return [];
        }
        return [
            mappingError(
                'columnMappedTwice',
                fieldTarget(entry, field.airtableFieldId, name),
                `${capitalize(describeColumn(field.column))} is mapped to more than one field. ` +
                    'Keep one of them.',
            ),
        ];
    });
}

/**
 * Reports a field that receives values from more than one column, because each sync would
 * overwrite one column's value with the other's. A field only read into several columns is fine.
 */
function findFieldsMappedTwice(entry: StoredTableMapping, table: TableSchema): MappingProblem[] {
    const writers = new Map<AirtableFieldId, number>();
    const problems: MappingProblem[] = [];
    for (const field of entry.fields) {
        if (field.direction === 'toDynamics') {
            continue;
        }
        const count = (writers.get(field.airtableFieldId) ?? 0) + 1;
        writers.set(field.airtableFieldId, count);
        if (count === 2) {
            const name =
                table.fields.find(candidate => candidate.id === field.airtableFieldId)?.name ??
                field.airtableFieldId;
            problems.push(
                mappingError(
                    'fieldMappedTwice',
                    fieldTarget(entry, field.airtableFieldId, field.column.logicalName),
                    `The field "${name}" receives values from more than one Dynamics column. ` +
                        'Map each column to its own field, or sync all but one from Airtable ' +
                        'to Dynamics only.',
                ),
            );
        }
    }
    return problems;
}

/**
 * Warns about required columns that rows created from Airtable leave empty. Dataverse enforces
 * only the SystemRequired level, so such a create succeeds with the column empty.
 */
function findUnmappedRequiredColumns(
    entry: StoredTableMapping,
    live: readonly ColumnSpec[] | undefined,
): MappingProblem[] {
    const sent = entry.fields.filter(field => field.direction !== 'toAirtable');
    if (sent.length === 0) {
        return [];
    }
    const sentNames = new Set(sent.map(field => field.column.logicalName));
    const columns = live ?? entry.fields.map(field => field.column);
    const reported = new Set<LogicalName>();
    return columns.flatMap(column => {
        const isMissing =
            column.isRequired === true &&
            column.isValidForCreate &&
            !sentNames.has(column.logicalName) &&
            !reported.has(column.logicalName);
        if (!isMissing) {
            return [];
        }
        reported.add(column.logicalName);
        return [
            mappingWarning(
                'requiredColumnUnmapped',
                {
                    entityLogicalName: entry.entity.logicalName,
                    columnLogicalName: column.logicalName,
                },
                `${capitalize(describeColumn(column))} is required, but no field sends it to ` +
                    `Dynamics, so rows created from Airtable leave it empty. Map a field to it ` +
                    'that syncs both ways or to Dynamics.',
            ),
        ];
    });
}

function fieldTarget(
    entry: StoredTableMapping,
    airtableFieldId: AirtableFieldId,
    columnLogicalName: LogicalName,
): ProblemTarget {
    return {entityLogicalName: entry.entity.logicalName, airtableFieldId, columnLogicalName};
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
