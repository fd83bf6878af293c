/**
 * Dataverse's service-protection limits, per user: at most 6000 requests in a sliding window of
 * 300 seconds and at most 52 concurrent requests (Dataverse "Service protection API limits").
 * A request over a limit gets a 429 with `Retry-After`. For the request-count limit, the wait is
 * the time until the oldest request in the window leaves it.
 */
import type {ServiceProtectionLimit} from './faults';

export interface ServiceProtectionLimits {
    readonly maxRequestsPerWindow: number;
    readonly windowSeconds: number;
    readonly maxConcurrentRequests: number;
}

export const DEFAULT_SERVICE_PROTECTION: ServiceProtectionLimits = {
    maxRequestsPerWindow: 6000,
    windowSeconds: 300,
    maxConcurrentRequests: 52,
};

// NOTE: the platform's Retry-After for a concurrency breach is undocumented; one second is a guess.
const CONCURRENCY_RETRY_AFTER_SECONDS = 1;

export type Admission =
    | {readonly ok: true; readonly remainingRequests: number; release(): void}
    | {
          readonly ok: false;
          readonly limit: ServiceProtectionLimit;
          readonly retryAfterSeconds: number;
      };

interface UserUsage {
    /** Start times (ms) of admitted requests still inside the window, oldest first. */
    readonly starts: number[];
    inFlight: number;
}

export class ServiceProtection {
    private readonly usage = new Map<string, UserUsage>();

    constructor(
        private readonly limits: ServiceProtectionLimits,
        private readonly now: () => number = Date.now,
    ) {}

    /** Admits a request of `userId` or returns which limit it breaks. Call `release` when done. */
    admit(userId: string): Admission {
        const usage = this.usageOf(userId);
        const time = this.now();
        const windowMs = this.limits.windowSeconds * 1000;
        while (usage.starts.length > 0 && (usage.starts[0] ?? 0) <= time - windowMs) {
            usage.starts.shift();
        }

        if (usage.inFlight >= this.limits.maxConcurrentRequests) {
            return {
                ok: false,
                limit: 'concurrency',
                retryAfterSeconds: CONCURRENCY_RETRY_AFTER_SECONDS,
            };
        }
        const oldest = usage.starts[0];
        if (usage.starts.length >= this.limits.maxRequestsPerWindow && oldest !== undefined) {
            const retryAfterSeconds = Math.max(1, Math.ceil((oldest + windowMs - time) / 1000));
            return {ok: false, limit: 'requests', retryAfterSeconds};
        }

        usage.starts.push(time);
        usage.inFlight += 1;
        let isReleased = false;
        return {
            ok: true,
            remainingRequests: this.limits.maxRequestsPerWindow - usage.starts.length,
            release: () => {
                if (!isReleased) {
                    isReleased = true;
                    usage.inFlight -= 1;
                }
            },
        };
    }

    private usageOf(userId: string): UserUsage {
        let usage = this.usage.get(userId);
        if (usage === undefined) {
            usage = {starts: [], inFlight: 0};
            this.usage.set(userId, usage);
        }
        return usage;
    }
}
