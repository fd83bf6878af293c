/** Readers for the bodies and headers of Dataverse responses, narrowed from `unknown`. */
import {parseGuidIfValid, type Guid} from '../sync/ids';
import type {EntityRef} from '../sync/mapping';
import {createBadResponseError, type DataverseErrorContext} from './errors';
import type {DataverseResponse} from './http';
import {getStringIfExists, isJsonObject, type JsonObject} from './json';
import {getEtagIfExists, parseEntityIdIfValid} from './odata';

export interface EntityPage {
    readonly rows: JsonObject[];
    /** The link to the next page, to be requested unchanged, or null on the last page. */
    readonly nextLink: string | null;
    /** The link to read later changes with, on the last page of a read that tracks changes. */
    readonly deltaLink: string | null;
}

export interface WriteOutcome {
    readonly id: Guid;
    /** The row's new `@odata.etag`, when the response carried one. */
    readonly version: string | null;
    /** The row as returned with `Prefer: return=representation`, else null. */
    readonly row: JsonObject | null;
    /** For upserts: true for `201 Created`, false for `200 OK`, null when `204` does not tell. */
    readonly wasCreated: boolean | null;
}

export interface WhoAmI {
    readonly userId: Guid;
    readonly businessUnitId: Guid;
    readonly organizationId: Guid;
}

/** Reads a collection page: its `value` rows and `@odata.nextLink`. */
export function readPage(body: unknown, context: DataverseErrorContext): EntityPage {
    const items = isJsonObject(body) ? body.value : undefined;
    if (!isJsonObject(body) || !Array.isArray(items)) {
        throw createBadResponseError(context, 'The page came back without a value array.');
    }
    const rows = items.filter(isJsonObject);
    if (rows.length !== items.length) {
        throw createBadResponseError(context, 'The page contains an entry that is not an object.');
    }
    return {
        rows,
        nextLink: getStringIfExists(body, '@odata.nextLink'),
        deltaLink: getStringIfExists(body, '@odata.deltaLink'),
    };
}

/**
 * Reads the result of a create, update or upsert. The id comes from `OData-EntityId`, else from
 * the returned row's primary id column, else from the id the request addressed (`knownId`).
 */
export function readWriteOutcome(
    response: DataverseResponse,
    entity: EntityRef,
    knownId: Guid | null,
    context: DataverseErrorContext,
): WriteOutcome {
    const row = isJsonObject(response.body) ? response.body : null;
    const id =
        parseEntityIdIfValid(response.headers.get('OData-EntityId'))?.id ??
        parseGuidIfValid(
            row === null ? '' : (getStringIfExists(row, entity.primaryIdAttribute) ?? ''),
        ) ??
        knownId;
    if (id === null) {
        throw createBadResponseError(
            context,
            'The response names no id: it has neither an OData-EntityId header nor the primary id column.',
        );
    }

    const version = (row === null ? null : getEtagIfExists(row)) ?? response.headers.get('ETag');
    return {id, version, row, wasCreated: readWasCreated(response.status)};
}

function readWasCreated(status: number): boolean | null {
    if (status === 201) {
        return true;
    }
    return status === 200 ? false : null;
}

/** Reads a `WhoAmI` response, or returns null when an id is missing or not a GUID. */
export function parseWhoAmIIfValid(body: unknown): WhoAmI | null {
    if (!isJsonObject(body)) {
        return null;
    }
    const userId = parseGuidIfValid(getStringIfExists(body, 'UserId') ?? '');
    const businessUnitId = parseGuidIfValid(getStringIfExists(body, 'BusinessUnitId') ?? '');
    const organizationId = parseGuidIfValid(getStringIfExists(body, 'OrganizationId') ?? '');
    if (userId === null || businessUnitId === null || organizationId === null) {
        return null;
    }
    return {userId, businessUnitId, organizationId};
}
