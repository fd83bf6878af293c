/**
 * The engine's logging port. Every entry carries the run id. At `info` and above the engine logs
 * only counts, codes and ids, never cell values, names or tokens; values appear only at `debug`.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, string | number | boolean | null>>;

export interface LogEntry {
    readonly level: LogLevel;
    readonly runId: string;
    readonly message: string;
    readonly fields: LogFields;
}

export interface Logger {
    log(entry: LogEntry): void;
}

/** Logs one run: fills in the run id so no call site can forget it. */
export interface RunLogger {
    debug(message: string, fields?: LogFields): void;
    info(message: string, fields?: LogFields): void;
    warn(message: string, fields?: LogFields): void;
    error(message: string, fields?: LogFields): void;
}

export function createRunLogger(logger: Logger | undefined, runId: string): RunLogger {
    const write =
        (level: LogLevel) =>
        (message: string, fields: LogFields = {}) =>
            logger?.log({level, runId, message, fields});
    return {debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error')};
}
