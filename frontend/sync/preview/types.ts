/**
 * The preview of a whole run, built after the reads and before any write, and the decision a
 * person returns on it. After approval the run makes only the writes the preview listed, except
 * for the cases `previewGate.ts` names.
 */
import type {AirtableTableId} from '../ids';
import type {RecordRef} from '../plan/types';
import type {BlockedDelete, CascadeSummary, DeleteDecision, DeletePreview} from '../deletes/types';

/** The side a write lands on. */
export type PreviewSide = 'airtable' | 'dynamics';

/** One field an update changes, with both values as text. */
export interface FieldChange {
    readonly fieldName: string;
    /** The old value as text, long text shortened for a line of the preview. */
    readonly oldValue: string;
    readonly newValue: string;
    /** The old and new values in full, where the preview shortened either one. */
    readonly fullValues?: {readonly oldValue: string; readonly newValue: string};
}

/** A record or row the run creates or updates on one side. */
export interface PreviewWrite {
    readonly ref: RecordRef;
    /** The fields an update changes; empty for a create. */
    readonly changes: readonly FieldChange[];
}

/** A record or row the run deletes on one side; `cascade` is set for a delete in Dynamics. */
export interface PreviewDelete {
    /** The key of the delete in a `DeleteDecision`, or null for a row a cascade removes. */
    readonly key: string | null;
    readonly ref: RecordRef;
    readonly cascade: CascadeSummary | null;
    /** The fields of a row edited since the last sync, which its delete loses. Empty for none. */
    readonly unsyncedFieldNames: readonly string[];
}

export interface SidePreview {
    readonly creates: readonly PreviewWrite[];
    readonly updates: readonly PreviewWrite[];
    readonly deletes: readonly PreviewDelete[];
}

/** A field changed on both sides to different values, and the side whose value the policy keeps. */
export interface PreviewConflict {
    readonly ref: RecordRef;
    readonly fieldName: string;
    readonly airtableValue: string;
    readonly dynamicsValue: string;
    readonly winner: PreviewSide;
}

/** A record whose values cannot cross, with the message its failure will carry. */
export interface PreviewFailure {
    readonly ref: RecordRef;
    readonly message: string;
}

export interface TablePreview {
    readonly tableId: AirtableTableId;
    readonly tableName: string;
    readonly entityDisplayName: string;
    /** True when the table has no complete run yet. */
    readonly isFirstSync: boolean;
    /** The rows and records the run read, which a delete share is measured against. */
    readonly rowCount: number;
    readonly recordCount: number;
    /** The writes to Airtable rows. */
    readonly airtable: SidePreview;
    /** The writes to Dynamics records. */
    readonly dynamics: SidePreview;
    readonly conflicts: readonly PreviewConflict[];
    readonly failures: readonly PreviewFailure[];
    readonly blockedDeletes: readonly BlockedDelete[];
}

export type ApprovalReason =
    | {readonly kind: 'firstSync'; readonly tableNames: readonly string[]}
    | {readonly kind: 'dynamicsDeletes'; readonly count: number}
    | {readonly kind: 'unsyncedRowDeletes'; readonly count: number}
    | {
          readonly kind: 'largeDelete';
          readonly tableName: string;
          readonly side: PreviewSide;
          readonly count: number;
          readonly total: number;
          /** The share of the table a run may delete without approval, from 0 to 1. */
          readonly maxShare: number;
      }
    | {readonly kind: 'previewEveryRun'};

export interface RunPreview {
    /** Every table of the run, in the order the run syncs them. */
    readonly tables: readonly TablePreview[];
    /** The deletes of the run, for the per-record decision. */
    readonly deletes: DeletePreview;
    /** The reasons the run needs approval; empty when it may apply without asking. */
    readonly reasons: readonly ApprovalReason[];
}

/** The decision on a run preview. `apply` carries the decision on each delete. */
export type RunDecision =
    {readonly kind: 'apply'; readonly deletes: DeleteDecision} | {readonly kind: 'cancel'};

/** Shows the run preview to a person and returns their decision. */
export type ConfirmRun = (preview: RunPreview) => Promise<RunDecision>;
