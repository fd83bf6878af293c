/**
 * The `concurrentEdit` fault: another user saves the row a request addresses just before the
 * request is handled. The save takes a new version and `modifiedon`, as any update does, so an
 * `If-Match` with the version the client read before fails with `412`.
 */
import {API_PATH, type EmulatorContext} from './context';
import {DataverseError} from './errors';
import {routeApiPath} from './router';

/** Updates the addressed row without changing a value. Does nothing when no row is addressed. */
export function applyConcurrentEdit(context: EmulatorContext, url: URL): void {
    if (!url.pathname.startsWith(API_PATH)) {
        return;
    }
    let route;
    try {
        route = routeApiPath(url.pathname.slice(API_PATH.length), context.registry);
    } catch (error) {
        if (error instanceof DataverseError) {
            return;
        }
        throw error;
    }
    if (route.kind !== 'record' && route.kind !== 'property' && route.kind !== 'reference') {
        return;
    }
    if (context.store.getIfExists(route.entity.logicalName, route.id) !== null) {
        context.store.update(route.entity.logicalName, route.id, {});
    }
}
