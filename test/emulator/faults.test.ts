/**
 * Injected faults: service-protection 429s with `Retry-After` and Dataverse's error bodies, 503,
 * dropped connections and delays, each for the next matching request(s) only.
 */
import {callApiAsync, readErrorAsync, useEmulator} from './helpers';

const getEmulator = useEmulator();

afterEach(() => {
    getEmulator().faults.clear();
});

test('429 carries Retry-After and the limit error', async () => {
    getEmulator().faults.add({response: {status: 429, retryAfterSeconds: 12}});
    const response = await callApiAsync(getEmulator(), 'WhoAmI');
    const error = await readErrorAsync(response);

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('12');
    expect(error.code).toBe('0x80072322');
    expect(error.message).toBe(
        'Number of requests exceeded the limit of 6000 over time window of 300 seconds.',
    );
});

test('429 reports the chosen limit', async () => {
    const emulator = getEmulator();
    emulator.faults.add({response: {status: 429, retryAfterSeconds: 1, limit: 'executionTime'}});
    emulator.faults.add({response: {status: 429, retryAfterSeconds: 1, limit: 'concurrency'}});

    expect((await readErrorAsync(await callApiAsync(emulator, 'WhoAmI'))).code).toBe('0x80072321');
    expect((await readErrorAsync(await callApiAsync(emulator, 'WhoAmI'))).code).toBe('0x80072326');
});

test('fault applies only to matching requests', async () => {
    const emulator = getEmulator();
    emulator.faults.add({method: 'PATCH', pathIncludes: 'accounts(', response: {status: 503}});
    const read = await callApiAsync(emulator, 'accounts?$select=name&$top=1');
    const write = await callApiAsync(emulator, 'accounts(00000000-0000-0000-0000-0000000000aa)', {
        method: 'PATCH',
        body: {name: 'X'},
    });

    expect(read.status).toBe(200);
    expect(write.status).toBe(503);
    expect(
        emulator.store.getIfExists('account', '00000000-0000-0000-0000-0000000000aa'),
    ).toBeNull();
});

test('fault repeats for its times', async () => {
    const emulator = getEmulator();
    emulator.faults.add({times: 2, response: {status: 429, retryAfterSeconds: 1}});
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
        statuses.push((await callApiAsync(emulator, 'WhoAmI')).status);
    }

    expect(statuses).toEqual([429, 429, 200]);
    expect(emulator.faults.pendingCount).toBe(0);
});

test('drop closes the connection', async () => {
    const emulator = getEmulator();
    emulator.faults.add({response: {kind: 'drop'}});

    await expect(callApiAsync(emulator, 'WhoAmI')).rejects.toThrow();
    expect(emulator.requestLog[emulator.requestLog.length - 1]?.status).toBe(0);
    expect((await callApiAsync(emulator, 'WhoAmI')).status).toBe(200);
});

test('delay holds the response', async () => {
    getEmulator().faults.add({response: {kind: 'delay', ms: 300}});
    const started = Date.now();
    const response = await callApiAsync(getEmulator(), 'WhoAmI');

    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
});

test('expired token answers 401', async () => {
    getEmulator().faults.add({response: {kind: 'expiredToken'}});
    const response = await callApiAsync(getEmulator(), 'WhoAmI');

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(
        /^Bearer authorization_uri=https:\/\/login\.microsoftonline\.com\/.+\/oauth2\/authorize/,
    );
    expect(await response.text()).toBe('');
    expect((await callApiAsync(getEmulator(), 'WhoAmI')).status).toBe(200);
});

test('error fault sends its body', async () => {
    getEmulator().faults.add({
        response: {kind: 'error', httpStatus: 403, code: '0x80040220', message: 'No privilege.'},
    });
    const response = await callApiAsync(getEmulator(), 'WhoAmI');

    expect(response.status).toBe(403);
    expect(await readErrorAsync(response)).toEqual({code: '0x80040220', message: 'No privilege.'});
});

test('concurrent edit changes the version', async () => {
    const emulator = getEmulator();
    const row = emulator.store.insert('account', {name: 'Edited Elsewhere'});
    const id = String(row['accountid']);
    emulator.faults.add({method: 'PATCH', response: {kind: 'concurrentEdit'}});

    const response = await callApiAsync(emulator, `accounts(${id})`, {
        method: 'PATCH',
        headers: {'If-Match': `W/"${String(row['versionnumber'])}"`},
        body: {name: 'Mine'},
    });

    expect(response.status).toBe(412);
    expect(emulator.store.get('account', id)['versionnumber']).toBeGreaterThan(
        Number(row['versionnumber']),
    );
    expect(emulator.store.get('account', id)['name']).toBe('Edited Elsewhere');
});

test('skip lets requests through first', async () => {
    getEmulator().faults.add({skip: 1, response: {status: 503}});
    const first = await callApiAsync(getEmulator(), 'WhoAmI');
    const second = await callApiAsync(getEmulator(), 'WhoAmI');

    expect(first.status).toBe(200);
    expect(second.status).toBe(503);
});

describe('control endpoint', () => {
    function controlAsync(method: string, resource: string, body?: unknown): Promise<Response> {
        return fetch(`${getEmulator().url}/_emulator/${resource}`, {
            method,
            headers: body === undefined ? {} : {'Content-Type': 'application/json'},
            body: body === undefined ? undefined : JSON.stringify(body),
        });
    }

    test('queues a fault over HTTP', async () => {
        const queued = await controlAsync('POST', 'faults', {
            pathIncludes: 'WhoAmI',
            response: {status: 429, retryAfterSeconds: 3, limit: 'concurrency'},
        });
        const response = await callApiAsync(getEmulator(), 'WhoAmI');

        expect(queued.status).toBe(204);
        expect(response.status).toBe(429);
        expect(response.headers.get('retry-after')).toBe('3');
        expect((await readErrorAsync(response)).code).toBe('0x80072326');
    });

    test('clears faults over HTTP', async () => {
        await controlAsync('POST', 'faults', {times: 5, response: {status: 503}});
        const cleared = await controlAsync('DELETE', 'faults');

        expect(cleared.status).toBe(204);
        expect((await callApiAsync(getEmulator(), 'WhoAmI')).status).toBe(200);
    });

    test('queues a batch part fault', async () => {
        const queued = await controlAsync('POST', 'faults', {
            inBatch: true,
            response: {kind: 'error', httpStatus: 400, code: '0x80044331', message: 'Too long.'},
        });

        expect(queued.status).toBe(204);
        expect(getEmulator().faults.pendingCount).toBe(1);
    });

    test('rejects a batch part drop', async () => {
        const response = await controlAsync('POST', 'faults', {
            inBatch: true,
            response: {kind: 'drop'},
        });

        expect(response.status).toBe(400);
    });

    test('discards change history over HTTP', async () => {
        const store = getEmulator().store;
        store.insert('account', {name: 'Tracked'});
        const discarded = await controlAsync('POST', 'change-history/discard');

        expect(discarded.status).toBe(204);
        expect(store.oldestDeltaVersion).toBe(store.currentVersion);
    });

    test('rejects an invalid fault rule', async () => {
        const response = await controlAsync('POST', 'faults', {response: {status: 418}});
        const body = (await response.json()) as {error: {message: string}};

        expect(response.status).toBe(400);
        expect(body.error.message).toContain('status 429 or 503');
    });

    test('returns the request log', async () => {
        await callApiAsync(getEmulator(), 'WhoAmI');
        const response = await controlAsync('GET', 'requests');
        const log = (await response.json()) as Array<{
            method: string;
            path: string;
            status: number;
            concurrentRequestCount: number;
        }>;

        expect(response.status).toBe(200);
        expect(log[log.length - 1]).toEqual({
            method: 'GET',
            path: '/api/data/v9.2/WhoAmI',
            status: 200,
            concurrentRequestCount: 1,
        });
    });
});
