/**
 * `GET <set>(<id>)` and `DELETE <set>(<id>)`. A conditional GET whose `If-None-Match` names the
 * current ETag returns `304`, except when annotations are requested, because the Web API never
 * returns 304 then. A DELETE with a stale `If-Match` is rejected with `412`, and a DELETE
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
import {etagOf, resolveSelection, serializeRow} from '../serialize';

/** Builds the body and headers of one row, for reads and for `return=representation` writes. */
export function representRow(
    context: EmulatorContext,
    request: ApiRequest,
    entity: EntityDefinition,
    row: Row,
    preferences: Preferences,
): {body: ReturnType<typeof serializeRow>; headers: Record<string, string>} {
    const options = parseQueryOptions(request.url.searchParams, ['$select']);
    const selection = resolveSelection(entity, options.select);
    const body = {
        '@odata.context': contextUrl(context, entity, options.select, true),
        ...serializeRow(entity, row, selection, serializeOptionsFor(context, preferences)),
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
    const representation = representRow(context, request, entity, row, preferences);

    const isConditional = preferences.includeAnnotations === null;
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
