/**
 * Normalises the environment URL a person pastes (`https://contoso.crm.dynamics.com`, perhaps with
 * a trailing slash or the Web API path) to its origin and the Web API root.
 */

/** The Web API version the client speaks. */
export const WEB_API_PATH = '/api/data/v9.2/';

/** Hosts allowed over plain `http`, for the local emulator. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface EnvironmentUrl {
    /** Origin without a trailing slash, such as `https://contoso.crm.dynamics.com`. */
    readonly origin: string;
    /** Web API root with a trailing slash, such as `https://contoso.crm.dynamics.com/api/data/v9.2/`. */
    readonly apiRoot: string;
}

export type EnvironmentUrlCheck =
    | {readonly ok: true; readonly url: EnvironmentUrl}
    | {readonly ok: false; readonly reason: string};

export function checkEnvironmentUrl(text: string): EnvironmentUrlCheck {
    const trimmed = text.trim();
    let url: URL;
    try {
        url = new URL(trimmed);
    } catch {
        return fail(
            `"${trimmed}" is not a URL. Copy the environment URL from Power Apps > Settings > Developer resources.`,
        );
    }

    const isLoopback = LOOPBACK_HOSTS.has(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
        return fail(
            `"${trimmed}" must start with https://; Dynamics accepts only secure connections.`,
        );
    }
    if (url.username !== '' || url.password !== '') {
        return fail(
            `"${trimmed}" contains a user name or password. Remove them; sign-in happens separately.`,
        );
    }
    if (!isEnvironmentPath(url.pathname)) {
        return fail(
            `"${trimmed}" has the path ${url.pathname}. Enter only the environment address, such as https://contoso.crm.dynamics.com.`,
        );
    }

    return {ok: true, url: {origin: url.origin, apiRoot: `${url.origin}${WEB_API_PATH}`}};
}

/** Returns the normalised URL, or throws a `TypeError` with the reason when the text is not one. */
export function parseEnvironmentUrl(text: string): EnvironmentUrl {
    const check = checkEnvironmentUrl(text);
    if (!check.ok) {
        throw new TypeError(check.reason);
    }
    return check.url;
}

/** Accepts the bare origin and the Web API root of any version, which people copy by mistake. */
function isEnvironmentPath(pathname: string): boolean {
    return pathname === '/' || /^\/api\/data\/v\d+(\.\d+)?\/?$/.test(pathname);
}

function fail(reason: string): EnvironmentUrlCheck {
    return {ok: false, reason};
}
