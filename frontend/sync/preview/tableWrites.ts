/**
 * The writes, conflicts and failures of one table's preview, collected from the steps of both
 * passes. The run ends each record with one outcome (see `combineOutcomes`), so each record has at
 * most one update entry per side. A second-pass update adds its changes to the record's first-pass
 * entry, and a second-pass failure replaces the record's earlier failure.
 */
import type {LinkedRecordRef, RecordRef} from '../plan/types';
import type {
    FieldChange,
    PreviewConflict,
    PreviewFailure,
    PreviewSide,
    PreviewWrite,
    SidePreview,
} from './types';

export class TableWrites {
    private readonly creates: Record<PreviewSide, PreviewWrite[]> = {airtable: [], dynamics: []};
    private readonly updates: Record<PreviewSide, Map<string, PreviewWrite>> = {
        airtable: new Map(),
        dynamics: new Map(),
    };
    private readonly failures: PreviewFailure[] = [];
    private readonly failurePositions = new Map<string, number>();
    readonly conflicts: PreviewConflict[] = [];

    addCreate(side: PreviewSide, ref: RecordRef): void {
        this.creates[side].push({ref, changes: []});
    }

    /** Adds an update, or adds its changes to the record's update already listed on that side. */
    addUpdate(side: PreviewSide, ref: LinkedRecordRef, changes: readonly FieldChange[]): void {
        const key = `${ref.airtableRecordId}|${ref.dynamicsId}`;
        const listed = this.updates[side].get(key);
        this.updates[side].set(key, {
            ref: listed?.ref ?? ref,
            changes: [...(listed?.changes ?? []), ...changes],
        });
    }

    /** Adds a failure, which replaces the record's failure already listed. */
    addFailure(failure: PreviewFailure): void {
        const key = getRefKeyIfExists(failure.ref);
        const position = key === null ? undefined : this.failurePositions.get(key);
        if (position !== undefined) {
            this.failures[position] = failure;
            return;
        }
        if (key !== null) {
            this.failurePositions.set(key, this.failures.length);
        }
        this.failures.push(failure);
    }

    getFailures(): PreviewFailure[] {
        return this.failures;
    }

    /** Returns the creates and updates of one side, with the deletes the caller planned. */
    getSide(side: PreviewSide, deletes: SidePreview['deletes']): SidePreview {
        return {
            creates: this.creates[side],
            updates: [...this.updates[side].values()],
            deletes,
        };
    }
}

/** Identifies a record by both ids, or returns null when it has neither. */
function getRefKeyIfExists(ref: RecordRef): string | null {
    if (ref.airtableRecordId === null && ref.dynamicsId === null) {
        return null;
    }
    return `${ref.airtableRecordId ?? ''}|${ref.dynamicsId ?? ''}`;
}
