/**
 * The emulator's control endpoint under `/_emulator/`, for tests and browser runs that cannot
 * reach the in-process API: queue and clear faults, and read the request log. It needs no token
 * and, like the whole server, listens on 127.0.0.1 only.
 *
 * - `POST /_emulator/faults` with a `FaultRule` as JSON queues a fault (204).
 * - `DELETE /_emulator/faults` clears queued faults (204).
 * - `POST /_emulator/change-history/discard` expires every delta link issued so far (204).
 * - `GET /_emulator/requests` returns the request log as a JSON array.
 */
import {emptyResponse, jsonResponse, type ApiResponse} from './context';
import {
    checkFaultRule,
    type FaultQueue,
    type FaultResponse,
    type FaultRule,
    type ServiceProtectionLimit,
} from './faults';
import type {EmulatorStore} from './store';

export const CONTROL_PATH = '/_emulator/';

const LIMITS: readonly ServiceProtectionLimit[] = ['requests', 'executionTime', 'concurrency'];

interface ControlTarget {
    readonly faults: FaultQueue;
    readonly store: EmulatorStore;
    readonly requestLog: ReadonlyArray<{
        method: string;
        path: string;
        status: number;
        concurrentRequestCount: number;
    }>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWholeNumber(value: unknown, minimum: number): value is number {
    return typeof value === 'number' && Number.isInteger(value) && value >= minimum;
}

function parseFaultResponse(value: unknown): FaultResponse | string {
    if (!isRecord(value)) {
        return 'response must be an object such as {"status": 429, "retryAfterSeconds": 5}.';
    }
    if (value['status'] === 503) {
        return {status: 503};
    }
    if (value['status'] === 429) {
        const limit = value['limit'];
        if (!isWholeNumber(value['retryAfterSeconds'], 0)) {
            return 'response.retryAfterSeconds must be a whole number of seconds for a 429.';
        }
        if (limit !== undefined && !LIMITS.includes(limit as ServiceProtectionLimit)) {
            return `response.limit must be one of ${LIMITS.join(', ')}.`;
        }
        return {
            status: 429,
            retryAfterSeconds: value['retryAfterSeconds'],
            limit: limit as ServiceProtectionLimit | undefined,
        };
    }
    if (value['kind'] === 'drop') {
        return {kind: 'drop'};
    }
    if (value['kind'] === 'delay') {
        return isWholeNumber(value['ms'], 0)
            ? {kind: 'delay', ms: value['ms']}
            : 'response.ms must be a whole number of milliseconds for a delay.';
    }
    if (value['kind'] === 'expiredToken' || value['kind'] === 'concurrentEdit') {
        return {kind: value['kind']};
    }
    if (value['kind'] === 'error') {
        return parseErrorFault(value);
    }
    return (
        'response must have status 429 or 503, or kind "drop", "delay", "expiredToken", ' +
        '"concurrentEdit" or "error".'
    );
}

function parseErrorFault(value: Record<string, unknown>): FaultResponse | string {
    const {httpStatus, code, message} = value;
    if (!isWholeNumber(httpStatus, 400) || httpStatus > 599) {
        return 'response.httpStatus must be a status from 400 to 599 for an error.';
    }
    if (typeof code !== 'string' || typeof message !== 'string') {
        return 'response.code and response.message must be strings for an error.';
    }
    return {kind: 'error', httpStatus, code, message};
}

/** Checks a fault rule sent as JSON; returns the rule or a message saying what is wrong. */
export function parseFaultRule(value: unknown): FaultRule | string {
    if (!isRecord(value)) {
        return 'The body must be a JSON object with a "response" member.';
    }
    const {method, pathIncludes, times, skip, inBatch} = value;
    if (method !== undefined && typeof method !== 'string') {
        return 'method must be a string such as "PATCH".';
    }
    if (pathIncludes !== undefined && typeof pathIncludes !== 'string') {
        return 'pathIncludes must be a string.';
    }
    if (times !== undefined && !isWholeNumber(times, 1)) {
        return 'times must be a whole number of at least 1.';
    }
    if (skip !== undefined && !isWholeNumber(skip, 0)) {
        return 'skip must be a whole number of at least 0.';
    }
    if (inBatch !== undefined && typeof inBatch !== 'boolean') {
        return 'inBatch must be true or false.';
    }
    const response = parseFaultResponse(value['response']);
    if (typeof response === 'string') {
        return response;
    }
    const rule = {method, pathIncludes, times, skip, inBatch, response};
    return checkFaultRule(rule) ?? rule;
}

function badRequest(message: string): ApiResponse {
    return jsonResponse(400, {
        error: {code: 'InvalidFaultRule', message: `The fault rule is invalid: ${message}`},
    });
}

function readJson(body: string): unknown {
    try {
        return JSON.parse(body);
    } catch {
        return undefined;
    }
}

/** Handles a request under `/_emulator/`. */
export function handleControl(
    target: ControlTarget,
    method: string,
    path: string,
    body: string,
): ApiResponse {
    const resource = path.slice(CONTROL_PATH.length).split('?')[0];
    if (resource === 'faults' && method === 'POST') {
        const rule = parseFaultRule(readJson(body));
        if (typeof rule === 'string') {
            return badRequest(rule);
        }
        target.faults.add(rule);
        return emptyResponse(204);
    }
    if (resource === 'faults' && method === 'DELETE') {
        target.faults.clear();
        return emptyResponse(204);
    }
    if (resource === 'change-history/discard' && method === 'POST') {
        target.store.discardChangeHistory();
        return emptyResponse(204);
    }
    if (resource === 'requests' && method === 'GET') {
        return jsonResponse(
            200,
            target.requestLog.map(entry => ({...entry})),
        );
    }
    return jsonResponse(404, {
        error: {
            code: 'NotFound',
            message: `The emulator has no control resource ${method} ${path}.`,
        },
    });
}
