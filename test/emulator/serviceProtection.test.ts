/**
 * Service-protection limits: the per-user request count over a sliding window and the concurrent
 * request limit, each answered with Dataverse's 429 body and `Retry-After`.
 */
import {
    startEmulatorAsync,
    type EmulatorOptions,
    type RunningEmulator,
} from '../../dev/emulator/server';
import {ServiceProtection} from '../../dev/emulator/serviceProtection';
import {callApiAsync, readErrorAsync} from './helpers';

async function withEmulatorAsync(
    options: EmulatorOptions,
    run: (emulator: RunningEmulator) => Promise<void>,
): Promise<void> {
    const emulator = await startEmulatorAsync({
        port: 0,
        seedCount: 0,
        seedSamples: false,
        ...options,
    });
    try {
        await run(emulator);
    } finally {
        await emulator.closeAsync();
    }
}

describe('request window', () => {
    test('rejects requests over the window limit', async () => {
        await withEmulatorAsync({serviceProtection: {maxRequestsPerWindow: 3}}, async emulator => {
            const statuses = [];
            for (let attempt = 0; attempt < 3; attempt += 1) {
                statuses.push((await callApiAsync(emulator, 'WhoAmI')).status);
            }
            const rejected = await callApiAsync(emulator, 'WhoAmI');
            const error = await readErrorAsync(rejected);

            expect(statuses).toEqual([200, 200, 200]);
            expect(rejected.status).toBe(429);
            expect(Number(rejected.headers.get('retry-after'))).toBeGreaterThan(0);
            expect(Number(rejected.headers.get('retry-after'))).toBeLessThanOrEqual(300);
            expect(error.code).toBe('0x80072322');
        });
    });

    test('reports the requests left', async () => {
        await withEmulatorAsync({serviceProtection: {maxRequestsPerWindow: 10}}, async emulator => {
            const first = await callApiAsync(emulator, 'WhoAmI');
            const second = await callApiAsync(emulator, 'WhoAmI');

            expect(first.headers.get('x-ms-ratelimit-burst-remaining-xrm-requests')).toBe('9');
            expect(second.headers.get('x-ms-ratelimit-burst-remaining-xrm-requests')).toBe('8');
        });
    });

    test('admits again after the window', () => {
        let now = 0;
        const protection = new ServiceProtection(
            {maxRequestsPerWindow: 2, windowSeconds: 300, maxConcurrentRequests: 52},
            () => now,
        );
        for (let attempt = 0; attempt < 2; attempt += 1) {
            const admission = protection.admit('user');
            if (admission.ok) {
                admission.release();
            }
        }
        const rejected = protection.admit('user');
        now = 300_000;
        const admitted = protection.admit('user');

        expect(rejected).toEqual({ok: false, limit: 'requests', retryAfterSeconds: 300});
        expect(admitted.ok).toBe(true);
    });

    test('counts each user separately', () => {
        const protection = new ServiceProtection({
            maxRequestsPerWindow: 1,
            windowSeconds: 300,
            maxConcurrentRequests: 52,
        });
        protection.admit('first');

        expect(protection.admit('second').ok).toBe(true);
        expect(protection.admit('first').ok).toBe(false);
    });
});

describe('concurrency', () => {
    test('rejects requests over the concurrency limit', async () => {
        await withEmulatorAsync(
            {serviceProtection: {maxConcurrentRequests: 2}, latencyMs: 200},
            async emulator => {
                const responses = await Promise.all(
                    [1, 2, 3].map(() => callApiAsync(emulator, 'WhoAmI')),
                );
                const rejected = responses.filter(response => response.status === 429);

                expect(responses.filter(response => response.status === 200)).toHaveLength(2);
                expect(rejected).toHaveLength(1);
                expect((await readErrorAsync(rejected[0] as Response)).code).toBe('0x80072326');
            },
        );
    });

    test('frees a slot when a request ends', () => {
        const protection = new ServiceProtection({
            maxRequestsPerWindow: 100,
            windowSeconds: 300,
            maxConcurrentRequests: 1,
        });
        const first = protection.admit('user');
        const blocked = protection.admit('user');
        if (first.ok) {
            first.release();
        }

        expect(blocked.ok).toBe(false);
        expect(protection.admit('user').ok).toBe(true);
    });
});

test('limits can be turned off', async () => {
    await withEmulatorAsync({serviceProtection: false}, async emulator => {
        const response = await callApiAsync(emulator, 'WhoAmI');

        expect(response.status).toBe(200);
        expect(response.headers.get('x-ms-ratelimit-burst-remaining-xrm-requests')).toBeNull();
    });
});
