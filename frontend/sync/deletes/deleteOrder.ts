/**
 * Orders a run's approved Dynamics deletes so that a record is deleted before any record whose
 * delete clears its lookup. Deleting the parent first makes Dynamics clear the child's link (a
 * RemoveLink relationship) and give the child a new version. The child's delete, sent with the
 * version the run read, would then fail with 412 although only the run changed the child.
 */
import type {TableMapping} from '../mapping';
import {toDynamicsDeleteKey, type DynamicsDeleteStep} from './planDeletes';

export interface TableDeletes {
    readonly table: TableMapping;
    readonly steps: readonly DynamicsDeleteStep[];
}

interface Entry {
    readonly table: TableMapping;
    readonly step: DynamicsDeleteStep;
    /** The approved deletes of records whose lookup this delete clears. */
    readonly children: Entry[];
    level: number | null;
}

/**
 * Returns the deletes in levels to send one after the other, each level per table in the given
 * order. Level 0 contains the deletes that clear no other approved record's link. Every other
 * delete is one level above the highest of the records it clears. In a cycle of such links, one delete of
 * the cycle goes first, and the next may then fail with 412 and be kept.
 */
export function orderDeletesByLevel(tables: readonly TableDeletes[]): TableDeletes[][] {
    const entries = new Map<string, Entry>();
    for (const {table, steps} of tables) {
        for (const step of steps) {
            entries.set(step.key, {table, step, children: [], level: null});
        }
    }
    for (const entry of entries.values()) {
        for (const link of entry.step.cascade.clearedLinks) {
            const child =
                link.tableId === null || link.ref.dynamicsId === null
                    ? undefined
                    : entries.get(toDynamicsDeleteKey(link.tableId, link.ref.dynamicsId));
            if (child !== undefined && child !== entry) {
                entry.children.push(child);
            }
        }
    }

    const stepsByLevel: Array<Map<TableMapping, DynamicsDeleteStep[]>> = [];
    for (const entry of entries.values()) {
        const level = getLevel(entry, new Set());
        while (stepsByLevel.length <= level) {
            stepsByLevel.push(new Map());
        }
        const levelSteps = stepsByLevel[level];
        const steps = levelSteps?.get(entry.table) ?? [];
        steps.push(entry.step);
        levelSteps?.set(entry.table, steps);
    }
    return stepsByLevel.map(levelSteps =>
        tables.flatMap(({table}) => {
            const steps = levelSteps.get(table);
            return steps === undefined ? [] : [{table, steps}];
        }),
    );
}

/** Returns the entry's level and stores it. `visiting` breaks a cycle of links. */
function getLevel(entry: Entry, visiting: Set<Entry>): number {
    if (entry.level !== null) {
        return entry.level;
    }
    if (visiting.has(entry)) {
        return 0;
    }
    visiting.add(entry);
    let level = 0;
    for (const child of entry.children) {
        level = Math.max(level, getLevel(child, visiting) + 1);
    }
    visiting.delete(entry);
    entry.level = level;
    return level;
}
