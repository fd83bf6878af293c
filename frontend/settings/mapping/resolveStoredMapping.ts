/**
 * Turns the stored mapping into the `TableMapping`s a sync runs with, resolving every id against
 * the base's schema, and describes for each other table why it does not sync. A table with an error
 * from `validateMapping` does not sync. A link to a table that cannot sync is left out, unless its
 * column is required, in which case the table waits for the other one.
 *
 * @example
 * const {tables, mappings} = resolveStoredMapping(mapping, base.tables.map(readTableSchema));
 */
import type {AirtableTableId, LogicalName} from '../../sync/ids';
import type {FieldMapping, MatchKey, TableMapping} from '../../sync/mapping';
import type {MappingTemplate, TemplateField} from '../mappingTemplate';
import {SYNC_TEMPLATES} from '../syncTemplates';
import {getFieldByIdIfExists, getTableByIdIfExists, type TableSchema} from '../tableSchema';
import {findBookkeepingFields} from './bookkeeping';
import {mappingWarning, type MappingProblem} from './mappingProblems';
import {listPendingTemplateFields} from './pendingTemplateFields';
import type {StoredMapping, StoredTableMapping} from './storedMapping';
import {describeColumn, toFieldSpec} from './validateField';
import {validateMapping, type LiveColumns} from './validateMapping';

export type StoredTableResolution =
    /** `problems` holds only warnings. */
    | {
          readonly kind: 'ready';
          readonly entry: StoredTableMapping;
          readonly mapping: TableMapping;
          readonly problems: readonly MappingProblem[];
      }
    | {readonly kind: 'off'; readonly entry: StoredTableMapping}
    /**
     * `table` is null when no Airtable table is chosen or it was deleted. `missingFields` lists
     * the pending template fields and bookkeeping fields the extension may create.
     */
    | {
          readonly kind: 'problems';
          readonly entry: StoredTableMapping;
          readonly table: TableSchema | null;
          readonly problems: readonly MappingProblem[];
          readonly missingFields: readonly TemplateField[];
      }
    /** The table fits, but a required link points at a table that cannot sync. */
    | {
          readonly kind: 'waiting';
          readonly entry: StoredTableMapping;
          readonly reason: string;
      };

export interface StoredMappingResolution {
    /** One resolution per stored table entry, in the mapping's order. */
    readonly tables: readonly StoredTableResolution[];
    /** The mappings of the tables that can sync. */
    readonly mappings: readonly TableMapping[];
    /** Every problem, including those of the mapping as a whole. */
    readonly problems: readonly MappingProblem[];
}

/** @param templates the built-in templates, which describe `pendingTemplateColumns`. */
export function resolveStoredMapping(
    mapping: StoredMapping,
    tables: readonly TableSchema[],
    liveColumns?: LiveColumns,
    templates: readonly MappingTemplate[] = SYNC_TEMPLATES,
): StoredMappingResolution {
    const problems = validateMapping(mapping, tables, liveColumns, templates);
    const hasMappingError = problems.some(
        problem => problem.entityLogicalName === null && problem.severity === 'error',
    );
    const firstPass = mapping.tables.map(entry =>
        resolveEntry(entry, tables, problems, hasMappingError, templates),
    );
    const resolutions = settleLinks(firstPass);
    return {
        tables: resolutions,
        mappings: resolutions.flatMap(resolution =>
            resolution.kind === 'ready' ? [resolution.mapping] : [],
        ),
        problems,
    };
}

function resolveEntry(
    entry: StoredTableMapping,
    tables: readonly TableSchema[],
    allProblems: readonly MappingProblem[],
    hasMappingError: boolean,
    templates: readonly MappingTemplate[],
): StoredTableResolution {
    if (!entry.isEnabled) {
        return {kind: 'off', entry};
    }
    const problems = allProblems.filter(
        problem =>
            problem.entityLogicalName === entry.entity.logicalName ||
            (hasMappingError && problem.entityLogicalName === null),
    );
    const table =
        entry.airtableTableId === null ? null : getTableByIdIfExists(tables, entry.airtableTableId);
    const [dynamicsId, syncState] = table === null ? [] : findBookkeepingFields(entry, table);
    const hasError = problems.some(problem => problem.severity === 'error');
    if (table === null || hasError || !dynamicsId?.field || !syncState?.field) {
        const missingBookkeeping = [dynamicsId, syncState].flatMap(lookup =>
            lookup !== undefined && lookup.field === null ? [lookup.template] : [],
        );
        const missingFields =
            table === null
                ? []
                : [...listPendingTemplateFields(entry, templates, tables), ...missingBookkeeping];
        return {kind: 'problems', entry, table, problems, missingFields};
    }

    const fields = entry.fields.flatMap((stored): FieldMapping[] => {
        const field = getFieldByIdIfExists(table, stored.airtableFieldId);
        return field === null
            ? []
            : [{column: stored.column, field: toFieldSpec(field), direction: stored.direction}];
    });
    const mapping: TableMapping = {
        entity: entry.entity,
        table: {id: table.id, name: table.name},
        dynamicsIdFieldId: dynamicsId.field.id,
        syncStateFieldId: syncState.field.id,
        fields,
        ...withMatchKeys(entry.matchKeys, fields),
    };
    return {kind: 'ready', entry, mapping, problems};
}

/** Keeps the match keys whose columns are all mapped; a key with an unmapped column never matches. */
function withMatchKeys(
    keys: readonly MatchKey[],
    fields: readonly FieldMapping[],
): {matchKeys?: readonly MatchKey[]} {
    const mapped = new Set(fields.map(field => field.column.logicalName));
    const matchKeys = keys.filter(key => key.every(name => mapped.has(name)));
    return matchKeys.length === 0 ? {} : {matchKeys};
}

/**
 * Leaves out the links to tables that cannot sync, or makes a table wait when such a link is
 * required, until no resolution changes. Making one table wait can affect the tables linking
 * to it, hence the loop.
 */
function settleLinks(resolutions: readonly StoredTableResolution[]): StoredTableResolution[] {
    let current = [...resolutions];
    for (;;) {
        const readyTableIds = new Map<LogicalName, AirtableTableId>(
            current.flatMap(resolution =>
                resolution.kind === 'ready'
                    ? [[resolution.entry.entity.logicalName, resolution.mapping.table.id]]
                    : [],
            ),
        );
        let hasChanged = false;
        current = current.map(resolution => {
            if (resolution.kind !== 'ready') {
                return resolution;
            }
            const settled = settleTableLinks(resolution, readyTableIds);
            hasChanged ||= settled !== resolution;
            return settled;
        });
        if (!hasChanged) {
            return current;
        }
    }
}

type ReadyResolution = Extract<StoredTableResolution, {kind: 'ready'}>;

function settleTableLinks(
    resolution: ReadyResolution,
    readyTableIds: ReadonlyMap<LogicalName, AirtableTableId>,
): StoredTableResolution {
    const {mapping, entry} = resolution;
    const isLinkReady = (field: FieldMapping) =>
        field.column.type !== 'lookup' ||
        (field.column.targets ?? []).some(
            target => readyTableIds.get(target.logicalName) === field.field.linkedTableId,
        );
    const blocked = mapping.fields.filter(field => !isLinkReady(field));
    if (blocked.length === 0) {
        return resolution;
    }

    const required = blocked.find(field => field.column.isRequired === true);
    if (required !== undefined) {
        const reason =
            `${entry.entity.displayName} syncs once the table that ` +
            `${describeColumn(required.column)} points at can sync, because that column is ` +
            'required. Fix that table first.';
        return {kind: 'waiting', entry, reason};
    }
    const fields = mapping.fields.filter(isLinkReady);
    const warnings = blocked.map(field =>
        mappingWarning(
            'lookupTargetUnmapped',
            {
                entityLogicalName: entry.entity.logicalName,
                airtableFieldId: field.field.id,
                columnLogicalName: field.column.logicalName,
            },
            `The field "${field.field.name}" is left out of this sync, because the table ` +
                `${describeColumn(field.column)} points at can't sync yet.`,
        ),
    );
    return {
        ...resolution,
        mapping: {
            entity: mapping.entity,
            table: mapping.table,
            dynamicsIdFieldId: mapping.dynamicsIdFieldId,
            syncStateFieldId: mapping.syncStateFieldId,
            fields,
            ...withMatchKeys(mapping.matchKeys ?? [], fields),
        },
        problems: [...resolution.problems, ...warnings],
    };
}
