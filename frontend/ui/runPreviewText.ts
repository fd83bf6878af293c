/**
 * The sentences the run preview shows, built from the engine's preview. Names and values come from
 * Dynamics and Airtable as plain strings, and React renders them as text, never as markup.
 */
import type {FieldChange, PreviewConflict, RunPreview, SidePreview, TablePreview} from '../sync';
import {pluralize} from './deletePreviewText';

/** Such as "In Airtable: 2 rows to create, 1 to update, none to delete.", or "no rows to create". */
export function describeSideCounts(side: SidePreview, place: 'Airtable' | 'Dynamics'): string {
    const noun = place === 'Airtable' ? 'row' : 'record';
    const creates =
        side.creates.length === 0 ? `no ${noun}s` : pluralize(side.creates.length, noun);
    return (
        `In ${place}: ${creates} to create, ${countOrNone(side.updates.length)} to update, ` +
        `${countOrNone(side.deletes.length)} to delete.`
    );
}

/** Such as "Revenue: 10 → 20", with long text shortened. */
export function describeChange(change: FieldChange): string {
    return `${change.fieldName}: ${change.oldValue} → ${change.newValue}`;
}

/** Describes the change with both values in full, or returns null when nothing was shortened. */
export function describeChangeInFullIfShortened(change: FieldChange): string | null {
    const full = change.fullValues;
    return full === undefined ? null : `${change.fieldName}: ${full.oldValue} → ${full.newValue}`;
}

/** Such as "Revenue of 'Acme': Airtable 10, Dynamics 20. The sync keeps the Dynamics value." */
export function describeConflict(conflict: PreviewConflict): string {
    const winner = conflict.winner === 'airtable' ? 'Airtable' : 'Dynamics';
    return (
        `${conflict.fieldName} of '${conflict.ref.name}': Airtable ${conflict.airtableValue}, ` +
        `Dynamics ${conflict.dynamicsValue}. The sync keeps the ${winner} value.`
    );
}

/** Such as "Approving writes 3 rows in Airtable and 2 records in Dynamics." */
export function describeRunTotals(preview: RunPreview): string {
    const rows = preview.tables.reduce((sum, table) => sum + countSide(table.airtable), 0);
    const records = preview.tables.reduce((sum, table) => sum + countSide(table.dynamics), 0);
    return (
        `Approving writes ${pluralize(rows, 'row')} in Airtable and ` +
        `${pluralize(records, 'record')} in Dynamics.`
    );
}

/** Such as "Waiting for your decision on the preview: 51 changes and 2 deletes". */
export function describePreviewWait(preview: RunPreview): string {
    const sides = preview.tables.flatMap(table => [table.airtable, table.dynamics]);
    const changes = sides.reduce((sum, side) => sum + side.creates.length + side.updates.length, 0);
    const deletes = sides.reduce((sum, side) => sum + side.deletes.length, 0);
    return `Waiting for your decision on the preview: ${describeWriteCounts(changes, deletes)}`;
}

/** Returns whether the table has anything to show: a write, a conflict, a failure or a delete. */
export function hasTableContent(table: TablePreview): boolean {
    return (
        countSide(table.airtable) > 0 ||
        countSide(table.dynamics) > 0 ||
        table.conflicts.length > 0 ||
        table.failures.length > 0 ||
        table.blockedDeletes.length > 0
    );
}

function countSide(side: SidePreview): number {
    return side.creates.length + side.updates.length + side.deletes.length;
}

/** Such as "51 changes and 2 deletes", "1 change", "2 deletes" or "no changes". */
function describeWriteCounts(changes: number, deletes: number): string {
    if (deletes === 0) {
        return changes === 0 ? 'no changes' : pluralize(changes, 'change');
    }
    if (changes === 0) {
        return pluralize(deletes, 'delete');
    }
    return `${pluralize(changes, 'change')} and ${pluralize(deletes, 'delete')}`;
}

function countOrNone(count: number): string {
    return count === 0 ? 'none' : String(count);
}
