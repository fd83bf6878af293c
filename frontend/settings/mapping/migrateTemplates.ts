/**
 * Builds a stored mapping from the built-in templates, for installations that synced before the
 * mapping was stored. Each template table and field is found by name, as the extension found them
 * then, and stored by id. A template field the table lacks is kept as pending, and a template
 * table the base lacks is kept without an Airtable table, so `fillFromTemplates` can complete
 * either once the field or table exists.
 *
 * @example
 * const mapping = migrateFromTemplates(SYNC_TEMPLATES, tables);
 */
import type {LogicalName} from '../../sync/ids';
import type {MappingTemplate, TemplateColumn, TemplateField} from '../mappingTemplate';
import {getFieldByNameIfExists, type FieldSchema, type TableSchema} from '../tableSchema';
import {
    STORED_MAPPING_SCHEMA_VERSION,
    type StoredFieldMapping,
    type StoredMapping,
    type StoredTableMapping,
} from './storedMapping';

export function migrateFromTemplates(
    templates: readonly MappingTemplate[],
    tables: readonly TableSchema[],
): StoredMapping {
    return {
        schemaVersion: STORED_MAPPING_SCHEMA_VERSION,
        tables: templates.map(template => migrateTemplate(template, tables)),
    };
}

/**
 * Completes entries from the template of the same Dynamics table: an entry with neither an
 * Airtable table nor fields once the base has the template's table, and the pending template
 * columns whose fields now exist. Returns the same object when nothing changed, so callers can
 * tell whether to save.
 */
export function fillFromTemplates(
    mapping: StoredMapping,
    templates: readonly MappingTemplate[],
    tables: readonly TableSchema[],
): StoredMapping {
    let hasChanged = false;
    const filled = mapping.tables.map(entry => {
        const template = templates.find(
            candidate => candidate.entity.logicalName === entry.entity.logicalName,
        );
        const completed = template === undefined ? entry : completeEntry(entry, template, tables);
        hasChanged ||= completed !== entry;
        return completed;
    });
    return hasChanged ? {...mapping, tables: filled} : mapping;
}

function completeEntry(
    entry: StoredTableMapping,
    template: MappingTemplate,
    tables: readonly TableSchema[],
): StoredTableMapping {
    if (entry.airtableTableId === null && entry.fields.length === 0) {
        const migrated = migrateTemplate(template, tables);
        return migrated.airtableTableId === null
            ? entry
            : {...migrated, isEnabled: entry.isEnabled};
    }
    const pending = entry.pendingTemplateColumns ?? [];
    const table =
        entry.airtableTableId === null
            ? null
            : (tables.find(candidate => candidate.id === entry.airtableTableId) ?? null);
    if (pending.length === 0 || table === null) {
        return entry;
    }

    const found = template.columns.flatMap((column): StoredFieldMapping[] => {
        const field = pending.includes(column.column.logicalName)
            ? findTemplateField(table, column.field)
            : null;
        return field === null ? [] : [toStoredField(column, field)];
    });
    if (found.length === 0) {
        return entry;
    }
    const foundNames = new Set(found.map(field => field.column.logicalName));
    const stillPending = pending.filter(name => !foundNames.has(name));
    const completed: StoredTableMapping = {...entry, fields: [...entry.fields, ...found]};
    return stillPending.length === 0
        ? withoutPendingColumns(completed)
        : {...completed, pendingTemplateColumns: stillPending};
}

function withoutPendingColumns(entry: StoredTableMapping): StoredTableMapping {
    const copy = {...entry};
    delete copy.pendingTemplateColumns;
    return copy;
}

/**
 * Maps one template to the table of its name, or to no table when the base lacks it. Template
 * fields the table lacks become pending, except links to a template table the base lacks, which
 * are left out as the templates always left them out.
 */
export function migrateTemplate(
    template: MappingTemplate,
    tables: readonly TableSchema[],
): StoredTableMapping {
    const table = getTableByNameIfExists(tables, template.tableName);
    const fields: StoredFieldMapping[] = [];
    const pending: LogicalName[] = [];
    for (const column of table === null ? [] : template.columns) {
        const field = table === null ? null : findTemplateField(table, column.field);
        const linkedTableName = column.field.linkedTableName;
        if (field !== null) {
            fields.push(toStoredField(column, field));
        } else if (
            linkedTableName === undefined ||
            getTableByNameIfExists(tables, linkedTableName) !== null
        ) {
            pending.push(column.column.logicalName);
        }
    }
    return {
        entity: template.entity,
        isEnabled: true,
        airtableTableId: table?.id ?? null,
        dynamicsIdFieldId: findFieldIdIfExists(table, template.dynamicsIdField),
        syncStateFieldId: findFieldIdIfExists(table, template.syncStateField),
        fields,
        matchKeys: template.matchKeys ?? [],
        ...(pending.length === 0 ? {} : {pendingTemplateColumns: pending}),
    };
}

function toStoredField(column: TemplateColumn, field: FieldSchema): StoredFieldMapping {
    return {column: column.column, airtableFieldId: field.id, direction: column.direction};
}

/** Finds a table by name the way Airtable compares names: ignoring case. */
function getTableByNameIfExists(tables: readonly TableSchema[], name: string): TableSchema | null {
    const requested = name.toLowerCase();
    return tables.find(table => table.name.toLowerCase() === requested) ?? null;
}

/** Finds a template field by name; a primary template field falls back to the primary field. */
function findTemplateField(table: TableSchema, field: TemplateField): FieldSchema | null {
    const byName = getFieldByNameIfExists(table, field.name);
    if (byName !== null || field.isPrimary !== true) {
        return byName;
    }
    return table.fields.find(candidate => candidate.isPrimary) ?? null;
}

function findFieldIdIfExists(table: TableSchema | null, field: TemplateField) {
    return table === null ? null : (getFieldByNameIfExists(table, field.name)?.id ?? null);
}
