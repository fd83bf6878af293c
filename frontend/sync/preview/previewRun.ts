/**
 * Builds the preview of a whole run from its planned deletes and values, and gets the decision. A
 * run that no rule holds back applies at once. Otherwise `confirmRunAsync` decides, and without it
 * the run stops with an `approvalNeeded` run error.
 */
import type {DeletePlan} from '../deletes/planDeletes';
import type {DeleteDecision} from '../deletes/types';
import type {AirtableTableId} from '../ids';
import type {RunLogger} from '../logger';
import type {RunError} from '../outcomes';
import type {TableSnapshot} from '../run/readTable';
import {describeApprovalReason, isRunPreviewEmpty, type ApprovalSettings} from './approvalRules';
import {buildRunPreview} from './buildRunPreview';
import type {RunValuesPlan} from './planRunValues';
import type {ApprovalReason, ConfirmRun, RunPreview} from './types';

export interface PreviewRunInput {
    /** The snapshots the values were planned from, as read, before any delete. */
    readonly snapshots: readonly TableSnapshot[];
    readonly deletePlan: DeletePlan;
    /** The values of every table, planned by `planRunValues` from `snapshots`. */
    readonly values: RunValuesPlan;
    readonly getLastSyncedAt: (tableId: AirtableTableId) => string | null;
    readonly settings: ApprovalSettings;
    readonly confirmRunAsync: ConfirmRun | undefined;
    readonly logger: RunLogger;
}

export type PreviewResult =
    | {
          readonly kind: 'apply';
          readonly deletes: DeleteDecision;
          readonly values: RunValuesPlan;
          readonly preview: RunPreview;
      }
    | {readonly kind: 'stop'; readonly error: RunError; readonly preview: RunPreview};

const APPROVE_ALL: DeleteDecision = {kind: 'approveAll'};

export async function previewRunAsync(input: PreviewRunInput): Promise<PreviewResult> {
    const {values} = input;
    const preview = buildRunPreview(input);
    input.logger.info('Run previewed', {
        tables: preview.tables.length,
        isEmpty: isRunPreviewEmpty(preview),
        reasons: preview.reasons.map(reason => reason.kind).join(','),
    });

    if (preview.reasons.length === 0) {
        return {kind: 'apply', deletes: APPROVE_ALL, values, preview};
    }
    if (input.confirmRunAsync === undefined) {
        return {kind: 'stop', error: approvalNeededError(preview.reasons), preview};
    }

    const decision = await input.confirmRunAsync(preview);
    input.logger.info('Run decided', {decision: decision.kind});
    if (decision.kind === 'cancel') {
        return {kind: 'stop', error: PREVIEW_CANCELLED_ERROR, preview};
    }
    return {kind: 'apply', deletes: decision.deletes, values, preview};
}

export function approvalNeededError(reasons: readonly ApprovalReason[]): RunError {
    const described = reasons.map(describeApprovalReason).join(' ');
    return {
        code: 'approvalNeeded',
        message:
            `The sync needs approval before it writes anything, so nothing was written. ` +
            `${described} Press "Sync now" to see the preview and approve it.`,
        // The reasons alone, for a status line that has its own opening words.
        detail: described,
        tableName: null,
    };
}

const PREVIEW_CANCELLED_ERROR: RunError = {
    code: 'cancelled',
    message: 'The sync was cancelled in its preview, so nothing was written.',
    detail: null,
    tableName: null,
};
