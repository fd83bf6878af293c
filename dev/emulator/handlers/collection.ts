/**
 * `GET <set>`: filter, sort, count and page a table's rows. As in Dataverse, a page contains
 * `odata.maxpagesize` rows (default and maximum 5000), and its `@odata.nextLink` repeats the other
 * query options. `$top` is ignored when a page size is requested.
 */
import {jsonResponse, type ApiRequest, type ApiResponse, type EmulatorContext} from '../context';
import type {EntityDefinition, Row} from '../entities/types';
import type {WireValue} from '../json';
import {compileFilter} from '../odata/evaluate';
import {parseQueryOptions, type QueryOptions} from '../odata/queryOptions';
import {createAnnotationMatcher, type Preferences} from '../prefer';
import {
    MAX_PAGE_SIZE,
    decodeSkipToken,
    encodeSkipToken,
    findPageStart,
    type PageCursor,
} from '../paging';
import {
    appliedAnnotations,
    contextUrl,
    preferenceApplied,
    preferencesOf,
    serializeOptionsFor,
} from '../representation';
import {expandRow, resolveExpands} from '../expansion';
import {createRowSchema} from '../rowSchema';
import {checkCanTrackChanges, deltaLinkFor, getDelta} from './delta';
import {resolveSelection, serializeRow} from '../serialize';
import {resolveSortKeys, sortRows, type SortKey} from '../sorting';

/** `@odata.count` and the total-record-count annotation stop at this many rows. */
const MAX_COUNT = 5000;
const TOTAL_COUNT = 'Microsoft.Dynamics.CRM.totalrecordcount';
const TOTAL_COUNT_EXCEEDED = 'Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded';

interface Page {
    readonly rows: readonly Row[];
    readonly nextSkipToken: string | null;
}

/**
 * The last sorted result per store, so that reading the pages of one query sorts the table once.
 * A write changes the store's version and so invalidates it.
 */
const lastQueryResults = new WeakMap<
    object,
    {readonly key: string; readonly rows: readonly Row[]}
>();

function queryRows(
    context: EmulatorContext,
    entity: EntityDefinition,
    request: ApiRequest,
    options: QueryOptions,
    keys: readonly SortKey[],
): readonly Row[] {
    const params = request.url.searchParams;
    const key = [
        entity.logicalName,
        context.store.currentVersion,
        params.get('$filter') ?? '',
        params.get('$orderby') ?? '',
    ].join('\n');
    const cached = lastQueryResults.get(context.store);
    if (cached?.key === key) {
        return cached.rows;
    }

    const rows = context.store.list(entity.logicalName);
    const predicate =
        options.filter === null ? null : compileFilter(options.filter, createRowSchema(entity));
    const sorted = sortRows(keys, predicate === null ? rows : rows.filter(predicate));
    lastQueryResults.set(context.store, {key, rows: sorted});
    return sorted;
}

function pageOf(
    rows: readonly Row[],
    keys: readonly SortKey[],
    cursor: PageCursor | null,
    paging: {readonly pageSize: number; readonly trackingVersion: number | null},
): Page {
    const {pageSize, trackingVersion} = paging;
    const start = cursor === null ? 0 : findPageStart(rows, keys, cursor);
    const page = rows.slice(start, start + pageSize);
    const first = page[0];
    const last = page[page.length - 1];
    const hasMore = start + pageSize < rows.length;
    const pageNumber = (cursor?.pageNumber ?? 1) + 1;
    return {
        rows: page,
        nextSkipToken:
            hasMore && first !== undefined && last !== undefined
                ? encodeSkipToken(pageNumber, keys, {
                      firstRow: first,
                      lastRow: last,
                      trackingVersion,
                  })
                : null,
    };
}

// Characters the service leaves unescaped in the query of a nextLink (`$select=name,revenue`).
const READABLE_ESCAPES: Readonly<Record<string, string>> = {
    '%24': '$',
    '%2C': ',',
    '%3D': '=',
    '%27': "'",
    '%28': '(',
    '%29': ')',
    '%3A': ':',
    '%2F': '/',
};

function encodeQueryPart(text: string): string {
    return encodeURIComponent(text).replace(
        /%(24|2C|3D|27|28|29|3A|2F)/g,
        escape => READABLE_ESCAPES[escape] ?? escape,
    );
}

/** Builds the request URL with the new `$skiptoken` in place of any old one. */
function nextLinkFor(context: EmulatorContext, request: ApiRequest, skipToken: string): string {
    const params = [...request.url.searchParams.entries()].filter(
        ([name]) => name !== '$skiptoken',
    );
    params.push(['$skiptoken', skipToken]);
    const query = params.map(
        ([name, value]) => `${encodeQueryPart(name)}=${encodeQueryPart(value)}`,
    );
    return `${context.environmentUrl}${request.url.pathname}?${query.join('&')}`;
}

function countMembers(
    matched: number,
    options: QueryOptions,
    preferences: Preferences,
): Record<string, WireValue> {
    const members: Record<string, WireValue> = {};
    if (options.count) {
        members['@odata.count'] = Math.min(matched, MAX_COUNT);
    }
    const shouldInclude = createAnnotationMatcher(preferences.includeAnnotations);
    if (shouldInclude(TOTAL_COUNT)) {
        members[`@${TOTAL_COUNT}`] = options.count ? Math.min(matched, MAX_COUNT) : -1;
    }
    if (shouldInclude(TOTAL_COUNT_EXCEEDED)) {
        members[`@${TOTAL_COUNT_EXCEEDED}`] = options.count && matched > MAX_COUNT;
    }
    return members;
}

export function getCollection(
    context: EmulatorContext,
    request: ApiRequest,
    entity: EntityDefinition,
): ApiResponse {
    if (request.url.searchParams.has('$deltatoken')) {
        return getDelta(context, request, entity);
    }
    const preferences = preferencesOf(request);
    if (preferences.trackChanges) {
        checkCanTrackChanges(entity, request.url.searchParams);
    }
    const options = parseQueryOptions(request.url.searchParams, [
        '$select',
        '$filter',
        '$orderby',
        '$top',
        '$count',
        '$skiptoken',
        '$expand',
    ]);
    const selection = resolveSelection(entity, options.select);
    const expands = resolveExpands(context, entity, options.expand);
    const keys = resolveSortKeys(entity, options.orderBy);

    const matched = queryRows(context, entity, request, options, keys);
    const pageSize = Math.min(preferences.maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    const isTopApplied = options.top !== null && preferences.maxPageSize === null;
    const limited = isTopApplied && options.top !== null ? matched.slice(0, options.top) : matched;
    const cursor = options.skipToken === null ? null : decodeSkipToken(options.skipToken, keys);
    const trackingVersion = preferences.trackChanges
        ? (cursor?.trackingVersion ?? context.store.currentVersion)
        : null;
    const page = pageOf(limited, keys, cursor, {pageSize, trackingVersion});

    const serializeOptions = serializeOptionsFor(context, preferences);
    const body: Record<string, WireValue> = {
        '@odata.context': contextUrl(context, entity, options.select, false, options.expand),
        ...countMembers(matched.length, options, preferences),
        value: page.rows.map(row => ({
            ...serializeRow(entity, row, selection, serializeOptions),
            ...expandRow(context, entity, row, expands, serializeOptions),
        })),
    };
    if (page.nextSkipToken !== null) {
        body['@odata.nextLink'] = nextLinkFor(context, request, page.nextSkipToken);
    } else if (trackingVersion !== null) {
        body['@odata.deltaLink'] = deltaLinkFor(context, request, entity, trackingVersion);
    }

    const maxPageSize = preferences.maxPageSize === null ? null : `odata.maxpagesize=${pageSize}`;
    const tracking = preferences.trackChanges ? 'odata.track-changes' : null;
    return jsonResponse(
        200,
        body,
        preferenceApplied([appliedAnnotations(preferences), maxPageSize, tracking]),
    );
}

/** `GET <set>/$count`: the number of rows as plain text, capped like `@odata.count`. */
export function getCount(
    context: EmulatorContext,
    request: ApiRequest,
    entity: EntityDefinition,
): ApiResponse {
    const options = parseQueryOptions(request.url.searchParams, ['$filter']);
    const matched = queryRows(context, entity, request, options, resolveSortKeys(entity, []));
    return {
        status: 200,
        headers: {'OData-Version': '4.0', 'Content-Type': 'text/plain'},
        body: String(Math.min(matched.length, MAX_COUNT)),
    };
}
