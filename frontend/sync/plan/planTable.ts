/**
 * Builds the plan for one mapped table from both sides' current rows and records. Pure and linear:
 * rows and records are indexed by Dynamics ID once, and unlinked ones by match key value, with no
 * nested scans.
 */
import {getDynamicsIdIfValid, readDynamicsIdCell} from '../dynamicsIdCell';
import type {AirtableRecordId, Guid} from '../ids';
import type {ConflictPolicy, FieldMapping, TableMapping} from '../mapping';
import type {AirtableRow, DataverseRecord} from '../ports';
import {parseSyncState, type SyncState} from '../syncState';
import {
    deletedInAirtableSkip,
    deletedInDynamicsSkip,
    duplicateDynamicsIdFailure,
    invalidDynamicsIdFailure,
} from './messages';
import {getLinkGroups, getValueMappings} from '../links/linkGroups';
import {LinkIndex} from '../links/linkIndex';
import type {LinkPass} from '../links/planLinks';
import {planAmbiguousMatch, planMatchedPair} from '../match/planMatches';
import {matchUnlinked} from '../match/matchUnlinked';
import {planRecordCreate, planRowCreate} from './planCreates';
import {planLinkedRow} from './planLinkedRow';
import {planUnchangedRecordRow} from './planUnchangedRow';
import {createRowNamer, getRecordName} from './recordNames';
import {UnchangedRows} from './unchangedRows';
import type {PlanStep, TablePlan} from './types';

/** The column with each record's creation time, read to tell a deleted row from a new record. */
export const CREATED_ON_COLUMN = 'createdon';
/** The column with each record's last change, read to tell whether it changed since a sync. */
export const MODIFIED_ON_COLUMN = 'modifiedon';

export interface TablePlanInput {
    readonly table: TableMapping;
    readonly rows: readonly AirtableRow[];
    readonly records: readonly DataverseRecord[];
    readonly conflictPolicy: ConflictPolicy;
    /** Returns a new random (version 4) GUID for each record the plan creates in Dynamics. */
    readonly newGuid: () => Guid;
    /**
     * The watermark of the last sync of this table that finished without failures: the latest
     * `createdon` or `modifiedon` it read or stamped by its own writes, as an ISO timestamp in
     * Dynamics' clock. A record created before it that has no row had a row, which was deleted
     * in Airtable.
     */
    readonly lastSyncedAt: string | null;
    /**
     * Resolves the table's links to rows and records of the tables synced before it. Without it,
     * the table's links resolve only within itself, and only to rows linked before the run.
     */
    readonly links?: LinkPass;
    /** Records with no row that get one whatever their creation time, because they are restored. */
    readonly restoreRecordIds?: ReadonlySet<Guid>;
    /**
     * Records that a delta read found unchanged since the last complete sync, not in `records`.
     * The rows linked to them are planned from their baselines. Only a run whose delete plan was
     * empty passes them, because a link emptied by a row delete needs the Dynamics value to tell.
     */
    readonly unchangedRecordIds?: ReadonlySet<Guid>;
}

/** The input with what every row of the table needs, worked out once per table. */
interface PlanContext extends TablePlanInput {
    readonly links: LinkPass;
    readonly valueMappings: readonly FieldMapping[];
    readonly getRowName: (row: AirtableRow) => string;
    readonly unchangedRows: UnchangedRows;
}

export function planTable(planInput: TablePlanInput): TablePlan {
    const links = planInput.links ?? createOwnLinkPass(planInput);
    const input: PlanContext = {
        ...planInput,
        links,
        valueMappings: getValueMappings(planInput.table),
        getRowName: createRowNamer(planInput.table),
        unchangedRows: UnchangedRows.forPlan(planInput.table, links),
    };
    const {table} = input;
    const recordsById = new Map<Guid, DataverseRecord>();
    for (const record of input.records) {
        recordsById.set(record.id, record);
    }
    const rowsById = new Map<Guid, AirtableRow[]>();
    const unlinkedRows: AirtableRow[] = [];
    const steps: PlanStep[] = [];

    for (const row of input.rows) {
        const idCell = readDynamicsIdCell(row.cells, table.dynamicsIdFieldId);
        if (idCell.kind === 'empty') {
            unlinkedRows.push(row);
        } else if (idCell.kind === 'invalid') {
            const ref = {airtableRecordId: row.id, dynamicsId: null, name: input.getRowName(row)};
            steps.push({
                kind: 'fail',
                ref,
                failure: invalidDynamicsIdFailure(table, ref.name, idCell.text),
            });
        } else {
            addRow(rowsById, idCell.id, row);
        }
    }

    const unlinked = planUnlinked(input, unlinkedRows, rowsById);
    steps.push(...unlinked.steps);
    const unreadRecordIds = new Set<Guid>();
    for (const [id, rows] of rowsById) {
        const record = recordsById.get(id) ?? null;
        const [row] = rows;
        if (record === null && rows.length === 1 && row !== undefined && isUnchanged(input, id)) {
            const step = planUnchangedRow(input, id, row);
            if (step === null) {
                unreadRecordIds.add(id);
            } else {
                steps.push(step);
            }
            continue;
        }
        steps.push(...planRowsForId(input, id, rows, record));
    }
    for (const record of input.records) {
        if (!rowsById.has(record.id) && !unlinked.settledRecordIds.has(record.id)) {
            steps.push(planRecordWithoutRow(input, record));
        }
    }
    return {table, steps, matchedRowIds: unlinked.matchedRowIds, unreadRecordIds};
}

function addRow(rowsById: Map<Guid, AirtableRow[]>, id: Guid, row: AirtableRow): void {
    const rows = rowsById.get(id);
    if (rows === undefined) {
        rowsById.set(id, [row]);
    } else {
        rows.push(row);
    }
}

function isUnchanged(input: PlanContext, id: Guid): boolean {
    return input.unchangedRecordIds?.has(id) ?? false;
}

function planUnchangedRow(input: PlanContext, id: Guid, row: AirtableRow): PlanStep | null {
    const {table, links, unchangedRows} = input;
    const ref = {airtableRecordId: row.id, dynamicsId: id, name: input.getRowName(row)};
    if (unchangedRows.isUnchanged(row.cells, links.index)) {
        return {kind: 'unchanged', ref};
    }
    const state = parseStateOrNull(row.cells[table.syncStateFieldId]);
    const step = planUnchangedRecordRow(table, ref, row.cells, state, links, input.valueMappings);
    if (step?.kind === 'unchanged') {
        unchangedRows.remember(row.cells, links.index);
    }
    return step;
}

interface UnlinkedPlan {
    readonly steps: PlanStep[];
    /** Records that matching linked or set aside, so they get no row of their own. */
    readonly settledRecordIds: ReadonlySet<Guid>;
    readonly matchedRowIds: ReadonlySet<AirtableRecordId>;
}

/**
 * Plans the rows without a Dynamics ID: each one that a match key pairs with a record no row
 * points at is linked to it, and the others are created in Dynamics. Records whose rows were
 * deleted in Airtable are left out of matching, so a new row cannot take their place unnoticed.
 */
function planUnlinked(
    input: PlanContext,
    unlinkedRows: readonly AirtableRow[],
    rowsById: ReadonlyMap<Guid, readonly AirtableRow[]>,
): UnlinkedPlan {
    const {table} = input;
    const records = input.records.filter(
        record => !rowsById.has(record.id) && !wasCreatedBefore(record, input.lastSyncedAt),
    );
    const matches = matchUnlinked({table, rows: unlinkedRows, records, links: input.links});

    const steps: PlanStep[] = [];
    const settledRecordIds = new Set<Guid>();
    const matchedRowIds = new Set<AirtableRecordId>();
    for (const pair of matches.pairs) {
        steps.push(planMatchedPair(table, pair, input.conflictPolicy, input.links));
        settledRecordIds.add(pair.record.id);
        matchedRowIds.add(pair.row.id);
    }
    for (const match of matches.ambiguous) {
        steps.push(...planAmbiguousMatch(table, match));
        match.records.forEach(record => settledRecordIds.add(record.id));
    }
    steps.push(...matches.unmatchedRows.map(row => planNewRow(input, row)));
    return {steps, settledRecordIds, matchedRowIds};
}

/** Resolves links within the table only, to the pairs that were linked before the run. */
function createOwnLinkPass(input: TablePlanInput): LinkPass {
    const index = new LinkIndex();
    const recordIds = new Set(input.records.map(record => record.id));
    for (const id of input.unchangedRecordIds ?? []) {
        recordIds.add(id);
    }
    for (const row of input.rows) {
        const id = getDynamicsIdIfValid(row.cells, input.table.dynamicsIdFieldId);
        if (id !== null && recordIds.has(id)) {
            index.addPair(input.table.table.id, row.id, id);
        }
    }
    const groups = getLinkGroups(input.table, new Map([[input.table.table.id, input.table]]));
    return {index, groups, isPlanned: () => true};
}

function planNewRow(input: PlanContext, row: AirtableRow): PlanStep {
    const ref = {
        airtableRecordId: row.id,
        dynamicsId: input.newGuid(),
        name: input.getRowName(row),
    };
    return planRecordCreate(input.table, ref, row.cells, {isRetry: false, links: input.links});
}

function planRowsForId(
    input: PlanContext,
    id: Guid,
    rows: readonly AirtableRow[],
    record: DataverseRecord | null,
): PlanStep[] {
    const {table} = input;
    if (rows.length > 1) {
        return rows.map(row => {
            const ref = {airtableRecordId: row.id, dynamicsId: id, name: input.getRowName(row)};
            const failure = duplicateDynamicsIdFailure(table, ref.name, id, rows.length);
            return {kind: 'fail', ref, failure};
        });
    }

    const [row] = rows;
    if (row === undefined) {
        return [];
    }
    const ref = {airtableRecordId: row.id, dynamicsId: id, name: input.getRowName(row)};
    const state = parseStateOrNull(row.cells[table.syncStateFieldId]);
    if (state?.isPendingCreate) {
        return [planRecordCreate(table, ref, row.cells, {isRetry: true, links: input.links})];
    }
    if (record === null) {
        return [{kind: 'skip', ref, skip: deletedInDynamicsSkip(table, ref.name)}];
    }
    const {conflictPolicy, links, valueMappings} = input;
    return [
        planLinkedRow(table, ref, row.cells, record, state, conflictPolicy, links, valueMappings),
    ];
}

function planRecordWithoutRow(input: PlanContext, record: DataverseRecord): PlanStep {
    const {table} = input;
    const ref = {airtableRecordId: null, dynamicsId: record.id, name: getRecordName(table, record)};
    const isRestored = input.restoreRecordIds?.has(record.id) ?? false;
    if (!isRestored && wasCreatedBefore(record, input.lastSyncedAt)) {
        return {kind: 'skip', ref, skip: deletedInAirtableSkip(table, ref.name)};
    }
    return planRowCreate(table, ref, record, input.links);
}

/**
 * Returns whether the record was created no later than the newest record the last complete sync
 * read. A record whose creation time is missing or unreadable is treated as new, so it gets a row
 * rather than being hidden.
 * NOTE: `createdon` has whole seconds, so a record created after that read but within the same
 * second as its newest record counts as existing, and is reported instead of getting a row.
 */
export function wasCreatedBefore(record: DataverseRecord, watermark: string | null): boolean {
    const watermarkMs = watermark === null ? Number.NaN : Date.parse(watermark);
    const createdOnMs = getCreatedOnMs(record);
    if (!Number.isFinite(watermarkMs) || !Number.isFinite(createdOnMs)) {
        return false;
    }
    return createdOnMs <= watermarkMs;
}

/**
 * Returns the latest creation or change time among the records, the part of a sync's watermark
 * that its read sets.
 */
export function getWatermark(records: readonly DataverseRecord[]): string | null {
    let latestMs = Number.NaN;
    for (const record of records) {
        for (const timeMs of [getCreatedOnMs(record), getModifiedOnMs(record)]) {
            if (Number.isFinite(timeMs) && (Number.isNaN(latestMs) || timeMs > latestMs)) {
                latestMs = timeMs;
            }
        }
    }
    return Number.isFinite(latestMs) ? new Date(latestMs).toISOString() : null;
}

function getCreatedOnMs(record: DataverseRecord): number {
    const createdOn = record.values[CREATED_ON_COLUMN];
    return typeof createdOn === 'string' ? Date.parse(createdOn) : Number.NaN;
}

function getModifiedOnMs(record: DataverseRecord): number {
    const modifiedOn = record.values[MODIFIED_ON_COLUMN];
    return typeof modifiedOn === 'string' ? Date.parse(modifiedOn) : Number.NaN;
}

/**
 * Returns whether the record changed after the watermark. A record whose change time is missing
 * or unreadable counts as changed, so a delete never removes a change that no sync has read.
 */
export function wasModifiedAfter(record: DataverseRecord, watermark: string | null): boolean {
    const watermarkMs = watermark === null ? Number.NaN : Date.parse(watermark);
    const modifiedOnMs = getModifiedOnMs(record);
    if (!Number.isFinite(watermarkMs) || !Number.isFinite(modifiedOnMs)) {
        return true;
    }
    return modifiedOnMs > watermarkMs;
}

/** Parses a Sync state cell, returning null (no baseline) when it is empty or does not parse. */
function parseStateOrNull(cell: unknown): SyncState | null {
    const parsed = parseSyncState(cell);
    return parsed.ok ? parsed.state : null;
}
