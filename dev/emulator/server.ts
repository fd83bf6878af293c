/**
 * A local Dataverse Web API v9.2 server for tests, the sandbox, the demo and the benchmark. It
 * binds to 127.0.0.1 only and serves `http://127.0.0.1:<port>/api/data/v9.2/` with Dataverse's
 * wire format: status codes, headers, ETags, paging, annotations, errors and CORS.
 *
 * @example
 * const emulator = await startEmulatorAsync({port: 0});
 * const response = await fetch(`${emulator.url}/api/data/v9.2/WhoAmI`, {
 *     headers: {Authorization: `Bearer ${DEV_TOKEN}`},
 * });
 * await emulator.closeAsync();
 */
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

import {checkAuthorizationAsync, unauthorizedResponse, type TokenVerifier} from './auth';
import {
    type ApiResponse,
    type BatchPartLogEntry,
    type EmulatorContext,
    jsonResponse,
} from './context';
import {CONTROL_PATH, handleControl} from './control';
import {corsHeaders, preflightResponse} from './cors';
import {dispatch} from './dispatch';
import {createDefaultRegistry} from './entities/registry';
import {ERROR_CODES} from './errors';
import {applyConcurrentEdit} from './concurrentEdit';
import {errorFaultResponse, FaultQueue, faultResponse, type FaultResponse} from './faults';
import {EMULATOR_IDENTITY} from './identity';
import {seedStore} from './seed';
import {
    DEFAULT_SERVICE_PROTECTION,
    ServiceProtection,
    type ServiceProtectionLimits,
} from './serviceProtection';
import {EmulatorStore} from './store';

export {EmulatorStore} from './store';
export {FaultQueue} from './faults';
export type {FaultResponse, FaultRule} from './faults';

/** The bearer token the emulator accepts when no `verifyToken` option replaces the check. */
export const DEV_TOKEN = 'local-development-token';

/** Generated accounts on top of the ten samples when no count is given. */
export const DEFAULT_SEED_COUNT = 25;

const HOST = '127.0.0.1';
/** Room for the URLs of long `$filter` queries, up to the 64 KB Dataverse allows inside `$batch`. */
const MAX_HEADER_BYTES = 64 * 1024;

export interface EmulatorOptions {
    /** 0 picks a free port. */
    port?: number;
    /** Generated accounts on top of the ten samples; default 25. */
    seedCount?: number;
    /** Whether to insert the ten sample accounts; default true. */
    seedSamples?: boolean;
    /** Decides whether a bearer token is accepted. Default: accept exactly `DEV_TOKEN`. */
    verifyToken?: TokenVerifier;
    /**
     * Per-user service-protection limits; default 6000 requests per 300 s and 52 concurrent
     * requests, as in Dataverse. `false` turns them off.
     */
    serviceProtection?: Partial<ServiceProtectionLimits> | false;
    /** Milliseconds each API request waits before it is handled, to imitate network latency. */
    latencyMs?: number;
}

export interface RequestLogEntry {
    readonly method: string;
    /** The request path with its query string, as sent. */
    readonly path: string;
    /** The response status; 0 when the connection was dropped on purpose. */
    readonly status: number;
    /** The API requests being handled when this one arrived, this one included. */
    readonly concurrentRequestCount: number;
}

export interface RunningEmulator {
    /** The environment URL, such as `http://127.0.0.1:7071`; the API is under `/api/data/v9.2/`. */
    readonly url: string;
    readonly store: EmulatorStore;
    readonly faults: FaultQueue;
    readonly requestLog: ReadonlyArray<RequestLogEntry>;
    /** The requests inside `$batch` requests, which `requestLog` lists as one POST each. */
    readonly batchPartLog: ReadonlyArray<BatchPartLogEntry>;
    /** How many accounts were seeded at start. */
    readonly seededAccountCount: number;
    closeAsync(): Promise<void>;
}

async function acceptDevTokenAsync(token: string) {
    return token === DEV_TOKEN
        ? {ok: true as const}
        : {ok: false as const, reason: 'The token is not the emulator development token.'};
}

function readBodyAsync(request: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        request.on('error', reject);
    });
}

function headersOf(request: IncomingMessage): Record<string, string | undefined> {
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(request.headers)) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return headers;
}

function sleepAsync(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}

function internalError(method: string, path: string, error: unknown): ApiResponse {
    const detail = error instanceof Error ? error.message : String(error);
    console.error(`Dataverse emulator: ${method} ${path} failed with an internal error: ${detail}`);
    return jsonResponse(500, {
        error: {code: ERROR_CODES.unexpected, message: `The emulator failed: ${detail}`},
    });
}

/** Adds the debug header Dataverse sends with the requests left in the current window. */
function withRemaining(response: ApiResponse, remainingRequests: number): ApiResponse {
    const headers = {
        ...response.headers,
        'x-ms-ratelimit-burst-remaining-xrm-requests': String(remainingRequests),
    };
    return {...response, headers};
}

class EmulatorServer {
    readonly requestLog: RequestLogEntry[] = [];
    private activeRequestCount = 0;

    constructor(
        private readonly context: EmulatorContext,
        private readonly verifyToken: TokenVerifier,
        private readonly protection: ServiceProtection | null,
        private readonly latencyMs: number,
    ) {}

    get faults(): FaultQueue {
        return this.context.faults;
    }

    get store(): EmulatorStore {
        return this.context.store;
    }

    async handleAsync(request: IncomingMessage, response: ServerResponse): Promise<void> {
        const method = request.method ?? 'GET';
        const path = request.url ?? '/';
        const origin = request.headers.origin;
        this.activeRequestCount += 1;
        const concurrentRequestCount = this.activeRequestCount;
        let result: ApiResponse | 'drop';
        try {
            const body = await readBodyAsync(request);
            result = await this.respondAsync(method, path, headersOf(request), body);
        } catch (error) {
            result = internalError(method, path, error);
        } finally {
            this.activeRequestCount -= 1;
        }

        if (result === 'drop') {
            this.requestLog.push({method, path, status: 0, concurrentRequestCount});
            request.socket.destroy();
            return;
        }
        if (!path.startsWith(CONTROL_PATH)) {
            this.requestLog.push({method, path, status: result.status, concurrentRequestCount});
        }
        response.writeHead(result.status, {...result.headers, ...corsHeaders(origin)});
        response.end(result.body);
    }

    private async respondAsync(
        method: string,
        path: string,
        headers: Record<string, string | undefined>,
        body: string,
    ): Promise<ApiResponse | 'drop'> {
        if (method === 'OPTIONS') {
            return preflightResponse(headers['origin']);
        }
        if (path.startsWith(CONTROL_PATH)) {
            return handleControl(this, method, path, body);
        }

        const fault = this.faults.takeIfMatches(method, path);
        const faultResult = fault === null ? null : await this.applyFaultAsync(fault, path);
        if (faultResult !== null) {
            return faultResult;
        }

        const verdict = await checkAuthorizationAsync(headers['authorization'], this.verifyToken);
        if (!verdict.ok) {
            return unauthorizedResponse(this.context.environmentUrl);
        }
        const callerId = this.ensureUser(verdict.userId);
        const admission = this.protection?.admit(callerId) ?? null;
        if (admission !== null && !admission.ok) {
            const {limit, retryAfterSeconds} = admission;
            return faultResponse({status: 429, retryAfterSeconds, limit});
        }
        try {
            if (this.latencyMs > 0) {
                await sleepAsync(this.latencyMs);
            }
            const url = new URL(path, this.context.environmentUrl);
            const response = dispatch(this.context, {method, url, headers, body, callerId});
            return admission === null
                ? response
                : withRemaining(response, admission.remainingRequests);
        } finally {
            admission?.release();
        }
    }

    /**
     * Applies a fault to a request sent on its own. Returns the response that replaces the
     * request's, or null when the request is to be handled after the fault's delay or edit.
     */
    private async applyFaultAsync(
        fault: FaultResponse,
        path: string,
    ): Promise<ApiResponse | 'drop' | null> {
        if ('status' in fault) {
            return faultResponse(fault);
        }
        switch (fault.kind) {
            case 'drop':
                return 'drop';
            case 'delay':
                await sleepAsync(fault.ms);
                return null;
            case 'expiredToken':
                return unauthorizedResponse(this.context.environmentUrl);
            case 'concurrentEdit':
                applyConcurrentEdit(this.context, new URL(path, this.context.environmentUrl));
                return null;
            case 'error':
                return errorFaultResponse(fault);
        }
    }

    /** Returns the caller's user id, adding a `systemuser` row for a user the org has not seen. */
    private ensureUser(userId: string | undefined): string {
        const id = (userId ?? EMULATOR_IDENTITY.defaultUserId).toLowerCase();
        if (this.context.store.getIfExists('systemuser', id) === null) {
            this.context.store.insert('systemuser', {systemuserid: id, fullname: 'Signed-in User'});
        }
        return id;
    }
}

function listenAsync(server: ReturnType<typeof createServer>, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, HOST, () => {
            server.off('error', reject);
            resolve((server.address() as AddressInfo).port);
        });
    });
}

/** Starts an emulator on 127.0.0.1 with a freshly seeded org. */
export async function startEmulatorAsync(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const registry = createDefaultRegistry();
    const store = new EmulatorStore(registry, {
        ownerId: EMULATOR_IDENTITY.defaultUserId,
        currencyId: EMULATOR_IDENTITY.baseCurrencyId,
    });
    const seededAccountCount = seedStore(store, {
        seedCount: options.seedCount ?? DEFAULT_SEED_COUNT,
        seedSamples: options.seedSamples ?? true,
    });

    const environment = {url: ''};
    const context: EmulatorContext = {
        store,
        registry,
        get environmentUrl() {
            return environment.url;
        },
        faults: new FaultQueue(),
        batchPartLog: [],
    };
    const protection =
        options.serviceProtection === false
            ? null
            : new ServiceProtection({...DEFAULT_SERVICE_PROTECTION, ...options.serviceProtection});
    const emulator = new EmulatorServer(
        context,
        options.verifyToken ?? acceptDevTokenAsync,
        protection,
        options.latencyMs ?? 0,
    );
    // Node's default header limit (16 KB) would reject long query URLs that Dataverse accepts.
    // NOTE: Dataverse's own URL length limit is not emulated.
    const server = createServer({maxHeaderSize: MAX_HEADER_BYTES}, (request, response) => {
        void emulator.handleAsync(request, response);
    });
    const port = await listenAsync(server, options.port ?? 0);
    environment.url = `http://${HOST}:${port}`;

    return {
        url: environment.url,
        store,
        faults: emulator.faults,
        requestLog: emulator.requestLog,
        batchPartLog: context.batchPartLog,
        seededAccountCount,
        closeAsync: () =>
            new Promise<void>((resolve, reject) => {
                server.close(error => (error ? reject(error) : resolve()));
                server.closeAllConnections();
            }),
    };
}
