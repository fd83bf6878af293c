/**
 * Resolves and applies `$expand`. A lookup's navigation property (`primarycontactid`,
 * `parentcustomerid_account`) expands to the referenced row or null. A one-to-many relationship's
 * name (`contact_customer_accounts`) expands to the referencing rows, with nested `$select`,
 * `$filter`, `$orderby` and `$top`. Nested `$expand` is not supported.
 */
import type {EmulatorContext} from './context';
import {
    isEntityReference,
    isLookupAttribute,
    qualifiedTypeName,
    type AttributeDefinition,
    type EntityDefinition,
    type Row,
} from './entities/types';
import type {RelationshipDefinition} from './entities/relationships';
import {propertyNotFound, queryError} from './errors';
import type {WireValue} from './json';
import {compileFilter} from './odata/evaluate';
import type {ExpandItem} from './odata/expand';
import {createRowSchema} from './rowSchema';
import {resolveSelection, serializeRow, type SerializeOptions} from './serialize';
import {resolveSortKeys, sortRows, type SortKey} from './sorting';

interface ExpandCommon {
    readonly item: ExpandItem;
    readonly target: EntityDefinition;
    readonly selection: readonly AttributeDefinition[];
}

export type ResolvedExpand =
    | (ExpandCommon & {readonly kind: 'single'; readonly attribute: AttributeDefinition})
    | (ExpandCommon & {
          readonly kind: 'collection';
          readonly relationship: RelationshipDefinition;
          readonly predicate: ((row: Row) => boolean) | null;
          readonly keys: readonly SortKey[];
      });

function resolveSingle(
    context: EmulatorContext,
    entity: EntityDefinition,
    item: ExpandItem,
): ResolvedExpand | null {
    for (const attribute of entity.attributes) {
        const navigation = isLookupAttribute(attribute)
            ? attribute.navigationProperties.find(
                  property => property.name === item.navigationProperty,
              )
            : undefined;
        if (navigation === undefined) {
            continue;
        }
        if (item.filter !== null || item.orderBy.length > 0 || item.top !== null) {
            throw queryError(
                `Only $select may be used inside $expand of the single-valued '${item.navigationProperty}'.`,
            );
        }
        const target = context.registry.get(navigation.target);
        return {
            kind: 'single',
            item,
            target,
            attribute,
            selection: resolveSelection(target, item.select),
        };
    }
    return null;
}

function resolveCollection(
    context: EmulatorContext,
    entity: EntityDefinition,
    item: ExpandItem,
): ResolvedExpand | null {
    const relationship = context.registry
        .listOneToMany(entity.logicalName)
        .find(candidate => candidate.schemaName === item.navigationProperty);
    if (relationship === undefined) {
        return null;
    }
    const target = context.registry.get(relationship.referencingEntity);
    return {
        kind: 'collection',
        item,
        target,
        relationship,
        selection: resolveSelection(target, item.select),
        predicate:
            item.filter === null ? null : compileFilter(item.filter, createRowSchema(target)),
        keys: resolveSortKeys(target, item.orderBy),
    };
}

export function resolveExpands(
    context: EmulatorContext,
    entity: EntityDefinition,
    items: readonly ExpandItem[],
): ResolvedExpand[] {
    return items.map(item => {
        const resolved =
            resolveSingle(context, entity, item) ?? resolveCollection(context, entity, item);
        if (resolved === null) {
            throw propertyNotFound(qualifiedTypeName(entity), item.navigationProperty);
        }
        return resolved;
    });
}

function expandSingle(
    context: EmulatorContext,
    row: Row,
    expand: ResolvedExpand & {kind: 'single'},
    options: SerializeOptions,
): WireValue {
    const reference = row[expand.attribute.logicalName];
    if (
        reference === undefined ||
        !isEntityReference(reference) ||
        reference.logicalName !== expand.target.logicalName
    ) {
        return null;
    }
    const target = context.store.getIfExists(expand.target.logicalName, reference.id);
    return target === null ? null : serializeRow(expand.target, target, expand.selection, options);
}

function expandCollection(
    context: EmulatorContext,
    entity: EntityDefinition,
    row: Row,
    expand: ResolvedExpand & {kind: 'collection'},
    options: SerializeOptions,
): WireValue {
    const id = String(row[entity.primaryIdAttribute]);
    const related = context.store
        .listReferencing({logicalName: entity.logicalName, id})
        .filter(
            referrer =>
                referrer.logicalName === expand.target.logicalName &&
                referrer.attribute === expand.relationship.referencingAttribute,
        )
        .map(referrer => context.store.get(referrer.logicalName, referrer.id));
    const matched = sortRows(
        expand.keys,
        expand.predicate === null ? related : related.filter(expand.predicate),
    );
    const limited = expand.item.top === null ? matched : matched.slice(0, expand.item.top);
    return limited.map(child => serializeRow(expand.target, child, expand.selection, options));
}

/** Returns the expanded navigation properties of one row, keyed by their names. */
export function expandRow(
    context: EmulatorContext,
    entity: EntityDefinition,
    row: Row,
    expands: readonly ResolvedExpand[],
    options: SerializeOptions,
): Record<string, WireValue> {
    const members: Record<string, WireValue> = {};
    for (const expand of expands) {
        members[expand.item.navigationProperty] =
            expand.kind === 'single'
                ? expandSingle(context, row, expand, options)
                : expandCollection(context, entity, row, expand, options);
    }
    return members;
}

/** Returns the `@odata.context` parts for expansions: `primarycontactid(fullname)`. */
export function expandContextParts(items: readonly ExpandItem[]): string[] {
    return items.map(item => `${item.navigationProperty}(${item.select?.join(',') ?? ''})`);
}
