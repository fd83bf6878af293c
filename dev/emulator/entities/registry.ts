/** Looks tables up by logical name or entity set name. */
import {ACCOUNT} from './account';
import {CONTACT} from './contact';
import {OPPORTUNITY} from './opportunity';
import {DEFAULT_RELATIONSHIPS, type RelationshipDefinition} from './relationships';
import {ORGANIZATION, SYSTEM_USER, TRANSACTION_CURRENCY} from './system';
import type {AttributeDefinition, EntityDefinition} from './types';
import {wireNameOf} from './types';

export class EntityRegistry {
    private readonly byLogicalName = new Map<string, EntityDefinition>();
    private readonly bySetName = new Map<string, EntityDefinition>();
    private readonly relationships: readonly RelationshipDefinition[];

    /** Registers the tables, and the relationships whose two tables are both among them. */
    constructor(
        entities: readonly EntityDefinition[],
        relationships: readonly RelationshipDefinition[] = [],
    ) {
        for (const entity of entities) {
            this.byLogicalName.set(entity.logicalName, entity);
            this.bySetName.set(entity.entitySetName, entity);
        }
        this.relationships = relationships.filter(
            relationship =>
                this.byLogicalName.has(relationship.referencedEntity) &&
                this.byLogicalName.has(relationship.referencingEntity),
        );
    }

    /** Lists the one-to-many relationships in which `logicalName` is the referenced table. */
    listOneToMany(logicalName: string): RelationshipDefinition[] {
        return this.relationships.filter(
            relationship => relationship.referencedEntity === logicalName,
        );
    }

    /** Lists the many-to-one relationships in which `logicalName` is the referencing table. */
    listManyToOne(logicalName: string): RelationshipDefinition[] {
        return this.relationships.filter(
            relationship => relationship.referencingEntity === logicalName,
        );
    }

    all(): EntityDefinition[] {
        return [...this.byLogicalName.values()];
    }

    getIfExists(logicalName: string): EntityDefinition | null {
        return this.byLogicalName.get(logicalName) ?? null;
    }

    get(logicalName: string): EntityDefinition {
        const entity = this.getIfExists(logicalName);
        if (entity === null) {
            throw new Error(`The emulator has no table with the logical name '${logicalName}'.`);
        }
        return entity;
    }

    getBySetNameIfExists(entitySetName: string): EntityDefinition | null {
        return this.bySetName.get(entitySetName) ?? null;
    }
}

/** Returns the column with the given logical name, or null. */
export function getAttributeIfExists(
    entity: EntityDefinition,
    logicalName: string,
): AttributeDefinition | null {
    return entity.attributes.find(attribute => attribute.logicalName === logicalName) ?? null;
}

/** Returns the column a wire property name (`name`, `_ownerid_value`) stands for, or null. */
export function getAttributeByWireNameIfExists(
    entity: EntityDefinition,
    wireName: string,
): AttributeDefinition | null {
    return entity.attributes.find(attribute => wireNameOf(attribute) === wireName) ?? null;
}

export function createDefaultRegistry(): EntityRegistry {
    return new EntityRegistry(
        [ACCOUNT, CONTACT, OPPORTUNITY, SYSTEM_USER, ORGANIZATION, TRANSACTION_CURRENCY],
        DEFAULT_RELATIONSHIPS,
    );
}
