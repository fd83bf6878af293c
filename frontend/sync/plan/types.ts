/** The plan of one table's sync: pure data that a preview can show and `applyTablePlanAsync` runs. */
import type {DynamicsJsonValue} from '../convert';
import type {ValueProblem} from '../convert/problems';
import type {AirtableRecordId, Guid, LogicalName} from '../ids';
import type {TableMapping} from '../mapping';
import type {AirtableCells, LookupBinding} from '../ports';
import type {FieldHashes} from '../syncState';
import type {CanonicalValue} from '../values';

/** The record a step or outcome is about, with the ids the UI needs to open it on either side. */
export interface RecordRef {
    readonly airtableRecordId: AirtableRecordId | null;
    readonly dynamicsId: Guid | null;
    /** The record's primary name, or its id when the name is empty or not mapped. */
    readonly name: string;
}

export interface LinkedRecordRef extends RecordRef {
    readonly airtableRecordId: AirtableRecordId;
    readonly dynamicsId: Guid;
}

/** One field that changed on both sides to different values, and the value the policy kept. */
export interface FieldConflict {
    readonly logicalName: LogicalName;
    readonly fieldName: string;
    readonly airtableValue: CanonicalValue;
    readonly dynamicsValue: CanonicalValue;
    readonly kept: 'airtable' | 'dynamics';
}

export type RecordFailureCode =
    | 'invalidValue'
    /** A link names a row or a record that has no counterpart on the other side. */
    | 'unresolvedLink'
    /** A Restrict relationship keeps the record in Dynamics while other records point at it. */
    | 'deleteBlocked'
    | 'invalidDynamicsId'
    | 'duplicateDynamicsId'
    /** A create or update would leave a column empty that Dynamics requires. */
    | 'missingRequiredValue'
    | 'dynamicsRejected'
    | 'unexpectedResult';

export interface RecordFailure {
    readonly code: RecordFailureCode;
    /** A sentence for a person: what failed and what to do. */
    readonly message: string;
    /** The raw detail, such as Dynamics' own error message, for a "details" view. */
    readonly detail: string | null;
    readonly problems: readonly ValueProblem[];
}

export type SkipReason =
    /** A linked row's record is not in Dynamics any more. */
    | 'deletedInDynamics'
    /** A record that existed at the last complete sync has no row: its row was deleted. */
    | 'deletedInAirtable'
    /** The record changed in Dynamics between the read and the update. */
    | 'changedDuringSync'
    /** The person who reviewed the delete preview declined this delete. */
    | 'deleteDeclined'
    /** A row without a Dynamics ID has every synced field empty, so no record is created. */
    | 'emptyRow'
    /**
     * A row without a Dynamics ID and a record without a row match more than one counterpart by a
     * match key, so neither is linked nor created until a person decides.
     */
    | 'ambiguousMatch';

export interface RecordSkip {
    readonly reason: SkipReason;
    readonly message: string;
}

/** Values sent to Dynamics, keyed by column logical name; lookups hold their binding. */
export type DynamicsValues = Readonly<Record<string, DynamicsJsonValue | LookupBinding>>;

export type PlanStep =
    /** A Dynamics record with no row: create the row with its values, Dynamics ID and state. */
    | {readonly kind: 'createRow'; readonly ref: RecordRef; readonly cells: AirtableCells}
    /**
     * A row with no Dynamics record: create it with a client-chosen id. `pendingCells`, when set,
     * are written into the row first, so a retry after a crash sends the same create again.
     */
    | {
          readonly kind: 'createRecord';
          readonly ref: LinkedRecordRef;
          readonly pendingCells: AirtableCells | null;
          readonly values: DynamicsValues;
          readonly fieldHashes: FieldHashes;
      }
    /**
     * A linked pair that needs writing: `dynamicsValues` (if any) go first with `If-Match`, then
     * the pulled `airtableCells` and the new state go to the row in one write.
     */
    | {
          readonly kind: 'update';
          readonly ref: LinkedRecordRef;
          readonly dynamicsValues: DynamicsValues | null;
          readonly ifMatch: string | null;
          readonly airtableCells: AirtableCells;
          readonly fieldHashes: FieldHashes;
          /** The record's version as read; replaced by the version the update returns. */
          readonly version: string | null;
          readonly pushedFields: readonly LogicalName[];
          readonly pulledFields: readonly LogicalName[];
          readonly conflicts: readonly FieldConflict[];
      }
    | {readonly kind: 'unchanged'; readonly ref: RecordRef}
    | {readonly kind: 'skip'; readonly ref: RecordRef; readonly skip: RecordSkip}
    | {readonly kind: 'fail'; readonly ref: RecordRef; readonly failure: RecordFailure};

export type PlanStepKind = PlanStep['kind'];

export interface TablePlan {
    readonly table: TableMapping;
    readonly steps: readonly PlanStep[];
    /** The rows the plan links to a record by a match key, each through an `update` step. */
    readonly matchedRowIds?: ReadonlySet<AirtableRecordId>;
    /**
     * Records found unchanged by a delta read whose rows cannot be planned from their baselines.
     * When there are any, the plan is incomplete: the caller reads the table in full and plans it
     * again.
     */
    readonly unreadRecordIds?: ReadonlySet<Guid>;
}
