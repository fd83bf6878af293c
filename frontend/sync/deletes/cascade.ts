/**
 * Foresees what deleting a record does in Dynamics, from the relationships' delete behaviours and
 * the records this run read. Cascade deletes the children, and their children in turn. RemoveLink
 * only clears the children's lookup. Restrict rejects the delete while a child exists.
 * NOTE: only the mapped tables' records are seen. A child in an unmapped table, such as an order
 * that restricts deleting its account, shows only when Dynamics rejects the delete.
 */
import type {AirtableRecordId, Guid, LogicalName} from '../ids';
import {isLookupReference} from '../lookupValues';
import type {TableMapping} from '../mapping';
import {getRecordName} from '../plan/recordNames';
import type {RecordRef} from '../plan/types';
import type {CascadeDeleteRule, DataverseRecord} from '../ports';
import type {TableSnapshot} from '../run/readTable';
import {readRowDynamicsIds} from './rowIds';
import type {CascadedRecord, ClearedLink} from './types';

export interface RestrictingChild {
    readonly rule: CascadeDeleteRule;
    readonly table: TableMapping;
    readonly ref: RecordRef;
}

export interface CascadeEffects {
    readonly deletedRecords: CascadedRecord[];
    readonly clearedLinks: ClearedLink[];
    readonly restrictingChildren: RestrictingChild[];
}

interface Child {
    readonly table: TableMapping;
    readonly record: DataverseRecord;
}

export class CascadeGraph {
    private readonly rules: readonly CascadeDeleteRule[];
    /** Children by `<referencing entity>|<attribute>|<referenced entity>|<referenced id>`. */
    private readonly children = new Map<string, Child[]>();
    private readonly rowIds = new Map<TableMapping, ReadonlyMap<Guid, AirtableRecordId>>();

    constructor(snapshots: readonly TableSnapshot[], rules: readonly CascadeDeleteRule[]) {
        this.rules = rules;
        for (const snapshot of snapshots) {
            this.rowIds.set(snapshot.table, readRowDynamicsIds(snapshot));
            this.indexChildren(snapshot);
        }
    }

    /** Collects everything deleting the record takes with it, clears, or is blocked by. */
    collect(entity: LogicalName, id: Guid): CascadeEffects {
        const effects: CascadeEffects = {
            deletedRecords: [],
            clearedLinks: [],
            restrictingChildren: [],
        };
        const seen = new Set<string>([`${entity}|${id}`]);
        const pending: Array<{readonly entity: LogicalName; readonly id: Guid}> = [{entity, id}];
        for (let parent = pending.pop(); parent !== undefined; parent = pending.pop()) {
            for (const rule of this.rules.filter(r => r.referencedEntity === parent?.entity)) {
                for (const child of this.getChildren(rule, parent.id)) {
                    const childKey = `${child.table.entity.logicalName}|${child.record.id}`;
                    const ref = this.toRef(child);
                    const table = {
                        tableId: child.table.table.id,
                        tableName: child.table.table.name,
                    };
                    switch (rule.onDelete) {
                        case 'Cascade':
                            if (!seen.has(childKey)) {
                                seen.add(childKey);
                                effects.deletedRecords.push({
                                    ...table,
                                    entityDisplayName: child.table.entity.displayName,
                                    ref,
                                });
                                pending.push({entity: rule.referencingEntity, id: child.record.id});
                            }
                            break;
                        case 'RemoveLink':
                            effects.clearedLinks.push({
                                ...table,
                                ref,
                                column: rule.referencingAttribute,
                            });
                            break;
                        case 'Restrict':
                            effects.restrictingChildren.push({rule, table: child.table, ref});
                            break;
                        case 'NoCascade':
                            break;
                    }
                }
            }
        }
        // A link cleared on a record the same delete removes is no separate effect.
        const deletedKeys = new Set(
            effects.deletedRecords.map(r => `${r.tableId}|${r.ref.dynamicsId}`),
        );
        const clearedLinks = effects.clearedLinks.filter(
            link => !deletedKeys.has(`${link.tableId}|${link.ref.dynamicsId}`),
        );
        return {...effects, clearedLinks};
    }

    private getChildren(rule: CascadeDeleteRule, id: Guid): readonly Child[] {
        const key = [rule.referencingEntity, rule.referencingAttribute, rule.referencedEntity, id];
        return this.children.get(key.join('|')) ?? [];
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
                    this.children.set(key, [
                        ...(this.children.get(key) ?? []),
                        {table: snapshot.table, record},
                    ]);
                }
            }
        }
    }

    private toRef(child: Child): RecordRef {
        return {
            airtableRecordId: this.rowIds.get(child.table)?.get(child.record.id) ?? null,
            dynamicsId: child.record.id,
            name: getRecordName(child.table, child.record),
        };
    }
}
