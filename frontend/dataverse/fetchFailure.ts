/**
 * Classifies an exception thrown by `fetch` itself, before any response arrived. Browsers reject
 * with a bare `TypeError` for both a lost connection and a CORS rejection and hide which it was.
 * Node's fetch also rejects with a `TypeError` but attaches the socket error as `cause`.
 */

/** `other` is anything but a transport failure, such as a bug in an injected `fetch`. */
export type FetchFailureKind = 'aborted' | 'network' | 'cors' | 'other';

export function classifyFetchFailure(
    error: unknown,
    signal: AbortSignal | undefined,
): FetchFailureKind {
    const name = getErrorNameIfExists(error);
    if (signal?.aborted === true || name === 'AbortError' || name === 'TimeoutError') {
        return 'aborted';
    }
    if (name !== 'TypeError') {
        return 'other';
    }
    if (hasCause(error) || isBrowserOffline()) {
        return 'network';
    }
    // NOTE: a browser that lost its connection without noticing it is offline also lands here, so
    // 'cors' means "the browser hid the reason" and is retried like a network failure.
    return 'cors';
}

/**
 * Reads the error's `name` without `instanceof`, because the error may come from another realm:
 * Node's fetch raises its `TypeError` outside a Jest test's context, and an iframe has its own.
 */
function getErrorNameIfExists(error: unknown): string | null {
    if (typeof error !== 'object' || error === null || !('name' in error)) {
        return null;
    }
    return typeof error.name === 'string' ? error.name : null;
}

function hasCause(error: unknown): boolean {
    return (
        typeof error === 'object' && error !== null && 'cause' in error && error.cause !== undefined
    );
}

function isBrowserOffline(): boolean {
    return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * Describes a fetch failure for the raw message, such as "fetch failed (connect ECONNREFUSED)",
 * reading fields without `instanceof` for the same reason as above.
 */
export function describeFetchFailure(error: unknown): string | null {
    const message = getMessageIfExists(error);
    const cause =
        typeof error === 'object' && error !== null && 'cause' in error ? error.cause : null;
    const causeMessage = getMessageIfExists(cause);
    if (message === null) {
        return causeMessage;
    }
    return causeMessage === null ? message : `${message} (${causeMessage})`;
}

function getMessageIfExists(value: unknown): string | null {
    if (typeof value !== 'object' || value === null || !('message' in value)) {
        return null;
    }
    return typeof value.message === 'string' ? value.message : null;
}
