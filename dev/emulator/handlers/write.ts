/**
 * `POST <set>` (create) and `PATCH <set>(<id>)` (update or upsert). Without conditions a PATCH
 * creates a missing row and updates an existing one; `If-Match: *` or an ETag allows only an
 * update, `If-None-Match: *` only a create. Both return `204` with `OData-EntityId`, or with
 * `Prefer: return=representation` the row itself (`201` created, `200` updated).
 */
import {randomUUID} from 'node:crypto';

import {checkNoDuplicates, isDuplicateDetectionRequested} from '../duplicates';
import {ifMatchOf, ifNoneMatchOf, matchesEtag} from '../conditions';
import {
    emptyResponse,
    jsonResponse,
    type ApiRequest,
    type ApiResponse,
    type EmulatorContext,
} from '../context';
import type {ColumnValue, EntityDefinition, Row} from '../entities/types';
import {
    operationNotSupported,
    recordAlreadyExists,
    recordNotFound,
    versionMismatch,
} from '../errors';
import {entityIdUrl, hasColumn, preferenceApplied, preferencesOf} from '../representation';
import {resolveStateStatus} from '../stateStatus';
import {readPayload, validatePayload} from '../validation';
import {representRow} from './record';

function respondWritten(
    context: EmulatorContext,
    request: ApiRequest,
    entity: EntityDefinition,
    row: Row,
    isCreated: boolean,
): ApiResponse {
    const preferences = preferencesOf(request);
    const id = String(row[entity.primaryIdAttribute]);
    if (!preferences.returnRepresentation) {
        return emptyResponse(204, {'OData-EntityId': entityIdUrl(context, entity, id)});
    }
    const {body, headers} = representRow(context, request, entity, row, {
        preferences,
        isRead: false,
    });
    const applied = preferenceApplied(['return=representation']);
    return jsonResponse(isCreated ? 201 : 200, body, {...headers, ...applied});
}

function insertRow(
    context: EmulatorContext,
    request: ApiRequest,
    entity: EntityDefinition,
    id: string,
    changes: Readonly<Record<string, ColumnValue>>,
): Row {
    if (context.store.getIfExists(entity.logicalName, id) !== null) {
        throw recordAlreadyExists();
    }
    const values: Record<string, ColumnValue> = {...resolveStateStatus(entity, id, changes, null)};
    values[entity.primaryIdAttribute] = id;
    if (hasColumn(entity, 'ownerid') && values['ownerid'] === undefined) {
        values['ownerid'] = {logicalName: 'systemuser', id: request.callerId};
    }
    if (isDuplicateDetectionRequested(request)) {
        checkNoDuplicates(context, entity, {...values, statecode: 0});
    }
    return context.store.insert(entity.logicalName, values);
}

export function createRecord(
    context: EmulatorContext,
    request: ApiRequest,
    entity: EntityDefinition,
): ApiResponse {
    if (entity.isReadOnly) {
        throw operationNotSupported('Create', entity.logicalName);
    }
    const payload = readPayload(entity, request.body);
    const changes = validatePayload(context, entity, payload, 'create');
    const givenId = changes[entity.primaryIdAttribute];
    const id = typeof givenId === 'string' ? givenId : randomUUID();

    const row = insertRow(context, request, entity, id, changes);
    return respondWritten(context, request, entity, row, true);
}

export function upsertRecord(
    context: EmulatorContext,
    request: ApiRequest,
    entity: EntityDefinition,
    id: string,
): ApiResponse {
    if (entity.isReadOnly) {
        throw operationNotSupported('Update', entity.logicalName);
    }
    const existing = context.store.getIfExists(entity.logicalName, id);
    const ifMatch = ifMatchOf(request);
    if (ifMatch.kind !== 'none' && existing === null) {
        throw recordNotFound(entity.logicalName, id);
    }
    if (existing !== null && ifMatch.kind === 'etags' && !matchesEtag(ifMatch, existing)) {
        throw versionMismatch();
    }
    if (existing !== null && ifNoneMatchOf(request).kind === 'any') {
        throw recordAlreadyExists();
    }

    const payload = readPayload(entity, request.body);
    if (existing === null) {
        const changes = validatePayload(context, entity, payload, 'create');
        const row = insertRow(context, request, entity, id, {
            ...changes,
            [entity.primaryIdAttribute]: id,
        });
        return respondWritten(context, request, entity, row, true);
    }
    const changes = validatePayload(context, entity, payload, 'update');
    const resolved = resolveStateStatus(entity, id, changes, existing);
    if (isDuplicateDetectionRequested(request)) {
        checkNoDuplicates(context, entity, {...existing, ...resolved});
    }
    const row = context.store.update(entity.logicalName, id, resolved);
    return respondWritten(context, request, entity, row, false);
}
