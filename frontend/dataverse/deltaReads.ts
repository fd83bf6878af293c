/**
 * Reads a table through Dataverse change tracking: every row with `Prefer: odata.track-changes`
 * the first time, then only what changed since the delta link the last read returned. Falls back
 * to a full read when the link has expired or the table has no change tracking.
 */
import {parseGuidIfValid, type Guid} from '../sync/ids';
import type {EntityRef} from '../sync/mapping';
import type {ChangesResult, DataverseRecord} from '../sync/ports';
import type {AllPages, DataverseClient} from './dataverseClient';
import {createBadResponseError, DataverseError} from './errors';
import {getStringIfExists, type JsonObject} from './json';
import {MAX_PAGE_SIZE} from './odata';
import {READ_ANNOTATIONS, toDataverseRecord} from './records';
import type {DefinitionCache} from './referencingRecords';

/** The end of the `@odata.context` of a delta item that reports a deleted row. */
const DELETED_ENTITY_CONTEXT_SUFFIX = '/$deletedEntity';

/**
 * 4xx statuses that the request does not cause: the sign-in failed, or service protection kept
 * throttling after every retry.
 */
const STATUSES_NOT_ABOUT_THE_REQUEST: ReadonlySet<number> = new Set([401, 429]);

/**
 * Reads the changes since `deltaLink`, or every row when there is no usable link. The common path
 * is one request per page: a link exists only for a table with change tracking, so it is requested
 * directly, and a first read requests change tracking without reading the table definition.
 */
export async function readChangesAsync(
    client: DataverseClient,
    definitions: DefinitionCache,
    entity: EntityRef,
    columns: readonly string[],
    deltaLink: string | null,
): Promise<ChangesResult> {
    if (deltaLink !== null && canUseDeltaLink(client, entity, columns, deltaLink)) {
        const changes = await readDeltaIfValidAsync(client, entity, columns, deltaLink);
        if (changes !== null) {
            return changes;
        }
    }

    const tracked = await readAllTrackedIfEnabledAsync(client, definitions, entity, columns);
    if (tracked !== null) {
        return {
            kind: 'all',
            records: toRecords(entity, columns, tracked.rows),
            deltaLink: tracked.deltaLink,
            fallbackReason: deltaLink === null ? null : 'linkExpired',
        };
    }
    const pages = await readAllPagesAsync(client, entity, columns, {isTracking: false});
    return {
        kind: 'all',
        records: toRecords(entity, columns, pages.rows),
        deltaLink: null,
        fallbackReason: deltaLink === null ? null : 'notTracked',
    };
}

/**
 * Reads every row with change tracking, or returns null when the table has none. Dynamics rejects
 * `Prefer: odata.track-changes` on such a table, but the status and code of that rejection are
 * undocumented and shared with other query errors, so a rejected read counts as "not tracked"
 * only when the table definition confirms it. A definition this side has already read skips the
 * rejected request.
 */
async function readAllTrackedIfEnabledAsync(
    client: DataverseClient,
    definitions: DefinitionCache,
    entity: EntityRef,
    columns: readonly string[],
): Promise<AllPages | null> {
    if (definitions.getDefinitionIfExists(entity.logicalName)?.isChangeTrackingEnabled === false) {
        return null;
    }

    try {
        return await readAllPagesAsync(client, entity, columns, {isTracking: true});
    } catch (error) {
        if (!isRejectedRequestError(error)) {
            throw error;
        }
        const definition = await definitions.getDefinitionAsync(entity.logicalName);
        if (definition.isChangeTrackingEnabled === false) {
            return null;
        }
        throw error;
    }
}

/**
 * Returns whether the link can give the changes of these columns. A link of another environment
 * is never requested, because the request would carry the user's token. A link issued for other
 * columns would return rows without the columns requested now, so both count as expired.
 */
function canUseDeltaLink(
    client: DataverseClient,
    entity: EntityRef,
    columns: readonly string[],
    deltaLink: string,
): boolean {
    let url: URL;
    try {
        url = new URL(deltaLink);
    } catch {
        return false;
    }
    if (url.origin !== client.environmentUrl || !url.searchParams.has('$deltatoken')) {
        return false;
    }
    const linkColumns = new Set((url.searchParams.get('$select') ?? '').split(','));
    const requested = new Set(selectedColumns(entity, columns));
    return (
        linkColumns.size === requested.size &&
        [...requested].every(column => linkColumns.has(column))
    );
}

/**
 * Reads the changes behind the link, or returns null when Dynamics rejects the link. The status
 * for an expired or damaged delta token is undocumented, so any 4xx that is not about the sign-in
 * or throttling counts as an expired link.
 */
async function readDeltaIfValidAsync(
    client: DataverseClient,
    entity: EntityRef,
    columns: readonly string[],
    deltaLink: string,
): Promise<ChangesResult | null> {
    let pages: AllPages;
    try {
        pages = await client.retrieveChangesAsync(entity, deltaLink, {
            maxPageSize: MAX_PAGE_SIZE,
            includeAnnotations: READ_ANNOTATIONS,
        });
    } catch (error) {
        if (isRejectedRequestError(error)) {
            return null;
        }
        throw error;
    }
    if (pages.deltaLink === null) {
        throw createBadResponseError(
            {operation: 'read', tableDisplayName: entity.displayName},
            'The last page of changes came back without an @odata.deltaLink.',
        );
    }

    const changed: DataverseRecord[] = [];
    const removedIds: Guid[] = [];
    for (const row of pages.rows) {
        if (isDeletedEntity(row)) {
            removedIds.push(readDeletedId(entity, row));
        } else {
            changed.push(toDataverseRecord(entity, columns, row));
        }
    }
    return {kind: 'changes', changed, removedIds, deltaLink: pages.deltaLink};
}

/** Returns whether Dynamics rejected the request itself, not the sign-in or the request rate. */
function isRejectedRequestError(error: unknown): boolean {
    if (!(error instanceof DataverseError) || error.httpStatus === null) {
        return false;
    }
    const status = error.httpStatus;
    return status >= 400 && status < 500 && !STATUSES_NOT_ABOUT_THE_REQUEST.has(status);
}

function isDeletedEntity(row: JsonObject): boolean {
    const context = getStringIfExists(row, '@odata.context');
    return context !== null && context.endsWith(DELETED_ENTITY_CONTEXT_SUFFIX);
}

function readDeletedId(entity: EntityRef, row: JsonObject): Guid {
    const id = parseGuidIfValid(getStringIfExists(row, 'id') ?? '');
    if (id === null) {
        throw createBadResponseError(
            {operation: 'read', tableDisplayName: entity.displayName},
            'A deleted row in the changes has no valid id.',
        );
    }
    return id;
}

/** Reads every row in pages of the maximum size, tracking changes when asked. */
export async function readAllPagesAsync(
    client: DataverseClient,
    entity: EntityRef,
    columns: readonly string[],
    options: {readonly isTracking: boolean},
): Promise<AllPages> {
    return client.retrieveAllPagesAsync(
        entity,
        {select: selectedColumns(entity, columns)},
        {
            maxPageSize: MAX_PAGE_SIZE,
            includeAnnotations: READ_ANNOTATIONS,
            trackChanges: options.isTracking,
        },
    );
}

function selectedColumns(entity: EntityRef, columns: readonly string[]): string[] {
    return [...new Set([entity.primaryIdAttribute, ...columns])];
}

export function toRecords(
    entity: EntityRef,
    columns: readonly string[],
    rows: readonly JsonObject[],
): DataverseRecord[] {
    return rows.map(row => toDataverseRecord(entity, columns, row));
}
