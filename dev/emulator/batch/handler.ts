/**
 * `POST $batch`: runs the embedded requests in order through the normal handlers. A change set is
 * one transaction: its requests may refer to rows created earlier in it as `$<Content-ID>`, and if
 * one fails, the set is rolled back and only the failing request is reported. Without
 * `Prefer: odata.continue-on-error` the batch stops at the first failure and returns 400.
 */
import {randomUUID} from 'node:crypto';

import {
    API_PATH,
    errorResponse,
    type ApiRequest,
    type ApiResponse,
    type EmulatorContext,
} from '../context';
import {applyConcurrentEdit} from '../concurrentEdit';
import {DataverseError, queryError} from '../errors';
import {errorFaultResponse, faultResponse, isBatchPartFault} from '../faults';
import {preferencesOf} from '../representation';
import {boundaryOf, parseBatch, type BatchPart, type EmbeddedRequest} from './multipart';
import {writeBatchResponse, type PartResult} from './response';

/** Dataverse's limit on requests in one batch (Web API batch documentation). */
export const MAX_BATCH_REQUESTS = 1000;

export type Dispatcher = (request: ApiRequest) => ApiResponse;

interface PartOutcome {
    readonly result: PartResult;
    readonly hasFailed: boolean;
}

function isFailure(response: ApiResponse): boolean {
    return response.status >= 400;
}

function missingReference(reference: string): DataverseError {
    return queryError(`Content-ID Reference: '${reference}' does not exist in the batch context.`);
}

/** Replaces `$n` references in a target and body with the URLs of rows created earlier. */
function resolveReferences(
    request: EmbeddedRequest,
    created: ReadonlyMap<string, string>,
): {target: string; body: string} {
    const lookUp = (reference: string) => {
        const url = created.get(reference.slice(1));
        if (url === undefined) {
            throw missingReference(reference);
        }
        return url;
    };
    const targetReference = /^\$(\d+)/.exec(request.target)?.[0];
    const target =
        targetReference === undefined
            ? request.target
            : request.target.replace(targetReference, lookUp(targetReference));
    const body = request.body.replace(
        /"(\$\d+)"/g,
        (_match, reference: string) => `"${lookUp(reference)}"`,
    );
    return {target, body};
}

function toApiRequest(
    context: EmulatorContext,
    outer: ApiRequest,
    request: EmbeddedRequest,
    resolved: {target: string; body: string},
): ApiRequest {
    const url = new URL(resolved.target, `${context.environmentUrl}${API_PATH}`);
    if (url.pathname.endsWith('/$batch')) {
        throw queryError('A batch must not contain another $batch request.');
    }
    return {
        method: request.method,
        url,
        headers: request.headers,
        body: resolved.body,
        callerId: outer.callerId,
    };
}

function runRequest(
    context: EmulatorContext,
    outer: ApiRequest,
    dispatch: Dispatcher,
    request: EmbeddedRequest,
    created: ReadonlyMap<string, string>,
): ApiResponse {
    try {
        const inner = toApiRequest(context, outer, request, resolveReferences(request, created));
        const response = applyPartFaultIfQueued(context, inner) ?? dispatch(inner);
        context.batchPartLog.push({
            method: inner.method,
            path: inner.url.pathname + inner.url.search,
            status: response.status,
        });
        return response;
    } catch (error) {
        if (error instanceof DataverseError) {
            return errorResponse(error);
        }
        throw error;
    }
}

/**
 * Applies a fault queued for requests inside a batch. Returns the response that replaces the
 * part's, or null when the request is to be handled, after a concurrent edit if one was queued.
 */
function applyPartFaultIfQueued(context: EmulatorContext, request: ApiRequest): ApiResponse | null {
    const path = request.url.pathname + request.url.search;
    const fault = context.faults.takeIfMatches(request.method, path, true);
    if (fault === null || !isBatchPartFault(fault)) {
        return null;
    }
    if ('status' in fault) {
        return faultResponse(fault);
    }
    switch (fault.kind) {
        case 'concurrentEdit':
            applyConcurrentEdit(context, request.url);
            return null;
        case 'error':
            return errorFaultResponse(fault);
    }
}

function runChangeSet(
    context: EmulatorContext,
    outer: ApiRequest,
    dispatch: Dispatcher,
    requests: readonly EmbeddedRequest[],
): PartOutcome {
    const snapshot = context.store.snapshot();
    const created = new Map<string, string>();
    const results: Array<{readonly response: ApiResponse; readonly contentId: string | null}> = [];
    for (const request of requests) {
        const response =
            request.method === 'GET'
                ? errorResponse(
                      queryError(
                          'A change set must not contain GET requests; send them outside the change set.',
                      ),
                  )
                : runRequest(context, outer, dispatch, request, created);
        if (isFailure(response)) {
            context.store.restore(snapshot);
            return {
                result: {kind: 'changeSet', responses: [{response, contentId: request.contentId}]},
                hasFailed: true,
            };
        }
        const entityId = response.headers['OData-EntityId'];
        if (request.contentId !== null && entityId !== undefined) {
            created.set(request.contentId, entityId);
        }
        results.push({response, contentId: request.contentId});
    }
    return {result: {kind: 'changeSet', responses: results}, hasFailed: false};
}

function runPart(
    context: EmulatorContext,
    outer: ApiRequest,
    dispatch: Dispatcher,
    part: BatchPart,
): PartOutcome {
    switch (part.kind) {
        case 'request': {
            const response = runRequest(context, outer, dispatch, part.request, new Map());
            return {
                result: {kind: 'response', response, contentId: part.request.contentId},
                hasFailed: isFailure(response),
            };
        }
        case 'changeSet':
            return runChangeSet(context, outer, dispatch, part.requests);
    }
}

function countRequests(parts: readonly BatchPart[]): number {
    return parts.reduce(
        (sum, part) => sum + (part.kind === 'request' ? 1 : part.requests.length),
        0,
    );
}

export function handleBatch(
    context: EmulatorContext,
    request: ApiRequest,
    dispatch: Dispatcher,
): ApiResponse {
    const boundary = boundaryOf(request.headers['content-type']);
    if (boundary === null) {
        throw queryError(
            "A $batch request needs a 'Content-Type: multipart/mixed; boundary=…' header.",
        );
    }
    const parts = parseBatch(request.body, boundary);
    const requestCount = countRequests(parts);
    if (requestCount > MAX_BATCH_REQUESTS) {
        // NOTE: the wording is the emulator's; Dataverse documents the limit, not its message.
        throw queryError(
            `The batch contains ${requestCount} requests; the maximum is ${MAX_BATCH_REQUESTS}.`,
        );
    }

    const shouldContinue = preferencesOf(request).continueOnError;
    const results: PartResult[] = [];
    let hasFailed = false;
    for (const part of parts) {
        const outcome = runPart(context, request, dispatch, part);
        results.push(outcome.result);
        if (outcome.hasFailed && !shouldContinue) {
            hasFailed = true;
            break;
        }
    }
    return writeBatchResponse(
        hasFailed ? 400 : 200,
        `batchresponse_${randomUUID()}`,
        results,
        shouldContinue,
    );
}
