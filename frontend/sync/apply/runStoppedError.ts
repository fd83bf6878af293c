/** Thrown inside a run when a whole side fails or the run is cancelled; the run turns it into a RunError. */
import type {RunError} from '../outcomes';
import {AirtableSideError} from '../ports';

export class RunStoppedError extends Error {
    readonly runError: RunError;

    constructor(runError: RunError) {
        super(runError.message);
        this.name = 'RunStoppedError';
        this.runError = runError;
    }
}

export function describeThrown(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

export function checkNotCancelled(signal: AbortSignal | undefined, tableName: string | null): void {
    if (signal?.aborted) {
        throw new RunStoppedError({
            code: 'cancelled',
            message:
                'The sync was cancelled. What it wrote before that is counted in its summary; sync again to finish.',
            detail: null,
            tableName,
        });
    }
}

/** Awaits a port call, turning what it throws into a run error that names the side and table. */
export async function callSideAsync<T>(
    side: 'airtable' | 'dynamics',
    action: string,
    tableName: string,
    callAsync: () => Promise<T>,
): Promise<T> {
    try {
        return await callAsync();
    } catch (error) {
        throw toSideFailedError(side, action, tableName, error);
    }
}

/**
 * Builds the run error for a port call that threw, naming the side, the action and the table. A
 * failure the Airtable side recognised keeps its own message, which states the fix. Anything else
 * may be the connection, so the message asks the user to check it.
 */
export function toSideFailedError(
    side: 'airtable' | 'dynamics',
    action: string,
    tableName: string,
    error: unknown,
): RunStoppedError {
    const where = side === 'airtable' ? 'Airtable' : 'Dynamics';
    const cause =
        error instanceof AirtableSideError
            ? error.message
            : `What it wrote before that is counted in its summary; check the connection and sync again.`;
    return new RunStoppedError({
        code: side === 'airtable' ? 'airtableFailed' : 'dynamicsFailed',
        message: `The sync stopped because ${action} for '${tableName}' failed in ${where}. ${cause}`,
        detail: describeThrown(error),
        tableName,
    });
}
