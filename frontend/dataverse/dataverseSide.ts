/**
 * The engine's `DataverseSide` port over the Web API client. Reads follow every page. Writes run
 * one request each, bounded by the client's concurrency limit, and report one result per write.
 * Reads of referencing records, for a delete's cascade preview, report a failure that concerns
 * only the table they read the same way.
 */
import {assertNever} from '../sync/assertNever';
import {logicalName, parseGuidIfValid, type Guid} from '../sync/ids';
import {getLookupColumnIfExists, isLookupBinding} from '../sync/lookupValues';
import type {EntityRef} from '../sync/mapping';
import type {
    CascadeDeleteRule,
    DataverseRecord,
    DataverseSide,
    DataverseWrite,
    DataverseWriteResult,
    LookupReference,
    ReferencingRecordsResult,
} from '../sync/ports';
import type {DataverseClient, WriteOutcome} from './dataverseClient';
import {createBadResponseError, DataverseError, type DataverseErrorCode} from './errors';
import {getStringIfExists, isJsonObject, type JsonObject} from './json';
import {
    ASSOCIATED_NAVIGATION_PROPERTY_ANNOTATION,
    formatEntityPath,
    getColumnValues,
    getEtagIfExists,
    getLookupLogicalNameIfExists,
    LOOKUP_LOGICAL_NAME_ANNOTATION,
} from './odata';
import {DefinitionCache, readReferencingRecordsAsync} from './referencingRecords';

/** Annotations read with every row: which table a lookup points to and how to bind it. */
const READ_ANNOTATIONS = [
    LOOKUP_LOGICAL_NAME_ANNOTATION,
    ASSOCIATED_NAVIGATION_PROPERTY_ANNOTATION,
];

/** The column Dynamics stamps with each row's last change, returned with every create and update. */
const MODIFIED_ON_COLUMN = 'modifiedon';

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
    const definitions = new DefinitionCache(client);
    return {
        readAllAsync: (entity, columns) => readAllAsync(client, entity, columns),
        // Until the client reads delta links, every read is a full one.
        readChangesAsync: async (entity, columns) => ({
            kind: 'all',
            records: await readAllAsync(client, entity, columns),
            deltaLink: null,
            fallbackReason: null,
        }),
        writeAsync: writes => writeAllAsync(client, writes),
        readCascadeDeleteRulesAsync: entity => readCascadeDeleteRulesAsync(client, entity),
        readReferencingRecordsAsync: (rule, parentIds) =>
            readReferencingRecordsOrFailureAsync(client, definitions, rule, parentIds),
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
    return rows.map(row => toDataverseRecord(entity, columns, row));
}

/**
 * Keeps the row's values as read and adds, for each requested `_<column>_value`, the lookup under
 * the column's own name as a LookupReference or null.
 */
function toDataverseRecord(
    entity: EntityRef,
    columns: readonly string[],
    row: JsonObject,
): DataverseRecord {
    const idValue = row[entity.primaryIdAttribute];
    const id = typeof idValue === 'string' ? parseGuidIfValid(idValue) : null;
    if (id === null) {
        throw createBadResponseError(
            {operation: 'read', tableDisplayName: entity.displayName},
            `A row has no valid ${entity.primaryIdAttribute}.`,
        );
    }
    const values = getColumnValues(row);
    for (const property of columns) {
        const lookupColumn = getLookupColumnIfExists(property);
        if (lookupColumn !== null) {
            values[lookupColumn] = readLookupReference(entity, row, property);
        }
    }
    return {id, version: getEtagIfExists(row), values};
}

function readLookupReference(
    entity: EntityRef,
    row: JsonObject,
    property: string,
): LookupReference | null {
    const value = row[property];
    if (value === null || value === undefined) {
        return null;
    }
    const id = typeof value === 'string' ? parseGuidIfValid(value) : null;
    const target = getLookupLogicalNameIfExists(row, property);
    if (id === null || target === null) {
        throw createBadResponseError(
            {operation: 'read', tableDisplayName: entity.displayName},
            `The lookup ${property} came back without a GUID and the table it points to.`,
        );
    }
    return {logicalName: logicalName(target), id};
}

/** Turns each LookupBinding into the `@odata.bind` property that sets or clears the lookup. */
function toRequestBody(values: Readonly<Record<string, unknown>>): JsonObject {
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
        if (isLookupBinding(value)) {
            body[`${value.navigationProperty}@odata.bind`] =
                value.id === null ? null : `/${formatEntityPath(value.entitySetName, value.id)}`;
        } else {
            body[key] = value;
        }
    }
    return body;
}

const DELETE_BEHAVIOURS: ReadonlySet<string> = new Set<CascadeDeleteRule['onDelete']>([
    'Cascade',
    'RemoveLink',
    'Restrict',
    'NoCascade',
]);

async function readCascadeDeleteRulesAsync(
    client: DataverseClient,
    entity: EntityRef,
): Promise<CascadeDeleteRule[]> {
    const relationships = await client.getOneToManyRelationshipsAsync(entity.logicalName);
    return relationships.map(relationship => {
        const rule = toCascadeDeleteRuleIfValid(relationship);
        if (rule === null) {
            throw createBadResponseError(
                {operation: 'readMetadata', tableDisplayName: entity.displayName},
                'A relationship definition lacks its tables, its lookup or its delete behaviour.',
            );
        }
        return rule;
    });
}

function toCascadeDeleteRuleIfValid(relationship: JsonObject): CascadeDeleteRule | null {
    const referencedEntity = getStringIfExists(relationship, 'ReferencedEntity');
    const referencingEntity = getStringIfExists(relationship, 'ReferencingEntity');
    const referencingAttribute = getStringIfExists(relationship, 'ReferencingAttribute');
    const cascade = relationship.CascadeConfiguration;
    const onDelete = isJsonObject(cascade) ? getStringIfExists(cascade, 'Delete') : null;
    if (
        referencedEntity === null ||
        referencingEntity === null ||
        referencingAttribute === null ||
        onDelete === null ||
        !isDeleteBehaviour(onDelete)
    ) {
        return null;
    }
    try {
        return {
            referencedEntity: logicalName(referencedEntity),
            referencingEntity: logicalName(referencingEntity),
            referencingAttribute: logicalName(referencingAttribute),
            onDelete,
        };
    } catch {
        return null;
    }
}

function isDeleteBehaviour(text: string): text is CascadeDeleteRule['onDelete'] {
    return DELETE_BEHAVIOURS.has(text);
}

/** Reads the referencing records, returning a failure that concerns only their table. */
async function readReferencingRecordsOrFailureAsync(
    client: DataverseClient,
    definitions: DefinitionCache,
    rule: CascadeDeleteRule,
    parentIds: readonly Guid[],
): Promise<ReferencingRecordsResult> {
    try {
        return await readReferencingRecordsAsync(client, definitions, rule, parentIds);
    } catch (error) {
        if (isRecordFailure(error)) {
            const entity = definitions.getDefinitionIfExists(rule.referencingEntity);
            return toFailedResult(error, entity);
        }
        throw error;
    }
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
    // A small representation carries the row's new version and the `modifiedon` Dynamics stamped,
    // which advances the run's watermark past the engine's own writes.
    const select = [write.entity.primaryIdAttribute, MODIFIED_ON_COLUMN];
    switch (write.kind) {
        case 'create': {
            const body = toRequestBody(write.values);
            const outcome = await client.createWithIdAsync(write.entity, write.id, body, {
                select,
                signal,
            });
            return toOkResult(outcome);
        }
        case 'update': {
            const outcome = await client.updateAsync(
                write.entity,
                write.id,
                toRequestBody(write.values),
                {
                    ifMatch: write.ifMatch ?? '*',
                    select,
                    signal,
                },
            );
            return toOkResult(outcome);
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

function toOkResult(outcome: WriteOutcome): DataverseWriteResult {
    const modifiedOn =
        outcome.row === null ? null : getStringIfExists(outcome.row, MODIFIED_ON_COLUMN);
    return modifiedOn === null
        ? {status: 'ok', version: outcome.version}
        : {status: 'ok', version: outcome.version, modifiedOn};
}

function toFailedResult(error: DataverseError, entity: EntityRef | null): ReferencingRecordsResult {
    return {
        status: 'failed',
        entity,
        message: error.rawMessage ?? error.message,
        code: error.dataverseCode,
        httpStatus: error.httpStatus,
    };
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
