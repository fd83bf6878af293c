/**
 * Suggests the Airtable field to create for a Dynamics column: its name, type and options, such
 * as a single select with the option set's names, or a date and time field shown in UTC for a
 * time-zone independent column. Used for "Create a new table" and "Create field".
 *
 * @example
 * const {fields} = suggestedFieldsForNewTable(entity, columns, {syncedTableIds});
 * // fields[0]: {column: <name>, field: {name: 'Account Name', type: 'singleLineText',
 * //     isPrimary: true}, direction: 'both'}
 */
import {assertNever} from '../../sync/assertNever';
import {getAirtableName} from '../../sync/convert/options';
import type {AirtableTableId, LogicalName} from '../../sync/ids';
import type {ColumnSpec, EntityRef, SyncDirection} from '../../sync/mapping';
import type {TemplateField} from '../mappingTemplate';
import {BOOKKEEPING_TEMPLATES} from './bookkeeping';

/** Airtable's maximum `precision` of a number, currency or percent field (SDK 1.19 field options). */
const MAX_AIRTABLE_PRECISION = 8;

/** A field to create, with the options the SDK's `createFieldAsync` needs beyond its type. */
export interface SuggestedField extends TemplateField {
    /** The choice names of a singleSelect or multipleSelects field, in the option set's order. */
    readonly choices?: readonly string[];
    /**
     * The time zone a dateTime field shows its values in: `client` for UserLocal columns, whose
     * values are instants, and `utc` for TimeZoneIndependent ones, whose wall-clock time the Web
     * API sends with a `Z`.
     */
    readonly timeZone?: 'client' | 'utc';
}

export interface NewFieldSuggestion {
    readonly column: ColumnSpec;
    readonly field: SuggestedField;
    readonly direction: SyncDirection;
}

export interface NewFieldOptions {
    /** The Airtable table each synced Dynamics table is paired with, for link fields. */
    readonly syncedTableIds?: ReadonlyMap<LogicalName, AirtableTableId>;
}

export interface NewTableSuggestion {
    /** The mapped fields, the primary name column's first, marked `isPrimary`. */
    readonly fields: readonly NewFieldSuggestion[];
    /** The bookkeeping fields every synced table needs. */
    readonly bookkeepingFields: readonly TemplateField[];
    /** Columns left out: lookups to tables that do not sync yet. */
    readonly skippedColumns: readonly ColumnSpec[];
}

/**
 * Suggests the fields of a new table for the columns, with unique names. The primary name column
 * comes first and becomes the primary field.
 */
export function suggestedFieldsForNewTable(
    entity: EntityRef,
    columns: readonly ColumnSpec[],
    options: NewFieldOptions = {},
): NewTableSuggestion {
    const ordered = [
        ...columns.filter(column => column.logicalName === entity.primaryNameAttribute),
        ...columns.filter(column => column.logicalName !== entity.primaryNameAttribute),
    ];
    const usedNames = new Set(
        Object.values(BOOKKEEPING_TEMPLATES).map(template => template.name.toLowerCase()),
    );
    const fields: NewFieldSuggestion[] = [];
    const skippedColumns: ColumnSpec[] = [];
    for (const column of ordered) {
        const suggestion = suggestNewField(column, options);
        if (suggestion === null) {
            skippedColumns.push(column);
            continue;
        }
        const name = makeUniqueName(suggestion.field.name, column, usedNames);
        const isPrimary = column.logicalName === entity.primaryNameAttribute;
        fields.push({
            ...suggestion,
            field: {...suggestion.field, name, ...(isPrimary ? {isPrimary} : {})},
        });
    }
    return {fields, bookkeepingFields: Object.values(BOOKKEEPING_TEMPLATES), skippedColumns};
}

/** Suggests one field for the column, or null for a lookup whose targets do not sync. */
export function suggestNewField(
    column: ColumnSpec,
    options: NewFieldOptions = {},
): NewFieldSuggestion | null {
    const field = suggestFieldShape(column, options);
    if (field === null) {
        return null;
    }
    const isReadOnly = !column.isValidForCreate && !column.isValidForUpdate;
    return {
        column,
        field: {name: column.displayName, ...field},
        direction: isReadOnly ? 'toAirtable' : 'both',
    };
}

type FieldShape = Omit<SuggestedField, 'name'>;

function suggestFieldShape(column: ColumnSpec, options: NewFieldOptions): FieldShape | null {
    switch (column.type) {
        case 'string':
            return {type: STRING_FIELD_TYPES[column.format ?? 'text']};
        case 'memo':
            return {type: 'multilineText'};
        case 'integer':
            return {type: 'number', precision: 0};
        case 'decimal':
        case 'double':
            return {type: 'number', precision: limitPrecision(column.precision)};
        case 'money':
            return {type: 'currency', precision: limitPrecision(column.precision)};
        case 'boolean':
            return {type: 'checkbox'};
        case 'picklist':
            return {type: 'singleSelect', choices: listChoices(column)};
        case 'multiselectpicklist':
            return {type: 'multipleSelects', choices: listChoices(column)};
        case 'datetime':
            return {
                type: 'dateTime',
                timeZone: column.dateTimeBehavior === 'TimeZoneIndependent' ? 'utc' : 'client',
            };
        case 'dateonly':
            return {type: 'date'};
        case 'lookup':
            return suggestLinkShape(column, options);
        default:
            return assertNever(column.type);
    }
}

const STRING_FIELD_TYPES = {
    text: 'singleLineText',
    email: 'email',
    url: 'url',
    phone: 'phoneNumber',
} as const;

function limitPrecision(precision: number | undefined): number {
    return Math.min(precision ?? 2, MAX_AIRTABLE_PRECISION);
}

/** Lists each option's Airtable name once, in the option set's order. */
function listChoices(column: ColumnSpec): string[] {
    const names = (column.options ?? []).map(option => getAirtableName(column, option));
    return [...new Set(names)];
}

function suggestLinkShape(column: ColumnSpec, options: NewFieldOptions): FieldShape | null {
    const linkedTableId = (column.targets ?? [])
        .map(target => options.syncedTableIds?.get(target.logicalName))
        .find(id => id !== undefined);
    return linkedTableId === undefined ? null : {type: 'multipleRecordLinks', linkedTableId};
}

/** Airtable rejects two fields whose names differ only in case, so a clash gets the logical name. */
function makeUniqueName(name: string, column: ColumnSpec, usedNames: Set<string>): string {
    const candidates = [name, `${name} (${column.logicalName})`];
    const free =
        candidates.find(candidate => !usedNames.has(candidate.toLowerCase())) ??
        `${name} (${column.logicalName} ${usedNames.size})`;
    usedNames.add(free.toLowerCase());
    return free;
}
