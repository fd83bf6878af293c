/**
 * Protocol behaviour shared by every endpoint: bearer-token checks, CORS for a browser app, the
 * error body and headers, unknown entity sets and methods, and the request log.
 */
import {DEV_TOKEN} from '../../dev/emulator/server';
import {API, callApiAsync, readErrorAsync, useEmulator} from './helpers';

const getEmulator = useEmulator();
const ORIGIN = 'https://block--example.airtableblocks.com';

describe('authentication', () => {
    test('returns 401 without a token', async () => {
        const response = await fetch(`${getEmulator().url}${API}accounts`);

        expect(response.status).toBe(401);
        expect(await response.text()).toBe('');
        expect(response.headers.get('www-authenticate')).toMatch(
            /^Bearer authorization_uri=https:\/\/login\.microsoftonline\.com\/[0-9a-f-]{36}\/oauth2\/authorize/,
        );
    });

    test('returns 401 for a wrong token', async () => {
        const response = await fetch(`${getEmulator().url}${API}WhoAmI`, {
            headers: {Authorization: 'Bearer wrong'},
        });

        expect(response.status).toBe(401);
    });

    test('accepts the development token', async () => {
        const response = await fetch(`${getEmulator().url}${API}WhoAmI`, {
            headers: {Authorization: `Bearer ${DEV_TOKEN}`},
        });

        expect(response.status).toBe(200);
    });
});

describe('CORS', () => {
    test('accepts a preflight without a token', async () => {
        const response = await fetch(
            `${getEmulator().url}${API}accounts(00000000-0000-0000-0000-000000000001)`,
            {
                method: 'OPTIONS',
                headers: {
                    Origin: ORIGIN,
                    'Access-Control-Request-Method': 'PATCH',
                    'Access-Control-Request-Headers': 'authorization,if-match,prefer,odata-version',
                },
            },
        );
        const allowedHeaders = (
            response.headers.get('access-control-allow-headers') ?? ''
        ).toLowerCase();

        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
        expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
        for (const header of [
            'authorization',
            'if-match',
            'if-none-match',
            'prefer',
            'odata-version',
            'odata-maxversion',
        ]) {
            expect(allowedHeaders).toContain(header);
        }
    });

    test('echoes the origin and exposes headers', async () => {
        const response = await callApiAsync(getEmulator(), 'accounts', {
            method: 'POST',
            headers: {Origin: ORIGIN},
            body: {name: 'Browser Created'},
        });
        const exposed = (response.headers.get('access-control-expose-headers') ?? '').toLowerCase();

        expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
        for (const header of ['odata-entityid', 'etag', 'retry-after', 'preference-applied']) {
            expect(exposed).toContain(header);
        }
    });

    test('adds CORS headers to a 401', async () => {
        const response = await fetch(`${getEmulator().url}${API}WhoAmI`, {
            headers: {Origin: ORIGIN},
        });

        expect(response.status).toBe(401);
        expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    });
});

describe('errors', () => {
    test('unknown entity set returns 404', async () => {
        const response = await callApiAsync(getEmulator(), 'widgets');
        const error = await readErrorAsync(response);

        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toBe(
            'application/json; odata.metadata=minimal',
        );
        expect(response.headers.get('odata-version')).toBe('4.0');
        expect(error.message).toBe("Resource not found for the segment 'widgets'.");
    });

    test('entity set names are case-sensitive', async () => {
        const response = await callApiAsync(getEmulator(), 'Accounts');

        expect(response.status).toBe(404);
    });

    test('disallowed method returns 405', async () => {
        const response = await callApiAsync(getEmulator(), 'accounts', {method: 'DELETE'});

        expect(response.status).toBe(405);
        expect((await readErrorAsync(response)).message).toContain("'DELETE'");
    });

    test('path outside the API returns 404', async () => {
        const response = await fetch(`${getEmulator().url}/api/data/v8.0/accounts`, {
            headers: {Authorization: `Bearer ${DEV_TOKEN}`},
        });

        expect(response.status).toBe(404);
    });
});

test('request log records method, path and status', async () => {
    const emulator = getEmulator();
    const start = emulator.requestLog.length;
    await callApiAsync(emulator, 'accounts?$select=name&$top=1');
    await callApiAsync(emulator, 'widgets');

    expect(emulator.requestLog.slice(start)).toEqual([
        {
            method: 'GET',
            path: `${API}accounts?$select=name&$top=1`,
            status: 200,
            concurrentRequestCount: 1,
        },
        {method: 'GET', path: `${API}widgets`, status: 404, concurrentRequestCount: 1},
    ]);
});

test('request log counts concurrent requests', async () => {
    const emulator = getEmulator();
    emulator.faults.add({times: 3, response: {kind: 'delay', ms: 100}});
    const start = emulator.requestLog.length;

    await Promise.all([1, 2, 3].map(() => callApiAsync(emulator, 'WhoAmI')));

    const counts = emulator.requestLog.slice(start).map(entry => entry.concurrentRequestCount);
    expect(Math.max(...counts)).toBe(3);
});

test('error carries detail annotations on request', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        headers: {Prefer: 'odata.include-annotations="*"'},
        body: {name: 'x'.repeat(161)},
    });
    const body = (await response.json()) as {error: Record<string, string>};

    expect(response.status).toBe(400);
    expect(body.error['code']).toBe('0x80044331');
    expect(body.error['@Microsoft.PowerApps.CDS.InnerError.Message']).toBe(body.error['message']);
    expect(body.error['@Microsoft.PowerApps.CDS.HelpLink']).toContain(
        'error=Microsoft.Crm.CrmException%3a80044331&',
    );
});

test('error has only code and message by default', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'x'.repeat(161)},
    });
    const body = (await response.json()) as {error: Record<string, string>};

    expect(Object.keys(body.error)).toEqual(['code', 'message']);
});
