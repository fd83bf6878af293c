/**
 * Remembers the rows a plan found at their baselines, so that the next plan of the same row does
 * not read and hash its cells again. Nearly every row of a resync is unchanged. The Airtable
 * adapter returns the same cells object as in the last run for every row that was not edited
 * since, so a remembered row is found by its cells object. Cells are read-only: an edited row
 * comes with new cells, which the memo has not seen.
 *
 * This holds only for a row planned from its cells alone, because a delta read found its record
 * unchanged (`planUnchangedRecordRow`). That plan depends on nothing but the cells, the table's
 * mapping, the link groups of the pass, and the record each link resolves to. So the row is
 * still unchanged when the mapping and the planned groups are the same and each of its links
 * resolves to the same record as when it was remembered, which is what `isUnchanged` checks.
 * The second pass plans the deferred lookups of such a row the same way, with other inputs.
 * An entry is dropped with its cells object.
 */
import type {Guid} from '../ids';
import type {LinkIndex} from '../links/linkIndex';
import type {LinkGroup} from '../links/linkGroups';
import type {LinkPass} from '../links/planLinks';
import {readLinkedRows, type LinkedRow} from '../links/linkValues';
import type {TableMapping} from '../mapping';
import type {AirtableCells} from '../ports';

/** One object per distinct table mapping and set of planned link groups, compared by identity. */
interface PlanInputs {
    readonly description: string;
}

interface ResolvedLink extends LinkedRow {
    readonly id: Guid;
}

interface Remembered {
    readonly inputs: PlanInputs;
    readonly links: readonly ResolvedLink[];
}

/**
 * The plans each cells object was found unchanged in. A row is planned with more than one set of
 * inputs in one run, such as a table's first pass and its second pass, so each set keeps its own.
 */
const rememberedByCells = new WeakMap<AirtableCells, Remembered[]>();
const inputsByDescription = new Map<string, PlanInputs>();
/**
 * The maximum sets of inputs remembered per row: more than a run plans a row with, and few enough
 * that changes to the mapping do not pile up entries.
 */
const MAX_REMEMBERED_PER_ROW = 4;

export class UnchangedRows {
    private constructor(
        private readonly inputs: PlanInputs,
        private readonly plannedGroups: readonly LinkGroup[],
    ) {}

    /** Returns the memo for rows of `table` planned with the link groups `links` plans. */
    static forPlan(table: TableMapping, links: LinkPass): UnchangedRows {
        const plannedGroups = links.groups.filter(group => links.isPlanned(group));
        // The mapping and the groups are plain data, so equal JSON means equal inputs.
        const description = JSON.stringify({table, plannedGroups});
        let inputs = inputsByDescription.get(description);
        if (inputs === undefined) {
            inputs = {description};
            inputsByDescription.set(description, inputs);
        }
        return new UnchangedRows(inputs, plannedGroups);
    }

    /** Returns whether these cells were remembered as unchanged and still resolve alike. */
    isUnchanged(cells: AirtableCells, index: LinkIndex): boolean {
        const remembered = rememberedByCells
            .get(cells)
            ?.find(candidate => candidate.inputs === this.inputs);
        if (remembered === undefined) {
            return false;
        }
        // A plain loop, because a resync checks every link of every row.
        for (const link of remembered.links) {
            if (index.getRecordIdIfLinked(link.tableId, link.rowId) !== link.id) {
                return false;
            }
        }
        return true;
    }

    /** Remembers cells whose plan was "unchanged", with the records their links resolve to. */
    remember(cells: AirtableCells, index: LinkIndex): void {
        const links: ResolvedLink[] = [];
        for (const group of this.plannedGroups) {
            const rows = readLinkedRows(group, cells);
            if (rows === null) {
                // An unchanged plan read every link, so this does not happen. Remember nothing.
                return;
            }
            for (const row of rows) {
                const id = index.getRecordIdIfLinked(row.tableId, row.rowId);
                if (id === null) {
                    return;
                }
                links.push({...row, id});
            }
        }
        const others = (rememberedByCells.get(cells) ?? []).filter(
            candidate => candidate.inputs !== this.inputs,
        );
        const newest = others.slice(Math.max(0, others.length - MAX_REMEMBERED_PER_ROW + 1));
        rememberedByCells.set(cells, [...newest, {inputs: this.inputs, links}]);
    }
}
