/**
 * Pure OData builders and parsers for the Dataverse Web API: literals, query strings, `Prefer`
 * values, and the annotations, ETags and `OData-EntityId` headers that come back. Nothing here
 * sends a request.
 */
import {assertNever} from '../sync/assertNever';
import {parseGuid, parseGuidIfValid, type EntitySetName, type Guid} from '../sync/ids';
import {getStringIfExists, type JsonObject} from './json';

/** Dataverse's default and maximum page size ("Page results using OData", Microsoft Learn, 2024). */
export const MAX_PAGE_SIZE = 5000;

export const FORMATTED_VALUE_ANNOTATION = 'OData.Community.Display.V1.FormattedValue';
export const LOOKUP_LOGICAL_NAME_ANNOTATION = 'Microsoft.Dynamics.CRM.lookuplogicalname';
export const ASSOCIATED_NAVIGATION_PROPERTY_ANNOTATION =
    'Microsoft.Dynamics.CRM.associatednavigationproperty';

/**
 * Column, lookup-value and navigation property names: `name`, `_parentcustomerid_value`, and the
 * schema-cased names of custom navigation properties such as `new_Project`.
 */
const PROPERTY_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Throws a `TypeError` unless `name` can appear unquoted in a query as a property name. */
export function checkPropertyName(name: string): string {
    if (!PROPERTY_NAME_PATTERN.test(name)) {
        throw new TypeError(
            `"${name}" is not a valid Dataverse column name. Use letters, digits and _, starting with a letter or _.`,
        );
    }
    return name;
}

/** Formats a string literal, doubling single quotes as OData requires: `O'Bryan` → `'O''Bryan'`. */
export function formatStringLiteral(value: string): string {
    return `'${value.replace(/'/g, "''")}'`;
}

/** Formats a GUID literal, which OData writes unquoted. Throws a `TypeError` for a non-GUID. */
export function formatGuidLiteral(text: string): string {
    return parseGuid(text);
}

/** Returns the path of one row, such as `accounts(7d1f3a52-…)`. */
export function formatEntityPath(entitySetName: EntitySetName, id: string): string {
    return `${checkPropertyName(entitySetName)}(${formatGuidLiteral(id)})`;
}

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterValue =
    | {readonly kind: 'string'; readonly value: string}
    /** Validated when formatted, so a value read from a cell can be passed as it is. */
    | {readonly kind: 'guid'; readonly value: string}
    | {readonly kind: 'number'; readonly value: number}
    | {readonly kind: 'boolean'; readonly value: boolean}
    | {readonly kind: 'dateTime'; readonly value: Date}
    | {readonly kind: 'null'};

export type FilterExpression =
    | {
          readonly kind: 'comparison';
          readonly column: string;
          readonly operator: ComparisonOperator;
          readonly value: FilterValue;
      }
    | {readonly kind: 'and' | 'or'; readonly operands: readonly FilterExpression[]}
    | {readonly kind: 'not'; readonly operand: FilterExpression};

export function formatFilterValue(value: FilterValue): string {
    switch (value.kind) {
        case 'string':
            return formatStringLiteral(value.value);
        case 'guid':
            return formatGuidLiteral(value.value);
        case 'number':
            if (!Number.isFinite(value.value)) {
                throw new TypeError(`${value.value} is not a number Dataverse can compare with.`);
            }
            return String(value.value);
        case 'boolean':
            return value.value ? 'true' : 'false';
        case 'dateTime':
            if (Number.isNaN(value.value.getTime())) {
                throw new TypeError('An invalid date cannot be used in a Dataverse filter.');
            }
            return value.value.toISOString();
        case 'null':
            return 'null';
        default:
            return assertNever(value);
    }
}

/** Formats a filter expression as `$filter` text, before URL encoding. */
export function formatFilter(expression: FilterExpression): string {
    switch (expression.kind) {
        case 'comparison':
            return `${checkPropertyName(expression.column)} ${expression.operator} ${formatFilterValue(expression.value)}`;
        case 'and':
        case 'or':
            if (expression.operands.length === 0) {
                throw new TypeError(`An "${expression.kind}" filter needs at least one operand.`);
            }
            return expression.operands
                .map(operand => `(${formatFilter(operand)})`)
                .join(` ${expression.kind} `);
        case 'not':
            return `not (${formatFilter(expression.operand)})`;
        default:
            return assertNever(expression);
    }
}

export interface OrderBy {
    readonly column: string;
    readonly direction: 'asc' | 'desc';
}

export interface QueryOptions {
    readonly select?: readonly string[];
    readonly filter?: FilterExpression;
    readonly orderBy?: readonly OrderBy[];
    /** Ignored by Dataverse when a page size is also requested. */
    readonly top?: number;
    readonly count?: boolean;
}

/**
 * Builds the query string, `?` included, or '' without options. Values are percent-encoded, so
 * `&`, `#`, `%`, `+` and non-ASCII text inside literals reach Dataverse unchanged.
 */
export function buildQueryString(options: QueryOptions): string {
    const parameters: string[] = [];
    if (options.select !== undefined && options.select.length > 0) {
        const columns = [...new Set(options.select.map(checkPropertyName))];
        parameters.push(`$select=${columns.join(',')}`);
    }
    if (options.filter !== undefined) {
        parameters.push(`$filter=${encodeURIComponent(formatFilter(options.filter))}`);
    }
    if (options.orderBy !== undefined && options.orderBy.length > 0) {
        const terms = options.orderBy.map(
            term => `${checkPropertyName(term.column)} ${term.direction}`,
        );
        parameters.push(`$orderby=${encodeURIComponent(terms.join(','))}`);
    }
    if (options.top !== undefined) {
        parameters.push(`$top=${checkPositiveInteger(options.top, '$top')}`);
    }
    if (options.count === true) {
        parameters.push('$count=true');
    }
    return parameters.length === 0 ? '' : `?${parameters.join('&')}`;
}

export interface PreferOptions {
    readonly maxPageSize?: number;
    /** Annotation names, or `*` for all of them. */
    readonly includeAnnotations?: readonly string[];
    readonly returnRepresentation?: boolean;
    /** Asks for an `@odata.deltaLink` on the last page, to read later changes with. */
    readonly trackChanges?: boolean;
    /** Asks a `$batch` to run every request even after one fails. */
    readonly continueOnError?: boolean;
}

/** Returns the `Prefer` values, which the request sends comma-separated in one header. */
export function buildPreferValues(options: PreferOptions): string[] {
    const values: string[] = [];
    if (options.maxPageSize !== undefined) {
        const pageSize = checkPositiveInteger(options.maxPageSize, 'The page size');
        if (pageSize > MAX_PAGE_SIZE) {
            throw new RangeError(
                `The page size ${pageSize} exceeds Dataverse's maximum of ${MAX_PAGE_SIZE}.`,
            );
        }
        values.push(`odata.maxpagesize=${pageSize}`);
    }
    if (options.includeAnnotations !== undefined && options.includeAnnotations.length > 0) {
        values.push(`odata.include-annotations="${options.includeAnnotations.join(',')}"`);
    }
    if (options.returnRepresentation === true) {
        values.push('return=representation');
    }
    if (options.trackChanges === true) {
        values.push('odata.track-changes');
    }
    if (options.continueOnError === true) {
        values.push('odata.continue-on-error');
    }
    return values;
}

function checkPositiveInteger(value: number, name: string): number {
    if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`${name} must be a whole number of at least 1, not ${value}.`);
    }
    return value;
}

/** Returns the row's `@odata.etag`, such as `W/"1200451"`, or null. */
export function getEtagIfExists(row: JsonObject): string | null {
    return getStringIfExists(row, '@odata.etag');
}

export function getNextLinkIfExists(body: JsonObject): string | null {
    return getStringIfExists(body, '@odata.nextLink');
}

export function getFormattedValueIfExists(row: JsonObject, column: string): string | null {
    return getStringIfExists(row, `${column}@${FORMATTED_VALUE_ANNOTATION}`);
}

/** Returns the table a lookup value points to, such as `account`, when annotations were requested. */
export function getLookupLogicalNameIfExists(row: JsonObject, column: string): string | null {
    return getStringIfExists(row, `${column}@${LOOKUP_LOGICAL_NAME_ANNOTATION}`);
}

/** Returns the navigation property to bind for a lookup, such as `parentcustomerid_account`. */
export function getAssociatedNavigationPropertyIfExists(
    row: JsonObject,
    column: string,
): string | null {
    return getStringIfExists(row, `${column}@${ASSOCIATED_NAVIGATION_PROPERTY_ANNOTATION}`);
}

/** Returns the row without OData control information (`@odata.etag`, `@odata.context`, …). */
export function getColumnValues(row: JsonObject): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
        if (!key.startsWith('@odata.')) {
            values[key] = value;
        }
    }
    return values;
}

export interface EntityId {
    readonly entitySetName: string;
    readonly id: Guid;
}

const ENTITY_ID_PATTERN = /\/([A-Za-z_][A-Za-z0-9_]*)\(([^()]+)\)$/;

/** Reads an `OData-EntityId` header such as `…/api/data/v9.2/contacts(3f0e…)`, or returns null. */
export function parseEntityIdIfValid(header: string | null): EntityId | null {
    const match = header === null ? null : ENTITY_ID_PATTERN.exec(header.trim());
    const entitySetName = match?.[1];
    const id = match?.[2] === undefined ? null : parseGuidIfValid(match[2]);
    if (entitySetName === undefined || id === null) {
        return null;
    }
    return {entitySetName, id};
}
