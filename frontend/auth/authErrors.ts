/**
 * Sign-in errors as one family with stable codes. Callers branch on `code`. The message table
 * contains the text a person reads, and `detail` keeps the raw error code one click away.
 */

export type AuthErrorCode =
    | 'interactionRequired'
    | 'popupBlocked'
    | 'userCancelled'
    | 'interactionInProgress'
    | 'consentRequired'
    | 'noLicence'
    | 'noRole'
    | 'network'
    | 'cors'
    | 'invalidSettings'
    | 'timedOut'
    | 'unexpected';

/** The text shown for each code: what failed and what to do next. */
export const AUTH_ERROR_MESSAGES: Readonly<Record<AuthErrorCode, string>> = {
    interactionRequired:
        'Your Microsoft sign-in has expired or needs confirming. Click "Sign in" to continue.',
    popupBlocked:
        'The browser blocked the Microsoft sign-in window. Allow pop-ups for airtable.com, then ' +
        'click "Sign in" again.',
    userCancelled: 'Sign-in was cancelled before it finished. Click "Sign in" to try again.',
    interactionInProgress:
        'A Microsoft sign-in window is already open for this extension. Finish signing in ' +
        'there, or click "Sign in" again to close it and start over.',
    consentRequired:
        "Your organisation has not approved this extension's access to Dynamics 365. Ask an " +
        'administrator to grant admin consent for the Dynamics CRM user_impersonation ' +
        'permission of the app registration, then sign in again.',
    noLicence:
        'Your Microsoft account is not a user of this Dynamics 365 environment. Ask your ' +
        'Dynamics administrator to assign you a licence and add you to the environment, then ' +
        'sign in again.',
    noRole:
        'Your Dynamics 365 user has no security role that allows this. Ask your Dynamics ' +
        'administrator to assign you a security role, then try again.',
    network: 'Could not reach Microsoft sign-in. Check your internet connection, then try again.',
    cors:
        'Microsoft rejected the token request from this extension because its redirect URI is ' +
        'not registered as a single-page application. In the app registration, add it under ' +
        'Authentication > Single-page application, then sign in again.',
    invalidSettings:
        'Sign-in failed with the current connection settings. Check the Directory (tenant) ID, ' +
        'the Application (client) ID and the environment address in Settings, then sign in again.',
    timedOut:
        'The Microsoft sign-in window did not respond in time. Close it and click "Sign in" again.',
    unexpected:
        'Sign-in failed unexpectedly. Click "Sign in" to try again. If it keeps failing, give ' +
        'your administrator the error code shown below.',
};

/** A sign-in failure the UI can show and act on. */
export class AuthError extends Error {
    override readonly name = 'AuthError';

    /**
     * @param code The stable code callers branch on.
     * @param detail The underlying error code (for example `popup_window_error AADSTS65001`),
     *     without user names, tokens or free text from the server.
     */
    constructor(
        readonly code: AuthErrorCode,
        readonly detail: string | null = null,
    ) {
        super(AUTH_ERROR_MESSAGES[code]);
    }
}

export function isAuthError(error: unknown): error is AuthError {
    return error instanceof AuthError;
}

// Dataverse error codes on a 403 that mean the user cannot use the environment at all.
// 0x80072560: "The user is not a member of the organization" (Microsoft's dual-write
// troubleshooting page), which is what an unlicensed or unassigned user gets.
const NOT_A_MEMBER_CODES: ReadonlySet<string> = new Set(['0x80072560']);
// PrivilegeDenied, PrincipalPrivilegeDenied and AccessDenied from Dataverse's error code list.
const NO_PRIVILEGE_CODES: ReadonlySet<string> = new Set(['0x80040220', '0x80040231', '0x80048405']);

/**
 * Returns the sign-in error for a Dataverse `403` body's `error.code`, or null when the code
 * does not mean the user lacks a licence or a role. Use it for the connection check (WhoAmI):
 * a `403` on one record's write is that record's outcome, not a sign-in problem.
 */
export function getAuthErrorForDataverseForbiddenIfExists(errorCode: string): AuthError | null {
    const code = errorCode.trim().toLowerCase();
    if (NOT_A_MEMBER_CODES.has(code)) {
        return new AuthError('noLicence', `Dataverse ${code}`);
    }
    if (NO_PRIVILEGE_CODES.has(code)) {
        return new AuthError('noRole', `Dataverse ${code}`);
    }
    return null;
}
