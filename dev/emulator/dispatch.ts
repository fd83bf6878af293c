/**
 * Routes an authenticated API request to its handler and turns a thrown `DataverseError` into
 * Dataverse's error response. Methods a route does not allow get `405`, as on the real service.
 */
import {
    API_PATH,
    errorResponse,
    type ApiRequest,
    type ApiResponse,
    type EmulatorContext,
} from './context';
import {DataverseError, ERROR_CODES, segmentNotFound} from './errors';
import {handleBatch} from './batch/handler';
import {getCollection, getCount} from './handlers/collection';
import {
    getAttribute,
    getAttributes,
    getEntityDefinition,
    getEntityDefinitions,
    getOptionSet,
} from './handlers/metadata';
import {handleCloseAction} from './handlers/opportunityActions';
import {handleProperty, handleReference} from './handlers/property';
import {getTotalRecordCount} from './handlers/recordCount';
import {deleteRecord, getRecord} from './handlers/record';
import {getRelationships} from './handlers/relationships';
import {getWhoAmI} from './handlers/whoAmI';
import {createRecord, upsertRecord} from './handlers/write';
import {createAnnotationMatcher, parsePreferences} from './prefer';
import {routeApiPath, type Route} from './router';

function methodNotAllowed(method: string): DataverseError {
    return new DataverseError(
        405,
        ERROR_CODES.queryError,
        `The HTTP method '${method}' is not allowed for this resource.`,
    );
}

function requireMethod(method: string, allowed: readonly string[]): void {
    if (!allowed.includes(method)) {
        throw methodNotAllowed(method);
    }
}

function assertNever(value: never): never {
    throw new Error(`Unhandled route: ${JSON.stringify(value)}`);
}

function handleRoute(context: EmulatorContext, request: ApiRequest, route: Route): ApiResponse {
    const {method} = request;
    switch (route.kind) {
        case 'whoAmI':
            requireMethod(method, ['GET']);
            return getWhoAmI(context, request);
        case 'batch':
            requireMethod(method, ['POST']);
            return handleBatch(context, request, inner => dispatch(context, inner));
        case 'totalRecordCount':
            requireMethod(method, ['GET']);
            return getTotalRecordCount(context, request, route.entityNames);
        case 'closeOpportunity':
            requireMethod(method, ['POST']);
            return handleCloseAction(context, request, route.action);
        case 'collection':
            requireMethod(method, ['GET', 'POST']);
            return method === 'GET'
                ? getCollection(context, request, route.entity)
                : createRecord(context, request, route.entity);
        case 'count':
            requireMethod(method, ['GET']);
            return getCount(context, request, route.entity);
        case 'record':
            requireMethod(method, ['GET', 'PATCH', 'DELETE']);
            return handleRecord(context, request, route);
        case 'property':
            requireMethod(method, ['GET', 'PUT', 'DELETE']);
            return handleProperty(context, request, route);
        case 'reference':
            requireMethod(method, ['PUT', 'DELETE']);
            return handleReference(context, request, route);
        case 'entityDefinitions':
            requireMethod(method, ['GET']);
            return getEntityDefinitions(context, request);
        case 'entityDefinition':
            requireMethod(method, ['GET']);
            return getEntityDefinition(context, request, route.key);
        case 'attributes':
            requireMethod(method, ['GET']);
            return getAttributes(context, request, route.entityKey, route.cast);
        case 'relationships':
            requireMethod(method, ['GET']);
            return getRelationships(context, request, route.entityKey, route.direction);
        case 'optionSet':
            requireMethod(method, ['GET']);
            return getOptionSet(context, request, route);
        case 'attribute':
            requireMethod(method, ['GET']);
            return getAttribute(context, request, route);
        default:
            return assertNever(route);
    }
}

function handleRecord(
    context: EmulatorContext,
    request: ApiRequest,
    route: Extract<Route, {kind: 'record'}>,
): ApiResponse {
    switch (request.method) {
        case 'PATCH':
            return upsertRecord(context, request, route.entity, route.id);
        case 'DELETE':
            return deleteRecord(context, request, route.entity, route.id);
        default:
            return getRecord(context, request, route.entity, route.id);
    }
}

export function dispatch(context: EmulatorContext, request: ApiRequest): ApiResponse {
    try {
        if (!request.url.pathname.startsWith(API_PATH)) {
            throw segmentNotFound(request.url.pathname.split('/').filter(Boolean).pop() ?? '');
        }
        const route = routeApiPath(request.url.pathname.slice(API_PATH.length), context.registry);
        return handleRoute(context, request, route);
    } catch (error) {
        if (error instanceof DataverseError) {
            const preferences = parsePreferences(request.headers['prefer']);
            return errorResponse(error, createAnnotationMatcher(preferences.includeAnnotations));
        }
        throw error;
    }
}
