/** Shared setup for the emulator contract tests: one emulator per test file, real `fetch`. */
import {
    DEV_TOKEN,
    startEmulatorAsync,
    type EmulatorOptions,
    type RunningEmulator,
} from '../../dev/emulator/server';

export const API = '/api/data/v9.2/';

/** Sample accounts with fixed ids, as seeded from `dev/emulator/seed/accounts.json`. */
export const SAMPLE_IDS = {
    aDatum: 'a1d4e2b0-5c1f-4e0a-9b7d-000000000001',
    adventureWorks: 'a1d4e2b0-5c1f-4e0a-9b7d-000000000002',
    fourthCoffee: 'a1d4e2b0-5c1f-4e0a-9b7d-000000000009',
    litware: 'a1d4e2b0-5c1f-4e0a-9b7d-000000000010',
} as const;

/**
 * Starts an emulator before the file's tests and stops it after them. The returned getter gives
 * the running emulator inside tests.
 */
export function useEmulator(options: EmulatorOptions = {}): () => RunningEmulator {
    let emulator: RunningEmulator | null = null;
    beforeAll(async () => {
        emulator = await startEmulatorAsync({port: 0, seedCount: 0, ...options});
    });
    afterAll(async () => {
        await emulator?.closeAsync();
    });
    return () => {
        if (emulator === null) {
            throw new Error(
                'The emulator has not started; call useEmulator at the top of the file.',
            );
        }
        return emulator;
    };
}

/** Sends a Web API request with the development token; `path` is relative to the API root. */
export function callApiAsync(
    emulator: RunningEmulator,
    path: string,
    init: {method?: string; headers?: Record<string, string>; body?: unknown} = {},
): Promise<Response> {
    const headers: Record<string, string> = {
        Authorization: `Bearer ${DEV_TOKEN}`,
        Accept: 'application/json',
        'OData-MaxVersion': '4.0',
        'OData-Version': '4.0',
        ...init.headers,
    };
    let body: string | undefined;
    if (init.body !== undefined) {
        headers['Content-Type'] = 'application/json; charset=utf-8';
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    return fetch(`${emulator.url}${API}${path}`, {method: init.method ?? 'GET', headers, body});
}

/** Reads a JSON response body as a plain object. */
export async function readJsonAsync(response: Response): Promise<Record<string, unknown>> {
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new Error(`Expected a JSON object but got: ${JSON.stringify(body)}`);
    }
    return body as Record<string, unknown>;
}

/** Reads the `value` array of a collection response. */
export async function readRowsAsync(response: Response): Promise<Record<string, unknown>[]> {
    const body = await readJsonAsync(response);
    const value = body['value'];
    if (!Array.isArray(value)) {
        throw new Error(`Expected a collection body but got: ${JSON.stringify(body)}`);
    }
    return value as Record<string, unknown>[];
}

/** Reads a Dataverse error body: `{"error":{"code","message"}}`. */
export async function readErrorAsync(response: Response): Promise<{code: string; message: string}> {
    const body = await readJsonAsync(response);
    const error = body['error'] as {code?: unknown; message?: unknown} | undefined;
    if (typeof error?.code !== 'string' || typeof error.message !== 'string') {
        throw new Error(`Expected a Dataverse error body but got: ${JSON.stringify(body)}`);
    }
    return {code: error.code, message: error.message};
}

export function encodeQuery(options: Record<string, string>): string {
    return Object.entries(options)
        .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
        .join('&');
}
