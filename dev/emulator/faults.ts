/**
 * Injected failures for tests. Each rule replaces the response to the next matching request(s)
 * with a service-protection `429`, a `503`, an expired-token `401`, any Dataverse error or a
 * dropped connection, delays it, or edits the addressed row just before it is handled. A rule
 * matches requests sent on their own, or with `inBatch` the requests inside a `$batch`, where it
 * fails just that part. Rules match in the order they were added.
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
    | {readonly kind: 'delay'; readonly ms: number}
    /** `401` with the `WWW-Authenticate` challenge, as for a token that has expired. */
    | {readonly kind: 'expiredToken'}
    /**
     * Another user updates the addressed row just before the request is handled, so the row gets
     * a new version and an `If-Match` with the version read before fails with `412`.
     */
    | {readonly kind: 'concurrentEdit'}
    /** Any status with a Dataverse error body, such as `400` with `0x80044331`. */
    | {
          readonly kind: 'error';
          readonly httpStatus: number;
          readonly code: string;
          readonly message: string;
      };

/** A service-protection `429` or a `503`. */
export type StatusFaultResponse = Extract<FaultResponse, {status: number}>;

/** The fault kinds that can apply to one request inside a `$batch`. */
export type BatchPartFaultResponse = Extract<
    FaultResponse,
    {status: number} | {kind: 'concurrentEdit' | 'error'}
>;

export interface FaultRule {
    /** Matches only this HTTP method, such as `PATCH`. */
    readonly method?: string;
    /** Matches only request paths (with query) that contain this text. */
    readonly pathIncludes?: string;
    /** The number of matching requests the rule applies to; default 1. */
    readonly times?: number;
    /** The number of matching requests let through before the rule applies; default 0. */
    readonly skip?: number;
    /**
     * Matches requests inside a `$batch` (by their own method and path) instead of requests sent
     * on their own. Only status faults, `concurrentEdit` and `error` can apply inside a batch.
     */
    readonly inBatch?: boolean;
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
    skipsLeft: number;
}

/** Returns null when the fault can apply where the rule matches, else why it cannot. */
export function checkFaultRule(rule: FaultRule): string | null {
    if (rule.inBatch !== true || isBatchPartFault(rule.response)) {
        return null;
    }
    return 'A fault inside a $batch must be a 429, a 503, "concurrentEdit" or "error".';
}

export function isBatchPartFault(response: FaultResponse): response is BatchPartFaultResponse {
    return 'status' in response || response.kind === 'concurrentEdit' || response.kind === 'error';
}

export class FaultQueue {
    private readonly rules: ActiveRule[] = [];

    /** Queues a rule. Throws when its fault cannot apply where it matches. */
    add(rule: FaultRule): void {
        const problem = checkFaultRule(rule);
        if (problem !== null) {
            throw new Error(problem);
        }
        this.rules.push({rule, remaining: rule.times ?? 1, skipsLeft: rule.skip ?? 0});
    }

    clear(): void {
        this.rules.length = 0;
    }

    /** The number of matching requests the queued rules still apply to. */
    get pendingCount(): number {
        return this.rules.reduce((sum, active) => sum + active.remaining, 0);
    }

    /**
     * Returns the fault for this request, using up one turn of its rule, or null. `isInBatch` is true
     * when the request is a part of a `$batch`.
     */
    takeIfMatches(method: string, path: string, isInBatch = false): FaultResponse | null {
        const index = this.rules.findIndex(
            ({rule}) =>
                (rule.inBatch === true) === isInBatch &&
                (rule.method === undefined || rule.method.toUpperCase() === method) &&
                (rule.pathIncludes === undefined || path.includes(rule.pathIncludes)),
        );
        const active = this.rules[index];
        if (active === undefined) {
            return null;
        }
        if (active.skipsLeft > 0) {
            active.skipsLeft -= 1;
            return null;
        }
        active.remaining -= 1;
        if (active.remaining <= 0) {
            this.rules.splice(index, 1);
        }
        return active.rule.response;
    }
}

/** Builds the response for an `error` fault: its status with Dataverse's error body. */
export function errorFaultResponse(fault: Extract<FaultResponse, {kind: 'error'}>): ApiResponse {
    return jsonResponse(fault.httpStatus, {error: {code: fault.code, message: fault.message}});
}

/** Builds the response for a 429 or 503 fault. */
export function faultResponse(fault: StatusFaultResponse): ApiResponse {
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
