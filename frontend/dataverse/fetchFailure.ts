/**
 * Classifies an exception thrown by `fetch` itself, before any response arrived. Browsers reject
 * with a bare `TypeError` for both a lost connection and a CORS rejection and hide which it was;
 * Node's fetch attaches the socket error as `cause`. Both reject with a `TypeError`.
 */

/** `other` is anything but a transport failure, such as a bug in an injected `fetch`. */
export type FetchFailureKind = 'aborted' | 'network' | 'cors' | 'other';

export function classifyFetchFailure(
    error: unknown,
    signal: AbortSignal | undefined,
): FetchFailureKind {
    if (signal?.aborted === true || isAbortError(error)) {
        return 'aborted';
    }
    if (!(error instanceof TypeError)) {
        return 'other';
    }
    if (hasCause(error) || isBrowserOffline()) {
        return 'network';
    }
    // NOTE: a browser that lost its connection without noticing it is offline also lands here, so
    // 'cors' means "the browser hid the reason" and is retried like a network failure.
    return 'cors';
}

function isAbortError(error: unknown): boolean {
    return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function hasCause(error: unknown): boolean {
    return error instanceof Error && 'cause' in error && error.cause !== undefined;
}

function isBrowserOffline(): boolean {
    return typeof navigator !== 'undefined' && navigator.onLine === false;
}
