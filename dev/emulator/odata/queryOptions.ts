/**
 * Reads the system query options of a request and rejects the ones Dataverse does not support
 * (`$skip`) or that the emulator does not implement yet, with Dataverse's 400 error shape.
 */
import {queryError} from '../errors';
import {parseExpand, type ExpandItem} from './expand';
import {parseFilter, type FilterExpression} from './filter';
import {parseOrderBy, type OrderByKey} from './orderby';
import {parseSelect} from './select';

export interface QueryOptions {
    readonly select: readonly string[] | null;
    readonly filter: FilterExpression | null;
    readonly orderBy: readonly OrderByKey[];
    readonly top: number | null;
    readonly count: boolean;
    readonly skipToken: string | null;
    readonly deltaToken: string | null;
    readonly expand: readonly ExpandItem[];
}

/** The options a route accepts; any other `$` option is an error. */
export type QueryOptionName =
    | '$select'
    | '$filter'
    | '$orderby'
    | '$top'
    | '$count'
    | '$skiptoken'
    | '$deltatoken'
    | '$expand';

const KNOWN_OPTIONS: readonly string[] = [
    '$select',
    '$filter',
    '$orderby',
    '$top',
    '$count',
    '$skiptoken',
    '$deltatoken',
    '$expand',
    '$skip',
    '$search',
    '$apply',
    '$format',
];

function checkOptionNames(params: URLSearchParams, allowed: readonly QueryOptionName[]): void {
    const seen = new Set<string>();
    for (const name of params.keys()) {
        if (!name.startsWith('$')) {
            continue;
        }
        if (seen.has(name)) {
            throw queryError(
                `Query option '${name}' was specified more than once, but it must be specified at most once.`,
            );
        }
        seen.add(name);
        if (name === '$skip') {
            // NOTE: the wording is the emulator's; Dataverse documents only that $skip is unsupported.
            throw queryError('The query parameter $skip is not supported.');
        }
        if (!KNOWN_OPTIONS.includes(name)) {
            throw queryError(`The query parameter '${name}' is not supported.`);
        }
        if (!(allowed as readonly string[]).includes(name) && name !== '$format') {
            throw queryError(`The query parameter '${name}' is not supported for this request.`);
        }
    }
}

function parseTop(text: string): number {
    if (!/^\d+$/.test(text)) {
        throw queryError(
            `Invalid value '${text}' for $top query option found. ` +
                'The $top query option requires a non-negative integer value.',
        );
    }
    return Number(text);
}

function parseCount(text: string): boolean {
    if (text !== 'true' && text !== 'false') {
        throw queryError(`'${text}' is not a valid count option.`);
    }
    return text === 'true';
}

/** Collects the parameter aliases (`@p1=…`) of a query string. */
function aliasesOf(params: URLSearchParams): Map<string, string> {
    return new Map([...params.entries()].filter(([name]) => name.startsWith('@')));
}

export function parseQueryOptions(
    params: URLSearchParams,
    allowed: readonly QueryOptionName[],
): QueryOptions {
    checkOptionNames(params, allowed);
    const select = params.get('$select');
    const filter = params.get('$filter');
    const orderBy = params.get('$orderby');
    const top = params.get('$top');
    const count = params.get('$count');
    const expand = params.get('$expand');
    return {
        select: select === null ? null : parseSelect(select),
        filter: filter === null ? null : parseFilter(filter, aliasesOf(params)),
        orderBy: orderBy === null ? [] : parseOrderBy(orderBy),
        top: top === null ? null : parseTop(top),
        count: count === null ? false : parseCount(count),
        skipToken: params.get('$skiptoken'),
        deltaToken: params.get('$deltatoken'),
        expand: expand === null ? [] : parseExpand(expand),
    };
}
