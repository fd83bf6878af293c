/**
 * Server-driven paging. The `$skiptoken` has the shape of Dataverse's paging cookie
 * (`<cookie pagenumber="2" pagingcookie="…" istracking="False" />`) and, like it, records the sort
 * values of the page's last row, so the next page starts after that row even when rows were
 * inserted or deleted in between. Clients must treat it as opaque.
 */
import {queryError} from './errors';
import type {FilterValue} from './odata/evaluate';
import {compareToSortValues, sortValuesOf, type SortKey} from './sorting';
import type {Row} from './entities/types';
import {edmTypeOf} from './rowSchema';

/** Dataverse's default and maximum page size (Web API paging documentation). */
export const MAX_PAGE_SIZE = 5000;

export interface PageCursor {
    readonly pageNumber: number;
    /** Sort values of the previous page's last row; the page starts after it. */
    readonly after: readonly FilterValue[];
    /** For a change-tracking query, the row version the first page was read at; otherwise null. */
    readonly trackingVersion: number | null;
}

function escapeXml(text: string): string {
    return text
        .replace(/&/g, '&amp;')
        .replace(/"/g, '&quot;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
}

function unescapeXml(text: string): string {
    return text
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
}

function encodeValue(key: SortKey, value: FilterValue): string {
    if (value === null) {
        return '';
    }
    if (edmTypeOf(key.attribute) === 'Edm.Guid') {
        return `{${String(value).toUpperCase()}}`;
    }
    if (typeof value === 'boolean') {
        return value ? '1' : '0';
    }
    return String(value);
}

function decodeValue(key: SortKey, text: string): FilterValue {
    if (text === '') {
        return null;
    }
    const edmType = edmTypeOf(key.attribute);
    switch (edmType) {
        case 'Edm.Guid':
            return text.replace(/^\{|\}$/g, '').toLowerCase();
        case 'Edm.Boolean':
            return text === '1';
        case 'Edm.Int32':
        case 'Edm.Int64':
        case 'Edm.Decimal':
        case 'Edm.Double':
            return Number(text);
        default:
            return text;
    }
}

/** Builds the `$skiptoken` for the page after one that ended with `lastRow`. */
export function encodeSkipToken(
    nextPageNumber: number,
    keys: readonly SortKey[],
    page: {readonly firstRow: Row; readonly lastRow: Row; readonly trackingVersion: number | null},
): string {
    const {firstRow, lastRow, trackingVersion} = page;
    const firstValues = sortValuesOf(keys, firstRow);
    const lastValues = sortValuesOf(keys, lastRow);
    const elements = keys.map((key, index) => {
        const last = escapeXml(encodeValue(key, lastValues[index] ?? null));
        const first = escapeXml(encodeValue(key, firstValues[index] ?? null));
        return `<${key.attribute.logicalName} last="${last}" first="${first}" />`;
    });
    const inner = `<cookie page="${nextPageNumber - 1}">${elements.join('')}</cookie>`;
    // The service writes the escapes in lower case (`%3ccookie`).
    const cookie = encodeURIComponent(inner).replace(/%[0-9A-F]{2}/g, escape =>
        escape.toLowerCase(),
    );
    const tracking =
        trackingVersion === null
            ? 'istracking="False"'
            : `istracking="True" trackingversion="${trackingVersion}"`;
    return `<cookie pagenumber="${nextPageNumber}" pagingcookie="${cookie}" ${tracking} />`;
}

// NOTE: Dataverse's message for a damaged paging cookie is not documented; this one is the emulator's.
function invalidSkipToken(): Error {
    return queryError('The $skiptoken value is not a valid paging cookie for this query.');
}

export function decodeSkipToken(token: string, keys: readonly SortKey[]): PageCursor {
    const pageNumber = /pagenumber="(\d+)"/.exec(token)?.[1];
    const cookie = /pagingcookie="([^"]*)"/.exec(token)?.[1];
    if (pageNumber === undefined || cookie === undefined) {
        throw invalidSkipToken();
    }
    let inner: string;
    try {
        inner = decodeURIComponent(cookie);
    } catch {
        throw invalidSkipToken();
    }

    const lastByName = new Map<string, string>();
    for (const match of inner.matchAll(/<(\w+) last="([^"]*)" first="[^"]*" \/>/g)) {
        lastByName.set((match[1] ?? '').toLowerCase(), unescapeXml(match[2] ?? ''));
    }
    const after = keys.map(key => {
        const text = lastByName.get(key.attribute.logicalName);
        if (text === undefined) {
            throw invalidSkipToken();
        }
        return decodeValue(key, text);
    });
    const trackingVersion = /trackingversion="(\d+)"/.exec(token)?.[1];
    return {
        pageNumber: Number(pageNumber),
        after,
        trackingVersion: trackingVersion === undefined ? null : Number(trackingVersion),
    };
}

/** Returns the index of the first row that sorts after the cursor; `rows` must be sorted. */
export function findPageStart(
    rows: readonly Row[],
    keys: readonly SortKey[],
    cursor: PageCursor,
): number {
    let low = 0;
    let high = rows.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        const row = rows[middle];
        if (row !== undefined && compareToSortValues(keys, row, cursor.after) > 0) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    return low;
}
