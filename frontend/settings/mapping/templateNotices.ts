/**
 * Describes the tables of a stored mapping that cannot sync in the form the template notices
 * render: "Create table" for a built-in table the base lacks, "Create fields" for missing
 * bookkeeping fields, and the problems in words for everything else.
 *
 * @example
 * const notices = toTemplateResolutions(resolveStoredMapping(mapping, tables), tables);
 * <TemplateNotices base={base} resolutions={notices} canCreateFields={canCreateFields} />
 */
import type {AirtableTableId} from '../../sync/ids';
import {DYNAMICS_ID_FIELD, SYNC_STATE_FIELD} from '../bookkeepingFields';
import type {MappingTemplate} from '../mappingTemplate';
import {withFoundLinks} from '../resolveMapping';
import type {TemplateResolution} from '../resolveTemplates';
import type {SchemaProblem} from '../schemaProblems';
import {SYNC_TEMPLATES} from '../syncTemplates';
import type {TableSchema} from '../tableSchema';
import type {StoredMappingResolution, StoredTableResolution} from './resolveStoredMapping';

/** Returns one notice per table that is on but cannot sync, in the mapping's order. */
export function toTemplateResolutions(
    resolution: StoredMappingResolution,
    tables: readonly TableSchema[],
    templates: readonly MappingTemplate[] = SYNC_TEMPLATES,
): TemplateResolution[] {
    const linkedTableIds = findTemplateTableIds(templates, tables);
    return resolution.tables.flatMap(table =>
        toNotice(table, templates, linkedTableIds, resolution),
    );
}

function toNotice(
    table: StoredTableResolution,
    templates: readonly MappingTemplate[],
    linkedTableIds: ReadonlyMap<string, AirtableTableId>,
    all: StoredMappingResolution,
): TemplateResolution[] {
    const builtIn = templates.find(
        template => template.entity.logicalName === table.entry.entity.logicalName,
    );
    const template = builtIn ?? describeAsTemplate(table);
    if (table.kind === 'waiting') {
        return [{kind: 'waiting', template, reason: table.reason}];
    }
    if (table.kind !== 'problems') {
        return [];
    }

    const isUnchosenBuiltIn =
        builtIn !== undefined && table.table === null && table.entry.airtableTableId === null;
    if (isUnchosenBuiltIn) {
        return [{kind: 'tableMissing', template: withFoundLinks(builtIn, linkedTableIds)}];
    }
    const otherProblems = table.problems.filter(
        problem =>
            problem.severity === 'error' &&
            problem.code !== 'bookkeepingFieldMissing' &&
            problem.code !== 'templateFieldMissing',
    );
    if (table.table !== null && table.missingFields.length > 0 && otherProblems.length === 0) {
        const problems: SchemaProblem[] = table.missingFields.map(field => ({
            kind: 'fieldMissing',
            field,
        }));
        return [{kind: 'schemaProblems', template, table: table.table, problems}];
    }
    const mappingProblems = all.problems.filter(
        problem => problem.entityLogicalName === null && problem.severity === 'error',
    );
    const reason = [...mappingProblems, ...table.problems]
        .filter(problem => problem.severity === 'error')
        .map(problem => problem.message)
        .join(' ');
    return [{kind: 'waiting', template, reason}];
}

/** Builds a stand-in template, named for the notices, for a table no built-in template covers. */
function describeAsTemplate(table: StoredTableResolution): MappingTemplate {
    const tableName =
        table.kind === 'problems' && table.table !== null
            ? table.table.name
            : table.entry.entity.displayName;
    return {
        entity: table.entry.entity,
        tableName,
        columns: [],
        dynamicsIdField: DYNAMICS_ID_FIELD,
        syncStateField: SYNC_STATE_FIELD,
    };
}

/** Finds the template tables by name, as the templates' links expect them. */
function findTemplateTableIds(
    templates: readonly MappingTemplate[],
    tables: readonly TableSchema[],
): Map<string, AirtableTableId> {
    const ids = new Map<string, AirtableTableId>();
    for (const template of templates) {
        const requested = template.tableName.toLowerCase();
        const table = tables.find(candidate => candidate.name.toLowerCase() === requested);
        if (table !== undefined) {
            ids.set(template.tableName, table.id);
        }
    }
    return ids;
}
