/**
 * `EntityDefinitions(…)/OneToManyRelationships` and `…/ManyToOneRelationships`, with `$select` and
 * `$filter`. Clients read `CascadeConfiguration` here to learn what deleting a row does.
 */
import {
    jsonResponse,
    serviceRoot,
    type ApiRequest,
    type ApiResponse,
    type EmulatorContext,
} from '../context';
import {METADATA_NAMESPACE} from '../metadata';
import {compileFilter} from '../odata/evaluate';
import {parseQueryOptions} from '../odata/queryOptions';
import {RELATIONSHIP_PROPERTIES, relationshipMetadataOf} from '../relationshipMetadata';
import type {MetadataKey} from '../router';
import {checkSelect, findEntity, metadataSchema, project, selectSuffix} from './metadataQuery';

export type RelationshipDirection = 'OneToMany' | 'ManyToOne';

const RELATIONSHIP_TYPE = `${METADATA_NAMESPACE}OneToManyRelationshipMetadata`;

export function getRelationships(
    context: EmulatorContext,
    request: ApiRequest,
    entityKey: MetadataKey,
    direction: RelationshipDirection,
): ApiResponse {
    const options = parseQueryOptions(request.url.searchParams, ['$select', '$filter']);
    const entity = findEntity(context, entityKey);
    const relationships =
        direction === 'OneToMany'
            ? context.registry.listOneToMany(entity.logicalName)
            : context.registry.listManyToOne(entity.logicalName);
    const items = relationships.map(relationship =>
        relationshipMetadataOf(context.registry, relationship),
    );

    const allowed = [...RELATIONSHIP_PROPERTIES];
    checkSelect(options.select, allowed, RELATIONSHIP_TYPE);
    const schema = metadataSchema(RELATIONSHIP_TYPE, items, allowed);
    const predicate = options.filter === null ? null : compileFilter(options.filter, schema);
    const matched = predicate === null ? items : items.filter(predicate);

    const segment = `${direction}Relationships`;
    const contextUrl =
        `${serviceRoot(context)}$metadata#EntityDefinitions('${entity.logicalName}')/` +
        `${segment}${selectSuffix(options.select)}`;
    return jsonResponse(200, {
        '@odata.context': contextUrl,
        value: matched.map(item => project(item, options.select, false)),
    });
}
