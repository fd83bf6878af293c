/**
 * Suggests which Airtable field each Dynamics column maps to, by name and compatible type, for the
 * settings panel to offer; nothing is mapped until a person accepts a suggestion.
 *
 * @example
 * const suggestions = suggestFieldMappings(columns, table.fields, {existing: entry});
 * // [{column: <name>, airtableFieldId: 'fldName', fieldName: 'Name', direction: 'both', ...}]
 */
import {getCompatibleFieldTypes, isComputedFieldType} from '../../sync/convert';
import type {AirtableFieldId, AirtableTableId, LogicalName} from '../../sync/ids';
import type {AirtableFieldType, ColumnSpec, SyncDirection} from '../../sync/mapping';
import type {FieldSchema} from '../tableSchema';
import {BOOKKEEPING_TEMPLATES} from './bookkeeping';
import type {StoredTableMapping} from './storedMapping';

export interface FieldSuggestion {
    readonly column: ColumnSpec;
    readonly airtableFieldId: AirtableFieldId;
    readonly fieldName: string;
    /** The direction values can flow in, both ways where the column and the field allow it. */
    readonly direction: SyncDirection;
    /** The matched name: the column's display or logical name, or the last part of either. */
    readonly matchedBy: 'displayName' | 'logicalName' | 'namePart';
}

export interface SuggestionOptions {
    /** The table's current entry: its mapped columns and fields are not suggested again. */
    readonly existing?: StoredTableMapping;
    /** The Airtable table each synced Dynamics table is paired with, to check link fields. */
    readonly syncedTableIds?: ReadonlyMap<LogicalName, AirtableTableId>;
}

const MATCH_RANKS: readonly FieldSuggestion['matchedBy'][] = [
    'displayName',
    'logicalName',
    'namePart',
];

/** The directions tried for a suggestion, the most useful first. */
const DIRECTION_PREFERENCE: readonly SyncDirection[] = ['both', 'toAirtable', 'toDynamics'];

export function suggestFieldMappings(
    columns: readonly ColumnSpec[],
    fields: readonly FieldSchema[],
    options: SuggestionOptions = {},
): FieldSuggestion[] {
    const mappedColumns = new Set(options.existing?.fields.map(field => field.column.logicalName));
    const usedFieldIds = new Set<AirtableFieldId>([
        ...(options.existing?.fields.map(field => field.airtableFieldId) ?? []),
        ...listBookkeepingFieldIds(fields, options.existing),
    ]);
    const candidates = columns
        .filter(column => !mappedColumns.has(column.logicalName))
        .flatMap(column => fields.flatMap(field => matchField(column, field, options)))
        .sort((a, b) => MATCH_RANKS.indexOf(a.matchedBy) - MATCH_RANKS.indexOf(b.matchedBy));

    // Each column and each field is suggested once, the closest match first.
    const suggestedColumns = new Set<LogicalName>();
    return candidates.filter(candidate => {
        const isFree =
            !suggestedColumns.has(candidate.column.logicalName) &&
            !usedFieldIds.has(candidate.airtableFieldId);
        if (isFree) {
            suggestedColumns.add(candidate.column.logicalName);
            usedFieldIds.add(candidate.airtableFieldId);
        }
        return isFree;
    });
}

function matchField(
    column: ColumnSpec,
    field: FieldSchema,
    options: SuggestionOptions,
): FieldSuggestion[] {
    const matchedBy = matchNames(column, field.name);
    const direction = matchedBy === null ? null : chooseDirection(column, field, options);
    if (matchedBy === null || direction === null) {
        return [];
    }
    return [{column, airtableFieldId: field.id, fieldName: field.name, direction, matchedBy}];
}

function matchNames(column: ColumnSpec, fieldName: string): FieldSuggestion['matchedBy'] | null {
    const name = normalizeName(fieldName);
    if (name === '') {
        return null;
    }
    if (name === normalizeName(column.displayName)) {
        return 'displayName';
    }
    if (name === normalizeName(column.logicalName)) {
        return 'logicalName';
    }
    // "Address 1: City" and "address1_city" both end in "city".
    const parts = [lastPart(column.displayName, ':'), lastPart(column.logicalName, '_')];
    return parts.some(part => normalizeName(part) === name) ? 'namePart' : null;
}

/**
 * Lowercases a name and drops accents, spaces and punctuation, so "E-mail" matches "email" and
 * "Número" matches "numero".
 */
export function normalizeName(name: string): string {
    return name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '');
}

function lastPart(name: string, separator: string): string {
    const parts = name.split(separator);
    return parts.length < 2 ? '' : (parts[parts.length - 1] ?? '');
}

/** Returns the first direction the column, the field and a link's target allow, or null. */
function chooseDirection(
    column: ColumnSpec,
    field: FieldSchema,
    options: SuggestionOptions,
): SyncDirection | null {
    if (column.type === 'lookup' && !isLinkToTarget(column, field, options)) {
        return null;
    }
    const type = field.type as AirtableFieldType;
    const isReadOnly = !column.isValidForCreate && !column.isValidForUpdate;
    return (
        DIRECTION_PREFERENCE.find(direction => {
            if (isReadOnly && direction !== 'toAirtable') {
                return false;
            }
            if (isComputedFieldType(type) && direction !== 'toDynamics') {
                return false;
            }
            return getCompatibleFieldTypes(column.type, direction).includes(type);
        }) ?? null
    );
}

/** Without the synced tables, any link field may stand for a lookup. */
function isLinkToTarget(column: ColumnSpec, field: FieldSchema, options: SuggestionOptions) {
    if (options.syncedTableIds === undefined) {
        return true;
    }
    return (column.targets ?? []).some(
        target => options.syncedTableIds?.get(target.logicalName) === field.linkedTableId,
    );
}

function listBookkeepingFieldIds(
    fields: readonly FieldSchema[],
    existing: StoredTableMapping | undefined,
): AirtableFieldId[] {
    const names = new Set(
        Object.values(BOOKKEEPING_TEMPLATES).map(template => template.name.toLowerCase()),
    );
    const byName = fields.filter(field => names.has(field.name.toLowerCase())).map(f => f.id);
    const stored = [existing?.dynamicsIdFieldId, existing?.syncStateFieldId].filter(
        (id): id is AirtableFieldId => id !== undefined && id !== null,
    );
    return [...byName, ...stored];
}
