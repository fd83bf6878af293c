/**
 * The engine's `DataverseSide` port over the Web API client. Reads follow every page in pages of
 * 5000 rows, and change reads use delta links. Writes go in `$batch` requests and report one
 * result per write. Reads of referencing records, for a delete's cascade preview, report a failure
 * that concerns only the table they read the same way.
 */
import {logicalName, type Guid} from '../sync/ids';
import type {EntityRef} from '../sync/mapping';
import type {
    CascadeDeleteRule,
    DataverseRecord,
    DataverseSide,
    ReferencingRecordsResult,
} from '../sync/ports';
import {writeInBatchesAsync, type BatchWriteOptions} from './batchWrites';
import type {DataverseClient} from './dataverseClient';
import {readAllPagesAsync, readChangesAsync, toRecords} from './deltaReads';
import {createBadResponseError, type DataverseError} from './errors';
import {isRecordFailure} from './failureScope';
import {getStringIfExists, isJsonObject, type JsonObject} from './json';
import {DefinitionCache, readReferencingRecordsAsync} from './referencingRecords';

export {
    MAX_WRITE_BATCHES_IN_FLIGHT,
    MAX_WRITES_PER_BATCH,
    MIN_WRITES_PER_BATCH,
} from './batchWrites';

/** Batch sizes other than the defaults, for tests and measurements. */
export type DataverseSideOptions = BatchWriteOptions;

export function createDataverseSide(
    client: DataverseClient,
    options: DataverseSideOptions = {},
): DataverseSide {
    const definitions = new DefinitionCache(client);
    return {
        readAllAsync: (entity, columns) => readAllAsync(client, entity, columns),
        readChangesAsync: (entity, columns, deltaLink) =>
            readChangesAsync(client, definitions, entity, columns, deltaLink),
        writeAsync: writes => writeInBatchesAsync(client, writes, options),
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
    const pages = await readAllPagesAsync(client, entity, columns, {isTracking: false});
    return toRecords(entity, columns, pages.rows);
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

function toFailedResult(error: DataverseError, entity: EntityRef | null): ReferencingRecordsResult {
    return {
        status: 'failed',
        entity,
        message: error.rawMessage ?? error.message,
        code: error.dataverseCode,
        httpStatus: error.httpStatus,
    };
}
