/**
 * The delete preview a run shows before it deletes anything, and the decision it gets back.
 *
 * A run deletes in two directions. A row deleted in Airtable deletes its record in Dynamics, with
 * whatever Dynamics cascades from it. A record deleted in Dynamics deletes its row in Airtable.
 * Nothing is deleted without an approved preview. A declined delete changes nothing on either side
 * and is reported. The next run finds it again and requests a decision again, unless the decision restores the
 * rows: then the rows of records kept in Dynamics (declined, or blocked by a Restrict
 * relationship) are created again from Dynamics, and nothing is left to delete.
 */
import type {AirtableTableId, LogicalName} from '../ids';
import type {RecordRef} from '../plan/types';

/**
 * A record that a Dynamics delete also deletes, through a Cascade relationship. `tableId` and
 * `tableName` are null when no mapped table syncs the record's table: it is deleted in Dynamics
 * only, and no row is removed.
 */
export interface CascadedRecord {
    readonly tableId: AirtableTableId | null;
    readonly tableName: string | null;
    readonly entityDisplayName: string;
    /** `airtableRecordId` is the row removed from Airtable once the delete succeeds, if any. */
    readonly ref: RecordRef;
}

/**
 * A record whose lookup Dynamics clears, through a RemoveLink relationship, instead of deleting it.
 * `tableId` and `tableName` are null when no mapped table syncs the record's table.
 */
export interface ClearedLink {
    readonly tableId: AirtableTableId | null;
    readonly tableName: string | null;
    readonly ref: RecordRef;
    readonly column: LogicalName;
}

export interface CascadeSummary {
    readonly deletedRecords: readonly CascadedRecord[];
    readonly clearedLinks: readonly ClearedLink[];
    /** Such as "also deletes 12 Contacts and 3 Opportunities", or null when nothing else goes. */
    readonly description: string | null;
}

/** A record whose row was deleted in Airtable, to delete in Dynamics. */
export interface PlannedDynamicsDelete {
    /** Identifies the delete in a `DeleteDecision`. */
    readonly key: string;
    readonly ref: RecordRef;
    readonly cascade: CascadeSummary;
}

/** A row whose record was deleted in Dynamics, to delete in Airtable. */
export interface PlannedRowDelete {
    readonly key: string;
    readonly ref: RecordRef;
    /**
     * The mapped fields edited in Airtable since the last sync, which the delete loses because
     * they never reached Dynamics. Such a delete always needs approval. Absent or empty when none.
     */
    readonly unsyncedFieldNames?: readonly string[];
}

/** A record whose row was deleted in Airtable, which a Restrict relationship keeps in Dynamics. */
export interface BlockedDelete {
    readonly key: string;
    readonly ref: RecordRef;
    /** The message for a person: the records that block the delete, and what to do. */
    readonly reason: string;
    /** Dynamics' own messages behind the reason, for a "details" view, if any. */
    readonly detail?: string | null;
}

export interface DeletePreviewTable {
    readonly tableId: AirtableTableId;
    readonly tableName: string;
    readonly entityDisplayName: string;
    readonly dynamicsDeletes: readonly PlannedDynamicsDelete[];
    readonly airtableDeletes: readonly PlannedRowDelete[];
    readonly blockedDeletes: readonly BlockedDelete[];
}

export interface DeletePreview {
    /** Tables with at least one delete, in the order the run syncs them. */
    readonly tables: readonly DeletePreviewTable[];
    readonly counts: {
        readonly dynamicsDeletes: number;
        readonly airtableDeletes: number;
        /** Records the Dynamics deletes take with them, counted once each. */
        readonly cascadedRecords: number;
        readonly clearedLinks: number;
        readonly blockedDeletes: number;
    };
}

/**
 * The decision on a preview. `approveSome` approves the deletes whose keys it lists, on either side,
 * and declines the rest. `restoreRows` re-creates, from Dynamics, the rows of the records that stay
 * there because their delete was declined or blocked.
 */
export type DeleteDecision =
    | {readonly kind: 'approveAll'; readonly restoreRows?: boolean}
    | {readonly kind: 'declineAll'; readonly restoreRows?: boolean}
    | {
          readonly kind: 'approveSome';
          readonly approvedKeys: readonly string[];
          readonly restoreRows?: boolean;
      };

/** Shows the preview to a person and returns their decision. */
export type ConfirmDeletes = (preview: DeletePreview) => Promise<DeleteDecision>;
