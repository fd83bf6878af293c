/**
 * Change tracking. A collection GET with `Prefer: odata.track-changes` returns every row and, on
 * its last page, an `@odata.deltaLink`. GETting that link returns the rows created or updated since,
 * then the rows deleted since as `$deletedEntity` items, and a new deltaLink. `$filter`,
 * `$orderby`, `$expand` and `$top` are rejected with change tracking, as in Dataverse.
 */
import {
    jsonResponse,
    serviceRoot,
    type ApiRequest,
    type ApiResponse,
    type EmulatorContext,
} from '../context';
import type {EntityDefinition, Row} from '../entities/types';
import {queryError} from '../errors';
import type {WireValue} from '../json';
import {MAX_PAGE_SIZE} from '../paging';
import {parseQueryOptions} from '../odata/queryOptions';
import {
    appliedAnnotations,
    contextUrl,
    preferenceApplied,
    preferencesOf,
    serializeOptionsFor,
} from '../representation';
import {resolveSelection, serializeRow} from '../serialize';
import type {Deletion} from '../store';

/** Query options Dataverse rejects together with change tracking. */
const OPTIONS_NOT_TRACKABLE = ['$filter', '$orderby', '$expand', '$top'];

/** One item of a delta: a changed row or a deletion, ordered by the version that made it. */
type DeltaItem =
    | {readonly kind: 'row'; readonly version: number; readonly row: Row}
    | {readonly kind: 'deleted'; readonly version: number; readonly id: string};

/** Rejects query options and tables that change tracking does not support. */
export function checkCanTrackChanges(entity: EntityDefinition, params: URLSearchParams): void {
    const option = OPTIONS_NOT_TRACKABLE.find(name => params.has(name));
    if (option !== undefined) {
        throw queryError(
            `The "${option}" query parameter isn't supported when Change Tracking is enabled.`,
        );
    }
    if (!entity.isChangeTrackingEnabled) {
        // NOTE: the status and wording for a table without change tracking are undocumented.
        throw queryError(
            `Change tracking is not enabled for the ${entity.logicalName} table. Read it without Prefer: odata.track-changes.`,
        );
    }
}

function twoDigits(value: number): string {
    return String(value).padStart(2, '0');
}

/** Builds a delta token in the platform's `<version>!<MM/dd/yyyy HH:mm:ss>` form (UTC). */
function encodeDeltaToken(version: number, time: Date): string {
    const date = `${twoDigits(time.getUTCMonth() + 1)}/${twoDigits(time.getUTCDate())}/${time.getUTCFullYear()}`;
    const clock = `${twoDigits(time.getUTCHours())}:${twoDigits(time.getUTCMinutes())}:${twoDigits(time.getUTCSeconds())}`;
    return `${version}!${date} ${clock}`;
}

// NOTE: the Web API's status and code for an expired or damaged delta token are undocumented. The
// message is the one the platform's SDK reports for an expired token.
function expiredDeltaToken(): Error {
    return queryError(
        'Version stamp associated with the client has expired. Please perform a full sync.',
    );
}

function parseDeltaToken(context: EmulatorContext, token: string): number {
    const version = /^(\d+)!/.exec(token)?.[1];
    if (version === undefined) {
        throw queryError(
            `The $deltatoken value '${token}' is not a delta token issued by this environment.`,
        );
    }
    if (
        Number(version) < context.store.oldestDeltaVersion ||
        Number(version) > context.store.currentVersion
    ) {
        throw expiredDeltaToken();
    }
    return Number(version);
}

function encodeLinkValue(value: string): string {
    return encodeURIComponent(value)
        .replace(/!/g, '%21')
        .replace(/%[0-9A-F]{2}/g, escape => escape.toLowerCase());
}

/** Builds the link a client GETs for the changes after `version`. */
export function deltaLinkFor(
    context: EmulatorContext,
    request: ApiRequest,
    entity: EntityDefinition,
    version: number,
): string {
    const kept = [...request.url.searchParams.entries()].filter(
        ([name]) => name !== '$skiptoken' && name !== '$deltatoken',
    );
    const query = kept.map(
        ([name, value]) => `${name}=${encodeLinkValue(value).replace(/%2c/g, ',')}`,
    );
    query.push(`$deltatoken=${encodeLinkValue(encodeDeltaToken(version, new Date()))}`);
    return `${serviceRoot(context)}${entity.entitySetName}?${query.join('&')}`;
}

function collectChanges(
    context: EmulatorContext,
    entity: EntityDefinition,
    after: number,
    upTo: number,
): DeltaItem[] {
    const rows: DeltaItem[] = context.store
        .list(entity.logicalName)
        .map(row => ({kind: 'row' as const, version: Number(row['versionnumber']), row}))
        .filter(item => item.version > after && item.version <= upTo);
    const present = new Set(
        rows.map(item => (item.kind === 'row' ? String(item.row[entity.primaryIdAttribute]) : '')),
    );
    const deletions: DeltaItem[] = context.store
        .listDeletionsSince(entity.logicalName, after)
        .filter((deletion: Deletion) => deletion.version <= upTo && !present.has(deletion.id))
        .map(deletion => ({kind: 'deleted' as const, version: deletion.version, id: deletion.id}));
    // Changed rows come first, then deletions, each oldest first, as the platform orders them.
    return [
        ...rows.sort((a, b) => a.version - b.version),
        ...deletions.sort((a, b) => a.version - b.version),
    ];
}

/**
 * The position after which the next delta page starts: the item of `lastKind` with `lastVersion`. Versions are
 * unique, so a row changed again while the client pages leaves the window instead of shifting it.
 */
interface DeltaCursor {
    readonly pageNumber: number;
    readonly lastKind: DeltaItem['kind'];
    readonly lastVersion: number;
    /** The version the first page was read at; later changes wait for the next delta. */
    readonly upTo: number;
}

function encodeDeltaCursor(cursor: DeltaCursor): string {
    return (
        `<cookie pagenumber="${cursor.pageNumber}" lastkind="${cursor.lastKind}" ` +
        `lastversion="${cursor.lastVersion}" upto="${cursor.upTo}" istracking="True" />`
    );
}

function decodeDeltaCursor(token: string): DeltaCursor {
    const match =
        /pagenumber="(\d+)" lastkind="(row|deleted)" lastversion="(\d+)" upto="(\d+)"/.exec(token);
    if (match === null) {
        throw queryError('The $skiptoken value is not a valid paging cookie for this delta query.');
    }
    return {
        pageNumber: Number(match[1]),
        lastKind: match[2] === 'row' ? 'row' : 'deleted',
        lastVersion: Number(match[3]),
        upTo: Number(match[4]),
    };
}

/** Returns the index of the first item after the cursor, rows before deletions. */
function findDeltaStart(items: readonly DeltaItem[], cursor: DeltaCursor | null): number {
    if (cursor === null) {
        return 0;
    }
    const rank = (kind: DeltaItem['kind']) => (kind === 'row' ? 0 : 1);
    const index = items.findIndex(
        item =>
            rank(item.kind) > rank(cursor.lastKind) ||
            (item.kind === cursor.lastKind && item.version > cursor.lastVersion),
    );
    return index === -1 ? items.length : index;
}

function deletedEntityOf(
    context: EmulatorContext,
    entity: EntityDefinition,
    id: string,
): Record<string, WireValue> {
    return {
        '@odata.context': `${serviceRoot(context)}$metadata#${entity.entitySetName}/$deletedEntity`,
        id,
        reason: 'deleted',
    };
}

function nextDeltaPageLink(
    context: EmulatorContext,
    request: ApiRequest,
    cursor: DeltaCursor,
): string {
    const params = new URLSearchParams(request.url.searchParams);
    params.set('$skiptoken', encodeDeltaCursor(cursor));
    return `${context.environmentUrl}${request.url.pathname}?${params.toString().replace(/\+/g, '%20')}`;
}

/** `GET <set>?$deltatoken=…`: the changes since the token, paged like any collection. */
export function getDelta(
    context: EmulatorContext,
    request: ApiRequest,
    entity: EntityDefinition,
): ApiResponse {
    checkCanTrackChanges(entity, request.url.searchParams);
    const options = parseQueryOptions(request.url.searchParams, [
        '$select',
        '$skiptoken',
        '$deltatoken',
    ]);
    const preferences = preferencesOf(request);
    const after = parseDeltaToken(context, options.deltaToken ?? '');
    const cursor = options.skipToken === null ? null : decodeDeltaCursor(options.skipToken);
    const upTo = cursor?.upTo ?? context.store.currentVersion;

    const items = collectChanges(context, entity, after, upTo);
    const start = findDeltaStart(items, cursor);
    const pageSize = Math.min(preferences.maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    const page = items.slice(start, start + pageSize);
    const selection = resolveSelection(entity, options.select);
    const serializeOptions = serializeOptionsFor(context, preferences);

    const body: Record<string, WireValue> = {
        '@odata.context': `${contextUrl(context, entity, options.select, false)}/$delta`,
        value: page.map(item =>
            item.kind === 'row'
                ? serializeRow(entity, item.row, selection, serializeOptions)
                : deletedEntityOf(context, entity, item.id),
        ),
    };
    const last = page[page.length - 1];
    if (start + pageSize < items.length && last !== undefined) {
        const pageNumber = (cursor?.pageNumber ?? 1) + 1;
        const next = {pageNumber, lastKind: last.kind, lastVersion: last.version, upTo};
        body['@odata.nextLink'] = nextDeltaPageLink(context, request, next);
    } else {
        body['@odata.deltaLink'] = deltaLinkFor(context, request, entity, upTo);
    }
    const maxPageSize = preferences.maxPageSize === null ? null : `odata.maxpagesize=${pageSize}`;
    return jsonResponse(
        200,
        body,
        preferenceApplied([appliedAnnotations(preferences), maxPageSize]),
    );
}
