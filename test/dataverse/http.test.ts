import {runInNewContext} from 'node:vm';
import {DataverseError} from '../../frontend/dataverse/errors';
import {DataverseHttp, type DataverseRequest} from '../../frontend/dataverse/http';
import {DEFAULT_RETRY_POLICY, type RetryPolicy} from '../../frontend/dataverse/retryPolicy';
import {
    CountingTokenProvider,
    createDeferred,
    FakeClock,
    flushAsync,
    ManualClock,
    ScriptedFetch,
    type ScriptedReply,
} from './doubles';

const API_ROOT = 'https://contoso.crm.dynamics.com/api/data/v9.2/';
const READ: DataverseRequest = {
    method: 'GET',
    url: `${API_ROOT}accounts?$select=name`,
    context: {operation: 'read', tableDisplayName: 'Account'},
};
const OK: ScriptedReply = {status: 200, body: {value: []}};
const POLICY: RetryPolicy = {...DEFAULT_RETRY_POLICY, maxAttempts: 3, jitterRatio: 0};

function setUp(options: {maxConcurrentRequests?: number; clock?: FakeClock | ManualClock} = {}) {
    const scriptedFetch = new ScriptedFetch();
    const tokenProvider = new CountingTokenProvider();
    const clock = options.clock ?? new FakeClock();
    const http = new DataverseHttp({
        fetch: scriptedFetch.fetch,
        tokenProvider,
        clock,
        retryPolicy: POLICY,
        random: () => 0,
        maxConcurrentRequests: options.maxConcurrentRequests,
    });
    return {http, scriptedFetch, tokenProvider, clock};
}

async function catchDataverseErrorAsync(promise: Promise<unknown>): Promise<DataverseError> {
    try {
        await promise;
    } catch (error) {
        if (error instanceof DataverseError) {
            return error;
        }
        throw error;
    }
    throw new Error('Expected a DataverseError, but the request succeeded.');
}

function networkError(): TypeError {
    return Object.assign(new TypeError('fetch failed'), {cause: new Error('connect ECONNREFUSED')});
}

describe('DataverseHttp headers', () => {
    it('sends the OData headers on a GET', async () => {
        const {http, scriptedFetch} = setUp();
        scriptedFetch.enqueue(OK);

        await http.sendAsync(READ);

        const headers = scriptedFetch.requests[0]?.headers;
        expect(headers?.Accept).toBe('application/json');
        expect(headers?.['OData-MaxVersion']).toBe('4.0');
        expect(headers?.['OData-Version']).toBe('4.0');
        expect(headers?.Authorization).toBe('Bearer token-1');
        expect(headers?.['If-None-Match']).toBe('null');
        expect(headers?.['Content-Type']).toBeUndefined();
        expect(headers?.Prefer).toBeUndefined();
    });

    it('sends body, content type and one Prefer', async () => {
        const {http, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 204});

        await http.sendAsync({
            method: 'PATCH',
            url: `${API_ROOT}accounts(7d1f3a52-3e6b-4c87-8d5a-0000000000b1)`,
            body: {name: 'Contoso'},
            headers: {'If-Match': '*'},
            prefer: ['return=representation', 'odata.include-annotations="*"'],
            context: {operation: 'update'},
        });

        const request = scriptedFetch.requests[0];
        expect(request?.method).toBe('PATCH');
        expect(request?.body).toEqual({name: 'Contoso'});
        expect(request?.headers['Content-Type']).toBe('application/json; charset=utf-8');
        expect(request?.headers.Prefer).toBe('return=representation,odata.include-annotations="*"');
        expect(request?.headers['If-Match']).toBe('*');
        expect(request?.headers['If-None-Match']).toBeUndefined();
    });

    it('returns the parsed body', async () => {
        const {http, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 200, body: {value: [{name: 'Contoso'}]}});

        const response = await http.sendAsync(READ);

        expect(response.status).toBe(200);
        expect(response.body).toEqual({value: [{name: 'Contoso'}]});
    });

    it('returns null for an empty body', async () => {
        const {http, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 204});

        const response = await http.sendAsync(READ);

        expect(response.body).toBeNull();
    });
});

describe('DataverseHttp token refresh', () => {
    it('refreshes once after 401', async () => {
        const {http, scriptedFetch, tokenProvider} = setUp();
        scriptedFetch.enqueue({status: 401}, OK);

        await http.sendAsync(READ);

        expect(tokenProvider.calls).toEqual([{forceRefresh: false}, {forceRefresh: true}]);
        expect(scriptedFetch.requests[1]?.headers.Authorization).toBe('Bearer token-2');
    });

    it('gives up after a second 401', async () => {
        const {http, scriptedFetch, tokenProvider} = setUp();
        scriptedFetch.enqueue({status: 401}, {status: 401}, OK);

        const error = await catchDataverseErrorAsync(http.sendAsync(READ));

        expect(error.code).toBe('unauthorized');
        expect(error.httpStatus).toBe(401);
        expect(tokenProvider.refreshCount).toBe(1);
        expect(scriptedFetch.requests).toHaveLength(2);
    });

    it('refreshes after a retried 429', async () => {
        const {http, scriptedFetch, tokenProvider} = setUp();
        scriptedFetch.enqueue({status: 429, headers: {'Retry-After': '1'}}, {status: 401}, OK);

        await http.sendAsync(READ);

        expect(tokenProvider.calls.map(call => call.forceRefresh)).toEqual([false, false, true]);
    });

    it('passes token provider failures through', async () => {
        const {scriptedFetch} = setUp();
        const failure = new Error('Interaction required');
        const http = new DataverseHttp({
            fetch: scriptedFetch.fetch,
            tokenProvider: {getTokenAsync: () => Promise.reject(failure)},
            clock: new FakeClock(),
        });

        await expect(http.sendAsync(READ)).rejects.toBe(failure);
        expect(scriptedFetch.requests).toHaveLength(0);
    });
});

describe('DataverseHttp retries', () => {
    it('waits Retry-After seconds after 429', async () => {
        const {http, scriptedFetch, clock} = setUp();
        scriptedFetch.enqueue({status: 429, headers: {'Retry-After': '7'}}, OK);

        await http.sendAsync(READ);

        expect(clock.sleeps).toEqual([7000]);
        expect(scriptedFetch.requests).toHaveLength(2);
    });

    it('waits until a Retry-After date', async () => {
        const {http, scriptedFetch, clock} = setUp();
        const retryAt = new Date(clock.nowMs() + 4000).toUTCString();
        scriptedFetch.enqueue({status: 429, headers: {'Retry-After': retryAt}}, OK);

        await http.sendAsync(READ);

        expect(clock.sleeps).toEqual([4000]);
    });

    it('backs off exponentially on 503', async () => {
        const {http, scriptedFetch, clock} = setUp();
        scriptedFetch.enqueue({status: 503}, {status: 503}, OK);

        await http.sendAsync(READ);

        expect(clock.sleeps).toEqual([1000, 2000]);
    });

    it('throws throttled after the last attempt', async () => {
        const {http, scriptedFetch, clock} = setUp();
        const throttled: ScriptedReply = {
            status: 429,
            headers: {'Retry-After': '2'},
            body: {error: {code: '0x80072322', message: 'Number of requests exceeded the limit.'}},
        };
        scriptedFetch.enqueue(throttled, throttled, throttled, OK);

        const error = await catchDataverseErrorAsync(http.sendAsync(READ));

        expect(error.code).toBe('throttled');
        expect(error.dataverseCode).toBe('0x80072322');
        expect(error.retryAfterMs).toBe(2000);
        expect(scriptedFetch.requests).toHaveLength(3);
        expect(clock.sleeps).toEqual([2000, 2000]);
    });

    it('does not retry a 404', async () => {
        const {http, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 404,
            body: {error: {code: '0x80040217', message: 'account With Id = x Does Not Exist'}},
        });

        const error = await catchDataverseErrorAsync(http.sendAsync(READ));

        expect(error.code).toBe('notFound');
        expect(error.rawMessage).toBe('account With Id = x Does Not Exist');
        expect(scriptedFetch.requests).toHaveLength(1);
    });

    it('retries a network failure', async () => {
        const {http, scriptedFetch, clock} = setUp();
        scriptedFetch.enqueue({throws: networkError()}, OK);

        await http.sendAsync(READ);

        expect(scriptedFetch.requests).toHaveLength(2);
        expect(clock.sleeps).toEqual([1000]);
    });

    it('reports a lasting network failure', async () => {
        const {http, scriptedFetch} = setUp();
        scriptedFetch.enqueue(
            {throws: networkError()},
            {throws: networkError()},
            {throws: networkError()},
        );

        const error = await catchDataverseErrorAsync(http.sendAsync(READ));

        expect(error.code).toBe('network');
        expect(error.httpStatus).toBeNull();
    });

    it('reports a bare TypeError as cors', async () => {
        const {http, scriptedFetch} = setUp();
        const blocked = () => ({throws: new TypeError('Failed to fetch')});
        scriptedFetch.enqueue(blocked(), blocked(), blocked());

        const error = await catchDataverseErrorAsync(http.sendAsync(READ));

        expect(error.code).toBe('cors');
        expect(error.cause).toBeInstanceOf(TypeError);
    });

    it('pauses other requests during a 429', async () => {
        const clock = new ManualClock();
        const {http, scriptedFetch} = setUp({clock});
        scriptedFetch.enqueue({status: 429, headers: {'Retry-After': '5'}}, OK, OK);

        const first = http.sendAsync(READ);
        await flushAsync();
        const second = http.sendAsync(READ);
        await flushAsync();

        expect(clock.sleeps).toEqual([5000, 5000]);
        expect(scriptedFetch.requests).toHaveLength(1);

        clock.release(5000);
        await Promise.all([first, second]);
        expect(scriptedFetch.requests).toHaveLength(3);
    });
});

describe('DataverseHttp errors', () => {
    it('maps 412 on a create-only write', async () => {
        const {http, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 412,
            body: {error: {code: '', message: 'A record with matching key values already exists.'}},
        });

        const error = await catchDataverseErrorAsync(
            http.sendAsync({...READ, method: 'PATCH', body: {}, headers: {'If-None-Match': '*'}}),
        );

        expect(error.code).toBe('alreadyExists');
        expect(error.dataverseCode).toBeNull();
    });

    it('maps 412 on If-Match', async () => {
        const {http, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 412,
            body: {
                error: {
                    code: '',
                    message:
                        "The version of the existing record doesn't match the RowVersion property provided.",
                },
            },
        });

        const error = await catchDataverseErrorAsync(
            http.sendAsync({...READ, method: 'PATCH', body: {}, headers: {'If-Match': 'W/"1"'}}),
        );

        expect(error.code).toBe('versionMismatch');
    });

    it('keeps a non-JSON error body as text', async () => {
        const {http, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 403, rawBody: '<html>Forbidden</html>'});

        const error = await catchDataverseErrorAsync(http.sendAsync(READ));

        expect(error.code).toBe('forbidden');
        expect(error.rawMessage).toBe('<html>Forbidden</html>');
    });

    it('rejects a success body that is not JSON', async () => {
        const {http, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 200, rawBody: '<html>'});

        const error = await catchDataverseErrorAsync(http.sendAsync(READ));

        expect(error.code).toBe('badResponse');
        expect(error.httpStatus).toBe(200);
    });

    it('names the table in the message', async () => {
        const {http, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 403,
            body: {error: {code: '0x80040220', message: 'Missing prvReadAccount.'}},
        });

        const error = await catchDataverseErrorAsync(http.sendAsync(READ));

        expect(error.message).toMatch(/^Couldn't read Account: /);
        expect(error.message).toContain('Missing prvReadAccount.');
    });
});

describe('DataverseHttp abort', () => {
    it('sends nothing once aborted', async () => {
        const {http, scriptedFetch} = setUp();
        const controller = new AbortController();
        controller.abort();

        const error = await catchDataverseErrorAsync(
            http.sendAsync({...READ, signal: controller.signal}),
        );

        expect(error.code).toBe('aborted');
        expect(scriptedFetch.requests).toHaveLength(0);
    });

    it('does not retry an aborted fetch', async () => {
        const {http, scriptedFetch} = setUp();
        const controller = new AbortController();
        scriptedFetch.enqueue(() => {
            controller.abort();
            throw Object.assign(new Error('The operation was aborted.'), {name: 'AbortError'});
        });

        const error = await catchDataverseErrorAsync(
            http.sendAsync({...READ, signal: controller.signal}),
        );

        expect(error.code).toBe('aborted');
        expect(scriptedFetch.requests).toHaveLength(1);
    });

    it('passes the signal to fetch', async () => {
        const controller = new AbortController();
        let receivedSignal: AbortSignal | null | undefined;
        const http = new DataverseHttp({
            fetch: async (_url, init) => {
                receivedSignal = init.signal;
                return new Response('{}', {status: 200});
            },
            tokenProvider: new CountingTokenProvider(),
            clock: new FakeClock(),
        });

        await http.sendAsync({...READ, signal: controller.signal});

        expect(receivedSignal).toBe(controller.signal);
    });
});

describe('DataverseHttp concurrency', () => {
    it('never exceeds the request limit', async () => {
        const {http, scriptedFetch} = setUp({maxConcurrentRequests: 3});
        const replies = Array.from({length: 10}, () => createDeferred<ScriptedReply>());
        let inFlight = 0;
        let maxInFlight = 0;
        for (const reply of replies) {
            scriptedFetch.enqueue(async () => {
                inFlight += 1;
                maxInFlight = Math.max(maxInFlight, inFlight);
                const result = await reply.promise;
                inFlight -= 1;
                return result;
            });
        }

        const requests = replies.map(() => http.sendAsync(READ));
        for (const reply of replies) {
            await flushAsync();
            expect(inFlight).toBeLessThanOrEqual(3);
            reply.resolve(OK);
        }
        await Promise.all(requests);

        expect(maxInFlight).toBe(3);
        expect(scriptedFetch.requests).toHaveLength(10);
    });

    it('defaults to eight requests in flight', async () => {
        const {http, scriptedFetch} = setUp();
        const gate = createDeferred<ScriptedReply>();
        for (let index = 0; index < 12; index += 1) {
            scriptedFetch.enqueue(() => gate.promise);
        }

        const requests = Array.from({length: 12}, () => http.sendAsync(READ));
        await flushAsync();

        expect(scriptedFetch.requests).toHaveLength(8);
        gate.resolve(OK);
        await Promise.all(requests);
        expect(scriptedFetch.requests).toHaveLength(12);
    });
});

describe('DataverseHttp fetch failures', () => {
    it('recognises a TypeError from another realm', async () => {
        const {http, scriptedFetch} = setUp();
        const foreign: unknown = runInNewContext(
            'Object.assign(new TypeError("fetch failed"), {cause: new Error("other side closed")})',
        );
        scriptedFetch.enqueue({throws: foreign}, {throws: foreign}, {throws: foreign});

        const error = await catchDataverseErrorAsync(http.sendAsync(READ));

        expect(foreign).not.toBeInstanceOf(TypeError);
        expect(error.code).toBe('network');
        expect(error.rawMessage).toBe('fetch failed (other side closed)');
        expect(scriptedFetch.requests).toHaveLength(3);
    });

    it('passes through errors that are not TypeErrors', async () => {
        const {http, scriptedFetch} = setUp();
        const bug = new RangeError('bug in fetch');
        scriptedFetch.enqueue({throws: bug});

        await expect(http.sendAsync(READ)).rejects.toBe(bug);
        expect(scriptedFetch.requests).toHaveLength(1);
    });
});
