/** The sync engine's public API. Everything else in this folder is internal. */
export {runSyncAsync, AIRTABLE_WRITE_WINDOW_MS, type SyncInput} from './runSync';
export type {
    RecordOutcome,
    RecordStatus,
    RunCounts,
    RunError,
    RunErrorCode,
    RunSummary,
    TableResult,
} from './outcomes';
export type {
    BlockedDelete,
    CascadedRecord,
    CascadeSummary,
    ClearedLink,
    ConfirmDeletes,
    DeleteDecision,
    DeletePreview,
    DeletePreviewTable,
    PlannedDynamicsDelete,
    PlannedRowDelete,
} from './deletes/types';
export type {
    ApprovalReason,
    ConfirmRun,
    FieldChange,
    PreviewConflict,
    PreviewDelete,
    PreviewFailure,
    PreviewSide,
    PreviewWrite,
    RunDecision,
    RunPreview,
    SidePreview,
    TablePreview,
} from './preview/types';
export {
    DEFAULT_APPROVAL_SETTINGS,
    DEFAULT_MAX_DELETE_SHARE,
    describeApprovalReason,
    isRunPreviewEmpty,
    type ApprovalSettings,
} from './preview/approvalRules';
export {
    findCleanupCandidates,
    type CleanupCandidate,
    type CleanupInput,
    type CleanupReason,
    type CleanupTableInput,
} from './cleanup/findCleanupCandidates';
export {toCleanupCsv} from './cleanup/cleanupCsv';
export {readCleanupInputAsync, type CleanupReadInput} from './cleanup/readCleanupTables';
export {
    deleteCleanupRowsAsync,
    type CleanupDeleteInput,
    type CleanupDeleteResult,
} from './cleanup/deleteCleanupRows';
export type {ProgressListener, SyncPhase, SyncProgress} from './progress';
export type {LogEntry, LogFields, Logger, LogLevel} from './logger';
export {planTable, type TablePlanInput} from './plan/planTable';
export type {
    FieldConflict,
    PlanStep,
    RecordFailure,
    RecordFailureCode,
    RecordRef,
    SkipReason,
    TablePlan,
} from './plan/types';
export {
    checkCanSyncField,
    getCompatibleFieldTypes,
    readAirtableValue,
    readDynamicsValue,
    toAirtableCell,
    toDynamicsValue,
    type Conversion,
    type ValueProblem,
    type ValueProblemCode,
} from './convert';
export {encodeSyncState, parseSyncState, type SyncState} from './syncState';
export type {TableDeltaState} from './run/deltaState';
export type {CanonicalValue} from './values';
export {RateLimiter} from './rateLimiter';
export * from './ports';
export * from './mapping';
export * from './ids';
