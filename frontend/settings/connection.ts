/**
 * Validation and normalisation of the connection settings: which Dataverse environment to sync
 * with and which Microsoft Entra app registration signs the user in. They live in globalConfig,
 * which every collaborator of the base can read, so none of them is a secret.
 */
import {parseGuidIfValid} from '../sync/ids';

export type ValidationResult<T> =
    | {readonly isValid: true; readonly value: T}
    | {readonly isValid: false; readonly message: string};

/** Connection settings after validation, in canonical form. */
export interface ConnectionSettings {
    /** The environment's origin without a trailing slash: `https://contoso.crm4.dynamics.com`. */
    readonly environmentUrl: string;
    /** The directory (tenant) id in lower case: a GUID or a verified domain. */
    readonly tenantId: string;
    /** The application (client) id of the app registration, a lower-case GUID. */
    readonly clientId: string;
    /** The sign-in service's origin, or null for Microsoft Entra ID's own. */
    readonly authorityHost: string | null;
}

/** The connection settings as read from globalConfig, not yet checked. */
export interface StoredConnectionSettings {
    readonly environmentUrl: unknown;
    readonly tenantId: unknown;
    readonly clientId: unknown;
    readonly authorityHost?: unknown;
}

export type ConnectionSettingName = keyof StoredConnectionSettings;

export interface ConnectionValidationOptions {
    /**
     * Accepts `127.0.0.1` addresses for the environment (the local Dataverse emulator) and for the
     * authority host (the local OpenID provider). Only development builds and tests set it.
     */
    readonly allowLoopbackHosts: boolean;
}

export const PRODUCTION_VALIDATION: ConnectionValidationOptions = {allowLoopbackHosts: false};

/** Microsoft Entra ID's sign-in host for the global cloud. */
export const ENTRA_AUTHORITY_HOST = 'https://login.microsoftonline.com';

const EXAMPLE_ENVIRONMENT_URL = 'https://contoso.crm.dynamics.com';
const EXAMPLE_GUID = 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx';

// `<org>.crm.dynamics.com` (North America) or `<org>.crm<N>.dynamics.com` (other regions).
// NOTE: sovereign clouds (crm.microsoftdynamics.us, crm.dynamics.cn) are rejected, because they
// also need another sign-in host, which the settings cannot express yet.
const DYNAMICS_HOST_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.crm[0-9]*\.dynamics\.com$/;
// Paths people paste along with the address: the Web API root and a model-driven app page.
const IGNORED_PATH_PATTERN = /^\/(?:api\/data\/v[0-9]+\.[0-9]+|main\.aspx)?$/i;
const LOOPBACK_HOST = '127.0.0.1';

// A verified domain: at least two DNS labels, the last one alphabetic.
const DOMAIN_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
// Authority segments that name no single directory, which a single-tenant app rejects (AADSTS50194).
const MULTI_TENANT_AUTHORITIES: ReadonlySet<string> = new Set([
    'common',
    'organizations',
    'consumers',
]);
const NIL_GUID = '00000000-0000-0000-0000-000000000000';
// Microsoft's own public client used by Dataverse samples: its redirect URIs cannot include the
// extension's, and it is not a single-page application, so sign-in from the extension fails.
const DATAVERSE_SAMPLE_CLIENT_ID = '51f81489-12ee-4a9e-aaae-a2591f45987d';

/**
 * Validates the environment address and returns its origin, lower case, without a trailing
 * slash, `/api/data/v9.2` or an app page path.
 *
 * @example validateEnvironmentUrl(' https://Contoso.crm4.dynamics.com/api/data/v9.2/ ', options)
 *     // {isValid: true, value: 'https://contoso.crm4.dynamics.com'}
 */
export function validateEnvironmentUrl(
    input: unknown,
    options: ConnectionValidationOptions,
): ValidationResult<string> {
    const text = typeof input === 'string' ? input.trim() : '';
    if (text === '') {
        return invalid(
            `Enter the address of your Dynamics 365 environment, such as ${EXAMPLE_ENVIRONMENT_URL}.`,
        );
    }

    const url = parseUrlIfValid(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    if (url === null) {
        return invalid(
            `"${text}" is not a web address. Enter one such as ${EXAMPLE_ENVIRONMENT_URL}.`,
        );
    }
    if (url.username !== '' || url.password !== '') {
        return invalid(
            'Remove the user name and password from the environment address: every collaborator ' +
                'of this base can read it, and sign-in happens separately.',
        );
    }
    if (!IGNORED_PATH_PATTERN.test(url.pathname.replace(/\/+$/, '') || '/')) {
        return invalid(
            `The environment address "${text}" has an unexpected path "${url.pathname}". Enter ` +
                `only the address, such as ${EXAMPLE_ENVIRONMENT_URL}.`,
        );
    }

    if (options.allowLoopbackHosts && url.hostname === LOOPBACK_HOST) {
        return checkLoopbackOrigin(url, 'environment address');
    }
    if (url.protocol !== 'https:' || url.port !== '') {
        return invalid(
            `The environment address must start with https:// and have no port, such as ` +
                `${EXAMPLE_ENVIRONMENT_URL}; "${text}" does not.`,
        );
    }
    if (!DYNAMICS_HOST_PATTERN.test(url.hostname)) {
        return invalid(
            `"${url.hostname}" is not a Dynamics 365 environment host. Copy the address from ` +
                `the Power Platform admin center; it looks like ${EXAMPLE_ENVIRONMENT_URL} or ` +
                `https://contoso.crm4.dynamics.com.`,
        );
    }
    return {isValid: true, value: url.origin};
}

/**
 * Validates the directory (tenant) id: a GUID, or a verified domain such as
 * `contoso.onmicrosoft.com`. Returns it in lower case.
 */
export function validateTenantId(input: unknown): ValidationResult<string> {
    const text = typeof input === 'string' ? input.trim() : '';
    if (text === '') {
        return invalid(
            "Enter the Directory (tenant) ID from the app registration's Overview page in " +
                `Microsoft Entra, such as ${EXAMPLE_GUID}, or the directory's domain, such as ` +
                'contoso.onmicrosoft.com.',
        );
    }

    const guid = parseGuidIfValid(text);
    if (guid !== null) {
        return guid === NIL_GUID ? invalid('The directory ID cannot be all zeros.') : valid(guid);
    }

    const lowerCase = text.toLowerCase();
    if (MULTI_TENANT_AUTHORITIES.has(lowerCase)) {
        return invalid(
            `"${text}" does not name one directory. Enter the Directory (tenant) ID of the ` +
                'directory that owns your Dynamics 365 environment.',
        );
    }
    if (!DOMAIN_PATTERN.test(lowerCase)) {
        return invalid(
            `"${text}" is neither a directory ID (${EXAMPLE_GUID}) nor a domain ` +
                '(contoso.onmicrosoft.com). Copy the Directory (tenant) ID from the app ' +
                "registration's Overview page.",
        );
    }
    return valid(lowerCase);
}

/** Validates the application (client) id of the app registration and returns it in lower case. */
export function validateClientId(input: unknown): ValidationResult<string> {
    const text = typeof input === 'string' ? input.trim() : '';
    if (text === '') {
        return invalid(
            "Enter the Application (client) ID from the app registration's Overview page in " +
                `Microsoft Entra, such as ${EXAMPLE_GUID}.`,
        );
    }

    const guid = parseGuidIfValid(text);
    if (guid === null) {
        return invalid(
            `"${text}" is not an application ID. It is a GUID such as ${EXAMPLE_GUID}; copy it ` +
                "from the app registration's Overview page.",
        );
    }
    if (guid === NIL_GUID) {
        return invalid('The application ID cannot be all zeros.');
    }
    if (guid === DATAVERSE_SAMPLE_CLIENT_ID) {
        return invalid(
            `${guid} is Microsoft's sample application, which cannot sign in from this ` +
                'extension. Register your own single-page application in Microsoft Entra and ' +
                'enter its Application (client) ID.',
        );
    }
    return valid(guid);
}

/**
 * Validates the optional sign-in host override. Empty means Microsoft Entra (null). Only the
 * local OpenID provider at `https://127.0.0.1:<port>` may replace it, and only when
 * `allowLoopbackHosts` is set, because a production sign-in must go to Microsoft.
 */
export function validateAuthorityHost(
    input: unknown,
    options: ConnectionValidationOptions,
): ValidationResult<string | null> {
    const text = typeof input === 'string' ? input.trim().replace(/\/+$/, '') : '';
    if (text === '' || text.toLowerCase() === ENTRA_AUTHORITY_HOST) {
        return valid(null);
    }

    const url = parseUrlIfValid(text);
    const isLoopback = url !== null && url.hostname === LOOPBACK_HOST;
    if (!options.allowLoopbackHosts || !isLoopback) {
        return invalid(
            `The sign-in host "${text}" is not supported. Leave it empty to sign in with ` +
                'Microsoft Entra ID.',
        );
    }
    if (url.protocol !== 'https:') {
        // msal-browser rejects http authorities (authority_uri_insecure).
        return invalid(
            `The local sign-in host must use https, such as https://127.0.0.1:8443; "${text}" ` +
                'does not.',
        );
    }
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
        return invalid(
            `Enter only the local sign-in host's origin, such as https://127.0.0.1:8443, ` +
                `without the directory ID or a path; "${text}" has one.`,
        );
    }
    return checkLoopbackOrigin(url, 'sign-in host');
}

export type ConnectionValidation =
    | {readonly isValid: true; readonly value: ConnectionSettings}
    | {
          readonly isValid: false;
          /** The first problem, for a one-line summary. */
          readonly message: string;
          /** One message per invalid setting, for the settings form. */
          readonly messagesBySetting: Readonly<Partial<Record<ConnectionSettingName, string>>>;
      };

/** Validates all connection settings at once and reports every invalid one. */
export function validateConnectionSettings(
    stored: StoredConnectionSettings,
    options: ConnectionValidationOptions,
): ConnectionValidation {
    const environmentUrl = validateEnvironmentUrl(stored.environmentUrl, options);
    const tenantId = validateTenantId(stored.tenantId);
    const clientId = validateClientId(stored.clientId);
    const authorityHost = validateAuthorityHost(stored.authorityHost, options);

    if (environmentUrl.isValid && tenantId.isValid && clientId.isValid && authorityHost.isValid) {
        return {
            isValid: true,
            value: {
                environmentUrl: environmentUrl.value,
                tenantId: tenantId.value,
                clientId: clientId.value,
                authorityHost: authorityHost.value,
            },
        };
    }

    const messagesBySetting: Partial<Record<ConnectionSettingName, string>> = {};
    const results = {environmentUrl, tenantId, clientId, authorityHost};
    for (const name of Object.keys(results) as ConnectionSettingName[]) {
        const result = results[name];
        if (!result.isValid) {
            messagesBySetting[name] = result.message;
        }
    }
    const message = Object.values(messagesBySetting)[0] ?? '';
    return {isValid: false, message, messagesBySetting};
}

/** Returns the authority URL: `https://login.microsoftonline.com/<tenant>`. */
export function getAuthorityUrl(settings: ConnectionSettings): string {
    return `${settings.authorityHost ?? ENTRA_AUTHORITY_HOST}/${settings.tenantId}`;
}

/**
 * Returns the authority's `host[:port]`, which msal-browser needs in `knownAuthorities` for any
 * host it does not know, so that it does not ask Microsoft's instance discovery about it.
 */
export function getAuthorityHostName(settings: ConnectionSettings): string {
    return new URL(getAuthorityUrl(settings)).host;
}

/** Returns the delegated Dataverse scope: `https://contoso.crm.dynamics.com/user_impersonation`. */
export function getDataverseScope(settings: ConnectionSettings): string {
    return `${settings.environmentUrl}/user_impersonation`;
}

/**
 * The page on the extension's own origin that the sign-in popup returns to. The popup only has
 * to land on the same origin, where the extension reads the response from its address, so any
 * page will do.
 * NOTE: which page the extension's origin on airtableblocks.com serves at `/`, and whether it keeps
 * the `#code=` fragment, has not been checked inside a real Airtable base.
 */
export const REDIRECT_PAGE_PATH = '/';

/**
 * Returns the redirect URI to register for the extension: its origin plus a passive page.
 *
 * @example getRedirectUri('https://block--abc--1234567.alt.airtableblocks.com')
 *     // 'https://block--abc--1234567.alt.airtableblocks.com/'
 */
export function getRedirectUri(origin: string, pagePath: string = REDIRECT_PAGE_PATH): string {
    return `${origin.replace(/\/+$/, '')}${pagePath}`;
}

/**
 * Returns the steps an administrator follows in Microsoft Entra so that sign-in works, one
 * sentence per step, for the settings panel.
 */
export function getAppRegistrationChecklist(
    settings: Pick<ConnectionSettings, 'environmentUrl'>,
    redirectUri: string,
): readonly string[] {
    return [
        'In Microsoft Entra admin center, open App registrations and create or open the ' +
            'registration for this extension. Copy its Application (client) ID and Directory ' +
            '(tenant) ID into these settings.',
        `Under Authentication, add the platform "Single-page application" with the redirect URI ` +
            `${redirectUri} exactly as shown. A "Web" or "Mobile and desktop" platform does not work.`,
        'Under API permissions, add Dynamics CRM > Delegated permissions > user_impersonation.',
        'If your organisation does not let users consent to apps, an administrator selects ' +
            '"Grant admin consent" on the API permissions page.',
        `Each person who syncs needs a user with a security role in ${settings.environmentUrl}.`,
    ];
}

function checkLoopbackOrigin(url: URL, settingName: string): ValidationResult<string> {
    if (url.port === '') {
        return invalid(
            `The local ${settingName} needs a port, such as ${url.protocol}//127.0.0.1:8443.`,
        );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return invalid(`The local ${settingName} must start with http:// or https://.`);
    }
    return valid(url.origin);
}

function parseUrlIfValid(text: string): URL | null {
    try {
        return new URL(text);
    } catch {
        return null;
    }
}

function valid<T>(value: T): ValidationResult<T> {
    return {isValid: true, value};
}

function invalid<T>(message: string): ValidationResult<T> {
    return {isValid: false, message};
}
