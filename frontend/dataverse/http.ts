/**
 * Sends one Dataverse Web API request: adds the OData headers and a bearer token, bounds the
 * number of requests in flight, refreshes the token once on `401`, retries per the retry policy
 * and turns every failure into a `DataverseError`.
 */
import {assertNever} from '../sync/assertNever';
import type {Clock} from '../sync/ports';
import {DataverseError, type DataverseErrorCode, type DataverseErrorContext} from './errors';
import {classifyHttpStatus, parseErrorBody} from './errorResponse';
import {classifyFetchFailure, describeFetchFailure} from './fetchFailure';
import {
    decideRetry,
    DEFAULT_RETRY_POLICY,
    parseRetryAfterMs,
    type RetryableFailure,
    type RetryPolicy,
    type RetryState,
} from './retryPolicy';
import {Semaphore} from './semaphore';
import type {TokenProvider} from './tokenProvider';

/**
 * Default number of requests in flight. Dataverse allows 52 concurrent requests per user and web
 * server ("Service protection API limits", Microsoft Learn, 2023). Staying well below leaves room
 * for the user's other apps and avoids the concurrency `429`.
 */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

/** Maximum characters of a non-JSON error body kept as the raw message, such as a gateway page. */
const MAX_RAW_TEXT_LENGTH = 300;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The `fetch` signature the client needs. The browser's, Node's and test doubles all fit. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** Receives retries and token refreshes. Messages carry no cell values and no tokens. */
export interface HttpLogger {
    info(message: string): void;
    warn(message: string): void;
}

export interface DataverseRequest {
    readonly method: HttpMethod;
    /** Absolute URL. */
    readonly url: string;
    /** JSON body, sent with `Content-Type: application/json`. */
    readonly body?: unknown;
    /** A body sent as it is, such as the `multipart/mixed` body of a `$batch`; replaces `body`. */
    readonly rawBody?: {readonly contentType: string; readonly text: string};
    /** Keeps a successful response's body as text instead of parsing it as JSON. */
    readonly isTextResponse?: boolean;
    /** Extra headers such as `If-Match`. */
    readonly headers?: Readonly<Record<string, string>>;
    /** `Prefer` values, sent comma-separated in one header. */
    readonly prefer?: readonly string[];
    readonly context: DataverseErrorContext;
    readonly signal?: AbortSignal;
}

export interface DataverseResponse {
    readonly status: number;
    readonly headers: Headers;
    /**
     * Parsed JSON, or null when the response had no body. The text as it is for a successful
     * request with `isTextResponse`.
     */
    readonly body: unknown;
}

export interface DataverseHttpOptions {
    readonly fetch: FetchFunction;
    readonly tokenProvider: TokenProvider;
    readonly clock: Clock;
    readonly maxConcurrentRequests?: number;
    readonly retryPolicy?: RetryPolicy;
    /** Source of jitter in [0, 1), fixed by tests. */
    readonly random?: () => number;
    readonly logger?: HttpLogger;
}

/** One attempt's result: a response, or the kind of failure `fetch` raised. */
type AttemptOutcome =
    | {readonly kind: 'response'; readonly response: DataverseResponse; readonly rawText: string}
    | {readonly kind: 'fetchFailed'; readonly code: DataverseErrorCode; readonly cause: unknown};

const SILENT_LOGGER: HttpLogger = {info: () => undefined, warn: () => undefined};

export class DataverseHttp {
    private readonly options: DataverseHttpOptions;
    private readonly semaphore: Semaphore;
    private readonly retryPolicy: RetryPolicy;
    private readonly logger: HttpLogger;
    /** Set on `429`: Dynamics counts every request of the user, so all of them wait. */
    private pausedUntilMs = 0;

    constructor(options: DataverseHttpOptions) {
        this.options = options;
        this.semaphore = new Semaphore(
            options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
        );
        this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
        this.logger = options.logger ?? SILENT_LOGGER;
    }

    /** Sends the request and returns a `2xx` or `304` response, or throws a `DataverseError`. */
    async sendAsync(request: DataverseRequest): Promise<DataverseResponse> {
        let hasRefreshedToken = false;
        let shouldForceRefresh = false;
        const retryState = {attemptCount: 0, totalWaitMs: 0};

        for (;;) {
            const forceRefresh = shouldForceRefresh;
            // The token is fetched inside the slot, so a request that queued for long sends a fresh one.
            const outcome = await this.semaphore.runAsync(async () => {
                throwIfAborted(request);
                await this.waitForThrottlePauseAsync();
                const token = await this.options.tokenProvider.getTokenAsync({forceRefresh});
                return this.attemptAsync(request, token);
            });
            shouldForceRefresh = false;

            if (outcome.kind === 'response' && isSuccess(outcome.response.status)) {
                return outcome.response;
            }
            if (isFirstUnauthorized(outcome, hasRefreshedToken)) {
                this.logger.info(
                    `Dynamics responded 401 to ${describe(request)}. Refreshing the token once.`,
                );
                hasRefreshedToken = true;
                shouldForceRefresh = true;
                continue;
            }

            retryState.attemptCount += 1;
            const delayMs = this.getRetryDelayMs(request, outcome, retryState);
            await this.options.clock.sleepAsync(delayMs);
            retryState.totalWaitMs += delayMs;
        }
    }

    /** Returns how long to wait before the next attempt, or throws when the policy gives up. */
    private getRetryDelayMs(
        request: DataverseRequest,
        outcome: AttemptOutcome,
        state: RetryState,
    ): number {
        const nowMs = this.options.clock.nowMs();
        const failure = toRetryableFailure(outcome, nowMs);
        const random = (this.options.random ?? Math.random)();
        const decision = decideRetry(this.retryPolicy, failure, state, random);
        if (!decision.shouldRetry) {
            throw toDataverseError(outcome, request, nowMs);
        }

        this.logger.warn(
            `Retrying ${describe(request)} in ${decision.delayMs} ms after ${describeFailure(failure)} (attempt ${state.attemptCount + 1} of ${this.retryPolicy.maxAttempts}).`,
        );
        if (failure.kind === 'status' && failure.status === 429) {
            this.pauseAllRequests(decision.delayMs);
        }
        return decision.delayMs;
    }

    private async attemptAsync(request: DataverseRequest, token: string): Promise<AttemptOutcome> {
        try {
            const response = await this.options.fetch(
                request.url,
                buildRequestInit(request, token),
            );
            const rawText = await response.text();
            const body = parseResponseBody(rawText, response.status, request);
            return {
                kind: 'response',
                response: {status: response.status, headers: response.headers, body},
                rawText,
            };
        } catch (error) {
            if (error instanceof DataverseError) {
                throw error;
            }
            const kind = classifyFetchFailure(error, request.signal);
            if (kind === 'other') {
                throw error;
            }
            if (kind === 'aborted') {
                throw new DataverseError('aborted', request.context, {
                    httpStatus: null,
                    dataverseCode: null,
                    rawMessage: null,
                    cause: error,
                });
            }
            return {kind: 'fetchFailed', code: kind, cause: error};
        }
    }

    private async waitForThrottlePauseAsync(): Promise<void> {
        const waitMs = this.pausedUntilMs - this.options.clock.nowMs();
        if (waitMs > 0) {
            await this.options.clock.sleepAsync(waitMs);
        }
    }

    private pauseAllRequests(delayMs: number): void {
        this.pausedUntilMs = Math.max(this.pausedUntilMs, this.options.clock.nowMs() + delayMs);
    }
}

function buildRequestInit(request: DataverseRequest, token: string): RequestInit {
    const headers: Record<string, string> = {
        Accept: 'application/json',
        'OData-MaxVersion': '4.0',
        'OData-Version': '4.0',
        Authorization: `Bearer ${token}`,
    };
    if (request.method === 'GET') {
        // Keeps browsers from serving a GET from their cache (Compose HTTP requests, Microsoft Learn).
        headers['If-None-Match'] = 'null';
    }
    if (request.rawBody !== undefined) {
        headers['Content-Type'] = request.rawBody.contentType;
    } else if (request.body !== undefined) {
        headers['Content-Type'] = 'application/json; charset=utf-8';
    }
    if (request.prefer !== undefined && request.prefer.length > 0) {
        headers.Prefer = request.prefer.join(',');
    }
    Object.assign(headers, request.headers);

    return {
        method: request.method,
        headers,
        body: request.rawBody?.text ?? encodeJsonBody(request.body),
        signal: request.signal,
    };
}

function encodeJsonBody(body: unknown): string | undefined {
    return body === undefined ? undefined : JSON.stringify(body);
}

/**
 * Parses a JSON body. A `2xx` body that is not JSON raises `badResponse`, unless the request asked
 * for text, and an error body that is not JSON gives null so the caller keeps its text.
 */
function parseResponseBody(rawText: string, status: number, request: DataverseRequest): unknown {
    if (rawText.trim() === '') {
        return null;
    }
    if (request.isTextResponse === true && isSuccess(status)) {
        return rawText;
    }
    try {
        return JSON.parse(rawText) as unknown;
    } catch (error) {
        if (!isSuccess(status)) {
            return null;
        }
        throw new DataverseError('badResponse', request.context, {
            httpStatus: status,
            dataverseCode: null,
            rawMessage: `The response to ${describe(request)} is not valid JSON.`,
            cause: error,
        });
    }
}

function isSuccess(status: number): boolean {
    return (status >= 200 && status < 300) || status === 304;
}

function isFirstUnauthorized(outcome: AttemptOutcome, hasRefreshedToken: boolean): boolean {
    return !hasRefreshedToken && outcome.kind === 'response' && outcome.response.status === 401;
}

function toRetryableFailure(outcome: AttemptOutcome, nowMs: number): RetryableFailure {
    if (outcome.kind === 'fetchFailed') {
        return {kind: 'network'};
    }
    const {status, headers} = outcome.response;
    return {
        kind: 'status',
        status,
        retryAfterMs: parseRetryAfterMs(headers.get('Retry-After'), nowMs),
    };
}

function toDataverseError(
    outcome: AttemptOutcome,
    request: DataverseRequest,
    nowMs: number,
): DataverseError {
    if (outcome.kind === 'fetchFailed') {
        return new DataverseError(outcome.code, request.context, {
            httpStatus: null,
            dataverseCode: null,
            rawMessage: describeFetchFailure(outcome.cause),
            cause: outcome.cause,
        });
    }

    const {status, headers, body} = outcome.response;
    const errorBody = parseErrorBody(body);
    const isCreateOnly = request.headers?.['If-None-Match'] === '*';
    return new DataverseError(
        classifyHttpStatus(status, errorBody.code, {isCreateOnly}),
        request.context,
        {
            httpStatus: status,
            dataverseCode: errorBody.code,
            rawMessage: errorBody.message ?? truncate(outcome.rawText.trim()),
            retryAfterMs: parseRetryAfterMs(headers.get('Retry-After'), nowMs),
        },
    );
}

function truncate(text: string): string | null {
    if (text === '') {
        return null;
    }
    return text.length > MAX_RAW_TEXT_LENGTH ? `${text.slice(0, MAX_RAW_TEXT_LENGTH)}…` : text;
}

function throwIfAborted(request: DataverseRequest): void {
    if (request.signal?.aborted === true) {
        throw new DataverseError('aborted', request.context, {
            httpStatus: null,
            dataverseCode: null,
            rawMessage: null,
            cause: request.signal.reason,
        });
    }
}

/** Names the request without its query, which may contain cell values. */
function describe(request: DataverseRequest): string {
    const path = new URL(request.url).pathname;
    return `${request.method} ${path}`;
}

function describeFailure(failure: RetryableFailure): string {
    switch (failure.kind) {
        case 'status':
            return `HTTP ${failure.status}`;
        case 'network':
            return 'a network failure';
        default:
            return assertNever(failure);
    }
}
