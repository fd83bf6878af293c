/**
 * The `WinOpportunity` and `LoseOpportunity` actions, the only way to close an opportunity:
 * `POST WinOpportunity` with `{"Status": 3, "OpportunityClose": {"opportunityid@odata.bind":
 * "/opportunities(<id>)", "actualrevenue": …, "actualend": "yyyy-mm-dd"}}` returns `204`. The
 * opportunity takes the Won (or Lost) state, the given status, the actual value and close date.
 */
import {emptyResponse, type ApiRequest, type ApiResponse, type EmulatorContext} from '../context';
import type {ColumnValue} from '../entities/types';
import {DataverseError, ERROR_CODES, payloadError, recordNotFound} from '../errors';
import {parseGuidIfValid} from '../guid';
import {resolveStateStatus} from '../stateStatus';
import {readPayload, validatePayload} from '../validation';

export type CloseAction = 'WinOpportunity' | 'LoseOpportunity';

/** The opportunity state each action moves to: 1 Won, 2 Lost. */
const TARGET_STATES: Readonly<Record<CloseAction, number>> = {
    WinOpportunity: 1,
    LoseOpportunity: 2,
};

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readOpportunityId(close: Record<string, unknown>): string | null {
    const bind = close['opportunityid@odata.bind'];
    const key = typeof bind === 'string' ? /opportunities\(([^)]+)\)$/.exec(bind)?.[1] : undefined;
    return key === undefined ? null : parseGuidIfValid(key);
}

// NOTE: the opportunityclose activity the platform creates is not stored by the emulator.
export function handleCloseAction(
    context: EmulatorContext,
    request: ApiRequest,
    action: CloseAction,
): ApiResponse {
    const opportunity = context.registry.get('opportunity');
    const payload = readPayload(opportunity, request.body);
    const status = payload['Status'];
    const close = payload['OpportunityClose'];
    const id = isRecord(close) ? readOpportunityId(close) : null;
    if (typeof status !== 'number' || !isRecord(close) || id === null) {
        throw payloadError(
            action,
            `${action} needs {"Status": <status code>, "OpportunityClose": {"opportunityid@odata.bind": "/opportunities(<id>)"}}.`,
        );
    }
    const current = context.store.getIfExists('opportunity', id);
    if (current === null) {
        throw recordNotFound('opportunity', id);
    }
    if (current['statecode'] !== 0) {
        // NOTE: the platform's code and wording for closing a closed opportunity are undocumented.
        throw new DataverseError(
            400,
            ERROR_CODES.invalidStateStatus,
            `The opportunity with Id ${id} is already closed. Reopen it before ${action}.`,
        );
    }

    const values: Record<string, unknown> = {};
    if (close['actualrevenue'] !== undefined) {
        values['actualvalue'] = close['actualrevenue'];
    }
    if (close['actualend'] !== undefined) {
        values['actualclosedate'] = close['actualend'];
    }
    const changes: Record<string, ColumnValue> = validatePayload(
        context,
        opportunity,
        values,
        'update',
    );
    const closing = {...changes, statecode: TARGET_STATES[action], statuscode: status};
    const resolved = resolveStateStatus(opportunity, id, closing, current, {
        isClosingAction: true,
    });
    context.store.update('opportunity', id, resolved);
    return emptyResponse(204);
}
