/**
 * Duplicate detection. The Web API skips it unless a request sends
 * `MSCRM.SuppressDuplicateDetection: false`; then a create or update that matches an active row
 * under one of the table's published rules fails with HTTP 500 and `0x80040333`.
 */
import type {ApiRequest, EmulatorContext} from './context';
import type {ColumnValue, EntityDefinition, Row} from './entities/types';
import {DataverseError} from './errors';
import {foldText} from './odata/collation';

const DUPLICATE_RECORDS_FOUND = '0x80040333';

/** Checks whether the request turns duplicate detection on. */
export function isDuplicateDetectionRequested(request: ApiRequest): boolean {
    return request.headers['mscrm.suppressduplicatedetection']?.trim().toLowerCase() === 'false';
}

function matchKey(row: Row, columns: readonly string[]): string | null {
    const values = columns.map(column => row[column]);
    if (values.some(value => typeof value !== 'string')) {
        return null;
    }
    return values.map(value => foldText(String(value))).join('\u0000');
}

/** Throws `0x80040333` when `candidate` duplicates another active row of the table. */
export function checkNoDuplicates(
    context: EmulatorContext,
    entity: EntityDefinition,
    candidate: Readonly<Record<string, ColumnValue>>,
): void {
    const candidateId = candidate[entity.primaryIdAttribute];
    for (const rule of entity.duplicateRules ?? []) {
        const key = matchKey(candidate, rule);
        if (key === null) {
            continue;
        }
        const duplicate = context.store
            .list(entity.logicalName)
            .some(
                row =>
                    row[entity.primaryIdAttribute] !== candidateId &&
                    row['statecode'] === 0 &&
                    matchKey(row, rule) === key,
            );
        if (duplicate) {
            throw new DataverseError(
                500,
                DUPLICATE_RECORDS_FOUND,
                'A record was not created or updated because a duplicate of the current record ' +
                    'already exists.',
            );
        }
    }
}
