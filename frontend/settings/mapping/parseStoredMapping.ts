/**
 * Reads the mapping stored under `ConfigKeys.mapping` without ever throwing. An installation
 * without a stored mapping gets the built-in templates resolved by name, so it keeps syncing as
 * before. A mapping from a newer extension is not read at all. A malformed table or field entry is
 * dropped with a message attached to its table. A mapping that still carries its own copy of the
 * conflict policy is `migrated` when nothing was dropped, so that saving it moves the copy out (see
 * `useStoredMapping`).
 *
 * @example
 * const {mapping, problems, status} = parseStoredMapping(globalConfig.get(ConfigKeys.mapping), {
 *     tables: base.tables.map(readTableSchema),
 * });
 * if (status === 'migrated' && canEdit.ok) await saveAsync(mapping);
 */
import {isJsonObject, type JsonObject} from '../../dataverse/json';
import {airtableFieldId, airtableTableId, type LogicalName} from '../../sync/ids';
import type {MatchKey, SyncDirection} from '../../sync/mapping';
import type {MappingTemplate} from '../mappingTemplate';
import {SYNC_TEMPLATES} from '../syncTemplates';
import type {TableSchema} from '../tableSchema';
import {hasMappingConflictPolicy} from './legacyConflictPolicy';
import {mappingError, mappingWarning, type MappingProblem} from './mappingProblems';
import {fillFromTemplates, migrateFromTemplates} from './migrateTemplates';
import {
    parseColumnSpecIfValid,
    parseEntityRefIfValid,
    parseLogicalNameIfValid,
} from './parseStoredColumn';
import {
    STORED_MAPPING_SCHEMA_VERSION,
    type StoredFieldMapping,
    type StoredMapping,
    type StoredTableMapping,
} from './storedMapping';

export interface MappingParseContext {
    /** The base's tables, to migrate from the templates by table and field name. */
    readonly tables: readonly TableSchema[];
    /** The templates to migrate from; the built-in ones when missing. */
    readonly templates?: readonly MappingTemplate[];
}

/**
 * `current`: read as stored. `migrated`: built or completed from the templates, so an editor
 * should save it. `newerVersion`: written by a newer extension, so it must not be saved over,
 * and `mapping` has no tables.
 */
export type MappingParseStatus = 'current' | 'migrated' | 'newerVersion';

export interface MappingParse {
    readonly mapping: StoredMapping;
    readonly problems: readonly MappingProblem[];
    readonly status: MappingParseStatus;
}

const DIRECTIONS: readonly SyncDirection[] = ['both', 'toAirtable', 'toDynamics'];

export function parseStoredMapping(stored: unknown, context: MappingParseContext): MappingParse {
    const templates = context.templates ?? SYNC_TEMPLATES;
    if (stored === undefined || stored === null) {
        const mapping = migrateFromTemplates(templates, context.tables);
        return {mapping, problems: [], status: 'migrated'};
    }
    const version = isJsonObject(stored) ? stored.schemaVersion : undefined;
    if (typeof version === 'number' && version > STORED_MAPPING_SCHEMA_VERSION) {
        return newerVersion(version);
    }
    if (
        !isJsonObject(stored) ||
        version !== STORED_MAPPING_SCHEMA_VERSION ||
        !Array.isArray(stored.tables)
    ) {
        return migrateMalformed(context, templates);
    }

    const problems: MappingProblem[] = [];
    const parsed: StoredMapping = {
        schemaVersion: STORED_MAPPING_SCHEMA_VERSION,
        tables: stored.tables.flatMap((entry: unknown, index) =>
            parseTableEntry(entry, index, problems),
        ),
    };
    const mapping = fillFromTemplates(parsed, templates, context.tables);
    // Saving moves a conflict policy copy out, but waits while entries were dropped, because the
    // save would remove them from globalConfig before anyone read their warnings.
    const shouldMovePolicy = problems.length === 0 && hasMappingConflictPolicy(stored);
    const isCurrent = mapping === parsed && !shouldMovePolicy;
    return {mapping, problems, status: isCurrent ? 'current' : 'migrated'};
}

/** Starts again from the templates, because nothing of an unreadable mapping can be kept. */
function migrateMalformed(
    context: MappingParseContext,
    templates: readonly MappingTemplate[],
): MappingParse {
    const mapping = migrateFromTemplates(templates, context.tables);
    const problem = mappingWarning(
        'malformedMapping',
        {},
        'The saved field mapping could not be read, so the default mapping of Accounts, ' +
            'Contacts and Opportunities replaces it. Check the mapping in the settings.',
    );
    return {mapping, problems: [problem], status: 'migrated'};
}

function newerVersion(version: number): MappingParse {
    const problem = mappingError(
        'newerSchemaVersion',
        {},
        `The field mapping was saved by a newer version of this extension (mapping version ` +
            `${version}; this version reads up to ${STORED_MAPPING_SCHEMA_VERSION}). Update the ` +
            'extension to sync or change the mapping.',
    );
    return {
        mapping: {schemaVersion: STORED_MAPPING_SCHEMA_VERSION, tables: []},
        problems: [problem],
        status: 'newerVersion',
    };
}

function parseTableEntry(
    entry: unknown,
    index: number,
    problems: MappingProblem[],
): StoredTableMapping[] {
    const entity = isJsonObject(entry) ? parseEntityRefIfValid(entry.entity) : null;
    if (!isJsonObject(entry) || entity === null) {
        problems.push(
            mappingWarning(
                'malformedTable',
                {},
                `Table ${index + 1} of the saved field mapping could not be read and was left ` +
                    'out. Add its Dynamics table again in the settings.',
            ),
        );
        return [];
    }

    const airtableTable = parseIdIfValid(entry.airtableTableId, airtableTableId);
    const fields = Array.isArray(entry.fields) ? entry.fields : [];
    return [
        {
            entity,
            isEnabled: typeof entry.isEnabled === 'boolean' ? entry.isEnabled : true,
            airtableTableId: airtableTable ?? null,
            dynamicsIdFieldId: parseIdIfValid(entry.dynamicsIdFieldId, airtableFieldId) ?? null,
            syncStateFieldId: parseIdIfValid(entry.syncStateFieldId, airtableFieldId) ?? null,
            fields: fields.flatMap((field: unknown, fieldIndex) =>
                parseFieldEntry(field, fieldIndex, entity, problems),
            ),
            matchKeys: parseMatchKeys(entry.matchKeys),
            ...parsePendingColumns(entry.pendingTemplateColumns),
        },
    ];
}

function parseFieldEntry(
    entry: unknown,
    index: number,
    entity: {readonly logicalName: LogicalName; readonly displayName: string},
    problems: MappingProblem[],
): StoredFieldMapping[] {
    const record: JsonObject = isJsonObject(entry) ? entry : {};
    const column = parseColumnSpecIfValid(record.column);
    const fieldId = parseIdIfValid(record.airtableFieldId, airtableFieldId);
    const direction = DIRECTIONS.find(candidate => candidate === record.direction);
    if (column !== null && fieldId !== undefined && fieldId !== null && direction !== undefined) {
        return [{column, airtableFieldId: fieldId, direction}];
    }

    const columnName = isJsonObject(record.column)
        ? parseLogicalNameIfValid(record.column.logicalName)
        : null;
    const entryName =
        columnName === null ? `Field ${index + 1}` : `The field for column '${columnName}'`;
    problems.push(
        mappingWarning(
            'malformedField',
            {entityLogicalName: entity.logicalName, columnLogicalName: columnName},
            `${entryName} of the ${entity.displayName} mapping could not be read and was left out. ` +
                'Map it again in the settings.',
        ),
    );
    return [];
}

/** Returns the id, null when stored as null, or undefined when missing or not an id. */
function parseIdIfValid<T>(value: unknown, build: (text: string) => T): T | null | undefined {
    if (value === null) {
        return null;
    }
    if (typeof value !== 'string') {
        return undefined;
    }
    try {
        return build(value);
    } catch {
        return undefined;
    }
}

/** Keeps the keys whose every name is a valid logical name, dropping the others. */
function parseMatchKeys(value: unknown): MatchKey[] {
    if (!Array.isArray(value)) {
        return [];
    }
    return value.flatMap((key: unknown): MatchKey[] => {
        if (!Array.isArray(key) || key.length === 0) {
            return [];
        }
        const names = key.map(parseLogicalNameIfValid);
        return names.every((name): name is LogicalName => name !== null) ? [names] : [];
    });
}

/** Keeps the valid logical names, leaving the property out when none is left. */
function parsePendingColumns(value: unknown): {pendingTemplateColumns?: LogicalName[]} {
    const names = Array.isArray(value) ? value.map(parseLogicalNameIfValid) : [];
    const valid = names.filter((name): name is LogicalName => name !== null);
    return valid.length === 0 ? {} : {pendingTemplateColumns: valid};
}
