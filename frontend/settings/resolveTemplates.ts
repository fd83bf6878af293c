/**
 * Resolves every default template against the base at once. Each table is found by name and
 * resolved with its links to the other found tables. A table syncs when its fields fit and every
 * table it requires (see `MappingTemplate.requiredTableNames`) syncs too. Links to a table that
 * does not sync are left out of the mapping, so the tables that can sync are never held back by
 * an optional link.
 */
import type {AirtableTableId} from '../sync/ids';
import type {TableMapping} from '../sync/mapping';
import type {MappingTemplate} from './mappingTemplate';
import {resolveMapping, withFoundLinks, type LinkedTableIds} from './resolveMapping';
import type {SchemaProblem} from './schemaProblems';
import type {TableSchema} from './tableSchema';

export type TemplateResolution =
    | {readonly kind: 'ready'; readonly template: MappingTemplate; readonly mapping: TableMapping}
    /** `template` is reduced to the links a new table can be created with. */
    | {readonly kind: 'tableMissing'; readonly template: MappingTemplate}
    | {
          readonly kind: 'schemaProblems';
          readonly template: MappingTemplate;
          readonly table: TableSchema;
          readonly problems: readonly SchemaProblem[];
      }
    /** The table fits, but a table it requires is missing or does not fit yet. */
    | {
          readonly kind: 'waiting';
          readonly template: MappingTemplate;
          /** The tables to create or fix first, in words for a person. */
          readonly reason: string;
      };

export interface TemplatesResolution {
    /** One resolution per template, in the templates' order. */
    readonly resolutions: readonly TemplateResolution[];
    /** The mappings of the tables that can sync. */
    readonly mappings: readonly TableMapping[];
}

export function resolveTemplates(
    templates: readonly MappingTemplate[],
    tables: readonly TableSchema[],
): TemplatesResolution {
    const found = new Map<string, TableSchema>();
    for (const template of templates) {
        const table = getTableByNameIfExists(tables, template.tableName);
        if (table !== null) {
            found.set(template.tableName, table);
        }
    }
    const linkedTableIds: LinkedTableIds = new Map(
        [...found].map(([name, table]) => [name, table.id]),
    );

    const firstPass = templates.map(template =>
        resolveTemplate(template, found.get(template.tableName) ?? null, linkedTableIds),
    );
    const resolutions = holdBackWaitingTables(firstPass);
    const syncedTableIds = new Set(
        resolutions.flatMap(resolution =>
            resolution.kind === 'ready' ? [resolution.mapping.table.id] : [],
        ),
    );
    const withSyncedLinks = resolutions.map(resolution =>
        resolution.kind === 'ready'
            ? {...resolution, mapping: withoutLinksOutside(resolution.mapping, syncedTableIds)}
            : resolution,
    );
    return {
        resolutions: withSyncedLinks,
        mappings: withSyncedLinks.flatMap(resolution =>
            resolution.kind === 'ready' ? [resolution.mapping] : [],
        ),
    };
}

/** Finds a table by name the way Airtable compares names: ignoring case. */
function getTableByNameIfExists(tables: readonly TableSchema[], name: string): TableSchema | null {
    const requested = name.toLowerCase();
    return tables.find(table => table.name.toLowerCase() === requested) ?? null;
}

function resolveTemplate(
    template: MappingTemplate,
    table: TableSchema | null,
    linkedTableIds: LinkedTableIds,
): TemplateResolution {
    if (table === null) {
        return {kind: 'tableMissing', template: withFoundLinks(template, linkedTableIds)};
    }
    const resolution = resolveMapping(template, table, linkedTableIds);
    return resolution.ok
        ? {kind: 'ready', template, mapping: resolution.mapping}
        : {kind: 'schemaProblems', template, table, problems: resolution.problems};
}

/** Marks ready tables as waiting while a table they require is not ready, until none changes. */
function holdBackWaitingTables(resolutions: readonly TemplateResolution[]): TemplateResolution[] {
    let current = [...resolutions];
    let hasChanged = true;
    while (hasChanged) {
        const readyNames = new Set(
            current.flatMap(resolution =>
                resolution.kind === 'ready' ? [resolution.template.tableName] : [],
            ),
        );
        hasChanged = false;
        current = current.map(resolution => {
            if (resolution.kind !== 'ready') {
                return resolution;
            }
            const blocking = (resolution.template.requiredTableNames ?? []).filter(
                name => !readyNames.has(name),
            );
            if (blocking.length === 0) {
                return resolution;
            }
            hasChanged = true;
            return toWaiting(resolution, blocking, current);
        });
    }
    return current;
}

function toWaiting(
    resolution: Extract<TemplateResolution, {kind: 'ready'}>,
    blockingNames: readonly string[],
    all: readonly TemplateResolution[],
): TemplateResolution {
    const name = resolution.template.tableName;
    const reasons = blockingNames.map(blockingName => {
        const blocking = all.find(candidate => candidate.template.tableName === blockingName);
        return blocking === undefined || blocking.kind === 'tableMissing'
            ? `"${name}" needs the table "${blockingName}", because its links point at it. Create "${blockingName}" first.`
            : `"${name}" syncs once "${blockingName}" can sync, because its links point at it. Fix "${blockingName}" first.`;
    });
    return {kind: 'waiting', template: resolution.template, reason: reasons.join(' ')};
}

/** Drops the link fields that point at a table outside the run. */
function withoutLinksOutside(
    mapping: TableMapping,
    syncedTableIds: ReadonlySet<AirtableTableId>,
): TableMapping {
    const fields = mapping.fields.filter(
        field =>
            field.field.linkedTableId === undefined ||
            syncedTableIds.has(field.field.linkedTableId),
    );
    return {...mapping, fields};
}
