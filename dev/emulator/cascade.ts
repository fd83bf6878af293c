/**
 * Deletes a row with the cascade rules of its relationships, as the platform does: Cascade deletes
 * the referencing rows (and their own dependants in turn), RemoveLink clears their lookup, and
 * Restrict rejects the whole delete while any referencing row exists. The plan is built before
 * anything changes, so a Restrict anywhere in the tree leaves every row untouched.
 */
import type {EntityRegistry} from './entities/registry';
import type {EntityReference} from './entities/types';
import {DataverseError} from './errors';
import type {EmulatorStore} from './store';

/** The rows a delete removes and the lookups it clears. */
export interface DeletePlan {
    /** Rows to delete, dependants before the rows they depend on. */
    readonly deletes: readonly EntityReference[];
    readonly unlinks: ReadonlyArray<EntityReference & {readonly attribute: string}>;
}

const CANNOT_DELETE_DUE_TO_ASSOCIATION = '0x80040227';

function keyOf(reference: EntityReference): string {
    return `${reference.logicalName}:${reference.id}`;
}

function restricted(): DataverseError {
    // Dataverse lists CannotDeleteDueToAssociation under HTTP 405.
    return new DataverseError(
        405,
        CANNOT_DELETE_DUE_TO_ASSOCIATION,
        'The object you tried to delete is associated with another object and cannot be deleted.',
    );
}

/** Lists the rows of `logicalName` whose `attribute` references `target`. */
function findReferencingRows(
    store: EmulatorStore,
    logicalName: string,
    attribute: string,
    target: EntityReference,
): EntityReference[] {
    return store
        .listReferencing(target)
        .filter(
            referrer => referrer.logicalName === logicalName && referrer.attribute === attribute,
        )
        .map(referrer => ({logicalName, id: referrer.id}));
}

/** Works out what deleting `root` removes and clears; throws `0x80040227` on a Restrict. */
export function planDelete(
    store: EmulatorStore,
    registry: EntityRegistry,
    root: EntityReference,
): DeletePlan {
    const deleted = new Map<string, EntityReference>([[keyOf(root), root]]);
    const queue = [root];
    const links: Array<EntityReference & {attribute: string}> = [];
    for (let target = queue.shift(); target !== undefined; target = queue.shift()) {
        for (const relationship of registry.listOneToMany(target.logicalName)) {
            const dependants = findReferencingRows(
                store,
                relationship.referencingEntity,
                relationship.referencingAttribute,
                target,
            );
            for (const dependant of dependants) {
                switch (relationship.cascadeDelete) {
                    case 'Restrict':
                        throw restricted();
                    case 'RemoveLink':
                        links.push({...dependant, attribute: relationship.referencingAttribute});
                        break;
                    case 'Cascade':
                        if (!deleted.has(keyOf(dependant))) {
                            deleted.set(keyOf(dependant), dependant);
                            queue.push(dependant);
                        }
                        break;
                }
            }
        }
    }
    return {
        deletes: [...deleted.values()].reverse(),
        unlinks: links.filter(link => !deleted.has(keyOf(link))),
    };
}

/** Applies a plan: clears the links first, then deletes the rows. */
export function applyDeletePlan(store: EmulatorStore, plan: DeletePlan): void {
    for (const link of plan.unlinks) {
        if (store.getIfExists(link.logicalName, link.id) !== null) {
            store.update(link.logicalName, link.id, {[link.attribute]: null});
        }
    }
    for (const reference of plan.deletes) {
        store.remove(reference.logicalName, reference.id);
    }
}
