/**
 * Plans the second pass of a table with deferred lookups: once every table's rows and records
 * exist, each linked pair merges only those lookups. Rows without a linked record were reported by
 * the first pass and are left out here.
 */
import {getDynamicsIdIfValid} from '../dynamicsIdCell';
import type {Guid} from '../ids';
import type {ConflictPolicy, TableMapping} from '../mapping';
import {invalidValueFailure} from '../plan/messages';
import {getRowName} from '../plan/recordNames';
import type {PlanStep, TablePlan} from '../plan/types';
import type {AirtableRow, DataverseRecord} from '../ports';
import {hashValue, parseSyncState} from '../syncState';
import type {CanonicalValue} from '../values';
import {planUnchangedRecordRow} from '../plan/planUnchangedRow';
import {UnchangedRows} from '../plan/unchangedRows';
import {readLinkCells, readLookupValue, type LinkConversion} from './linkValues';
import {isLookupMapping} from './linkGroups';
import {mergeLinks, type LinkPass} from './planLinks';

export interface DeferredLinksInput {
    readonly table: TableMapping;
    readonly rows: readonly AirtableRow[];
    readonly records: readonly DataverseRecord[];
    readonly links: LinkPass;
    readonly conflictPolicy: ConflictPolicy;
    /**
     * Records that a delta read found unchanged since the last complete sync and that have not
     * changed since, not in `records`. Their rows' links are planned from the baselines.
     */
    readonly unchangedRecordIds?: ReadonlySet<Guid>;
}

export function planDeferredLinks(input: DeferredLinksInput): TablePlan {
    const {table} = input;
    const recordsById = new Map(input.records.map(record => [record.id, record]));
    const rowsById = groupRowsById(input);
    const steps: PlanStep[] = [];
    const unreadRecordIds = new Set<Guid>();
    const linksOnly = {...table, fields: table.fields.filter(isLookupMapping)};
    const unchangedRows = UnchangedRows.forPlan(linksOnly, input.links);
    for (const [id, rows] of rowsById) {
        const [row] = rows;
        const record = recordsById.get(id);
        if (rows.length !== 1 || row === undefined) {
            continue;
        }
        if (record !== undefined) {
            steps.push(...planPair(input, row, record));
        } else if (input.unchangedRecordIds?.has(id) === true) {
            if (unchangedRows.isUnchanged(row.cells, input.links.index)) {
                continue;
            }
            const step = planUnchangedPair(input, linksOnly, row, id);
            if (step === null) {
                unreadRecordIds.add(id);
            } else if (step.kind === 'unchanged') {
                unchangedRows.remember(row.cells, input.links.index);
            } else {
                steps.push(step);
            }
        }
    }
    return {table, steps, unreadRecordIds};
}

/**
 * Plans the links of a row whose record is unchanged since the last complete sync. `linksOnly` is
 * the table with only its lookup mappings: the first pass planned the values, and a value it
 * failed to push stays for the next run instead of being sent again. The row keeps the baselines
 * of its values, and is named from the whole table, whose name field `linksOnly` leaves out.
 */
function planUnchangedPair(
    input: DeferredLinksInput,
    linksOnly: TableMapping,
    row: AirtableRow,
    id: Guid,
): PlanStep | null {
    const {table} = input;
    const parsed = parseSyncState(row.cells[table.syncStateFieldId]);
    const ref = {airtableRecordId: row.id, dynamicsId: id, name: getRowName(table, row)};
    const state = parsed.ok ? parsed.state : null;
    const step = planUnchangedRecordRow(linksOnly, ref, row.cells, state, input.links);
    if (step?.kind !== 'update' || state === null) {
        return step;
    }
    return {...step, fieldHashes: {...state.fieldHashes, ...step.fieldHashes}};
}

function groupRowsById(input: DeferredLinksInput): Map<Guid, AirtableRow[]> {
    const rowsById = new Map<Guid, AirtableRow[]>();
    for (const row of input.rows) {
        const id = getDynamicsIdIfValid(row.cells, input.table.dynamicsIdFieldId);
        if (id !== null) {
            rowsById.set(id, [...(rowsById.get(id) ?? []), row]);
        }
    }
    return rowsById;
}

function planPair(
    input: DeferredLinksInput,
    row: AirtableRow,
    record: DataverseRecord,
): PlanStep[] {
    const {table} = input;
    const parsed = parseSyncState(row.cells[table.syncStateFieldId]);
    const state = parsed.ok ? parsed.state : null;
    if (state?.isPendingCreate) {
        return [];
    }

    const ref = {airtableRecordId: row.id, dynamicsId: record.id, name: getRowName(table, row)};
    const baselines = state?.fieldHashes ?? {};
    const links = mergeLinks(input.links, row.cells, record, baselines, input.conflictPolicy);
    if (links.problems.length > 0) {
        const failure = invalidValueFailure(table, ref.name, links.problems, '');
        return [{kind: 'fail', ref, failure}];
    }
    const fieldHashes = {...baselines, ...links.fieldHashes};
    const isChanged = Object.keys(links.fieldHashes).some(
        column => links.fieldHashes[column] !== baselines[column],
    );
    if (!isChanged && links.pushedFields.length === 0 && links.pulledFields.length === 0) {
        return [];
    }
    return [
        {
            kind: 'update',
            ref,
            dynamicsValues: links.pushedFields.length > 0 ? links.dynamicsValues : null,
            ifMatch: record.version,
            airtableCells: links.airtableCells,
            fieldHashes,
            version: record.version,
            pushedFields: links.pushedFields,
            pulledFields: links.pulledFields,
            conflicts: links.conflicts,
        },
    ];
}

/**
 * Adds to each first-pass update of a linked pair the baseline of an empty link for every lookup
 * left to the second pass that has no baseline yet and is empty on both sides as read. The update
 * writes the row's state anyway, so the second pass then has nothing to write for that lookup.
 * A side that sets the link in between still shows as a change against the empty baseline.
 */
export function addEmptyDeferredBaselines(
    plan: TablePlan,
    snapshot: {readonly rows: readonly AirtableRow[]; readonly records: readonly DataverseRecord[]},
    links: LinkPass,
): TablePlan {
    const deferred = links.groups.filter(group => !links.isPlanned(group));
    if (deferred.length === 0 || !plan.steps.some(step => step.kind === 'update')) {
        return plan;
    }
    const rowsById = new Map(snapshot.rows.map(row => [row.id, row]));
    const recordsById = new Map(snapshot.records.map(record => [record.id, record]));
    const steps = plan.steps.map(step => {
        if (step.kind !== 'update') {
            return step;
        }
        const row = rowsById.get(step.ref.airtableRecordId);
        const record = recordsById.get(step.ref.dynamicsId);
        if (row === undefined || record === undefined) {
            return step;
        }
        const empty = deferred.filter(
            group =>
                step.fieldHashes[group.column] === undefined &&
                isEmptyLink(readLookupValue(group, record.values[group.column])) &&
                isEmptyLink(readLinkCells(group, row.cells, links.index)),
        );
        if (empty.length === 0) {
            return step;
        }
        const fieldHashes = {...step.fieldHashes};
        for (const group of empty) {
            fieldHashes[group.column] = EMPTY_LINK_HASH;
        }
        return {...step, fieldHashes};
    });
    return {...plan, steps};
}

/** The baseline of a link that is empty on both sides. */
export const EMPTY_LINK_HASH = hashValue(null);

/** Returns whether a link read from either side converted to the empty link. */
export function isEmptyLink(conversion: LinkConversion<CanonicalValue>): boolean {
    return conversion.ok && conversion.value === null;
}
