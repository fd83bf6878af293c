import {
    computeBackoffMs,
    decideRetry,
    DEFAULT_RETRY_POLICY,
    parseRetryAfterMs,
    type RetryPolicy,
} from '../../frontend/dataverse/retryPolicy';

const POLICY: RetryPolicy = {
    retryableStatuses: [429, 503],
    shouldRetryNetworkErrors: true,
    maxAttempts: 4,
    initialDelayMs: 1000,
    maxDelayMs: 5000,
    maxTotalWaitMs: 20_000,
    jitterRatio: 0.5,
};
const FIRST_FAILURE = {attemptCount: 1, totalWaitMs: 0};
const NOW_MS = Date.UTC(2025, 5, 3, 16, 0, 0);

describe('parseRetryAfterMs', () => {
    it('reads whole seconds', () => {
        expect(parseRetryAfterMs('12', NOW_MS)).toBe(12_000);
    });

    it('reads seconds with surrounding spaces', () => {
        expect(parseRetryAfterMs(' 3 ', NOW_MS)).toBe(3000);
    });

    it('reads an HTTP date as the delay from now', () => {
        expect(parseRetryAfterMs('Tue, 03 Jun 2025 16:00:30 GMT', NOW_MS)).toBe(30_000);
    });

    it('reads a past HTTP date as zero', () => {
        expect(parseRetryAfterMs('Tue, 03 Jun 2025 15:00:00 GMT', NOW_MS)).toBe(0);
    });

    it('returns null without a header', () => {
        expect(parseRetryAfterMs(null, NOW_MS)).toBeNull();
    });

    it.each(['soon', '1.5', '-3', '', '12s'])('returns null for "%s"', value => {
        expect(parseRetryAfterMs(value, NOW_MS)).toBeNull();
    });
});

describe('computeBackoffMs', () => {
    it('doubles per attempt without jitter', () => {
        const delays = [1, 2, 3].map(attempt => computeBackoffMs(POLICY, attempt, 0));
        expect(delays).toEqual([1000, 2000, 4000]);
    });

    it('caps at the maximum delay', () => {
        expect(computeBackoffMs(POLICY, 10, 0)).toBe(5000);
    });

    it('removes at most the jitter ratio', () => {
        expect(computeBackoffMs(POLICY, 1, 0.999999)).toBe(500);
    });

    it('keeps jitter within zero and one', () => {
        expect(computeBackoffMs({...POLICY, jitterRatio: 3}, 1, 2)).toBe(0);
    });
});

describe('decideRetry', () => {
    it('retries 429 after Retry-After', () => {
        const failure = {kind: 'status', status: 429, retryAfterMs: 7000} as const;
        expect(decideRetry(POLICY, failure, FIRST_FAILURE, 0.3)).toEqual({
            shouldRetry: true,
            delayMs: 7000,
        });
    });

    it('honours Retry-After above the maximum delay', () => {
        const failure = {kind: 'status', status: 429, retryAfterMs: 12_000} as const;
        expect(decideRetry(POLICY, failure, FIRST_FAILURE, 0)).toEqual({
            shouldRetry: true,
            delayMs: 12_000,
        });
    });

    it('backs off on 503 without Retry-After', () => {
        const failure = {kind: 'status', status: 503, retryAfterMs: null} as const;
        expect(decideRetry(POLICY, failure, {attemptCount: 2, totalWaitMs: 1000}, 0)).toEqual({
            shouldRetry: true,
            delayMs: 2000,
        });
    });

    it('retries network failures', () => {
        expect(decideRetry(POLICY, {kind: 'network'}, FIRST_FAILURE, 0)).toEqual({
            shouldRetry: true,
            delayMs: 1000,
        });
    });

    it('skips network failures when disabled', () => {
        const policy = {...POLICY, shouldRetryNetworkErrors: false};
        expect(decideRetry(policy, {kind: 'network'}, FIRST_FAILURE, 0)).toEqual({
            shouldRetry: false,
            reason: 'notRetryable',
        });
    });

    it.each([400, 401, 404, 412, 500, 502])('does not retry status %i', status => {
        const failure = {kind: 'status', status, retryAfterMs: null} as const;
        expect(decideRetry(POLICY, failure, FIRST_FAILURE, 0)).toEqual({
            shouldRetry: false,
            reason: 'notRetryable',
        });
    });

    it('stops after the maximum attempts', () => {
        const failure = {kind: 'status', status: 503, retryAfterMs: null} as const;
        expect(decideRetry(POLICY, failure, {attemptCount: 4, totalWaitMs: 0}, 0)).toEqual({
            shouldRetry: false,
            reason: 'maxAttemptsReached',
        });
    });

    it('stops before exceeding the total wait', () => {
        const failure = {kind: 'status', status: 429, retryAfterMs: 6000} as const;
        expect(decideRetry(POLICY, failure, {attemptCount: 2, totalWaitMs: 15_000}, 0)).toEqual({
            shouldRetry: false,
            reason: 'maxTotalWaitReached',
        });
    });

    it('keeps every default backoff within bounds', () => {
        for (let attempt = 1; attempt < DEFAULT_RETRY_POLICY.maxAttempts; attempt += 1) {
            const delayMs = computeBackoffMs(DEFAULT_RETRY_POLICY, attempt, 0.5);
            expect(delayMs).toBeGreaterThan(0);
            expect(delayMs).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs);
        }
    });
});
