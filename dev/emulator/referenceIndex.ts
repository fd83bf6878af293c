/**
 * An index from each referenced row to the rows whose lookups point at it, so a cascade delete
 * finds dependants without scanning whole tables.
 */
import {isEntityReference, type EntityReference, type Row} from './entities/types';

/** A lookup column of one row that references another row. */
export interface Referrer {
    readonly logicalName: string;
    readonly id: string;
    readonly attribute: string;
}

function keyOf(logicalName: string, id: string): string {
    return `${logicalName}:${id}`;
}

export class ReferenceIndex {
    private readonly byTarget = new Map<string, Map<string, Referrer>>();

    /** Records the references of a stored row. */
    add(logicalName: string, id: string, row: Row): void {
        for (const [attribute, value] of Object.entries(row)) {
            if (!isEntityReference(value)) {
                continue;
            }
            const targetKey = keyOf(value.logicalName, value.id);
            let referrers = this.byTarget.get(targetKey);
            if (referrers === undefined) {
                referrers = new Map();
                this.byTarget.set(targetKey, referrers);
            }
            referrers.set(`${keyOf(logicalName, id)}:${attribute}`, {logicalName, id, attribute});
        }
    }

    /** Forgets the references of a row that is being replaced or removed. */
    delete(logicalName: string, id: string, row: Row): void {
        for (const [attribute, value] of Object.entries(row)) {
            if (!isEntityReference(value)) {
                continue;
            }
            const targetKey = keyOf(value.logicalName, value.id);
            const referrers = this.byTarget.get(targetKey);
            referrers?.delete(`${keyOf(logicalName, id)}:${attribute}`);
            if (referrers?.size === 0) {
                this.byTarget.delete(targetKey);
            }
        }
    }

    /** Lists the lookup columns that reference `target`. */
    list(target: EntityReference): Referrer[] {
        return [...(this.byTarget.get(keyOf(target.logicalName, target.id))?.values() ?? [])];
    }

    clear(): void {
        this.byTarget.clear();
    }
}
