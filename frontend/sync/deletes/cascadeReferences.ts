/**
 * The rows Dynamics returned, for a delete preview, that point at the records to delete where the
 * run's own reads cannot show them: rows of tables the sync does not map, and rows pointing at
 * records of such tables. `readCascadeReferencesAsync` fills it in and `CascadeGraph`
 * reads it.
 */
import type {Guid, LogicalName} from '../ids';
import type {EntityRef} from '../mapping';
import type {CascadeDeleteRule, ReferencingRecord, ReferencingRecordsResult} from '../ports';

/** A row in the cascade: its table's logical name and its id. */
export interface CascadeNode {
    readonly entity: LogicalName;
    readonly id: Guid;
}

/** The rows known to point at one parent through one rule, or why they are not known. */
export type ReferenceLookup =
    | {
          readonly status: 'read';
          readonly entity: EntityRef;
          readonly records: readonly ReferencingRecord[];
      }
    /** Dynamics rejected the read, with its message. */
    | {readonly status: 'failed'; readonly message: string}
    /** No read was made, because the parent lies deeper than the preview follows cascades. */
    | {readonly status: 'notRead'};

const NO_RECORDS: readonly ReferencingRecord[] = [];

export class CascadeReferences {
    /** The delete rules of the tables the sync does not map, read while following cascades. */
    readonly rules: CascadeDeleteRule[] = [];
    private readonly results = new Map<string, ReferencingRecordsResult>();
    private readonly entities = new Map<LogicalName, EntityRef>();

    /** Stores the result of one read, for every parent it was made for. */
    addResult(
        rule: CascadeDeleteRule,
        parentIds: readonly Guid[],
        result: ReferencingRecordsResult,
    ): void {
        if (result.entity !== null) {
            this.entities.set(result.entity.logicalName, result.entity);
        }
        for (const id of parentIds) {
            this.results.set(getKey(rule, id), result);
        }
    }

    getEntityIfExists(name: LogicalName): EntityRef | null {
        return this.entities.get(name) ?? null;
    }

    getReferences(rule: CascadeDeleteRule, parentId: Guid): ReferenceLookup {
        const result = this.results.get(getKey(rule, parentId));
        if (result === undefined) {
            return {status: 'notRead'};
        }
        if (result.status === 'failed') {
            return {status: 'failed', message: result.message};
        }
        const records = result.recordsByParent.get(parentId) ?? NO_RECORDS;
        return {status: 'read', entity: result.entity, records};
    }
}

function getKey(rule: CascadeDeleteRule, parentId: Guid): string {
    const {referencingEntity, referencingAttribute, referencedEntity} = rule;
    return [referencingEntity, referencingAttribute, referencedEntity, parentId].join('|');
}
