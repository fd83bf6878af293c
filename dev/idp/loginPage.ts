/**
 * An optional sign-in page in front of the provider's authorize endpoint, so a browser test can
 * click "Continue" or "Cancel" the way a person does on Microsoft's page.
 */
import type {IncomingMessage, ServerResponse} from 'node:http';

/**
 * Writes the page. "Continue" goes on to `approveUrl` with the same query; "Cancel" returns to
 * the redirect URI with `access_denied`, as Entra does when a user cancels.
 *
 * Like Entra, the page sends `Cross-Origin-Opener-Policy: same-origin` unless the request carries
 * `pocd=1`, which msal-browser adds when it polls the popup from another window.
 */
export function writeLoginPage(
    request: IncomingMessage,
    response: ServerResponse,
    approvePath: string,
): void {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const redirectUri = parseUrlIfValid(url.searchParams.get('redirect_uri') ?? '');
    if (redirectUri === null) {
        response.writeHead(400, {'Content-Type': 'text/plain; charset=utf-8'});
        response.end('The redirect_uri parameter is missing or is not an absolute URL.');
        return;
    }

    const continueUrl = `${approvePath}${url.search}`;
    const cancelUrl = buildCancelUrl(redirectUri, url.searchParams);
    const headers: Record<string, string> = {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
    };
    if (url.searchParams.get('pocd') !== '1') {
        headers['Cross-Origin-Opener-Policy'] = 'same-origin';
    }
    response.writeHead(200, headers);
    response.end(
        '<!doctype html><html><head><title>Sign in to the local provider</title></head><body>' +
            '<h1>Local sign-in</h1><p>This provider signs in one test user.</p>' +
            `<p><a id="continue" href="${escapeHtml(continueUrl)}">Continue</a> ` +
            `<a id="cancel" href="${escapeHtml(cancelUrl)}">Cancel</a></p></body></html>`,
    );
}

function buildCancelUrl(redirectUri: URL, query: URLSearchParams): string {
    const parameters = new URLSearchParams({
        error: 'access_denied',
        error_description: 'AADSTS65004: The user cancelled the sign-in.',
    });
    const state = query.get('state');
    if (state !== null) {
        parameters.set('state', state);
    }
    const target = new URL(redirectUri);
    if (query.get('response_mode') === 'fragment') {
        target.hash = parameters.toString();
    } else {
        parameters.forEach((value, name) => target.searchParams.set(name, value));
    }
    return target.href;
}

function parseUrlIfValid(text: string): URL | null {
    try {
        return new URL(text);
    } catch {
        return null;
    }
}

function escapeHtml(text: string): string {
    return text
        .replace(/&/g, '&amp;')
        .replace(/"/g, '&quot;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
}
