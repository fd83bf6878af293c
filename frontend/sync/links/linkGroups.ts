/**
 * Lookup columns and the linked-record fields they map to.
 *
 * A lookup column maps to a `multipleRecordLinks` field that links to the Airtable table of one of
 * the column's target tables. A Customer column (such as `contact.parentcustomerid`, which points
 * at an account or a contact) maps in one of two ways:
 * - one link field per target table: one field mapping per target, each linking to that target's
 *   table and usually listing only that target in `column.targets`;
 * - one link field, when only one target table is mapped: a reference to another target then
 *   cannot be shown, so that record fails with a message instead of losing its link.
 * All the mappings of one column form a group, which is merged as one value: the target's GUID,
 * prefixed with its table (`contact:<guid>`) when the group can point at more than one table.
 */
import type {AirtableTableId, LogicalName} from '../ids';
import type {FieldMapping, LookupTarget, TableMapping} from '../mapping';

/** The mapped tables of a run, by Airtable table id. */
export type TableDirectory = ReadonlyMap<AirtableTableId, TableMapping>;

export interface LinkField {
    readonly mapping: FieldMapping;
    /** The linked table's mapping, or null when this run does not sync that table. */
    readonly linkedTable: TableMapping | null;
    /** The column target the linked table stands for, or null when it stands for none. */
    readonly target: LookupTarget | null;
}

export interface LinkGroup {
    readonly column: LogicalName;
    readonly displayName: string;
    readonly fields: readonly LinkField[];
    /** Whether the group's values name their table, because it can point at more than one. */
    readonly isPolymorphic: boolean;
}

export function isLookupMapping(mapping: FieldMapping): boolean {
    return mapping.column.type === 'lookup';
}

export function getValueMappings(table: TableMapping): FieldMapping[] {
    return table.fields.filter(mapping => !isLookupMapping(mapping));
}

/** Groups the table's lookup mappings by column, in the order the columns first appear. */
export function getLinkGroups(table: TableMapping, directory: TableDirectory): LinkGroup[] {
    const byColumn = new Map<LogicalName, FieldMapping[]>();
    for (const mapping of table.fields.filter(isLookupMapping)) {
        const column = mapping.column.logicalName;
        byColumn.set(column, [...(byColumn.get(column) ?? []), mapping]);
    }
    return [...byColumn].map(([column, mappings]) => toLinkGroup(column, mappings, directory));
}

function toLinkGroup(
    column: LogicalName,
    mappings: readonly FieldMapping[],
    directory: TableDirectory,
): LinkGroup {
    const fields = mappings.map(mapping => toLinkField(mapping, directory));
    const targetNames = new Set(
        mappings.flatMap(mapping => (mapping.column.targets ?? []).map(t => t.logicalName)),
    );
    const displayName = mappings[0]?.column.displayName ?? column;
    return {column, displayName, fields, isPolymorphic: targetNames.size > 1};
}

function toLinkField(mapping: FieldMapping, directory: TableDirectory): LinkField {
    const linkedTableId = mapping.field.linkedTableId;
    const linkedTable = linkedTableId === undefined ? null : (directory.get(linkedTableId) ?? null);
    const target =
        linkedTable === null
            ? null
            : (mapping.column.targets?.find(
                  candidate => candidate.logicalName === linkedTable.entity.logicalName,
              ) ?? null);
    return {mapping, linkedTable, target};
}

/** Returns the Airtable tables the group's fields link to, mapped or not. */
export function getLinkedTableIds(group: LinkGroup): AirtableTableId[] {
    return group.fields.flatMap(field =>
        field.mapping.field.linkedTableId === undefined ? [] : [field.mapping.field.linkedTableId],
    );
}

export function describeLinkFields(group: LinkGroup): string {
    const names = group.fields.map(field => `'${field.mapping.field.name}'`);
    return names.length === 1
        ? `link field ${names.join('')}`
        : `link fields ${names.join(' and ')}`;
}
