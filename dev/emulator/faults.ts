/**
 * Injected failures for tests. Each rule replaces the response to the next matching request(s)
 * with a service-protection `429`, a `503` or a dropped connection, or delays it. Rules match in
 * the order they were added.
 */
import {jsonResponse, type ApiResponse} from './context';
import {ERROR_CODES} from './errors';

/** The service-protection limit a 429 reports (Dataverse "Service protection API limits"). */
export type ServiceProtectionLimit = 'requests' | 'executionTime' | 'concurrency';

export type FaultResponse =
    | {
          readonly status: 429;
          readonly retryAfterSeconds: number;
          /** Defaults to `requests`, the limit of 6000 requests per 300 seconds. */
          readonly limit?: ServiceProtectionLimit;
      }
    | {readonly status: 503}
    | {readonly kind: 'drop'}
    | {readonly kind: 'delay'; readonly ms: number};

export interface FaultRule {
    /** Matches only this HTTP method, such as `PATCH`. */
    readonly method?: string;
    /** Matches only request paths (with query) that contain this text. */
    readonly pathIncludes?: string;
    /** The number of matching requests the rule applies to; default 1. */
    readonly times?: number;
    readonly response: FaultResponse;
}

const LIMIT_ERRORS: Readonly<Record<ServiceProtectionLimit, {code: string; message: string}>> = {
    requests: {
        code: ERROR_CODES.requestLimitExceeded,
        message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.',
    },
    executionTime: {
        code: ERROR_CODES.executionTimeLimitExceeded,
        message:
            'Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds ' +
            'over time window of 300 seconds. Decrease number of concurrent requests or reduce the ' +
            'duration of requests and try again later.',
    },
    concurrency: {
        code: ERROR_CODES.concurrencyLimitExceeded,
        message: 'Number of concurrent requests exceeded the limit of 52.',
    },
};

interface ActiveRule {
    readonly rule: FaultRule;
    remaining: number;
}

export class FaultQueue {
    private readonly rules: ActiveRule[] = [];

    add(rule: FaultRule): void {
        this.rules.push({rule, remaining: rule.times ?? 1});
    }

    clear(): void {
        this.rules.length = 0;
    }

    /** The number of matching requests the queued rules still apply to. */
    get pendingCount(): number {
        return this.rules.reduce((sum, active) => sum + active.remaining, 0);
    }

    /** Returns the fault for this request, using up one turn of its rule, or null. */
    takeIfMatches(method: string, path: string): FaultResponse | null {
        const index = this.rules.findIndex(
            ({rule}) =>
                (rule.method === undefined || rule.method.toUpperCase() === method) &&
                (rule.pathIncludes === undefined || path.includes(rule.pathIncludes)),
        );
        const active = this.rules[index];
        if (active === undefined) {
            return null;
        }
        active.remaining -= 1;
        if (active.remaining <= 0) {
            this.rules.splice(index, 1);
        }
        return active.rule.response;
    }
}

/** Builds the response for a 429 or 503 fault. */
export function faultResponse(fault: Extract<FaultResponse, {status: number}>): ApiResponse {
    if (fault.status === 503) {
        // NOTE: Dataverse documents 503 without a body shape; this body follows its error format.
        return jsonResponse(503, {
            error: {
                code: ERROR_CODES.unexpected,
                message: 'The service is temporarily unavailable.',
            },
        });
    }
    const error = LIMIT_ERRORS[fault.limit ?? 'requests'];
    return jsonResponse(
        429,
        {error},
        {
            'Retry-After': String(fault.retryAfterSeconds),
            'x-ms-ratelimit-burst-remaining-xrm-requests': '0',
        },
    );
}
