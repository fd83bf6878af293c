/**
 * Translation of msal-browser errors into the extension's `AuthError` codes. msal-browser 5
 * replaces `error.message` with a link, so the translation reads only `errorCode`, `subError`
 * and the AADSTS number of server errors.
 */
import {AuthError, AuthErrorCode, isAuthError} from './authErrors';

/** Whether the failed call was a silent token request or a popup the user opened. */
export type AuthPhase = 'silent' | 'popup';

interface MsalErrorFields {
    readonly errorCode: string;
    readonly subError: string;
    /** The AADSTS number from Microsoft Entra, such as `65001`, or null. */
    readonly serverErrorNumber: string | null;
}

// AADSTS numbers with a meaning of their own, from Microsoft Entra's error code reference.
const SERVER_ERROR_CODES: Readonly<Record<string, AuthErrorCode>> = {
    // The user or administrator has not consented to use the application.
    '65001': 'consentRequired',
    // An administrator must approve the permissions the application requests.
    '90094': 'consentRequired',
    // The user declined to consent.
    '65004': 'userCancelled',
    // Cross-origin token redemption is permitted only for the 'Single-Page Application' type.
    '9002326': 'cors',
    // The redirect URI is not registered for the application.
    '50011': 'invalidSettings',
    // The application is not found in the directory.
    '700016': 'invalidSettings',
    // The tenant is not found.
    '90002': 'invalidSettings',
    // A single-tenant application was asked to sign in through /common.
    '50194': 'invalidSettings',
};

const CODES_BY_MSAL_ERROR: Readonly<Record<string, AuthErrorCode>> = {
    popup_window_error: 'popupBlocked',
    empty_window_error: 'popupBlocked',
    user_cancelled: 'userCancelled',
    user_canceled: 'userCancelled',
    access_denied: 'userCancelled',
    interaction_in_progress: 'interactionInProgress',
    interaction_in_progress_cancelled: 'interactionInProgress',
    no_network_connectivity: 'network',
    post_request_failed: 'network',
    get_request_failed: 'network',
    network_error: 'network',
    endpoints_resolution_error: 'invalidSettings',
    openid_config_error: 'invalidSettings',
    untrusted_authority: 'invalidSettings',
    authority_uri_insecure: 'invalidSettings',
    url_parse_error: 'invalidSettings',
    issuer_validation_failed: 'invalidSettings',
    invalid_client: 'invalidSettings',
    unauthorized_client: 'invalidSettings',
};

// Errors after which only a new interactive sign-in helps.
const INTERACTION_REQUIRED_CODES: ReadonlySet<string> = new Set([
    'interaction_required',
    'consent_required',
    'login_required',
    'bad_token',
    'ui_not_allowed',
    'interrupted_user',
    'no_tokens_found',
    'refresh_token_expired',
    'native_account_unavailable',
    'token_refresh_required',
    'no_account_error',
    'no_account_in_silent_request',
    'invalid_grant',
]);

/** Translates whatever msal-browser threw into an `AuthError`. */
export function toAuthError(error: unknown, phase: AuthPhase): AuthError {
    if (isAuthError(error)) {
        return error;
    }
    const fields = getMsalErrorFieldsIfExists(error);
    if (fields === null) {
        // fetch rejects with a TypeError when the network or CORS stops the request.
        return new AuthError(error instanceof TypeError ? 'network' : 'unexpected');
    }
    return new AuthError(chooseCode(fields, phase), formatDetail(fields));
}

function chooseCode(fields: MsalErrorFields, phase: AuthPhase): AuthErrorCode {
    const byServerNumber = fields.serverErrorNumber
        ? SERVER_ERROR_CODES[fields.serverErrorNumber]
        : undefined;
    if (phase === 'silent') {
        return chooseSilentCode(fields, byServerNumber);
    }
    if (byServerNumber !== undefined) {
        return byServerNumber;
    }
    if (fields.errorCode === 'timed_out') {
        return 'timedOut';
    }
    if (fields.errorCode === 'consent_required' || fields.subError === 'consent_required') {
        return 'consentRequired';
    }
    return CODES_BY_MSAL_ERROR[fields.errorCode] ?? interactionRequiredOr(fields, 'unexpected');
}

// A silent call never shows a window, so consent and time-outs there are fixed by one popup.
function chooseSilentCode(
    fields: MsalErrorFields,
    byServerNumber: AuthErrorCode | undefined,
): AuthErrorCode {
    if (byServerNumber === 'cors' || byServerNumber === 'invalidSettings') {
        return byServerNumber;
    }
    if (fields.errorCode === 'timed_out' || byServerNumber === 'consentRequired') {
        return 'interactionRequired';
    }
    return interactionRequiredOr(fields, CODES_BY_MSAL_ERROR[fields.errorCode] ?? 'unexpected');
}

function interactionRequiredOr(fields: MsalErrorFields, fallback: AuthErrorCode): AuthErrorCode {
    const isInteractionRequired =
        INTERACTION_REQUIRED_CODES.has(fields.errorCode) ||
        INTERACTION_REQUIRED_CODES.has(fields.subError);
    return isInteractionRequired ? 'interactionRequired' : fallback;
}

function getMsalErrorFieldsIfExists(error: unknown): MsalErrorFields | null {
    if (typeof error !== 'object' || error === null) {
        return null;
    }
    const record = error as Record<string, unknown>;
    if (typeof record.errorCode !== 'string' || record.errorCode === '') {
        return null;
    }
    return {
        errorCode: record.errorCode,
        subError: typeof record.subError === 'string' ? record.subError : '',
        serverErrorNumber: getServerErrorNumberIfExists(record),
    };
}

// Token endpoint errors carry `errorNo`; authorize errors only name AADSTS<n> in their text.
function getServerErrorNumberIfExists(record: Record<string, unknown>): string | null {
    if (typeof record.errorNo === 'string' || typeof record.errorNo === 'number') {
        return String(record.errorNo);
    }
    const text = typeof record.errorMessage === 'string' ? record.errorMessage : '';
    return /\bAADSTS(\d+)\b/.exec(text)?.[1] ?? null;
}

function formatDetail(fields: MsalErrorFields): string {
    const parts = [fields.errorCode];
    if (fields.subError !== '') {
        parts.push(fields.subError);
    }
    if (fields.serverErrorNumber !== null) {
        parts.push(`AADSTS${fields.serverErrorNumber}`);
    }
    return parts.join(' ');
}
