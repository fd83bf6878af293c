/**
 * When and how long the client waits before sending a failed request again, as data and pure
 * functions. Dataverse answers `429` with `Retry-After` when service protection limits are hit and
 * expects the client to wait exactly that long; without the header the client backs off
 * exponentially, as Microsoft's "Service protection API limits" page (2023) advises.
 */
import {assertNever} from '../sync/assertNever';

export interface RetryPolicy {
    /** HTTP statuses worth retrying: the request may succeed unchanged later. */
    readonly retryableStatuses: readonly number[];
    /** Whether to retry when the request never got a response. */
    readonly shouldRetryNetworkErrors: boolean;
    /** Maximum number of attempts, the first included. */
    readonly maxAttempts: number;
    /** Backoff before the second attempt when Dynamics gave no `Retry-After`, in ms. */
    readonly initialDelayMs: number;
    /** Maximum backoff between two attempts when Dynamics gave no `Retry-After`, in ms. */
    readonly maxDelayMs: number;
    /** Maximum time spent waiting across all retries of one request, in ms. */
    readonly maxTotalWaitMs: number;
    /** Share of each backoff, from 0 to 1, removed at random so parallel requests spread out. */
    readonly jitterRatio: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
    retryableStatuses: [429, 503],
    shouldRetryNetworkErrors: true,
    maxAttempts: 6,
    initialDelayMs: 1000,
    maxDelayMs: 32_000,
    maxTotalWaitMs: 120_000,
    jitterRatio: 0.5,
};

export type RetryableFailure =
    | {readonly kind: 'status'; readonly status: number; readonly retryAfterMs: number | null}
    | {readonly kind: 'network'};

export interface RetryState {
    /** Attempts made so far, the failed one included (1 after the first failure). */
    readonly attemptCount: number;
    /** Time already spent waiting between earlier attempts, in ms. */
    readonly totalWaitMs: number;
}

export type RetryDecision =
    | {readonly shouldRetry: true; readonly delayMs: number}
    | {
          readonly shouldRetry: false;
          readonly reason: 'notRetryable' | 'maxAttemptsReached' | 'maxTotalWaitReached';
      };

/**
 * Decides whether to send the request again and after how long. `random` is a number in [0, 1)
 * that picks the jitter; tests pass a fixed value.
 */
export function decideRetry(
    policy: RetryPolicy,
    failure: RetryableFailure,
    state: RetryState,
    random: number,
): RetryDecision {
    if (!isRetryable(policy, failure)) {
        return {shouldRetry: false, reason: 'notRetryable'};
    }
    if (state.attemptCount >= policy.maxAttempts) {
        return {shouldRetry: false, reason: 'maxAttemptsReached'};
    }

    const retryAfterMs = failure.kind === 'status' ? failure.retryAfterMs : null;
    const delayMs = retryAfterMs ?? computeBackoffMs(policy, state.attemptCount, random);
    if (state.totalWaitMs + delayMs > policy.maxTotalWaitMs) {
        return {shouldRetry: false, reason: 'maxTotalWaitReached'};
    }
    return {shouldRetry: true, delayMs};
}

function isRetryable(policy: RetryPolicy, failure: RetryableFailure): boolean {
    switch (failure.kind) {
        case 'status':
            return policy.retryableStatuses.includes(failure.status);
        case 'network':
            return policy.shouldRetryNetworkErrors;
        default:
            return assertNever(failure);
    }
}

/**
 * Returns the exponential backoff after `attemptCount` failed attempts: `initialDelayMs` doubled
 * per earlier retry, capped at `maxDelayMs`, less up to `jitterRatio` of it chosen by `random`.
 */
export function computeBackoffMs(
    policy: RetryPolicy,
    attemptCount: number,
    random: number,
): number {
    const exponent = Math.max(0, attemptCount - 1);
    const cappedMs = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
    const jitter = Math.min(Math.max(policy.jitterRatio, 0), 1) * Math.min(Math.max(random, 0), 1);
    return Math.round(cappedMs * (1 - jitter));
}

const DELAY_SECONDS_PATTERN = /^\d+$/;
/** Every HTTP date form names the month in letters; this keeps `Date.parse` from reading "1.5". */
const HTTP_DATE_MONTH_PATTERN = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/i;

/**
 * Reads a `Retry-After` header, which is either whole seconds or an HTTP date (RFC 9110 §10.2.3),
 * as a delay in ms from `nowMs`. Returns null when the header is absent or unreadable, and 0 for a
 * date in the past.
 */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | null {
    if (value === null) {
        return null;
    }
    const trimmed = value.trim();
    if (DELAY_SECONDS_PATTERN.test(trimmed)) {
        return Number(trimmed) * 1000;
    }
    const dateMs = HTTP_DATE_MONTH_PATTERN.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
    if (Number.isNaN(dateMs)) {
        return null;
    }
    return Math.max(0, dateMs - nowMs);
}
