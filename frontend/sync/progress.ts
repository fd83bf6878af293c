/** Progress events a run sends while it works, for a progress bar and a status line. */
export type SyncPhase = 'reading' | 'planning' | 'writingAirtable' | 'writingDynamics' | 'done';

export interface SyncProgress {
    readonly phase: SyncPhase;
    /** The Airtable table's name; null for the final `done` event. */
    readonly table: string | null;
    /** Records handled so far in this phase of this table. */
    readonly done: number;
    readonly total: number;
    readonly message: string;
}

export type ProgressListener = (progress: SyncProgress) => void;
