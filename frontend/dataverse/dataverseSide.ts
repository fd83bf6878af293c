/**
 * The engine's `DataverseSide` port over the Web API client. Reads follow every page. Writes run
 * one request each, bounded by the client's concurrency limit, and report one result per write.
 */
import {assertNever} from '../sync/assertNever';
import {parseGuidIfValid} from '../sync/ids';
import type {EntityRef} from '../sync/mapping';
import type {
    DataverseRecord,
    DataverseSide,
    DataverseWrite,
    DataverseWriteResult,
} from '../sync/ports';
import type {DataverseClient} from './dataverseClient';
import {createBadResponseError, DataverseError, type DataverseErrorCode} from './errors';
import type {JsonObject} from './json';
import {
    ASSOCIATED_NAVIGATION_PROPERTY_ANNOTATION,
    getColumnValues,
    getEtagIfExists,
    LOOKUP_LOGICAL_NAME_ANNOTATION,
} from './odata';

/** Annotations read with every row: which table a lookup points to and how to bind it. */
const READ_ANNOTATIONS = [
    LOOKUP_LOGICAL_NAME_ANNOTATION,
    ASSOCIATED_NAVIGATION_PROPERTY_ANNOTATION,
];

/**
 * Failures that no other write of the run can escape, so the run stops: the sign-in is gone, the
 * service cannot be reached, or it keeps throttling after every retry.
 */
const RUN_STOPPING_CODES: ReadonlySet<DataverseErrorCode> = new Set<DataverseErrorCode>([
    'unauthorized',
    'throttled',
    'unavailable',
    'network',
    'cors',
    'aborted',
]);

export function createDataverseSide(client: DataverseClient): DataverseSide {
    return {
        readAllAsync: (entity, columns) => readAllAsync(client, entity, columns),
        writeAsync: writes => writeAllAsync(client, writes),
    };
}

async function readAllAsync(
    client: DataverseClient,
    entity: EntityRef,
    columns: readonly string[],
): Promise<DataverseRecord[]> {
    const rows = await client.retrieveAllAsync(
        entity,
        {select: [entity.primaryIdAttribute, ...columns]},
        {includeAnnotations: READ_ANNOTATIONS},
    );
    return rows.map(row => toDataverseRecord(entity, row));
}

function toDataverseRecord(entity: EntityRef, row: JsonObject): DataverseRecord {
    const idValue = row[entity.primaryIdAttribute];
    const id = typeof idValue === 'string' ? parseGuidIfValid(idValue) : null;
    if (id === null) {
        throw createBadResponseError(
            {operation: 'read', tableDisplayName: entity.displayName},
            `A row has no valid ${entity.primaryIdAttribute}.`,
        );
    }
    return {id, version: getEtagIfExists(row), values: getColumnValues(row)};
}

/**
 * Starts every write at once and lets the client's semaphore bound the requests in flight. The
 * first run-stopping failure aborts the unfinished writes and is rethrown. A write aborted while in
 * flight may still have reached Dynamics, and the next run's read shows whether it did.
 */
async function writeAllAsync(
    client: DataverseClient,
    writes: readonly DataverseWrite[],
): Promise<DataverseWriteResult[]> {
    const controller = new AbortController();
    // Promise.all rejects with the first run-stopping error. The writes it aborts reject later.
    return Promise.all(
        writes.map(async write => {
            try {
                return await writeOneAsync(client, write, controller.signal);
            } catch (error) {
                if (isRecordFailure(error)) {
                    return toWriteResult(error);
                }
                controller.abort();
                throw error;
            }
        }),
    );
}

/** Returns whether the error concerns only the one record, so the other writes go on. */
function isRecordFailure(error: unknown): error is DataverseError {
    return error instanceof DataverseError && !RUN_STOPPING_CODES.has(error.code);
}

async function writeOneAsync(
    client: DataverseClient,
    write: DataverseWrite,
    signal: AbortSignal,
): Promise<DataverseWriteResult> {
    // Returning only the primary id keeps the response small but carries the row's new version.
    const select = [write.entity.primaryIdAttribute];
    switch (write.kind) {
        case 'create': {
            const outcome = await client.createWithIdAsync(write.entity, write.id, write.values, {
                select,
                signal,
            });
            return {status: 'ok', version: outcome.version};
        }
        case 'update': {
            const outcome = await client.updateAsync(write.entity, write.id, write.values, {
                ifMatch: write.ifMatch ?? '*',
                select,
                signal,
            });
            return {status: 'ok', version: outcome.version};
        }
        case 'delete':
            await client.deleteAsync(write.entity, write.id, {
                ifMatch: write.ifMatch ?? undefined,
                signal,
            });
            return {status: 'ok', version: null};
        default:
            return assertNever(write);
    }
}

/** Maps a failure that concerns only this record to its result. */
function toWriteResult(error: DataverseError): DataverseWriteResult {
    switch (error.code) {
        case 'alreadyExists':
            return {status: 'alreadyExists'};
        case 'notFound':
            return {status: 'notFound'};
        case 'versionMismatch':
            return {status: 'versionMismatch'};
        default:
            return {
                status: 'failed',
                message: error.rawMessage ?? error.message,
                code: error.dataverseCode,
                httpStatus: error.httpStatus,
            };
    }
}
