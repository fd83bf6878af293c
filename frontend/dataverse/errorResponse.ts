/**
 * Turns a failed Dataverse response into a `DataverseErrorCode`. Dynamics' hex codes are "not
 * related to the http status code and frequently empty" (Compose HTTP requests and handle errors,
 * Microsoft Learn, 2023), so the HTTP status decides first and a known hex code only refines it.
 */
import type {DataverseErrorCode} from './errors';
import {isJsonObject} from './json';

/** CannotDeleteDueToAssociation: a Restrict relationship blocks the delete. */
const RESTRICTED_DELETE_CODE = '0x80040227';
/** DuplicateRecordsFound: a duplicate detection rule matched (answered with HTTP 500). */
const DUPLICATE_DETECTED_CODE = '0x80040333';
/** ODataClientPayloadError and the OData URL error: the request itself is malformed. */
const MALFORMED_REQUEST_CODES: ReadonlySet<string> = new Set(['0x80048d19', '0x80060888']);

export interface DataverseErrorBody {
    readonly code: string | null;
    readonly message: string | null;
}

/** Reads `{"error":{"code","message"}}`; any other shape gives nulls. */
export function parseErrorBody(body: unknown): DataverseErrorBody {
    const error = isJsonObject(body) ? body.error : undefined;
    if (!isJsonObject(error)) {
        return {code: null, message: null};
    }
    const code = typeof error.code === 'string' && error.code !== '' ? error.code : null;
    const message = typeof error.message === 'string' ? error.message : null;
    return {code: code?.toLowerCase() ?? null, message};
}

/**
 * Returns the error code for a response status. `isCreateOnly` is true when the request carried
 * `If-None-Match: *`, the only case in which `412` means the row already exists.
 */
export function classifyHttpStatus(
    status: number,
    dataverseCode: string | null,
    options: {readonly isCreateOnly: boolean},
): DataverseErrorCode {
    if (dataverseCode !== null && MALFORMED_REQUEST_CODES.has(dataverseCode)) {
        return 'invalidRequest';
    }
    switch (status) {
        case 400:
            return 'validation';
        case 401:
            return 'unauthorized';
        case 403:
            return 'forbidden';
        case 404:
            return 'notFound';
        case 405:
            return dataverseCode === RESTRICTED_DELETE_CODE ? 'deleteRestricted' : 'invalidRequest';
        case 412:
            return options.isCreateOnly ? 'alreadyExists' : 'versionMismatch';
        case 429:
            return 'throttled';
        case 500:
            return dataverseCode === DUPLICATE_DETECTED_CODE ? 'duplicateDetected' : 'serverError';
        case 502:
        case 503:
        case 504:
            return 'unavailable';
        default:
            return status >= 500 ? 'serverError' : 'invalidRequest';
    }
}
