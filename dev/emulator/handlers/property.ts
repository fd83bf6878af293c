/**
 * Single-column operations on a row: `GET <set>(<id>)/<column>` returns `{"value": …}`,
 * `PUT` with `{"value": …}` sets the column, `DELETE` clears it, and `PUT` or `DELETE` on
 * `<set>(<id>)/<navigation>/$ref` sets or clears a lookup. All writes return `204`.
 */
import {
    emptyResponse,
    jsonResponse,
    serviceRoot,
    type ApiRequest,
    type ApiResponse,
    type EmulatorContext,
} from '../context';
import {getAttributeByWireNameIfExists} from '../entities/registry';
import {isLookupAttribute, type EntityDefinition, type Row} from '../entities/types';
import {operationNotSupported, payloadError, recordNotFound, segmentNotFound} from '../errors';
import {serializeRow} from '../serialize';
import {createFormatLookups} from '../representation';
import {readPayload, validatePayload} from '../validation';

function getRow(context: EmulatorContext, entity: EntityDefinition, id: string): Row {
    const row = context.store.getIfExists(entity.logicalName, id);
    if (row === null) {
        throw recordNotFound(entity.logicalName, id);
    }
    return row;
}

function checkWritable(entity: EntityDefinition): void {
    if (entity.isReadOnly) {
        throw operationNotSupported('Update', entity.logicalName);
    }
}

function isNavigationProperty(entity: EntityDefinition, name: string): boolean {
    return entity.attributes.some(
        attribute =>
            isLookupAttribute(attribute) &&
            attribute.navigationProperties.some(property => property.name === name),
    );
}

function readValueBody(entity: EntityDefinition, body: string): unknown {
    const payload = readPayload(entity, body);
    if (!('value' in payload)) {
        throw payloadError(
            entity.entitySetName,
            'A single-property PUT needs a body of the form {"value": …}.',
        );
    }
    return payload['value'];
}

export function handleProperty(
    context: EmulatorContext,
    request: ApiRequest,
    route: {readonly entity: EntityDefinition; readonly id: string; readonly property: string},
): ApiResponse {
    const {entity, id, property} = route;
    const row = getRow(context, entity, id);
    const attribute = getAttributeByWireNameIfExists(entity, property);
    if (attribute === null) {
        throw segmentNotFound(property);
    }

    switch (request.method) {
        case 'GET': {
            const serialized = serializeRow(entity, row, [attribute], {
                shouldInclude: () => false,
                lookups: createFormatLookups(context),
            });
            return jsonResponse(200, {
                '@odata.context': `${serviceRoot(context)}$metadata#${entity.entitySetName}(${id})/${property}`,
                value: serialized[property] ?? null,
            });
        }
        case 'PUT': {
            checkWritable(entity);
            const changes = validatePayload(
                context,
                entity,
                {[property]: readValueBody(entity, request.body)},
                'update',
            );
            context.store.update(entity.logicalName, id, changes);
            return emptyResponse(204);
        }
        default: {
            checkWritable(entity);
            const changes = validatePayload(context, entity, {[property]: null}, 'update');
            context.store.update(entity.logicalName, id, changes);
            return emptyResponse(204);
        }
    }
}

function readReferenceBody(entity: EntityDefinition, body: string): unknown {
    const payload = readPayload(entity, body);
    const target = payload['@odata.id'];
    if (typeof target !== 'string') {
        throw payloadError(
            entity.entitySetName,
            'A $ref PUT needs a body of the form {"@odata.id": "accounts(<id>)"}.',
        );
    }
    return target;
}

export function handleReference(
    context: EmulatorContext,
    request: ApiRequest,
    route: {
        readonly entity: EntityDefinition;
        readonly id: string;
        readonly navigationProperty: string;
    },
): ApiResponse {
    const {entity, id, navigationProperty} = route;
    checkWritable(entity);
    getRow(context, entity, id);
    if (!isNavigationProperty(entity, navigationProperty)) {
        throw segmentNotFound(navigationProperty);
    }
    const target = request.method === 'PUT' ? readReferenceBody(entity, request.body) : null;
    const changes = validatePayload(
        context,
        entity,
        {[`${navigationProperty}@odata.bind`]: target},
        'update',
    );
    context.store.update(entity.logicalName, id, changes);
    return emptyResponse(204);
}
