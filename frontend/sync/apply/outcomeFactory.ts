/** Builds the outcomes of one table's records, filling in the table's id and name. */
import type {AirtableRecordId} from '../ids';
import type {TableMapping} from '../mapping';
import type {RecordOutcome} from '../outcomes';
import type {PlanStep, RecordFailure, RecordRef, RecordSkip} from '../plan/types';

export interface OutcomeFactory {
    unchanged(ref: RecordRef): RecordOutcome;
    skipped(ref: RecordRef, skip: RecordSkip): RecordOutcome;
    failed(ref: RecordRef, failure: RecordFailure): RecordOutcome;
    createdInAirtable(ref: RecordRef, id: AirtableRecordId): RecordOutcome;
    createdInDynamics(ref: RecordRef): RecordOutcome;
    /** The outcome of an update step once every write it needed has succeeded. */
    updated(step: Extract<PlanStep, {kind: 'update'}>): RecordOutcome;
    deleted(
        ref: RecordRef,
        side: 'airtable' | 'dynamics',
        cascadedFrom: RecordRef | null,
    ): RecordOutcome;
    restored(ref: RecordRef, message: string): RecordOutcome;
}

/**
 * Creates the factory of one table's outcomes. A row in `matchedRowIds` was paired with its record
 * by a match key, so its update also writes the record's Dynamics ID into it. That write counts as
 * an Airtable update, as in the run's preview, under the column of the record's id.
 */
export function createOutcomeFactory(
    table: TableMapping,
    matchedRowIds: ReadonlySet<AirtableRecordId> = new Set(),
): OutcomeFactory {
    const idColumn = table.entity.primaryIdAttribute;
    const isMatched = (ref: RecordRef) =>
        ref.airtableRecordId !== null && matchedRowIds.has(ref.airtableRecordId);
    const base = (ref: RecordRef) => ({tableId: table.table.id, tableName: table.table.name, ref});
    return {
        unchanged: ref => ({...base(ref), status: 'unchanged'}),
        skipped: (ref, skip) => ({
            ...base(ref),
            status: 'skipped',
            reason: skip.reason,
            message: skip.message,
        }),
        failed: (ref, failure) => ({...base(ref), status: 'failed', ...failure}),
        createdInAirtable: (ref, id) => ({
            ...base({...ref, airtableRecordId: id}),
            status: 'created',
            side: 'airtable',
        }),
        createdInDynamics: ref => ({...base(ref), status: 'created', side: 'dynamics'}),
        deleted: (ref, side, cascadedFrom) => ({
            ...base(ref),
            status: 'deleted',
            side,
            cascadedFrom,
        }),
        restored: (ref, message) => ({...base(ref), status: 'restored', message}),
        updated: step => {
            const airtableFields =
                isMatched(step.ref) && !step.pulledFields.includes(idColumn)
                    ? [...step.pulledFields, idColumn]
                    : step.pulledFields;
            const fields = {airtableFields, dynamicsFields: step.pushedFields};
            if (step.conflicts.length > 0) {
                return {
                    ...base(step.ref),
                    status: 'conflict',
                    conflicts: step.conflicts,
                    ...fields,
                };
            }
            if (airtableFields.length === 0 && step.pushedFields.length === 0) {
                // Only the baseline changed, such as when both sides were edited to the same value.
                return {...base(step.ref), status: 'unchanged'};
            }
            return {...base(step.ref), status: 'updated', ...fields};
        },
    };
}
