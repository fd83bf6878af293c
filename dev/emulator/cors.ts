/**
 * CORS headers as Dataverse sends them to a browser single-page app. The caller's origin is echoed,
 * preflights succeed without a token, and the headers a client needs to read are exposed.
 */
import type {ApiResponse} from './context';

const ALLOWED_METHODS = 'GET, POST, PATCH, PUT, DELETE, OPTIONS';
const ALLOWED_HEADERS = [
    'Authorization',
    'Accept',
    'Content-Type',
    'OData-Version',
    'OData-MaxVersion',
    'Prefer',
    'If-Match',
    'If-None-Match',
    'Consistency',
    'CallerObjectId',
    'MSCRM.SuppressDuplicateDetection',
    'MSCRM.BypassCustomPluginExecution',
    'MSCRM.BypassBusinessLogicExecution',
    'MSCRM.SolutionUniqueName',
].join(', ');
// NOTE: which headers Dataverse exposes is not documented; these are the ones clients read.
const EXPOSED_HEADERS = [
    'OData-EntityId',
    'OData-Version',
    'ETag',
    'Location',
    'Retry-After',
    'Preference-Applied',
    'WWW-Authenticate',
    'x-ms-ratelimit-burst-remaining-xrm-requests',
    'x-ms-ratelimit-time-remaining-xrm-requests',
].join(', ');
/** Seconds a browser may cache a preflight result. */
const PREFLIGHT_MAX_AGE_SECONDS = 3600;

/** Headers added to every response to a request that carried an `Origin`. */
export function corsHeaders(origin: string | undefined): Record<string, string> {
    if (origin === undefined) {
        return {};
    }
    return {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Expose-Headers': EXPOSED_HEADERS,
        Vary: 'Origin',
    };
}

export function preflightResponse(origin: string | undefined): ApiResponse {
    return {
        status: 200,
        headers: {
            ...corsHeaders(origin),
            'Access-Control-Allow-Methods': ALLOWED_METHODS,
            'Access-Control-Allow-Headers': ALLOWED_HEADERS,
            'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
        },
        body: '',
    };
}
