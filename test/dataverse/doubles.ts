/**
 * Test doubles at the client's seams: a `fetch` that answers from a script and records what it
 * was sent, a clock that only moves when asked to sleep, and a counting token provider.
 */
import type {TokenProvider} from '../../frontend/dataverse/tokenProvider';
import type {Clock} from '../../frontend/sync/ports';

export interface SentRequest {
    readonly url: string;
    readonly method: string;
    readonly headers: Readonly<Record<string, string>>;
    /** The JSON body parsed, or undefined when the body is absent or not JSON. */
    readonly body: unknown;
    /** The body as sent, such as the multipart body of a `$batch`. */
    readonly rawBody: string | undefined;
}

export interface ScriptedReply {
    readonly status: number;
    readonly body?: unknown;
    /** Sent as it is instead of `body`, for bodies that are not JSON. */
    readonly rawBody?: string;
    readonly headers?: Readonly<Record<string, string>>;
}

/** One scripted step: a reply, an exception `fetch` throws, or a function of the request. */
export type ScriptStep =
    | ScriptedReply
    | {readonly throws: unknown}
    | ((request: SentRequest) => Promise<ScriptedReply> | ScriptedReply);

export class ScriptedFetch {
    readonly requests: SentRequest[] = [];
    private readonly steps: ScriptStep[];

    constructor(steps: readonly ScriptStep[] = []) {
        this.steps = [...steps];
    }

    enqueue(...steps: ScriptStep[]): void {
        this.steps.push(...steps);
    }

    readonly fetch = async (url: string, init: RequestInit): Promise<Response> => {
        const rawBody = typeof init.body === 'string' ? init.body : undefined;
        const request: SentRequest = {
            url,
            method: init.method ?? 'GET',
            headers: {...(init.headers as Record<string, string> | undefined)},
            body: rawBody === undefined ? undefined : parseJsonIfValid(rawBody),
            rawBody,
        };
        this.requests.push(request);
        const step = this.steps.shift();
        if (step === undefined) {
            throw new Error(`The script has no reply left for ${request.method} ${url}.`);
        }
        if (typeof step === 'function') {
            return toResponse(await step(request));
        }
        if ('throws' in step) {
            throw step.throws;
        }
        return toResponse(step);
    };
}

function parseJsonIfValid(text: string): unknown {
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return undefined;
    }
}

export function toResponse(reply: ScriptedReply): Response {
    const hasJson = reply.body !== undefined;
    const text = reply.rawBody ?? (hasJson ? JSON.stringify(reply.body) : null);
    const headers = new Headers(reply.headers);
    if (hasJson) {
        headers.set('Content-Type', 'application/json; odata.metadata=minimal');
    }
    const isNullBodyStatus = reply.status === 204 || reply.status === 304;
    return new Response(isNullBodyStatus ? null : text, {status: reply.status, headers});
}

/** A clock whose `sleepAsync` returns at once and moves time forward by the requested amount. */
export class FakeClock implements Clock {
    readonly sleeps: number[] = [];
    private currentMs: number;

    constructor(startMs = Date.UTC(2025, 5, 3, 16, 0, 0)) {
        this.currentMs = startMs;
    }

    nowMs(): number {
        return this.currentMs;
    }

    async sleepAsync(ms: number): Promise<void> {
        this.sleeps.push(ms);
        this.currentMs += ms;
        await Promise.resolve();
    }
}

/** Returns `token-1`, and a new numbered token on every forced refresh. */
export class CountingTokenProvider implements TokenProvider {
    readonly calls: Array<{readonly forceRefresh: boolean}> = [];
    private generation = 1;

    constructor(private readonly prefix = 'token') {}

    async getTokenAsync(options: {readonly forceRefresh: boolean}): Promise<string> {
        this.calls.push(options);
        if (options.forceRefresh) {
            this.generation += 1;
        }
        return `${this.prefix}-${this.generation}`;
    }

    get refreshCount(): number {
        return this.calls.filter(call => call.forceRefresh).length;
    }
}

/** A promise with its resolve function, for replies a test releases by hand. */
export function createDeferred<T>(): {promise: Promise<T>; resolve: (value: T) => void} {
    let resolve: (value: T) => void = () => undefined;
    const promise = new Promise<T>(settle => {
        resolve = settle;
    });
    return {promise, resolve};
}

/** A clock whose sleeps stay pending until the test releases them, to observe waiting requests. */
export class ManualClock implements Clock {
    readonly sleeps: number[] = [];
    private currentMs = Date.UTC(2025, 5, 3, 16, 0, 0);
    private pending: Array<() => void> = [];

    nowMs(): number {
        return this.currentMs;
    }

    sleepAsync(ms: number): Promise<void> {
        this.sleeps.push(ms);
        return new Promise(resolve => this.pending.push(resolve));
    }

    /** Moves time forward and ends every pending sleep. */
    release(ms: number): void {
        this.currentMs += ms;
        const pending = this.pending;
        this.pending = [];
        pending.forEach(resolve => resolve());
    }
}

/** Lets pending promise callbacks and I/O callbacks run. */
export function flushAsync(): Promise<void> {
    return new Promise(resolve => setImmediate(resolve));
}
