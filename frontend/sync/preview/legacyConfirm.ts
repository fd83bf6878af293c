/**
 * Picks the run's confirmation callback. A caller that passes only the older delete callback gets
 * one built from it: its decision covers the deletes, and the rest of the run applies as planned.
 */
import type {ConfirmDeletes, DeleteDecision} from '../deletes/types';
import type {ConfirmRun} from './types';

export interface ConfirmCallbacks {
    readonly confirmRunAsync?: ConfirmRun;
    readonly confirmDeletesAsync?: ConfirmDeletes;
}

const DECLINE_ALL: DeleteDecision = {kind: 'declineAll'};

export function getConfirmRun(callbacks: ConfirmCallbacks): ConfirmRun | undefined {
    if (callbacks.confirmRunAsync !== undefined) {
        return callbacks.confirmRunAsync;
    }
    const confirmDeletesAsync = callbacks.confirmDeletesAsync;
    if (confirmDeletesAsync === undefined) {
        return undefined;
    }
    // NOTE: this path approves creates and updates without showing them to anyone.
    return async preview => ({
        kind: 'apply',
        deletes:
            preview.deletes.tables.length === 0
                ? DECLINE_ALL
                : await confirmDeletesAsync(preview.deletes),
    });
}
