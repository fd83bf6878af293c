/** Counts the requests an emulator logged, by the kind of work each one does. */
import type {RequestLogEntry} from '../emulator/server';

export type RequestKind = 'GET' | 'metadata' | 'PATCH' | 'POST' | 'DELETE' | '$batch';

export interface RequestCounts {
    readonly byKind: Readonly<Record<RequestKind, number>>;
    readonly total: number;
    /** Requests the emulator's service protection rejected with 429, included in the kinds. */
    readonly throttled: number;
}

export const REQUEST_KINDS: readonly RequestKind[] = [
    'GET',
    'metadata',
    'PATCH',
    'POST',
    'DELETE',
    '$batch',
];

const HTTP_TOO_MANY_REQUESTS = 429;

export function countRequests(entries: readonly RequestLogEntry[]): RequestCounts {
    const byKind: Record<RequestKind, number> = {
        GET: 0,
        metadata: 0,
        PATCH: 0,
        POST: 0,
        DELETE: 0,
        $batch: 0,
    };
    for (const entry of entries) {
        byKind[getRequestKind(entry)] += 1;
    }
    const throttled = entries.filter(entry => entry.status === HTTP_TOO_MANY_REQUESTS).length;
    return {byKind, total: entries.length, throttled};
}

function getRequestKind(entry: RequestLogEntry): RequestKind {
    const path = entry.path.split('?')[0] ?? '';
    if (path.endsWith('/$batch')) {
        return '$batch';
    }
    switch (entry.method) {
        case 'PATCH':
        case 'PUT':
            return 'PATCH';
        case 'POST':
            return 'POST';
        case 'DELETE':
            return 'DELETE';
        default:
            return path.includes('/EntityDefinitions') ? 'metadata' : 'GET';
    }
}

/** Formats the non-zero kinds, such as `GET 10, PATCH 1000`. */
export function formatRequestKinds(counts: RequestCounts): string {
    const parts = REQUEST_KINDS.filter(kind => counts.byKind[kind] > 0).map(
        kind => `${kind} ${counts.byKind[kind]}`,
    );
    const throttled = counts.throttled > 0 ? [`429 ${counts.throttled}`] : [];
    return [...parts, ...throttled].join(', ') || 'none';
}
