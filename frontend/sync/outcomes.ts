/** Per-record outcomes and the run summary. Errors are part of this state, which the UI renders. */
import {assertNever} from './assertNever';
import type {AirtableTableId, LogicalName} from './ids';
import type {FieldConflict, RecordFailureCode, RecordRef, SkipReason} from './plan/types';
import type {TableDeltaState} from './run/deltaState';
import type {ValueProblem} from './convert';

interface OutcomeBase {
    readonly tableId: AirtableTableId;
    readonly tableName: string;
    readonly ref: RecordRef;
}

/** Every record a run saw ends with exactly one outcome, unless a run error stopped the run. */
export type RecordOutcome = OutcomeBase &
    (
        | {readonly status: 'created'; readonly side: 'airtable' | 'dynamics'}
        | {
              readonly status: 'updated';
              readonly airtableFields: readonly LogicalName[];
              readonly dynamicsFields: readonly LogicalName[];
          }
        | {readonly status: 'unchanged'}
        /** Resolved by the policy; `airtableFields` and `dynamicsFields` list every field written. */
        | {
              readonly status: 'conflict';
              readonly conflicts: readonly FieldConflict[];
              readonly airtableFields: readonly LogicalName[];
              readonly dynamicsFields: readonly LogicalName[];
          }
        | {readonly status: 'skipped'; readonly reason: SkipReason; readonly message: string}
        /**
         * Deleted by the sync on `side`: a record whose row was deleted in Airtable, a row whose
         * record was deleted in Dynamics, or a record that a delete's cascade took with it, whose
         * row is then removed. `cascadedFrom` is the record whose delete took it.
         */
        | {
              readonly status: 'deleted';
              readonly side: 'airtable' | 'dynamics';
              readonly cascadedFrom: RecordRef | null;
          }
        /** A row deleted in Airtable was added back, because its record stays in Dynamics. */
        | {readonly status: 'restored'; readonly message: string}
        | {
              readonly status: 'failed';
              readonly code: RecordFailureCode;
              readonly message: string;
              readonly detail: string | null;
              readonly problems: readonly ValueProblem[];
          }
    );

export type RecordStatus = RecordOutcome['status'];

export type RunErrorCode =
    | 'invalidMapping'
    | 'airtableFailed'
    | 'dynamicsFailed'
    | 'cancelled'
    /** The run needs a person's approval of its preview, and no one was asked. */
    | 'approvalNeeded'
    /** A defect in the engine itself. */
    | 'internalError';

/** The reason a whole run stopped early. */
export interface RunError {
    readonly code: RunErrorCode;
    readonly message: string;
    /** The thrown error's own message, for a "details" view. */
    readonly detail: string | null;
    readonly tableName: string | null;
}

export interface RunCounts {
    readonly createdInAirtable: number;
    readonly updatedInAirtable: number;
    readonly createdInDynamics: number;
    readonly updatedInDynamics: number;
    readonly unchanged: number;
    readonly conflicts: number;
    readonly skipped: number;
    readonly failed: number;
    readonly deletedInAirtable: number;
    readonly deletedInDynamics: number;
    readonly restored: number;
}

export interface TableResult {
    readonly tableId: AirtableTableId;
    readonly tableName: string;
    /**
     * True when the table was synced to the end with no failed record, and matching left no row
     * or record unlinked, such as an ambiguous match.
     */
    readonly isComplete: boolean;
    /**
     * The value to pass as this table's `lastSyncedAt` in the next run, when `isComplete`: the
     * latest creation or change time among the records read, or stamped on the records the run
     * wrote. Null when no record had one.
     */
    readonly watermark: string | null;
    /**
     * The value to pass as this table's entry of `deltaStates` in the next run: the delta link of
     * the run's first read of the table, with the columns and rows it covers. Null unless
     * `isComplete`, so a run that failed keeps the link of the last complete one. Also null when
     * the table has no change tracking, or a delete was declined and must be proposed again.
     */
    readonly deltaState: TableDeltaState | null;
}

export interface RunSummary {
    readonly runId: string;
    readonly startedAtMs: number;
    readonly endedAtMs: number;
    readonly counts: RunCounts;
    readonly outcomes: readonly RecordOutcome[];
    readonly tables: readonly TableResult[];
    readonly error: RunError | null;
}

/**
 * Counts outcomes. `updatedIn…` counts every record whose values were written to that side,
 * conflicts included, so the two sides' counts show where writes went.
 */
export function countOutcomes(outcomes: readonly RecordOutcome[]): RunCounts {
    const counts = {
        createdInAirtable: 0,
        updatedInAirtable: 0,
        createdInDynamics: 0,
        updatedInDynamics: 0,
        unchanged: 0,
        conflicts: 0,
        skipped: 0,
        failed: 0,
        deletedInAirtable: 0,
        deletedInDynamics: 0,
        restored: 0,
    };
    for (const outcome of outcomes) {
        switch (outcome.status) {
            case 'created':
                if (outcome.side === 'airtable') {
                    counts.createdInAirtable += 1;
                } else {
                    counts.createdInDynamics += 1;
                }
                break;
            case 'conflict':
                counts.conflicts += 1;
                countFieldWrites(counts, outcome);
                break;
            case 'updated':
                countFieldWrites(counts, outcome);
                break;
            case 'unchanged':
                counts.unchanged += 1;
                break;
            case 'skipped':
                counts.skipped += 1;
                break;
            case 'failed':
                counts.failed += 1;
                break;
            case 'deleted':
                if (outcome.side === 'airtable') {
                    counts.deletedInAirtable += 1;
                } else {
                    counts.deletedInDynamics += 1;
                }
                break;
            case 'restored':
                counts.restored += 1;
                break;
            default:
                assertNever(outcome);
        }
    }
    return counts;
}

function countFieldWrites(
    counts: {updatedInAirtable: number; updatedInDynamics: number},
    outcome: {
        readonly airtableFields: readonly unknown[];
        readonly dynamicsFields: readonly unknown[];
    },
): void {
    if (outcome.airtableFields.length > 0) {
        counts.updatedInAirtable += 1;
    }
    if (outcome.dynamicsFields.length > 0) {
        counts.updatedInDynamics += 1;
    }
}

/**
 * Combines a record's outcome from the first pass with the outcome of its deferred links, so the
 * record still ends with one outcome. A failure of the links wins; a created record stays created.
 */
export function combineOutcomes(first: RecordOutcome, second: RecordOutcome): RecordOutcome {
    switch (second.status) {
        case 'failed':
            return second;
        case 'unchanged':
        case 'created':
        case 'deleted':
        case 'restored':
            return first;
        case 'skipped':
            return first.status === 'unchanged' ? second : first;
        case 'updated':
        case 'conflict':
            return combineWrites(first, second);
        default:
            return assertNever(second);
    }
}

function combineWrites(
    first: RecordOutcome,
    second: Extract<RecordOutcome, {status: 'updated' | 'conflict'}>,
): RecordOutcome {
    if (first.status === 'unchanged') {
        return second;
    }
    if (first.status !== 'updated' && first.status !== 'conflict') {
        return first;
    }
    const fields = {
        airtableFields: [...first.airtableFields, ...second.airtableFields],
        dynamicsFields: [...first.dynamicsFields, ...second.dynamicsFields],
    };
    const conflicts = [
        ...(first.status === 'conflict' ? first.conflicts : []),
        ...(second.status === 'conflict' ? second.conflicts : []),
    ];
    return conflicts.length > 0
        ? {...first, status: 'conflict', conflicts, ...fields}
        : {...first, status: 'updated', ...fields};
}
