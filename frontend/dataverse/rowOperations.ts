/**
 * Requests on one row, addressed by its id: read, create, create-only upsert, update, upsert and
 * delete. A write with `select` returns the row's new version through `Prefer: return=representation`.
 */
import type {Guid} from '../sync/ids';
import type {EntityRef} from '../sync/mapping';
import type {
    ConditionalWriteOptions,
    EntityRow,
    RetrieveRowOptions,
    WriteOptions,
} from './clientOptions';
import {contextFor, sendAsync, type ClientConnection} from './clientConnection';
import {createBadResponseError, DataverseError, type DataverseErrorContext} from './errors';
import type {DataverseResponse, HttpMethod} from './http';
import {isJsonObject, type JsonObject} from './json';
import {buildPreferValues, buildQueryString, formatEntityPath} from './odata';
import {readWriteOutcome, type WriteOutcome} from './responses';

export async function retrieveIfExistsAsync(
    connection: ClientConnection,
    entity: EntityRef,
    id: Guid,
    options: RetrieveRowOptions,
): Promise<EntityRow | null> {
    try {
        return await retrieveAsync(connection, entity, id, options);
    } catch (error) {
        if (error instanceof DataverseError && error.code === 'notFound') {
            return null;
        }
        throw error;
    }
}

export async function retrieveAsync(
    connection: ClientConnection,
    entity: EntityRef,
    id: Guid,
    options: RetrieveRowOptions,
): Promise<EntityRow> {
    const context = contextFor('read', entity, id);
    const query = buildQueryString({select: options.select});
    const url = rowUrl(connection, entity, id) + query;
    const response = await sendAsync(connection, 'GET', url, context, {
        prefer: buildPreferValues({includeAnnotations: options.includeAnnotations}),
        signal: options.signal,
    });
    if (!isJsonObject(response.body)) {
        throw createBadResponseError(context, 'The row came back without a JSON object.');
    }
    return response.body;
}

export async function createAsync(
    connection: ClientConnection,
    entity: EntityRef,
    values: JsonObject,
    options: WriteOptions,
): Promise<WriteOutcome> {
    const context = contextFor('create', entity);
    const url =
        connection.apiRoot + entity.entitySetName + buildQueryString({select: options.select});
    const request: WriteRequest = {method: 'POST', url, context, values, headers: {}};
    const response = await sendWriteAsync(connection, request, options);
    return readWriteOutcome(response, entity, null, context);
}

export async function createWithIdAsync(
    connection: ClientConnection,
    entity: EntityRef,
    id: Guid,
    values: JsonObject,
    options: WriteOptions,
): Promise<WriteOutcome> {
    const context = contextFor('create', entity, id);
    const url = rowUrl(connection, entity, id) + buildQueryString({select: options.select});
    const headers = {'If-None-Match': '*'};
    const request: WriteRequest = {method: 'PATCH', url, context, values, headers};
    const response = await sendWriteAsync(connection, request, options);
    return readWriteOutcome(response, entity, id, context);
}

export async function updateAsync(
    connection: ClientConnection,
    entity: EntityRef,
    id: Guid,
    values: JsonObject,
    options: ConditionalWriteOptions,
): Promise<WriteOutcome> {
    const context = contextFor('update', entity, id);
    const url = rowUrl(connection, entity, id) + buildQueryString({select: options.select});
    const headers = {'If-Match': options.ifMatch ?? '*'};
    const request: WriteRequest = {method: 'PATCH', url, context, values, headers};
    const response = await sendWriteAsync(connection, request, options);
    return readWriteOutcome(response, entity, id, context);
}

export async function upsertAsync(
    connection: ClientConnection,
    entity: EntityRef,
    id: Guid,
    values: JsonObject,
    options: WriteOptions,
): Promise<WriteOutcome> {
    const context = contextFor('upsert', entity, id);
    const url = rowUrl(connection, entity, id) + buildQueryString({select: options.select});
    const request: WriteRequest = {method: 'PATCH', url, context, values, headers: {}};
    const response = await sendWriteAsync(connection, request, options);
    return readWriteOutcome(response, entity, id, context);
}

export async function deleteAsync(
    connection: ClientConnection,
    entity: EntityRef,
    id: Guid,
    options: {readonly ifMatch?: string; readonly signal?: AbortSignal},
): Promise<void> {
    const headers: Record<string, string> =
        options.ifMatch === undefined ? {} : {'If-Match': options.ifMatch};
    const url = rowUrl(connection, entity, id);
    await sendAsync(connection, 'DELETE', url, contextFor('delete', entity, id), {
        headers,
        signal: options.signal,
    });
}

/** A write request: the method, the row or collection URL, the new values and extra headers. */
interface WriteRequest {
    readonly method: HttpMethod;
    readonly url: string;
    readonly context: DataverseErrorContext;
    readonly values: JsonObject;
    readonly headers: Readonly<Record<string, string>>;
}

async function sendWriteAsync(
    connection: ClientConnection,
    request: WriteRequest,
    options: WriteOptions,
): Promise<DataverseResponse> {
    const prefer = buildPreferValues({returnRepresentation: options.select !== undefined});
    return sendAsync(connection, request.method, request.url, request.context, {
        body: request.values,
        headers: request.headers,
        prefer,
        signal: options.signal,
    });
}

function rowUrl(connection: ClientConnection, entity: EntityRef, id: Guid): string {
    return connection.apiRoot + formatEntityPath(entity.entitySetName, id);
}
