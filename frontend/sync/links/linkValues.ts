/**
 * Converts one lookup column's value between its linked-record fields and Dynamics. The canonical
 * value is the target record's GUID, with its table in front for a group that can point at more
 * than one table. A link that cannot be resolved is a problem naming the field and the linked row,
 * never a link dropped without a word.
 */
import {assertNever} from '../assertNever';
import type {ValueProblem, ValueProblemCode} from '../convert';
import {
    airtableRecordId,
    parseGuidIfValid,
    type AirtableFieldId,
    type AirtableRecordId,
    type AirtableTableId,
    type Guid,
} from '../ids';
import {isLookupReference} from '../lookupValues';
import type {LookupBinding, LookupReference} from '../ports';
import type {CanonicalValue} from '../values';
import {describeLinkFields, type LinkField, type LinkGroup} from './linkGroups';
import type {LinkIndex} from './linkIndex';

export type LinkConversion<T> =
    {readonly ok: true; readonly value: T} | {readonly ok: false; readonly problem: ValueProblem};

interface CellLink {
    readonly field: LinkField;
    readonly rowId: AirtableRecordId;
    /** The linked row's primary field value, as the SDK reads it with the link. */
    readonly name: string | null;
}

/** Reads the group's link fields as one canonical value. */
export function readLinkCells(
    group: LinkGroup,
    cells: Readonly<Record<AirtableFieldId, unknown>>,
    index: LinkIndex,
): LinkConversion<CanonicalValue> {
    const links: CellLink[] = [];
    for (const field of group.fields) {
        const parsed = parseLinkCell(cells[field.mapping.field.id]);
        if (parsed === null) {
            return problem(
                group,
                'wrongType',
                `The link field '${field.mapping.field.name}' returned a value that is not a list of linked rows. Check that it is still a linked-record field.`,
            );
        }
        for (const link of parsed) {
            links.push({field, rowId: link.rowId, name: link.name});
        }
    }

    const [link] = links;
    if (link === undefined) {
        return {ok: true, value: null};
    }
    if (links.length > 1) {
        const names = links.map(describeLinkedRow).join(', ');
        return problem(
            group,
            'tooManyLinks',
            `The ${describeLinkFields(group)} link to ${links.length} rows (${names}), but the ` +
                `Dynamics column '${group.displayName}' (${group.column}) holds one. Keep one ` +
                `link and sync again.`,
        );
    }
    return resolveCellLink(group, link, index);
}

/** A row that a group's link fields point at, in the mapped table it belongs to. */
export interface LinkedRow {
    readonly tableId: AirtableTableId;
    readonly rowId: AirtableRecordId;
}

/**
 * Returns the rows the group's link fields point at, or null when a cell is not a list of linked
 * rows or links into a table this sync does not map.
 */
export function readLinkedRows(
    group: LinkGroup,
    cells: Readonly<Record<AirtableFieldId, unknown>>,
): LinkedRow[] | null {
    const rows: LinkedRow[] = [];
    for (const field of group.fields) {
        const parsed = parseLinkCell(cells[field.mapping.field.id]);
        if (parsed === null) {
            return null;
        }
        if (parsed.length === 0) {
            continue;
        }
        if (field.linkedTable === null) {
            return null;
        }
        const tableId = field.linkedTable.table.id;
        for (const link of parsed) {
            rows.push({tableId, rowId: link.rowId});
        }
    }
    return rows;
}

function resolveCellLink(
    group: LinkGroup,
    link: CellLink,
    index: LinkIndex,
): LinkConversion<CanonicalValue> {
    const {linkedTable, target} = link.field;
    if (linkedTable === null || target === null) {
        return problem(
            group,
            'unresolvedLink',
            `The link field '${link.field.mapping.field.name}' links to the row ` +
                `${describeLinkedRow(link)}, in a table this sync does not map to a table the ` +
                `column '${group.displayName}' can point at. Map that table in the same sync, or ` +
                `remove the link.`,
        );
    }

    const resolution = index.resolveRow(linkedTable.table.id, link.rowId);
    if (resolution.kind === 'linked') {
        return {ok: true, value: formatLinkValue(group, target.logicalName, resolution.id)};
    }
    // The messages are built only for a link that does not resolve, because most links do.
    const fieldName = `'${link.field.mapping.field.name}'`;
    const where = `${describeLinkedRow(link)} in ${linkedTable.table.name}`;
    switch (resolution.kind) {
        case 'failed':
            return problem(
                group,
                'unresolvedLink',
                `The link field ${fieldName} links to the row ${where}, which has no record in ` +
                    `Dynamics: it failed to sync or its record was deleted. Fix that row first, ` +
                    `and sync again.`,
            );
        case 'unknown':
            return problem(
                group,
                'unresolvedLink',
                `The link field ${fieldName} links to the row ${where}, which this sync has not ` +
                    `matched to a Dynamics record. Sync again; if it repeats, check that row.`,
            );
        default:
            return assertNever(resolution);
    }
}

/** Reads a lookup column's Dynamics value, a LookupReference or null, as a canonical value. */
export function readLookupValue(group: LinkGroup, raw: unknown): LinkConversion<CanonicalValue> {
    if (raw === null || raw === undefined) {
        return {ok: true, value: null};
    }
    if (!isLookupReference(raw)) {
        return problem(
            group,
            'wrongType',
            `Dynamics returned a value for the lookup column '${group.displayName}' (${group.column}) that is not a reference to a record. Check the column's type in the mapping.`,
        );
    }
    return {ok: true, value: formatLinkValue(group, raw.logicalName, raw.id)};
}

/** Returns the canonical value of a link: `<guid>`, or `<table>:<guid>` for a polymorphic group. */
export function formatLinkValue(group: LinkGroup, logicalName: string, id: Guid): string {
    return group.isPolymorphic ? `${logicalName}:${id}` : id;
}

/** Returns the target a canonical link value points at, or null for an empty link. */
export function parseLinkValue(
    group: LinkGroup,
    value: CanonicalValue,
): {readonly logicalName: string | null; readonly id: Guid} | null {
    if (typeof value !== 'string') {
        return null;
    }
    const separator = value.indexOf(':');
    const logicalName = separator < 0 ? null : value.slice(0, separator);
    const id = parseGuidIfValid(separator < 0 ? value : value.slice(separator + 1));
    if (id === null) {
        return null;
    }
    const onlyTarget = group.isPolymorphic ? null : (findOnlyTargetName(group) ?? null);
    return {logicalName: logicalName ?? onlyTarget, id};
}

function findOnlyTargetName(group: LinkGroup): string | undefined {
    return group.fields.find(field => field.target !== null)?.target?.logicalName;
}

/** Converts a canonical link value into the cells of the group's link fields. */
export function toLinkCells(
    group: LinkGroup,
    value: CanonicalValue,
    index: LinkIndex,
): LinkConversion<Record<AirtableFieldId, unknown>> {
    const cells: Record<AirtableFieldId, unknown> = {};
    for (const field of group.fields) {
        cells[field.mapping.field.id] = [];
    }
    const link = parseLinkValue(group, value);
    if (link === null) {
        return {ok: true, value: cells};
    }

    const field = group.fields.find(
        candidate =>
            candidate.target !== null &&
            (link.logicalName === null || candidate.target.logicalName === link.logicalName),
    );
    const targetName = link.logicalName ?? 'record';
    if (field?.linkedTable === null || field === undefined) {
        return problem(
            group,
            'unresolvedLink',
            `Dynamics links it through '${group.displayName}' (${group.column}) to the ${targetName} ` +
                `${link.id}, but no link field of this sync links to a table of that kind. Map one ` +
                `to the column, and sync again.`,
        );
    }
    const rowId = index.getRowIdIfExists(field.linkedTable.table.id, link.id);
    if (rowId === null) {
        return problem(
            group,
            'unresolvedLink',
            `Dynamics links it through '${group.displayName}' (${group.column}) to the ` +
                `${field.linkedTable.entity.displayName} ${link.id}, which has no row in ` +
                `${field.linkedTable.table.name} that this sync could link. Check that record in ` +
                `Dynamics, and sync again.`,
        );
    }
    cells[field.mapping.field.id] = [{id: rowId}];
    return {ok: true, value: cells};
}

/**
 * Converts a canonical link value into the binding that sets the lookup in Dynamics. Clearing
 * uses the navigation property of the target the column pointed at, when known.
 * NOTE: that `<property>@odata.bind: null` clears a Customer column whatever table its value is in
 * is not confirmed against a live environment.
 */
export function toLookupBinding(
    group: LinkGroup,
    value: CanonicalValue,
    current: LookupReference | null,
): LinkConversion<LookupBinding> {
    const link = parseLinkValue(group, value);
    const targetName = link?.logicalName ?? current?.logicalName ?? null;
    const targets = group.fields.flatMap(field => (field.target === null ? [] : [field.target]));
    const target =
        targets.find(candidate => candidate.logicalName === targetName) ??
        (link === null ? targets[0] : undefined);
    if (target === undefined) {
        return problem(
            group,
            'unresolvedLink',
            `The Dynamics column '${group.displayName}' (${group.column}) can't point at a ` +
                `${targetName ?? 'record'} through this sync's link fields. Check the mapping.`,
        );
    }
    return {
        ok: true,
        value: {
            kind: 'lookupBinding',
            navigationProperty: target.navigationProperty,
            entitySetName: target.entitySetName,
            id: link?.id ?? null,
        },
    };
}

/** Parses a linked-record cell, `[{id, name}]` in the SDK's format; null when it is not one. */
function parseLinkCell(
    cell: unknown,
): Array<{readonly rowId: AirtableRecordId; readonly name: string | null}> | null {
    if (cell === null || cell === undefined) {
        return [];
    }
    if (!Array.isArray(cell)) {
        return null;
    }
    const links: Array<{readonly rowId: AirtableRecordId; readonly name: string | null}> = [];
    for (const item of cell as unknown[]) {
        if (typeof item !== 'object' || item === null) {
            return null;
        }
        const {id, name} = item as {readonly id?: unknown; readonly name?: unknown};
        const rowId = typeof id === 'string' ? parseRecordIdIfValid(id) : null;
        if (rowId === null) {
            return null;
        }
        links.push({rowId, name: typeof name === 'string' ? name : null});
    }
    return links;
}

function parseRecordIdIfValid(text: string): AirtableRecordId | null {
    try {
        return airtableRecordId(text);
    } catch {
        return null;
    }
}

function describeLinkedRow(link: CellLink): string {
    return link.name === null || link.name.trim() === '' ? `'${link.rowId}'` : `'${link.name}'`;
}

function problem<T>(group: LinkGroup, code: ValueProblemCode, message: string): LinkConversion<T> {
    const fieldName = group.fields.map(field => field.mapping.field.name).join(', ');
    return {ok: false, problem: {code, fieldName, logicalName: group.column, message}};
}
