/**
 * `GET <set>(<id>)` and `DELETE <set>(<id>)`. A conditional GET whose `If-None-Match` names the
 * current ETag returns `304`, except when annotations or expansions are requested, because the
 * Web API never returns 304 then. A DELETE with a stale `If-Match` is rejected with `412`, and a DELETE
 * follows the cascade rules of the row's relationships.
 */
import {applyDeletePlan, planDelete} from '../cascade';
import {ifMatchOf, ifNoneMatchOf, matchesEtag} from '../conditions';
import {
    emptyResponse,
    jsonResponse,
    type ApiRequest,
    type ApiResponse,
    type EmulatorContext,
} from '../context';
import type {EntityDefinition, Row} from '../entities/types';
import {operationNotSupported, recordNotFound, versionMismatch} from '../errors';
import {parseQueryOptions} from '../odata/queryOptions';
import type {Preferences} from '../prefer';
import {
    appliedAnnotations,
    contextUrl,
    preferenceApplied,
    preferencesOf,
    serializeOptionsFor,
} from '../representation';
import {expandRow, resolveExpands} from '../expansion';
import type {WireValue} from '../json';
import {etagOf, resolveSelection, serializeRow} from '../serialize';

/**
 * Builds the body and headers of one row, for reads and for `return=representation` writes.
 * Writes ignore `$expand`, as the Web API does for an update.
 */
export function representRow(
    context: EmulatorContext,
    request: ApiRequest,
    entity: EntityDefinition,
    row: Row,
    representation: {readonly preferences: Preferences; readonly isRead: boolean},
): {body: Record<string, WireValue>; headers: Record<string, string>} {
    const options = parseQueryOptions(request.url.searchParams, ['$select', '$expand']);
    const expand = representation.isRead ? options.expand : [];
    const selection = resolveSelection(entity, options.select);
    const expands = resolveExpands(context, entity, expand);
    const serializeOptions = serializeOptionsFor(context, representation.preferences);
    const body = {
        '@odata.context': contextUrl(context, entity, options.select, true, expand),
        ...serializeRow(entity, row, selection, serializeOptions),
        ...expandRow(context, entity, row, expands, serializeOptions),
    };
    return {body, headers: {ETag: etagOf(row)}};
}

export function getRecord(
    context: EmulatorContext,
    request: ApiRequest,
    entity: EntityDefinition,
    id: string,
): ApiResponse {
    const row = context.store.getIfExists(entity.logicalName, id);
    if (row === null) {
        throw recordNotFound(entity.logicalName, id);
    }
    const preferences = preferencesOf(request);
    const representation = representRow(context, request, entity, row, {preferences, isRead: true});

    // The Web API never returns 304 when annotations or expansions are requested.
    const isConditional =
        preferences.includeAnnotations === null && !request.url.searchParams.has('$expand');
    if (isConditional && matchesEtag(ifNoneMatchOf(request), row)) {
        return emptyResponse(304, {ETag: etagOf(row)});
    }
    const applied = preferenceApplied([appliedAnnotations(preferences)]);
    return jsonResponse(200, representation.body, {...representation.headers, ...applied});
}

export function deleteRecord(
    context: EmulatorContext,
    request: ApiRequest,
    entity: EntityDefinition,
    id: string,
): ApiResponse {
    if (entity.isReadOnly) {
        throw operationNotSupported('Delete', entity.logicalName);
    }
    const row = context.store.getIfExists(entity.logicalName, id);
    if (row === null) {
        throw recordNotFound(entity.logicalName, id);
    }
    const ifMatch = ifMatchOf(request);
    if (ifMatch.kind !== 'none' && !matchesEtag(ifMatch, row)) {
        throw versionMismatch();
    }
    const plan = planDelete(context.store, context.registry, {logicalName: entity.logicalName, id});
    applyDeletePlan(context.store, plan);
    return emptyResponse(204);
}
