/**
 * The request and response types handlers work with. Handlers never touch sockets: they map an
 * `ApiRequest` to an `ApiResponse`, so the same code can serve plain requests and, later, the
 * parts of a `$batch`.
 */
import type {EntityRegistry} from './entities/registry';
import {errorBody, type DataverseError} from './errors';
import type {FaultQueue} from './faults';
import {writeJson, type WireValue} from './json';
import type {EmulatorStore} from './store';

/** The Web API version the emulator serves, as it appears in URLs and `@odata.context`. */
export const API_VERSION = 'v9.2';
export const API_PATH = `/api/data/${API_VERSION}/`;

export const JSON_CONTENT_TYPE = 'application/json; odata.metadata=minimal';

export interface ApiRequest {
    readonly method: string;
    readonly url: URL;
    /** Header values by lower-case name; repeated headers joined with ", ". */
    readonly headers: Readonly<Record<string, string | undefined>>;
    readonly body: string;
    /** The `systemuserid` of the authenticated caller. */
    readonly callerId: string;
}

export interface ApiResponse {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
}

export interface EmulatorContext {
    readonly store: EmulatorStore;
    readonly registry: EntityRegistry;
    /** The environment URL without a trailing slash, such as `http://127.0.0.1:7071`. */
    readonly environmentUrl: string;
    /** Faults queued by tests, which the `$batch` handler applies to the requests inside it. */
    readonly faults: FaultQueue;
    /** The requests inside `$batch` requests, in the order they were handled. */
    readonly batchPartLog: BatchPartLogEntry[];
}

/** One request inside a `$batch`, as the emulator handled it. */
export interface BatchPartLogEntry {
    readonly method: string;
    /** The request path with its query string. */
    readonly path: string;
    readonly status: number;
}

/** Returns the service root, such as `http://127.0.0.1:7071/api/data/v9.2/`. */
export function serviceRoot(context: EmulatorContext): string {
    return `${context.environmentUrl}${API_PATH}`;
}

export function jsonResponse(
    status: number,
    body: WireValue,
    headers: Readonly<Record<string, string>> = {},
): ApiResponse {
    return {
        status,
        headers: {'OData-Version': '4.0', 'Content-Type': JSON_CONTENT_TYPE, ...headers},
        body: writeJson(body),
    };
}

export function emptyResponse(
    status: number,
    headers: Readonly<Record<string, string>> = {},
): ApiResponse {
    return {status, headers: {'OData-Version': '4.0', ...headers}, body: ''};
}

export function errorResponse(
    error: DataverseError,
    shouldInclude?: (annotationTerm: string) => boolean,
): ApiResponse {
    return jsonResponse(error.status, errorBody(error, shouldInclude));
}
