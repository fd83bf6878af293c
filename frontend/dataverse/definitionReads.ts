/**
 * Reads of a table's metadata under `EntityDefinitions(LogicalName='…')`: the table definition,
 * its columns and its one-to-many relationships, each narrowed or rejected as `badResponse`.
 */
import type {LogicalName} from '../sync/ids';
import {sendAsync, type ClientConnection} from './clientConnection';
import {createBadResponseError, type DataverseErrorContext} from './errors';
import {isJsonObject, type JsonObject} from './json';
import {
    ATTRIBUTE_PROPERTIES,
    ENTITY_DEFINITION_PROPERTIES,
    parseAttributeDefinitionsIfValid,
    parseEntityDefinitionIfValid,
    type AttributeDefinition,
    type EntityDefinition,
} from './metadata';
import {formatStringLiteral} from './odata';

/** Properties of a one-to-many relationship that the sync needs to foresee a delete's cascade. */
const ONE_TO_MANY_RELATIONSHIP_PROPERTIES = [
    'ReferencingEntity',
    'ReferencingAttribute',
    'ReferencedEntity',
    'CascadeConfiguration',
] as const;

export async function getEntityDefinitionAsync(
    connection: ClientConnection,
    tableLogicalName: LogicalName,
    signal?: AbortSignal,
): Promise<EntityDefinition> {
    return getMetadataAsync(connection, tableLogicalName, {
        path: '',
        properties: ENTITY_DEFINITION_PROPERTIES,
        parse: parseEntityDefinitionIfValid,
        invalidMessage: 'The table definition lacks its names or primary columns.',
        signal,
    });
}

export async function getAttributesAsync(
    connection: ClientConnection,
    tableLogicalName: LogicalName,
    signal?: AbortSignal,
): Promise<AttributeDefinition[]> {
    return getMetadataAsync(connection, tableLogicalName, {
        path: '/Attributes',
        properties: ATTRIBUTE_PROPERTIES,
        parse: parseAttributeDefinitionsIfValid,
        invalidMessage: 'The column definitions came back without a value array.',
        signal,
    });
}

export async function getOneToManyRelationshipsAsync(
    connection: ClientConnection,
    tableLogicalName: LogicalName,
    signal?: AbortSignal,
): Promise<JsonObject[]> {
    return getMetadataAsync(connection, tableLogicalName, {
        path: '/OneToManyRelationships',
        properties: ONE_TO_MANY_RELATIONSHIP_PROPERTIES,
        parse: body => {
            const items = isJsonObject(body) ? body.value : undefined;
            return Array.isArray(items) ? items.filter(isJsonObject) : null;
        },
        invalidMessage: 'The relationship definitions came back without a value array.',
        signal,
    });
}

/** Reads one metadata resource of a table and narrows it, or throws `badResponse`. */
async function getMetadataAsync<T>(
    connection: ClientConnection,
    tableLogicalName: LogicalName,
    request: {
        readonly path: string;
        readonly properties: readonly string[];
        readonly parse: (body: unknown) => T | null;
        readonly invalidMessage: string;
        readonly signal: AbortSignal | undefined;
    },
): Promise<T> {
    const context = metadataContext(tableLogicalName);
    const select = request.properties.join(',');
    const definitionUrl = entityDefinitionUrl(connection, tableLogicalName);
    const url = `${definitionUrl}${request.path}?$select=${select}`;
    const response = await sendAsync(connection, 'GET', url, context, {signal: request.signal});
    const parsed = request.parse(response.body);
    if (parsed === null) {
        throw createBadResponseError(context, request.invalidMessage);
    }
    return parsed;
}

function entityDefinitionUrl(connection: ClientConnection, tableLogicalName: LogicalName): string {
    return `${connection.apiRoot}EntityDefinitions(LogicalName=${formatStringLiteral(tableLogicalName)})`;
}

function metadataContext(tableLogicalName: LogicalName): DataverseErrorContext {
    return {operation: 'readMetadata', tableDisplayName: tableLogicalName};
}
