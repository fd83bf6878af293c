/**
 * Reads the match key values of rows and records and normalises them, so that values a person
 * would call equal compare equal. Case, surrounding and repeated whitespace and Unicode
 * compatibility forms do not count, and the number 1234 equals the text "1234".
 */
import {readAirtableValue, readDynamicsValue} from '../convert';
import type {LogicalName} from '../ids';
import {isLookupMapping, type LinkGroup} from '../links/linkGroups';
import type {LinkPass} from '../links/planLinks';
import {readLinkCells, readLookupValue} from '../links/linkValues';
import type {FieldMapping, MatchKey, TableMapping} from '../mapping';
import type {AirtableRow, DataverseRecord} from '../ports';
import {describeValue, isEmptyValue, type CanonicalValue} from '../values';

/** One column of a match key, with the link group that reads it when it is a lookup. */
export interface KeyColumn {
    readonly mapping: FieldMapping;
    readonly group: LinkGroup | null;
}

/** A match key whose columns are all mapped, ready to read rows and records. */
export interface ResolvedKey {
    readonly columns: readonly KeyColumn[];
}

/** A row's key value: the normalised form to compare and the form to show in a message. */
export interface RowKeyValue {
    readonly normalised: string;
    /** Such as `Account Number 'AC-1'` or `First Name 'Ana' and Last Name 'Ruiz'`. */
    readonly description: string;
}

/**
 * Resolves the table's match keys against its mapping. A key naming a column that is not mapped,
 * or a lookup the pass cannot read, is left out, because it could never be filled in on both sides.
 */
export function resolveMatchKeys(table: TableMapping, links: LinkPass): ResolvedKey[] {
    const keys: ResolvedKey[] = [];
    for (const key of table.matchKeys ?? []) {
        const columns = resolveKeyColumns(table, key, links);
        if (columns !== null) {
            keys.push({columns});
        }
    }
    return keys;
}

function resolveKeyColumns(
    table: TableMapping,
    key: MatchKey,
    links: LinkPass,
): KeyColumn[] | null {
    if (key.length === 0) {
        return null;
    }
    const columns: KeyColumn[] = [];
    for (const logicalName of key) {
        const column = resolveKeyColumn(table, logicalName, links);
        if (column === null) {
            return null;
        }
        columns.push(column);
    }
    return columns;
}

function resolveKeyColumn(
    table: TableMapping,
    logicalName: LogicalName,
    links: LinkPass,
): KeyColumn | null {
    const mapping = table.fields.find(candidate => candidate.column.logicalName === logicalName);
    if (mapping === undefined) {
        return null;
    }
    if (!isLookupMapping(mapping)) {
        return {mapping, group: null};
    }
    const group = links.groups.find(candidate => candidate.column === logicalName);
    return group === undefined ? null : {mapping, group};
}

/**
 * Reads the row's value of the key, or null when any of its columns is empty or does not read.
 * A link reads as the linked row's Dynamics ID, so it has a value only once that row is linked.
 */
export function readRowKey(
    key: ResolvedKey,
    row: AirtableRow,
    links: LinkPass,
): RowKeyValue | null {
    const normalisedParts: string[] = [];
    const descriptions: string[] = [];
    for (const {mapping, group} of key.columns) {
        const value =
            group === null
                ? readAirtableValue(mapping, row.cells[mapping.field.id])
                : readLinkCells(group, row.cells, links.index);
        if (!value.ok) {
            return null;
        }
        const normalised = normaliseKeyValue(value.value, mapping.column.precision);
        if (normalised === null) {
            return null;
        }
        normalisedParts.push(normalised);
        const displayed =
            group === null ? value.value : (getLinkedRowName(row, mapping) ?? value.value);
        descriptions.push(`${mapping.field.name} ${describeValue(displayed)}`);
    }
    return {normalised: JSON.stringify(normalisedParts), description: descriptions.join(' and ')};
}

/** Reads the record's normalised value of the key, or null when any of its columns is empty. */
export function readRecordKey(key: ResolvedKey, record: DataverseRecord): string | null {
    const normalisedParts: string[] = [];
    for (const {mapping, group} of key.columns) {
        const raw = record.values[mapping.column.logicalName];
        const value =
            group === null ? readDynamicsValue(mapping, raw) : readLookupValue(group, raw);
        const normalised = value.ok
            ? normaliseKeyValue(value.value, mapping.column.precision)
            : null;
        if (normalised === null) {
            return null;
        }
        normalisedParts.push(normalised);
    }
    return JSON.stringify(normalisedParts);
}

/** Returns the name of the row a link cell points at, as the SDK reads it with the link. */
function getLinkedRowName(row: AirtableRow, mapping: FieldMapping): string | null {
    const cell = row.cells[mapping.field.id];
    const [first] = Array.isArray(cell) ? (cell as unknown[]) : [];
    const name =
        typeof first === 'object' && first !== null ? (first as {name?: unknown}).name : null;
    return typeof name === 'string' && name.trim() !== '' ? name : null;
}

/**
 * Normalises one canonical value for comparison, or returns null for an empty value, which never
 * matches. A number is rounded to `precision` digits (the column's) and written without trailing
 * zeros, so the number 1234 and the text "1234" compare equal, while "01234" stays different.
 * Text is put in NFKC form, trimmed, its runs of whitespace made one space, and case-folded.
 */
export function normaliseKeyValue(
    value: CanonicalValue,
    precision: number | undefined,
): string | null {
    if (value === null || isEmptyValue(value)) {
        return null;
    }
    if (typeof value === 'number') {
        return normaliseNumber(value, precision);
    }
    if (typeof value === 'boolean') {
        return String(value);
    }
    const text = normaliseText(value);
    return text === '' ? null : text;
}

/** The maximum digits `Number.prototype.toFixed` accepts (ECMAScript 2018 and later). */
const MAX_FIXED_DIGITS = 100;

function normaliseNumber(value: number, precision: number | undefined): string | null {
    if (!Number.isFinite(value)) {
        return null;
    }
    const canRound =
        precision !== undefined &&
        Number.isInteger(precision) &&
        precision >= 0 &&
        precision <= MAX_FIXED_DIGITS;
    const rounded = canRound ? Number(value.toFixed(precision)) : value;
    // String(-0) is "0", so a rounded negative zero compares equal to zero.
    return String(rounded);
}

function normaliseText(text: string): string {
    const spaced = text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
    // Upper-casing first folds more than lower-casing alone, because 'ß' becomes 'SS' and a final
    // 'ς' becomes 'Σ', so 'Straße' equals 'STRASSE'.
    return spaced.toUpperCase().toLowerCase();
}
