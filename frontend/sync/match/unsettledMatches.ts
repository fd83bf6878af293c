/**
 * Tells whether matching left work for a later sync. Such a table must not count as complete,
 * because its watermark would then make the next sync take each record still without a row for
 * one whose row was deleted in Airtable, and plan its delete.
 */
import type {RecordOutcome} from '../outcomes';
import type {TablePlan} from '../plan/types';

/**
 * Returns whether any outcome is an ambiguous match, or a matched row whose update was skipped
 * (such as when its record changed during the sync), which leaves the row without its Dynamics ID.
 */
export function hasUnsettledMatches(plan: TablePlan, outcomes: readonly RecordOutcome[]): boolean {
    const matchedRowIds = plan.matchedRowIds ?? new Set();
    return outcomes.some(
        outcome =>
            outcome.status === 'skipped' &&
            (outcome.reason === 'ambiguousMatch' ||
                (outcome.ref.airtableRecordId !== null &&
                    matchedRowIds.has(outcome.ref.airtableRecordId))),
    );
}
