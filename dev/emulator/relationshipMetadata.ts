/**
 * Builds `OneToManyRelationshipMetadata` objects, which both the `OneToManyRelationships` and the
 * `ManyToOneRelationships` of a table return, seen from either side.
 */
import type {EntityRegistry} from './entities/registry';
import type {CascadeDelete, RelationshipDefinition} from './entities/relationships';
import {metadataIdOf, type MetadataObject} from './metadata';

/** Properties a `$select` on relationship metadata may name. */
export const RELATIONSHIP_PROPERTIES = [
    'MetadataId',
    'SchemaName',
    'RelationshipType',
    'IsCustomRelationship',
    'ReferencedEntity',
    'ReferencedAttribute',
    'ReferencingEntity',
    'ReferencingAttribute',
    'ReferencedEntityNavigationPropertyName',
    'ReferencingEntityNavigationPropertyName',
    'CascadeConfiguration',
] as const;

/**
 * Returns the `CascadeConfiguration` of a relationship. A parental (Cascade) relationship cascades
 * every action; the others cascade none.
 */
// NOTE: only the Delete rule is emulated; the other actions are reported but have no effect.
function cascadeConfigurationOf(cascadeDelete: CascadeDelete): MetadataObject {
    const other = cascadeDelete === 'Cascade' ? 'Cascade' : 'NoCascade';
    return {
        Assign: other,
        Delete: cascadeDelete,
        Merge: other,
        Reparent: other,
        Share: other,
        Unshare: other,
        RollupView: 'NoCascade',
    };
}

export function relationshipMetadataOf(
    registry: EntityRegistry,
    relationship: RelationshipDefinition,
): MetadataObject {
    return {
        MetadataId: metadataIdOf('relationship', relationship.schemaName),
        SchemaName: relationship.schemaName,
        RelationshipType: 'OneToManyRelationship',
        IsCustomRelationship: false,
        ReferencedEntity: relationship.referencedEntity,
        ReferencedAttribute: registry.get(relationship.referencedEntity).primaryIdAttribute,
        ReferencingEntity: relationship.referencingEntity,
        ReferencingAttribute: relationship.referencingAttribute,
        ReferencedEntityNavigationPropertyName: relationship.schemaName,
        ReferencingEntityNavigationPropertyName: relationship.navigationProperty,
        CascadeConfiguration: cascadeConfigurationOf(relationship.cascadeDelete),
    };
}
