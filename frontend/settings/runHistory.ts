/**
 * The history of recent sync runs, kept in globalConfig so every collaborator sees what the last
 * runs did. An entry holds only times, counts, codes, the run error's message and the name of the
 * collaborator who ran it: never a token, a cell value or a raw error detail from Dynamics.
 *
 * The stored shape carries a version. Reading is lenient: a damaged entry is dropped and a missing
 * count reads as 0, so the history always renders. A history saved by a newer version of the
 * extension is shown as empty and never overwritten.
 */
import type {RunCounts, RunErrorCode, RunSummary} from '../sync';

/** The version of the stored shape that this code reads and writes. */
export const RUN_HISTORY_VERSION = 1;

/** The number of runs kept: older runs are dropped when a new one is added. */
export const MAX_RUN_HISTORY_ENTRIES = 20;

/**
 * The maximum characters kept of a run error's message. Longer messages are cut, so 20 entries
 * stay far below globalConfig's 150 kB limit, which the connection settings and mapping share.
 */
export const MAX_STORED_MESSAGE_LENGTH = 300;

/** The maximum characters kept of the collaborator's name. */
export const MAX_STORED_NAME_LENGTH = 100;

/** The end of a run, by `status`. */
export type RunHistoryOutcome =
    | {readonly status: 'finished'}
    /** The run went to the end, but at least one record failed. */
    | {readonly status: 'finishedWithFailures'}
    /** A run error stopped the run early. `message` is the run error's message. */
    | {readonly status: 'stopped'; readonly code: RunErrorCode; readonly message: string}
    | {readonly status: 'cancelled'};

export type RunHistoryStatus = RunHistoryOutcome['status'];

export interface RunHistoryEntry {
    /** ISO time at which the run started. */
    readonly startedAt: string;
    /** Milliseconds the run worked, without the time it waited for a decision on deletes. */
    readonly durationMs: number;
    readonly outcome: RunHistoryOutcome;
    readonly counts: RunCounts;
    /** The Airtable collaborator's name, or null when the session has no named user. */
    readonly ranBy: string | null;
}

export interface RunHistory {
    /** The runs, oldest first. */
    readonly entries: readonly RunHistoryEntry[];
    /** True when the stored history has a newer version than `RUN_HISTORY_VERSION`. */
    readonly isFromNewerVersion: boolean;
}

/** The value stored under `ConfigKeys.runHistory`. */
export interface StoredRunHistory {
    readonly version: number;
    readonly entries: readonly RunHistoryEntry[];
}

export const EMPTY_RUN_HISTORY: RunHistory = {entries: [], isFromNewerVersion: false};

const RUN_ERROR_CODES: readonly RunErrorCode[] = [
    'invalidMapping',
    'airtableFailed',
    'dynamicsFailed',
    'cancelled',
    'internalError',
];

/**
 * The counts an entry keeps. A record type keyed on every count makes the compiler reject a count
 * added to `RunCounts` without a place here, so parsing never drops it.
 */
const COUNT_KEYS_BY_NAME: Readonly<Record<keyof RunCounts, true>> = {
    createdInAirtable: true,
    updatedInAirtable: true,
    deletedInAirtable: true,
    restored: true,
    createdInDynamics: true,
    updatedInDynamics: true,
    deletedInDynamics: true,
    unchanged: true,
    conflicts: true,
    skipped: true,
    failed: true,
};

const COUNT_KEYS = Object.keys(COUNT_KEYS_BY_NAME) as ReadonlyArray<keyof RunCounts>;

/** The counts of a run that handled no record, such as one that crashed before any table. */
export const ZERO_RUN_COUNTS: RunCounts = {
    createdInAirtable: 0,
    updatedInAirtable: 0,
    deletedInAirtable: 0,
    restored: 0,
    createdInDynamics: 0,
    updatedInDynamics: 0,
    deletedInDynamics: 0,
    unchanged: 0,
    conflicts: 0,
    skipped: 0,
    failed: 0,
};

/**
 * Builds the entry for a run that returned a summary. The summary's error detail and record
 * outcomes are left out, because they can hold values from either side.
 */
export function createRunHistoryEntry(
    summary: RunSummary,
    decisionWaitMs: number,
    ranBy: string | null,
): RunHistoryEntry {
    const totalMs = Math.max(0, summary.endedAtMs - summary.startedAtMs);
    return {
        startedAt: new Date(summary.startedAtMs).toISOString(),
        durationMs: Math.round(totalMs - Math.min(totalMs, Math.max(0, decisionWaitMs))),
        outcome: describeOutcome(summary),
        counts: {...summary.counts},
        ranBy: ranBy === null ? null : cutText(ranBy, MAX_STORED_NAME_LENGTH),
    };
}

/**
 * Builds the entry for a run that threw before it returned a summary. The thrown message is not
 * kept, because nothing guarantees it is free of record values.
 */
export function createCrashedRunEntry(
    startedAtMs: number,
    endedAtMs: number,
    ranBy: string | null,
): RunHistoryEntry {
    return {
        startedAt: new Date(startedAtMs).toISOString(),
        durationMs: Math.round(Math.max(0, endedAtMs - startedAtMs)),
        outcome: {
            status: 'stopped',
            code: 'internalError',
            message: 'The sync failed before it could report its results.',
        },
        counts: ZERO_RUN_COUNTS,
        ranBy: ranBy === null ? null : cutText(ranBy, MAX_STORED_NAME_LENGTH),
    };
}

/** Adds `entry` as the newest run and drops the oldest runs beyond `MAX_RUN_HISTORY_ENTRIES`. */
export function appendRunHistoryEntry(
    entries: readonly RunHistoryEntry[],
    entry: RunHistoryEntry,
): StoredRunHistory {
    const appended = [...entries, entry];
    return {
        version: RUN_HISTORY_VERSION,
        entries: appended.slice(Math.max(0, appended.length - MAX_RUN_HISTORY_ENTRIES)),
    };
}

/** Reads the stored history, dropping entries that cannot be read. */
export function parseRunHistory(value: unknown): RunHistory {
    if (!isObject(value) || typeof value.version !== 'number' || !Array.isArray(value.entries)) {
        return EMPTY_RUN_HISTORY;
    }
    if (value.version > RUN_HISTORY_VERSION) {
        return {entries: [], isFromNewerVersion: true};
    }

    const entries: RunHistoryEntry[] = [];
    for (const item of value.entries) {
        const entry = parseEntry(item);
        if (entry !== null) {
            entries.push(entry);
        }
    }
    return {entries: entries.slice(-MAX_RUN_HISTORY_ENTRIES), isFromNewerVersion: false};
}

function describeOutcome(summary: RunSummary): RunHistoryOutcome {
    if (summary.error === null) {
        return summary.counts.failed > 0 ? {status: 'finishedWithFailures'} : {status: 'finished'};
    }
    if (summary.error.code === 'cancelled') {
        return {status: 'cancelled'};
    }
    return {
        status: 'stopped',
        code: summary.error.code,
        message: cutText(summary.error.message, MAX_STORED_MESSAGE_LENGTH),
    };
}

function parseEntry(value: unknown): RunHistoryEntry | null {
    if (!isObject(value)) {
        return null;
    }
    const {startedAt, durationMs, ranBy} = value;
    if (typeof startedAt !== 'string' || Number.isNaN(Date.parse(startedAt))) {
        return null;
    }
    const outcome = parseOutcome(value.outcome);
    if (outcome === null) {
        return null;
    }

    return {
        startedAt,
        durationMs: isCount(durationMs) ? durationMs : 0,
        outcome,
        counts: parseCounts(value.counts),
        ranBy: typeof ranBy === 'string' ? cutText(ranBy, MAX_STORED_NAME_LENGTH) : null,
    };
}

function parseOutcome(value: unknown): RunHistoryOutcome | null {
    if (!isObject(value)) {
        return null;
    }
    switch (value.status) {
        case 'finished':
        case 'finishedWithFailures':
        case 'cancelled':
            return {status: value.status};
        case 'stopped':
            return parseStoppedOutcome(value);
        default:
            return null;
    }
}

function parseStoppedOutcome(value: Readonly<Record<string, unknown>>): RunHistoryOutcome | null {
    const code = RUN_ERROR_CODES.find(known => known === value.code);
    if (code === undefined || typeof value.message !== 'string') {
        return null;
    }
    return {status: 'stopped', code, message: cutText(value.message, MAX_STORED_MESSAGE_LENGTH)};
}

/** Reads each count, so a count missing from an older entry, or damaged, reads as 0. */
function parseCounts(value: unknown): RunCounts {
    const stored = isObject(value) ? value : {};
    const counts: Record<keyof RunCounts, number> = {...ZERO_RUN_COUNTS};
    for (const key of COUNT_KEYS) {
        const count = stored[key];
        counts[key] = isCount(count) ? count : 0;
    }
    return counts;
}

function isCount(value: unknown): value is number {
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cuts `text` to at most `maxLength` code points, the last being "…". */
function cutText(text: string, maxLength: number): string {
    const characters = Array.from(text);
    if (characters.length <= maxLength) {
        return text;
    }
    return `${characters.slice(0, maxLength - 1).join('')}…`;
}
