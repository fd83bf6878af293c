/**
 * Builds a stored mapping from the built-in templates, for installations that synced before the
 * mapping was stored. Each template table and field is found by name, as the extension found them
 * then, and stored by id. A template field the table lacks is left out, and a template table the
 * base lacks is kept without an Airtable table, so `fillFromTemplates` can complete it once the
 * table exists.
 *
 * @example
 * const mapping = migrateFromTemplates(SYNC_TEMPLATES, tables, 'dynamicsWins');
 */
import type {ConflictPolicy} from '../../sync/mapping';
import type {MappingTemplate, TemplateField} from '../mappingTemplate';
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
    conflictPolicy: ConflictPolicy,
): StoredMapping {
    return {
        schemaVersion: STORED_MAPPING_SCHEMA_VERSION,
        tables: templates.map(template => migrateTemplate(template, tables)),
        conflictPolicy,
    };
}

/**
 * Completes the entries that have neither an Airtable table nor fields from the template of the
 * same Dynamics table, once the base has the template's table. Returns the same object when
 * nothing changed, so callers can tell whether to save.
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
        if (template === undefined || entry.airtableTableId !== null || entry.fields.length > 0) {
            return entry;
        }
        const migrated = migrateTemplate(template, tables);
        if (migrated.airtableTableId === null) {
            return entry;
        }
        hasChanged = true;
        return {...migrated, isEnabled: entry.isEnabled};
    });
    return hasChanged ? {...mapping, tables: filled} : mapping;
}

/** Maps one template to the table of its name, or to no table when the base lacks it. */
export function migrateTemplate(
    template: MappingTemplate,
    tables: readonly TableSchema[],
): StoredTableMapping {
    const table = getTableByNameIfExists(tables, template.tableName);
    const fields =
        table === null
            ? []
            : template.columns.flatMap((column): StoredFieldMapping[] => {
                  const field = findTemplateField(table, column.field);
                  return field === null
                      ? []
                      : [
                            {
                                column: column.column,
                                airtableFieldId: field.id,
                                direction: column.direction,
                            },
                        ];
              });
    return {
        entity: template.entity,
        isEnabled: true,
        airtableTableId: table?.id ?? null,
        dynamicsIdFieldId: findFieldIdIfExists(table, template.dynamicsIdField),
        syncStateFieldId: findFieldIdIfExists(table, template.syncStateField),
        fields,
        matchKeys: template.matchKeys ?? [],
    };
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
