/** Tells failures that stop a whole run from failures that concern one record or one table. */
import {DataverseError, type DataverseErrorCode} from './errors';

/**
 * Failures that no other write of the run can escape, so the run stops: the sign-in is gone, the
 * service cannot be reached, it keeps throttling after every retry, or the request was cancelled.
 */
export const RUN_STOPPING_CODES: ReadonlySet<DataverseErrorCode> = new Set<DataverseErrorCode>([
    'unauthorized',
    'throttled',
    'unavailable',
    'network',
    'cors',
    'aborted',
]);

/** Returns whether the error concerns only the one record or table, so the other work goes on. */
export function isRecordFailure(error: unknown): error is DataverseError {
    return error instanceof DataverseError && !RUN_STOPPING_CODES.has(error.code);
}
