/** Options of `DataverseClient` and of its read and write methods. */
import type {Clock} from '../sync/ports';
import type {FetchFunction, HttpLogger} from './http';
import type {JsonObject} from './json';
import type {RetryPolicy} from './retryPolicy';
import type {TokenProvider} from './tokenProvider';

export interface DataverseClientOptions {
    /** The environment URL, such as `https://contoso.crm.dynamics.com` or `http://127.0.0.1:5555`. */
    readonly environmentUrl: string;
    readonly tokenProvider: TokenProvider;
    /** Defaults to the global `fetch`. */
    readonly fetch?: FetchFunction;
    /** Defaults to the system clock. Tests pass a fake one. */
    readonly clock?: Clock;
    /** Maximum requests in flight across all calls of this client, 8 by default. */
    readonly maxConcurrentRequests?: number;
    readonly retryPolicy?: RetryPolicy;
    readonly random?: () => number;
    readonly logger?: HttpLogger;
}

/** One row as Dataverse returns it: column values, annotations and `@odata.etag`. */
export type EntityRow = JsonObject;

export interface RetrieveOptions {
    /** Rows per page, at most 5000 (the default). */
    readonly maxPageSize?: number;
    /** Annotations to include, such as `OData.Community.Display.V1.FormattedValue`, or `*`. */
    readonly includeAnnotations?: readonly string[];
    /** Sends `Prefer: odata.track-changes`, so the last page carries an `@odata.deltaLink`. */
    readonly trackChanges?: boolean;
    readonly signal?: AbortSignal;
}

/** Options of a single-row read: the columns to return and the read options. */
export type RetrieveRowOptions = {readonly select?: readonly string[]} & RetrieveOptions;

export interface RetrieveAllOptions extends RetrieveOptions {
    /** Called after each page with the totals so far, for progress display. */
    readonly onPage?: (progress: {readonly pageCount: number; readonly rowCount: number}) => void;
}

export interface WriteOptions {
    /**
     * Columns to return with `Prefer: return=representation`, so the row and its new version come
     * back in the response. Without it the version is known only if Dynamics sends an `ETag` header.
     */
    readonly select?: readonly string[];
    readonly signal?: AbortSignal;
}

export interface ConditionalWriteOptions extends WriteOptions {
    /** Sent as `If-Match`: a row version such as `W/"1200503"`, or `*` for any existing row. */
    readonly ifMatch?: string;
}
