/** Turns a delete decision, or its absence, into the approval of each planned delete. */
import {assertNever} from '../assertNever';
import type {DeleteDecision} from './types';

export interface DeleteApproval {
    /** Whether anyone decided; without a decision every delete is skipped and reported. */
    readonly isDecided: boolean;
    readonly isApproved: (key: string) => boolean;
    readonly shouldRestoreRows: boolean;
}

export const NO_DECISION: DeleteApproval = {
    isDecided: false,
    isApproved: () => false,
    shouldRestoreRows: false,
};

export function toApproval(decision: DeleteDecision): DeleteApproval {
    const shouldRestoreRows = decision.restoreRows ?? false;
    switch (decision.kind) {
        case 'approveAll':
            return {isDecided: true, isApproved: () => true, shouldRestoreRows};
        case 'declineAll':
            return {isDecided: true, isApproved: () => false, shouldRestoreRows};
        case 'approveSome': {
            const approved = new Set(decision.approvedKeys);
            return {isDecided: true, isApproved: key => approved.has(key), shouldRestoreRows};
        }
        default:
            return assertNever(decision);
    }
}
