/** The input of one sync run, as its caller passes it to `runSyncAsync`. */
import type {ConflictPolicy, TableMapping} from '../mapping';
import type {Guid} from '../ids';
import type {AirtableSide, Clock, DataverseSide} from '../ports';
import type {Logger} from '../logger';
import type {ConfirmDeletes} from '../deletes/types';
import type {ApprovalSettings} from '../preview/approvalRules';
import type {ConfirmRun} from '../preview/types';
import type {ProgressListener} from '../progress';
import type {TableDeltaState} from './deltaState';

export interface SyncInput {
    /** The mapped tables, in any order: the run orders them by their lookups. */
    readonly tables: readonly TableMapping[];
    readonly airtable: AirtableSide;
    readonly dataverse: DataverseSide;
    readonly clock: Clock;
    readonly conflictPolicy: ConflictPolicy;
    /** Returns a new random (version 4) GUID for each record created in Dynamics. */
    readonly newGuid: () => Guid;
    readonly runId: string;
    /**
     * Per Airtable table id, the `watermark` of that table's last complete run (see `TableResult`).
     * Without it, a record with no row always gets a new row.
     */
    readonly lastSyncedAt?: Readonly<Record<string, string>>;
    /**
     * Per Airtable table id, the `deltaState` of that table's last complete run (see
     * `TableResult`). Without it, the table's records are read in full.
     */
    readonly deltaStates?: Readonly<Record<string, TableDeltaState>>;
    /**
     * Shows the preview of the whole run and returns the decision. Called at most once per run,
     * after the reads and before any write, and only when the run needs approval. Without it, a
     * run that needs approval stops with an `approvalNeeded` run error and writes nothing.
     */
    readonly confirmRunAsync?: ConfirmRun;
    /** The rules for when a run needs approval; `DEFAULT_APPROVAL_SETTINGS` when not given. */
    readonly approval?: ApprovalSettings;
    /**
     * @deprecated Use `confirmRunAsync`. Used only when `confirmRunAsync` is not given: it then
     * decides the run's deletes, and approves the rest of the run without showing it.
     */
    readonly confirmDeletesAsync?: ConfirmDeletes;
    readonly onProgress?: ProgressListener;
    readonly logger?: Logger;
    readonly signal?: AbortSignal;
}
