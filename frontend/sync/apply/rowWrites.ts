/** The final Airtable write of a record: pulled values and the new sync state, in one update. */
import type {AirtableFieldId, AirtableRecordId} from '../ids';
import type {TableMapping} from '../mapping';
import type {RecordOutcome} from '../outcomes';
import type {PlanStep} from '../plan/types';
import type {AirtableCells} from '../ports';
import {encodeSyncState} from '../syncState';
import type {OutcomeFactory} from './outcomeFactory';

/** A row update together with the outcome its record gets once the update is written. */
export interface RowWrite {
    readonly id: AirtableRecordId;
    readonly cells: AirtableCells;
    readonly outcome: RecordOutcome;
}

export function buildUpdateRowWrite(
    table: TableMapping,
    step: Extract<PlanStep, {kind: 'update'}>,
    version: string | null,
    outcomes: OutcomeFactory,
): RowWrite {
    const state = encodeSyncState({version, isPendingCreate: false, fieldHashes: step.fieldHashes});
    const cells: Record<AirtableFieldId, unknown> = {...step.airtableCells};
    cells[table.syncStateFieldId] = state;
    return {id: step.ref.airtableRecordId, cells, outcome: outcomes.updated(step)};
}

export function buildCreatedRecordRowWrite(
    table: TableMapping,
    step: Extract<PlanStep, {kind: 'createRecord'}>,
    version: string | null,
    outcomes: OutcomeFactory,
): RowWrite {
    const state = encodeSyncState({version, isPendingCreate: false, fieldHashes: step.fieldHashes});
    return {
        id: step.ref.airtableRecordId,
        cells: {[table.syncStateFieldId]: state},
        outcome: outcomes.createdInDynamics(step.ref),
    };
}

/**
 * Finishes a row whose create found its record already there, created by an earlier run that
 * stopped. Either side may have changed since, so the row gets a state with no baseline, and the
 * next sync merges it like a first link, comparing both sides field by field.
 */
export function buildExistingRecordRowWrite(
    table: TableMapping,
    step: Extract<PlanStep, {kind: 'createRecord'}>,
    outcomes: OutcomeFactory,
): RowWrite {
    const state = encodeSyncState({version: null, isPendingCreate: false, fieldHashes: {}});
    return {
        id: step.ref.airtableRecordId,
        cells: {[table.syncStateFieldId]: state},
        outcome: outcomes.createdInDynamics(step.ref),
    };
}
