/**
 * Reads the rows of a table the sync does not map that point at given rows through one lookup,
 * so a delete's preview can list what Dynamics cascades the delete to.
 */
import {chunk} from '../sync/chunk';
import {parseGuidIfValid, type Guid, type LogicalName} from '../sync/ids';
import type {CascadeDeleteRule, ReferencingRecord, ReferencingRecordsResult} from '../sync/ports';
import type {DataverseClient} from './dataverseClient';
import {createBadResponseError} from './errors';
import {getStringIfExists, type JsonObject} from './json';
import type {EntityDefinition} from './metadata';
import type {FilterExpression} from './odata';

/**
 * Parent ids per request of `readReferencingRecordsAsync`. Each id adds about 90 characters to the
 * encoded `$filter`, so 100 ids keep the URL near 10 KB.
 * NOTE: 10 KB is an estimate of a safe URL length, not Dataverse's documented limit for a GET. The
 * emulator accepts up to 64 KB, the limit Dataverse gives for URLs inside `$batch`.
 */
export const MAX_PARENT_IDS_PER_REQUEST = 100;

/** Table definitions read once per side, because a cascade preview may need each one often. */
export class DefinitionCache {
    private readonly client: DataverseClient;
    private readonly definitions = new Map<LogicalName, EntityDefinition>();

    constructor(client: DataverseClient) {
        this.client = client;
    }

    getDefinitionIfExists(name: LogicalName): EntityDefinition | null {
        return this.definitions.get(name) ?? null;
    }

    async getDefinitionAsync(name: LogicalName): Promise<EntityDefinition> {
        const cached = this.definitions.get(name);
        if (cached !== undefined) {
            return cached;
        }
        const definition = await this.client.getEntityDefinitionAsync(name);
        this.definitions.set(name, definition);
        return definition;
    }
}

/**
 * Reads, in requests of at most MAX_PARENT_IDS_PER_REQUEST parent ids, the primary id, primary
 * name and lookup value of every row whose lookup points at one of the parents. Throws a
 * `DataverseError` when a read fails.
 * NOTE: a table whose definition has no primary name column fails the definition read, so its
 * rows are reported as a failed read rather than listed.
 */
export async function readReferencingRecordsAsync(
    client: DataverseClient,
    definitions: DefinitionCache,
    rule: CascadeDeleteRule,
    parentIds: readonly Guid[],
): Promise<ReferencingRecordsResult> {
    const entity = await definitions.getDefinitionAsync(rule.referencingEntity);
    const lookupProperty = `_${rule.referencingAttribute}_value`;
    const select = [entity.primaryIdAttribute, entity.primaryNameAttribute, lookupProperty];
    const recordsByParent = new Map<Guid, ReferencingRecord[]>();
    for (const ids of chunk(parentIds, MAX_PARENT_IDS_PER_REQUEST)) {
        const filter = buildLookupFilter(lookupProperty, ids);
        const rows = await client.retrieveAllAsync(entity, {select, filter});
        for (const row of rows) {
            addReferencingRow(recordsByParent, entity, lookupProperty, row);
        }
    }
    return {status: 'ok', entity, recordsByParent};
}

/** Builds `(<lookup> eq <id1>) or (<lookup> eq <id2>) …`. */
function buildLookupFilter(lookupProperty: string, ids: readonly Guid[]): FilterExpression {
    return {
        kind: 'or',
        operands: ids.map(id => ({
            kind: 'comparison',
            column: lookupProperty,
            operator: 'eq',
            value: {kind: 'guid', value: id},
        })),
    };
}

function addReferencingRow(
    recordsByParent: Map<Guid, ReferencingRecord[]>,
    entity: EntityDefinition,
    lookupProperty: string,
    row: JsonObject,
): void {
    const idValue = row[entity.primaryIdAttribute];
    const parentValue = row[lookupProperty];
    const id = typeof idValue === 'string' ? parseGuidIfValid(idValue) : null;
    const parentId = typeof parentValue === 'string' ? parseGuidIfValid(parentValue) : null;
    if (id === null || parentId === null) {
        throw createBadResponseError(
            {operation: 'read', tableDisplayName: entity.displayName},
            `A row came back without a valid ${entity.primaryIdAttribute} or ${lookupProperty}.`,
        );
    }
    const name = getStringIfExists(row, entity.primaryNameAttribute);
    const records = recordsByParent.get(parentId) ?? [];
    records.push({id, name: name === '' ? null : name});
    recordsByParent.set(parentId, records);
}
