/**
 * Builds the plan for one mapped table from both sides' current rows and records. Pure and linear:
 * rows and records are indexed by Dynamics ID once, with no nested scans.
 */
import {parseGuidIfValid, type Guid} from '../ids';
import type {ConflictPolicy, TableMapping} from '../mapping';
import type {AirtableRow, DataverseRecord} from '../ports';
import {parseSyncState, type SyncState} from '../syncState';
import {
    deletedInAirtableSkip,
    deletedInDynamicsSkip,
    duplicateDynamicsIdFailure,
    invalidDynamicsIdFailure,
} from './messages';
import {planRecordCreate, planRowCreate} from './planCreates';
import {planLinkedRow} from './planLinkedRow';
import {getRecordName, getRowName} from './recordNames';
import type {PlanStep, TablePlan} from './types';

/** The column with each record's creation time, read to tell a deleted row from a new record. */
export const CREATED_ON_COLUMN = 'createdon';

export interface TablePlanInput {
    readonly table: TableMapping;
    readonly rows: readonly AirtableRow[];
    readonly records: readonly DataverseRecord[];
    readonly conflictPolicy: ConflictPolicy;
    /** Returns a new random (version 4) GUID for each record the plan creates in Dynamics. */
    readonly newGuid: () => Guid;
    /**
     * The watermark of the last sync of this table that finished without failures: the latest
     * `createdon` it read, as an ISO timestamp in Dynamics' clock. A record created before it
     * that has no row had a row, which was deleted in Airtable.
     */
    readonly lastSyncedAt: string | null;
}

export function planTable(input: TablePlanInput): TablePlan {
    const {table} = input;
    const recordsById = new Map(input.records.map(record => [record.id, record]));
    const rowsById = new Map<Guid, AirtableRow[]>();
    const steps: PlanStep[] = [];

    for (const row of input.rows) {
        const idCell = row.cells[table.dynamicsIdFieldId];
        const idText = typeof idCell === 'string' ? idCell.trim() : '';
        const id = parseGuidIfValid(idText);
        if (idText === '') {
            steps.push(planNewRow(input, row));
        } else if (id === null) {
            const ref = {airtableRecordId: row.id, dynamicsId: null, name: getRowName(table, row)};
            steps.push({
                kind: 'fail',
                ref,
                failure: invalidDynamicsIdFailure(table, ref.name, idText),
            });
        } else {
            rowsById.set(id, [...(rowsById.get(id) ?? []), row]);
        }
    }

    for (const [id, rows] of rowsById) {
        steps.push(...planRowsForId(input, id, rows, recordsById.get(id) ?? null));
    }
    for (const record of input.records) {
        if (!rowsById.has(record.id)) {
            steps.push(planRecordWithoutRow(input, record));
        }
    }
    return {table, steps};
}

function planNewRow(input: TablePlanInput, row: AirtableRow): PlanStep {
    const ref = {
        airtableRecordId: row.id,
        dynamicsId: input.newGuid(),
        name: getRowName(input.table, row),
    };
    return planRecordCreate(input.table, ref, row.cells, {isRetry: false, knownVersion: null});
}

function planRowsForId(
    input: TablePlanInput,
    id: Guid,
    rows: readonly AirtableRow[],
    record: DataverseRecord | null,
): PlanStep[] {
    const {table} = input;
    if (rows.length > 1) {
        return rows.map(row => {
            const ref = {airtableRecordId: row.id, dynamicsId: id, name: getRowName(table, row)};
            const failure = duplicateDynamicsIdFailure(table, ref.name, id, rows.length);
            return {kind: 'fail', ref, failure};
        });
    }

    const [row] = rows;
    if (row === undefined) {
        return [];
    }
    const ref = {airtableRecordId: row.id, dynamicsId: id, name: getRowName(table, row)};
    const state = parseStateOrNull(row.cells[table.syncStateFieldId]);
    if (state?.isPendingCreate) {
        const knownVersion = record?.version ?? null;
        return [planRecordCreate(table, ref, row.cells, {isRetry: true, knownVersion})];
    }
    if (record === null) {
        return [{kind: 'skip', ref, skip: deletedInDynamicsSkip(table, ref.name)}];
    }
    return [planLinkedRow(table, ref, row.cells, record, state, input.conflictPolicy)];
}

function planRecordWithoutRow(input: TablePlanInput, record: DataverseRecord): PlanStep {
    const {table} = input;
    const ref = {airtableRecordId: null, dynamicsId: record.id, name: getRecordName(table, record)};
    if (wasCreatedBefore(record, input.lastSyncedAt)) {
        return {kind: 'skip', ref, skip: deletedInAirtableSkip(table, ref.name)};
    }
    return planRowCreate(table, ref, record);
}

/**
 * Returns whether the record was created no later than the newest record the last complete sync
 * read. A record whose creation time is missing or unreadable is treated as new, so it gets a row
 * rather than being hidden.
 * NOTE: `createdon` has whole seconds, so a record created after that read but within the same
 * second as its newest record counts as existing, and is reported instead of getting a row.
 */
function wasCreatedBefore(record: DataverseRecord, watermark: string | null): boolean {
    const watermarkMs = watermark === null ? Number.NaN : Date.parse(watermark);
    const createdOnMs = getCreatedOnMs(record);
    if (!Number.isFinite(watermarkMs) || !Number.isFinite(createdOnMs)) {
        return false;
    }
    return createdOnMs <= watermarkMs;
}

/** Returns the latest creation time among the records, the watermark a complete sync leaves. */
export function getLatestCreatedOn(records: readonly DataverseRecord[]): string | null {
    let latest: {readonly ms: number; readonly text: string} | null = null;
    for (const record of records) {
        const createdOnMs = getCreatedOnMs(record);
        if (Number.isFinite(createdOnMs) && (latest === null || createdOnMs > latest.ms)) {
            latest = {ms: createdOnMs, text: new Date(createdOnMs).toISOString()};
        }
    }
    return latest?.text ?? null;
}

function getCreatedOnMs(record: DataverseRecord): number {
    const createdOn = record.values[CREATED_ON_COLUMN];
    return typeof createdOn === 'string' ? Date.parse(createdOn) : Number.NaN;
}

/** Parses a Sync state cell, returning null (no baseline) when it is empty or does not parse. */
function parseStateOrNull(cell: unknown): SyncState | null {
    const parsed = parseSyncState(cell);
    return parsed.ok ? parsed.state : null;
}
