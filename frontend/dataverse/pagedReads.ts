/**
 * Collection reads: one page, the page behind a `nextLink`, every page of a query, and every page
 * of the changes behind a delta link.
 */
import type {EntityRef} from '../sync/mapping';
import type {EntityRow, RetrieveAllOptions, RetrieveOptions} from './clientOptions';
import {isOwnUrl, sendAsync, type ClientConnection} from './clientConnection';
import {createBadResponseError} from './errors';
import {buildPreferValues, buildQueryString, MAX_PAGE_SIZE, type QueryOptions} from './odata';
import {readPage, type EntityPage} from './responses';

/** Every row of a read, and the delta link its last page carried, if any. */
export interface AllPages {
    readonly rows: EntityRow[];
    readonly deltaLink: string | null;
}

export async function retrieveMultipleAsync(
    connection: ClientConnection,
    entity: EntityRef,
    query: QueryOptions,
    options: RetrieveOptions,
): Promise<EntityPage> {
    const url = `${connection.apiRoot}${entity.entitySetName}${buildQueryString(query)}`;
    return getPageAsync(connection, url, entity, options);
}

export async function retrieveNextPageAsync(
    connection: ClientConnection,
    entity: EntityRef,
    nextLink: string,
    options: RetrieveOptions,
): Promise<EntityPage> {
    if (!isOwnUrl(connection, nextLink)) {
        throw createBadResponseError(
            {operation: 'read', tableDisplayName: entity.displayName},
            `The next-page link points outside ${connection.environmentUrl}.`,
        );
    }
    return getPageAsync(connection, nextLink, entity, options);
}

export async function retrieveAllPagesAsync(
    connection: ClientConnection,
    entity: EntityRef,
    query: QueryOptions,
    options: RetrieveAllOptions,
): Promise<AllPages> {
    const pageOptions = withDefaultPageSize(options);
    const firstPage = await retrieveMultipleAsync(connection, entity, query, pageOptions);
    return followPagesAsync(connection, entity, firstPage, pageOptions);
}

/** Reads every page behind a delta link, which must point to this environment. */
export async function retrieveChangesAsync(
    connection: ClientConnection,
    entity: EntityRef,
    deltaLink: string,
    options: RetrieveAllOptions,
): Promise<AllPages> {
    const pageOptions = withDefaultPageSize(options);
    if (!isOwnUrl(connection, deltaLink)) {
        throw createBadResponseError(
            {operation: 'read', tableDisplayName: entity.displayName},
            `The delta link points outside ${connection.environmentUrl}.`,
        );
    }
    const firstPage = await getPageAsync(connection, deltaLink, entity, pageOptions);
    return followPagesAsync(connection, entity, firstPage, pageOptions);
}

/** Follows `@odata.nextLink` from the first page until the last page. */
async function followPagesAsync(
    connection: ClientConnection,
    entity: EntityRef,
    firstPage: EntityPage,
    options: RetrieveAllOptions,
): Promise<AllPages> {
    const rows: EntityRow[] = [];
    const seenLinks = new Set<string>();
    let page = firstPage;

    for (let pageCount = 1; ; pageCount += 1) {
        rows.push(...page.rows);
        options.onPage?.({pageCount, rowCount: rows.length});
        if (page.nextLink === null) {
            return {rows, deltaLink: page.deltaLink};
        }
        if (seenLinks.has(page.nextLink)) {
            throw createBadResponseError(
                {operation: 'read', tableDisplayName: entity.displayName},
                'Dynamics returned the same next-page link twice.',
            );
        }
        seenLinks.add(page.nextLink);
        page = await retrieveNextPageAsync(connection, entity, page.nextLink, options);
    }
}

async function getPageAsync(
    connection: ClientConnection,
    url: string,
    entity: EntityRef,
    options: RetrieveOptions,
): Promise<EntityPage> {
    const context = {operation: 'read', tableDisplayName: entity.displayName} as const;
    const prefer = buildPreferValues({
        maxPageSize: options.maxPageSize,
        includeAnnotations: options.includeAnnotations,
        trackChanges: options.trackChanges,
    });
    const response = await sendAsync(connection, 'GET', url, context, {
        prefer,
        signal: options.signal,
    });
    return readPage(response.body, context);
}

function withDefaultPageSize(options: RetrieveAllOptions): RetrieveAllOptions {
    return {...options, maxPageSize: options.maxPageSize ?? MAX_PAGE_SIZE};
}
