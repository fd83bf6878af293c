/**
 * The engine's only contact with the outside world. The extension implements these ports with the
 * Blocks SDK and the Dataverse client. Tests and the demo implement them with Airtable's TestDriver
 * and the Dataverse emulator. Nothing here may import an SDK or `fetch`.
 */
import type {
    AirtableFieldId,
    AirtableRecordId,
    AirtableTableId,
    EntitySetName,
    Guid,
    LogicalName,
} from './ids';
import type {EntityRef, TableMapping} from './mapping';

/** Airtable's limit on records per create, update or delete call (enforced by the SDK). */
export const AIRTABLE_MAX_RECORDS_PER_WRITE = 50;
/** Airtable's limit on write calls per second per base; exceeding it crashes the extension. */
export const AIRTABLE_MAX_WRITES_PER_SECOND = 15;

/** Cell values keyed by field id, in the SDK's cell value format. */
export type AirtableCells = Readonly<Record<AirtableFieldId, unknown>>;

export interface AirtableRow {
    readonly id: AirtableRecordId;
    readonly cells: AirtableCells;
}

export interface AirtableSide {
    /** Reads every row of the mapped table with the mapped and bookkeeping fields. */
    readRowsAsync(table: TableMapping): Promise<AirtableRow[]>;
    /** Creates at most AIRTABLE_MAX_RECORDS_PER_WRITE rows and returns their ids in order. */
    createRowsAsync(
        tableId: AirtableTableId,
        rows: ReadonlyArray<{readonly cells: AirtableCells}>,
    ): Promise<AirtableRecordId[]>;
    /** Updates at most AIRTABLE_MAX_RECORDS_PER_WRITE rows; only the given cells change. */
    updateRowsAsync(
        tableId: AirtableTableId,
        rows: ReadonlyArray<{readonly id: AirtableRecordId; readonly cells: AirtableCells}>,
    ): Promise<void>;
    /** Deletes at most AIRTABLE_MAX_RECORDS_PER_WRITE rows. */
    deleteRowsAsync(tableId: AirtableTableId, ids: readonly AirtableRecordId[]): Promise<void>;
}

/** The reason an Airtable write rejected one row of a call, for a cause in that row alone. */
export type AirtableRowRejectionReason =
    /** The row was deleted in Airtable after it was read. */
    | 'rowNotFound'
    /** A link cell points at a row that was deleted in Airtable after it was read. */
    | 'linkedRowNotFound'
    /** A cell contains a value its field does not accept, such as since the field was retyped. */
    | 'invalidValue';

/** One row that an Airtable write rejected, while the call's other rows could be written. */
export interface AirtableRowRejection {
    /** The row's position in the rows passed to the call. */
    readonly index: number;
    readonly reason: AirtableRowRejectionReason;
    /** The field whose cell was rejected, or null when the whole row was. */
    readonly fieldId: AirtableFieldId | null;
    /** The rejected value's id, such as the deleted linked row's, or Airtable's own message. */
    readonly detail: string;
}

export type AirtableSideErrorCode =
    | 'tableNotFound'
    | 'fieldNotFound'
    | 'tooManyRecords'
    | 'payloadTooLarge'
    | 'permissionDenied'
    /** Rows of the call were rejected, as `rejections` lists, and nothing was written. */
    | 'rowsRejected'
    /** A cell of some row was rejected before anything was written, but the row is not known. */
    | 'valueRejected';

/**
 * Thrown by an `AirtableSide` for a failure it recognises before the call reaches Airtable.
 * Callers branch on `code`, and `message` is written for a person. Anything else a side throws
 * is a failure it could not classify.
 */
export class AirtableSideError extends Error {
    readonly code: AirtableSideErrorCode;
    /** The missing fields, for `fieldNotFound`. */
    readonly fieldIds: readonly AirtableFieldId[];
    /** The rejected rows, for `rowsRejected`. */
    readonly rejections: readonly AirtableRowRejection[];

    constructor(
        code: AirtableSideErrorCode,
        message: string,
        details: {
            readonly fieldIds?: readonly AirtableFieldId[];
            readonly rejections?: readonly AirtableRowRejection[];
        } = {},
    ) {
        super(message);
        this.name = 'AirtableSideError';
        this.code = code;
        this.fieldIds = details.fieldIds ?? [];
        this.rejections = details.rejections ?? [];
    }
}

/** The value of a lookup column as read: the row it points at, or null. */
export interface LookupReference {
    readonly logicalName: LogicalName;
    readonly id: Guid;
}

/**
 * The value a write sets a lookup column to. The Dataverse side turns it into
 * `<navigationProperty>@odata.bind: "/<entitySetName>(<id>)"`, or clears the link when `id` is null.
 */
export interface LookupBinding {
    readonly kind: 'lookupBinding';
    readonly navigationProperty: string;
    readonly entitySetName: EntitySetName;
    readonly id: Guid | null;
}

/** The effect of deleting a row of `referencedEntity` on rows that point at it through one lookup. */
export interface CascadeDeleteRule {
    readonly referencedEntity: LogicalName;
    readonly referencingEntity: LogicalName;
    readonly referencingAttribute: LogicalName;
    readonly onDelete: 'Cascade' | 'RemoveLink' | 'Restrict' | 'NoCascade';
}

/** A row that points at another row through a lookup, as a cascade preview lists it. */
export interface ReferencingRecord {
    readonly id: Guid;
    /** The row's primary name, or null when it is empty. */
    readonly name: string | null;
}

/** The result of `readReferencingRecordsAsync` for one rule. */
export type ReferencingRecordsResult =
    | {
          readonly status: 'ok';
          /** The rule's referencing table, with the names its metadata gives it. */
          readonly entity: EntityRef;
          /** The rows pointing at each given row. A row that nothing points at is absent. */
          readonly recordsByParent: ReadonlyMap<Guid, readonly ReferencingRecord[]>;
      }
    /**
     * Dynamics rejected the read for this table only, such as when the user's security role
     * cannot read it. Failures that concern the whole connection are thrown instead.
     */
    | {
          readonly status: 'failed';
          /** The referencing table, when its definition was read before the failure. */
          readonly entity: EntityRef | null;
          readonly message: string;
          readonly code: string | null;
          readonly httpStatus: number | null;
      };

/**
 * A Dataverse row as read, with column values in their Web API JSON form, except lookup columns:
 * they are keyed by the column's logical name and hold a LookupReference or null.
 */
export interface DataverseRecord {
    readonly id: Guid;
    /** The row's `@odata.etag`, opaque. */
    readonly version: string | null;
    readonly values: Readonly<Record<string, unknown>>;
}

export type DataverseWrite =
    | {
          /** Create with a client-chosen id that fails, instead of updating, if the row exists. */
          readonly kind: 'create';
          readonly entity: EntityRef;
          readonly id: Guid;
          readonly values: Readonly<Record<string, unknown>>;
      }
    | {
          readonly kind: 'update';
          readonly entity: EntityRef;
          readonly id: Guid;
          readonly values: Readonly<Record<string, unknown>>;
          /** Sent as `If-Match`; null updates whatever version is current. */
          readonly ifMatch: string | null;
      }
    | {
          readonly kind: 'delete';
          readonly entity: EntityRef;
          readonly id: Guid;
          readonly ifMatch: string | null;
      };

export type DataverseWriteResult =
    | {
          readonly status: 'ok';
          readonly version: string | null;
          /**
           * The row's `modifiedon` after a create or update, as Dynamics stamped it. Absent for a
           * delete, and when the response did not carry it.
           */
          readonly modifiedOn?: string;
      }
    /** A create found the row already there, e.g. when a run that created it is retried. */
    | {readonly status: 'alreadyExists'}
    | {readonly status: 'notFound'}
    /** `If-Match` did not match: the row changed in Dynamics since it was read. */
    | {readonly status: 'versionMismatch'}
    | {
          readonly status: 'failed';
          /** Dynamics' own message, for the "details" a person may open. */
          readonly message: string;
          readonly code: string | null;
          readonly httpStatus: number | null;
      };

/**
 * The result of `readChangesAsync`: every row (a full read), or only the changes since the delta
 * link was issued.
 */
export type ChangesResult =
    | {
          readonly kind: 'all';
          readonly records: DataverseRecord[];
          /** The link to read later changes with, or null when the table has no change tracking. */
          readonly deltaLink: string | null;
          /** The reason a given delta link was not used, or null when no link was given. */
          readonly fallbackReason: 'linkExpired' | 'notTracked' | null;
      }
    | {
          readonly kind: 'changes';
          /** Rows created or updated since the link was issued, with the requested columns. */
          readonly changed: DataverseRecord[];
          /** Rows deleted since the link was issued (including rows created and deleted since). */
          readonly removedIds: Guid[];
          readonly deltaLink: string;
      };

/**
 * Thrown by `writeAsync` when the run cannot go on part-way through the writes (the sign-in is
 * gone, the network or the service failed after every retry, or the signal aborted). It carries
 * what is known of each write, so that the writes Dynamics confirmed are not lost with the run.
 */
export class PartialWriteError extends Error {
    constructor(
        /** The failure that stopped the writes, as the side would otherwise have thrown it. */
        readonly cause: unknown,
        /**
         * One entry per write, in order: the result Dynamics returned, or undefined for a write
         * that was not sent or whose response was lost (it may or may not have been applied).
         */
        readonly results: ReadonlyArray<DataverseWriteResult | undefined>,
    ) {
        super('The writes to Dynamics stopped part-way.');
        this.name = 'PartialWriteError';
    }
}

export interface DataverseSide {
    /** Reads every row of the table with the given columns, following every page. */
    readAllAsync(entity: EntityRef, columns: readonly string[]): Promise<DataverseRecord[]>;
    /**
     * Reads what changed in the table since `deltaLink` was issued, or every row when it is null,
     * has expired, or the table has no change tracking. The result carries the next delta link.
     */
    readChangesAsync(
        entity: EntityRef,
        columns: readonly string[],
        deltaLink: string | null,
    ): Promise<ChangesResult>;
    /**
     * Applies the writes and returns one result per write, in the same order. A failure that stops
     * the run part-way throws a PartialWriteError.
     */
    writeAsync(writes: readonly DataverseWrite[]): Promise<DataverseWriteResult[]>;
    /** Reads, from relationship metadata, what deleting a row of the table does to its children. */
    readCascadeDeleteRulesAsync(entity: EntityRef): Promise<CascadeDeleteRule[]>;
    /**
     * Reads the rows of the rule's referencing table whose lookup points at the given rows of its
     * referenced table, for tables the sync does not read itself. Every page is followed.
     */
    readReferencingRecordsAsync(
        rule: CascadeDeleteRule,
        parentIds: readonly Guid[],
    ): Promise<ReferencingRecordsResult>;
}

/** Time, injected so tests and the benchmark control it. */
export interface Clock {
    nowMs(): number;
    sleepAsync(ms: number): Promise<void>;
}
