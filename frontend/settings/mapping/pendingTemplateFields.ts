/**
 * Lists the template fields a migrated table still lacks (its `pendingTemplateColumns`), as the
 * extension creates them: a link field with the id of the table it links to, found by name.
 */
import type {AirtableTableId} from '../../sync/ids';
import type {MappingTemplate, TemplateField} from '../mappingTemplate';
import type {TableSchema} from '../tableSchema';
import type {StoredTableMapping} from './storedMapping';

export function listPendingTemplateFields(
    entry: StoredTableMapping,
    templates: readonly MappingTemplate[],
    tables: readonly TableSchema[],
): TemplateField[] {
    const pending = entry.pendingTemplateColumns ?? [];
    const template = templates.find(
        candidate => candidate.entity.logicalName === entry.entity.logicalName,
    );
    if (pending.length === 0 || template === undefined) {
        return [];
    }
    return template.columns.flatMap(({column, field}) => {
        if (!pending.includes(column.logicalName)) {
            return [];
        }
        if (field.linkedTableName === undefined) {
            return [field];
        }
        const linkedTableId = findTableIdByName(tables, field.linkedTableName);
        return linkedTableId === null ? [] : [{...field, linkedTableId}];
    });
}

function findTableIdByName(tables: readonly TableSchema[], name: string): AirtableTableId | null {
    const requested = name.toLowerCase();
    return tables.find(table => table.name.toLowerCase() === requested)?.id ?? null;
}
