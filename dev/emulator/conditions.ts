/**
 * `If-Match` and `If-None-Match` as Dataverse reads them. Clients commonly send
 * `If-None-Match: null` to defeat browser caching; that value means no condition.
 */
import type {ApiRequest} from './context';
import type {Row} from './entities/types';
import {etagOf} from './serialize';

export type Condition =
    | {readonly kind: 'none'}
    | {readonly kind: 'any'}
    | {readonly kind: 'etags'; readonly etags: readonly string[]};

function parseCondition(header: string | undefined): Condition {
    const value = header?.trim();
    if (value === undefined || value === '' || value === 'null') {
        return {kind: 'none'};
    }
    if (value === '*') {
        return {kind: 'any'};
    }
    return {kind: 'etags', etags: value.split(',').map(etag => etag.trim())};
}

export function ifMatchOf(request: ApiRequest): Condition {
    return parseCondition(request.headers['if-match']);
}

export function ifNoneMatchOf(request: ApiRequest): Condition {
    return parseCondition(request.headers['if-none-match']);
}

/** Compares weakly, as OData does for `W/"n"` tags: `"n"` and `W/"n"` match. */
export function matchesEtag(condition: Condition, row: Row): boolean {
    switch (condition.kind) {
        case 'none':
            return false;
        case 'any':
            return true;
        case 'etags': {
            const current = etagOf(row).replace(/^W\//, '');
            return condition.etags.some(etag => etag.replace(/^W\//, '') === current);
        }
    }
}
