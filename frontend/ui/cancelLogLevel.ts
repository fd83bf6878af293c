/**
 * Keeps a cancelled run out of the error log. The engine logs the error that ends a run at
 * `error`, a cancel included. A cancel is the person's own choice and no failure, so it is logged
 * at `info` and the browser console shows no error for it.
 */
import type {LogEntry, Logger, RunErrorCode} from '../sync';

const CANCELLED: RunErrorCode = 'cancelled';

// NOTE: this matches the `code` field of the engine's "Sync stopped" entry. Once the engine logs
// a cancelled run at `info` itself, this wrapper can go.
export function withCancelLoggedAsInfo(logger: Logger | undefined): Logger | undefined {
    if (logger === undefined) {
        return undefined;
    }
    return {
        log: entry => logger.log(isCancelEntry(entry) ? {...entry, level: 'info'} : entry),
    };
}

function isCancelEntry(entry: LogEntry): boolean {
    return entry.level === 'error' && entry.fields.code === CANCELLED;
}
