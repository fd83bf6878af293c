/**
 * The state the request modules of one `DataverseClient` share: the environment's addresses and
 * the HTTP pipeline that retries, refreshes the token and bounds concurrency for all of them.
 */
import type {Guid} from '../sync/ids';
import type {EntityRef} from '../sync/mapping';
import type {DataverseErrorContext, DataverseOperation} from './errors';
import type {DataverseHttp, DataverseRequest, DataverseResponse, HttpMethod} from './http';

export interface ClientConnection {
    /** Origin of the environment, such as `https://contoso.crm.dynamics.com`. */
    readonly environmentUrl: string;
    /** Web API root with a trailing slash, such as `…/api/data/v9.2/`. */
    readonly apiRoot: string;
    readonly http: DataverseHttp;
}

export async function sendAsync(
    connection: ClientConnection,
    method: HttpMethod,
    url: string,
    context: DataverseErrorContext,
    extra: Pick<DataverseRequest, 'body' | 'headers' | 'prefer' | 'signal'>,
): Promise<DataverseResponse> {
    return connection.http.sendAsync({method, url, context, ...extra});
}

/** Returns whether the URL points to this environment, so the token may be sent to it. */
export function isOwnUrl(connection: ClientConnection, url: string): boolean {
    try {
        return new URL(url).origin === connection.environmentUrl;
    } catch {
        return false;
    }
}

export function contextFor(
    operation: DataverseOperation,
    entity: EntityRef,
    recordId?: Guid,
): DataverseErrorContext {
    return {operation, tableDisplayName: entity.displayName, recordId};
}
