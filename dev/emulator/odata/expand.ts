/**
 * Parses `$expand`: comma-separated navigation properties, each with optional nested options in
 * parentheses separated by `;`, such as `primarycontactid($select=fullname)` or
 * `contact_customer_accounts($select=fullname;$filter=…;$orderby=…;$top=5)`.
 */
import {queryError} from '../errors';
import {parseFilter, type FilterExpression} from './filter';
import {parseOrderBy, type OrderByKey} from './orderby';
import {parseSelect} from './select';

export interface ExpandItem {
    readonly navigationProperty: string;
    readonly select: readonly string[] | null;
    readonly filter: FilterExpression | null;
    readonly orderBy: readonly OrderByKey[];
    readonly top: number | null;
}

/** Dataverse's limit on expanded navigation properties in one query (Web API join docs). */
export const MAX_EXPANDS = 15;

/** Splits `text` at `separator` where it is outside parentheses and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let isQuoted = false;
    let current = '';
    for (const char of text) {
        if (char === "'") {
            isQuoted = !isQuoted;
        } else if (!isQuoted && char === '(') {
            depth += 1;
        } else if (!isQuoted && char === ')') {
            depth -= 1;
        }
        if (char === separator && depth === 0 && !isQuoted) {
            parts.push(current);
            current = '';
            continue;
        }
        current += char;
    }
    parts.push(current);
    return parts.map(part => part.trim());
}

function parseItem(text: string): ExpandItem {
    const match = /^([A-Za-z_]\w*)(?:\((.*)\))?$/s.exec(text);
    if (match === null) {
        throw queryError(`The $expand item '${text}' is not a navigation property with options.`);
    }
    const options = new Map<string, string>();
    for (const option of match[2] === undefined || match[2] === ''
        ? []
        : splitTopLevel(match[2], ';')) {
        const separator = option.indexOf('=');
        const name = option.slice(0, separator);
        if (!['$select', '$filter', '$orderby', '$top'].includes(name)) {
            throw queryError(`The query option '${name}' is not supported inside $expand.`);
        }
        options.set(name, option.slice(separator + 1));
    }
    const select = options.get('$select');
    const filter = options.get('$filter');
    const orderBy = options.get('$orderby');
    const top = options.get('$top');
    if (top !== undefined && !/^\d+$/.test(top)) {
        throw queryError(`Invalid value '${top}' for $top query option found.`);
    }
    return {
        navigationProperty: match[1] ?? '',
        select: select === undefined ? null : parseSelect(select),
        filter: filter === undefined ? null : parseFilter(filter),
        orderBy: orderBy === undefined ? [] : parseOrderBy(orderBy),
        top: top === undefined ? null : Number(top),
    };
}

export function parseExpand(text: string): ExpandItem[] {
    const items = splitTopLevel(text, ',').map(parseItem);
    if (items.length > MAX_EXPANDS) {
        throw queryError(
            `The query expands ${items.length} navigation properties; the maximum is ${MAX_EXPANDS}.`,
        );
    }
    return items;
}
