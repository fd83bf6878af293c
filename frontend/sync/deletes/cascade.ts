/**
 * Foresees what deleting a record does in Dynamics, from the relationships' delete behaviours.
 * Cascade deletes the children, and their children in turn. RemoveLink only clears the children's
 * lookup. Restrict rejects the delete while a child exists. Children in mapped tables come from
 * the records this run read. Children in other tables, and the children of records in other
 * tables, come from what Dynamics returned when asked (see `CascadeReferences`).
 */
import {assertNever} from '../assertNever';
import type {AirtableRecordId, Guid, LogicalName} from '../ids';
import {isLookupReference} from '../lookupValues';
import type {TableMapping} from '../mapping';
import {getRecordName} from '../plan/recordNames';
import type {RecordRef} from '../plan/types';
import type {CascadeDeleteRule, DataverseRecord, ReferencingRecord} from '../ports';
import type {TableSnapshot} from '../run/readTable';
import {CascadeReferences, type CascadeNode} from './cascadeReferences';
import {readRowDynamicsIds} from './rowIds';
import type {CascadedRecord, ClearedLink} from './types';

export interface RestrictingChild {
    readonly rule: CascadeDeleteRule;
    readonly entityDisplayName: string;
    /** Whether a mapped table syncs the child's table, so the child can be changed in Airtable. */
    readonly isSynced: boolean;
    readonly ref: RecordRef;
}

/** A table whose rows pointing at a record to delete could not be listed. */
export interface UncheckedTable {
    readonly entityDisplayName: string;
    /** Dynamics' message for a failed read, or null when the cascade goes deeper than it is followed. */
    readonly message: string | null;
}

export interface CascadeEffects {
    readonly deletedRecords: CascadedRecord[];
    readonly clearedLinks: ClearedLink[];
    readonly restrictingChildren: RestrictingChild[];
    /** Tables the delete may reach in ways the preview cannot show, so it must not be made. */
    readonly uncheckedTables: UncheckedTable[];
}

interface Child {
    readonly id: Guid;
    readonly entityDisplayName: string;
    /** The mapped table that syncs the child's table, or null when none does. */
    readonly table: TableMapping | null;
    readonly ref: RecordRef;
}

/**
 * Returns whether the rows a rule reaches must be read from Dynamics, because the run's own reads
 * cover only rows of mapped tables that point at rows of mapped tables.
 */
export function isReadFromDynamics(
    rule: CascadeDeleteRule,
    mappedEntities: ReadonlySet<LogicalName>,
): boolean {
    return (
        !mappedEntities.has(rule.referencingEntity) || !mappedEntities.has(rule.referencedEntity)
    );
}

export class CascadeGraph {
    private readonly rules: readonly CascadeDeleteRule[];
    private readonly references: CascadeReferences;
    private readonly tables = new Map<LogicalName, TableMapping>();
    private readonly mappedEntities: ReadonlySet<LogicalName>;
    private readonly recordsById = new Map<LogicalName, ReadonlyMap<Guid, DataverseRecord>>();
    /** Records by `<referencing entity>|<attribute>|<referenced entity>|<referenced id>`. */
    private readonly children = new Map<string, DataverseRecord[]>();
    private readonly rowIds = new Map<LogicalName, ReadonlyMap<Guid, AirtableRecordId>>();

    constructor(
        snapshots: readonly TableSnapshot[],
        rules: readonly CascadeDeleteRule[],
        references: CascadeReferences = new CascadeReferences(),
    ) {
        this.rules = [...rules, ...references.rules];
        this.references = references;
        for (const snapshot of snapshots) {
            const entity = snapshot.table.entity.logicalName;
            this.tables.set(entity, snapshot.table);
            this.recordsById.set(entity, new Map(snapshot.records.map(r => [r.id, r])));
            this.rowIds.set(entity, readRowDynamicsIds(snapshot));
            this.indexChildren(snapshot);
        }
        this.mappedEntities = new Set(this.tables.keys());
    }

    /** Collects everything deleting the record takes with it, clears, is blocked by, or cannot see. */
    collect(entity: LogicalName, id: Guid): CascadeEffects {
        const effects: CascadeEffects = {
            deletedRecords: [],
            clearedLinks: [],
            restrictingChildren: [],
            uncheckedTables: [],
        };
        const seen = new Set<string>([`${entity}|${id}`]);
        const pending: CascadeNode[] = [{entity, id}];
        for (let parent = pending.pop(); parent !== undefined; parent = pending.pop()) {
            for (const rule of this.rules.filter(r => r.referencedEntity === parent?.entity)) {
                if (rule.onDelete === 'NoCascade') {
                    continue;
                }
                for (const child of this.getChildren(rule, parent.id, effects)) {
                    addEffect(effects, rule, child, seen, pending);
                }
            }
        }
        // A link cleared on a record the same delete removes, the deleted record itself included,
        // is no separate effect. Dataverse ids are GUIDs, unique across tables.
        const deletedIds = new Set([id, ...effects.deletedRecords.map(r => r.ref.dynamicsId)]);
        const clearedLinks = effects.clearedLinks.filter(
            link => !deletedIds.has(link.ref.dynamicsId),
        );
        return {...effects, clearedLinks};
    }

    /** Returns the ids of the records the run read that point at the parent through the rule. */
    getReadChildIds(rule: CascadeDeleteRule, parentId: Guid): Guid[] {
        return this.getReadChildren(rule, parentId).map(record => record.id);
    }

    private getChildren(
        rule: CascadeDeleteRule,
        parentId: Guid,
        effects: CascadeEffects,
    ): readonly Child[] {
        const table = this.tables.get(rule.referencingEntity) ?? null;
        if (!isReadFromDynamics(rule, this.mappedEntities) && table !== null) {
            return this.getReadChildren(rule, parentId).map(record => this.toChild(table, record));
        }
        const lookup = this.references.getReferences(rule, parentId);
        switch (lookup.status) {
            case 'read':
                return lookup.records.map(record =>
                    this.toReturnedChild(table, lookup.entity.displayName, record),
                );
            case 'failed':
            case 'notRead': {
                const entityDisplayName = this.getDisplayName(rule.referencingEntity);
                const message = lookup.status === 'failed' ? lookup.message : null;
                effects.uncheckedTables.push({entityDisplayName, message});
                return [];
            }
            default:
                return assertNever(lookup);
        }
    }

    private getReadChildren(rule: CascadeDeleteRule, parentId: Guid): readonly DataverseRecord[] {
        const key = [rule.referencingEntity, rule.referencingAttribute, rule.referencedEntity];
        return this.children.get([...key, parentId].join('|')) ?? [];
    }

    private indexChildren(snapshot: TableSnapshot): void {
        const entity = snapshot.table.entity.logicalName;
        const attributes = new Set(
            this.rules
                .filter(rule => rule.referencingEntity === entity)
                .map(rule => rule.referencingAttribute),
        );
        for (const record of snapshot.records) {
            for (const attribute of attributes) {
                const value = record.values[attribute];
                if (isLookupReference(value)) {
                    const key = [entity, attribute, value.logicalName, value.id].join('|');
                    this.children.set(key, [...(this.children.get(key) ?? []), record]);
                }
            }
        }
    }

    private toChild(table: TableMapping, record: DataverseRecord): Child {
        const entity = table.entity.logicalName;
        return {
            id: record.id,
            entityDisplayName: table.entity.displayName,
            table,
            ref: {
                airtableRecordId: this.rowIds.get(entity)?.get(record.id) ?? null,
                dynamicsId: record.id,
                name: getRecordName(table, record),
            },
        };
    }

    /** Builds a child from a row Dynamics returned, using the run's read when its table is mapped. */
    private toReturnedChild(
        table: TableMapping | null,
        entityDisplayName: string,
        returned: ReferencingRecord,
    ): Child {
        const record =
            table === null
                ? undefined
                : this.recordsById.get(table.entity.logicalName)?.get(returned.id);
        if (table !== null && record !== undefined) {
            return this.toChild(table, record);
        }
        return {
            id: returned.id,
            entityDisplayName: table?.entity.displayName ?? entityDisplayName,
            table,
            ref: {
                airtableRecordId: null,
                dynamicsId: returned.id,
                name: returned.name ?? returned.id,
            },
        };
    }

    private getDisplayName(entity: LogicalName): string {
        const known = this.tables.get(entity)?.entity ?? this.references.getEntityIfExists(entity);
        return known?.displayName ?? entity;
    }
}

function addEffect(
    effects: CascadeEffects,
    rule: CascadeDeleteRule,
    child: Child,
    seen: Set<string>,
    pending: CascadeNode[],
): void {
    const table = {
        tableId: child.table?.table.id ?? null,
        tableName: child.table?.table.name ?? null,
    };
    switch (rule.onDelete) {
        case 'Cascade': {
            const childKey = `${rule.referencingEntity}|${child.id}`;
            if (!seen.has(childKey)) {
                seen.add(childKey);
                const {entityDisplayName, ref} = child;
                effects.deletedRecords.push({...table, entityDisplayName, ref});
                pending.push({entity: rule.referencingEntity, id: child.id});
            }
            return;
        }
        case 'RemoveLink':
            effects.clearedLinks.push({
                ...table,
                ref: child.ref,
                column: rule.referencingAttribute,
            });
            return;
        case 'Restrict':
            effects.restrictingChildren.push({
                rule,
                entityDisplayName: child.entityDisplayName,
                isSynced: child.table !== null,
                ref: child.ref,
            });
            return;
        case 'NoCascade':
            return;
        default:
            assertNever(rule.onDelete);
    }
}
