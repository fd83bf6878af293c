/** Writes the engine's log entries to the browser console, where the sandbox's user reads them. */
import {assertNever} from '../../frontend/sync/assertNever';
import type {LogEntry, Logger} from '../../frontend/sync';

export const consoleLogger: Logger = {
    log(entry: LogEntry): void {
        const line = `[sync ${entry.runId}] ${entry.message}`;
        switch (entry.level) {
            case 'debug':
                console.debug(line, entry.fields);
                break;
            case 'info':
                console.info(line, entry.fields);
                break;
            case 'warn':
                console.warn(line, entry.fields);
                break;
            case 'error':
                console.error(line, entry.fields);
                break;
            default:
                assertNever(entry.level);
        }
    },
};
