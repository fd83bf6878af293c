import {
    appendRunHistoryEntry,
    createCrashedRunEntry,
    createRunHistoryEntry,
    MAX_RUN_HISTORY_ENTRIES,
    MAX_STORED_MESSAGE_LENGTH,
    MAX_STORED_NAME_LENGTH,
    parseRunHistory,
    RUN_HISTORY_VERSION,
    ZERO_RUN_COUNTS,
    type RunHistoryEntry,
} from '../../frontend/settings/runHistory';
import type {RunCounts, RunError, RunSummary} from '../../frontend/sync';
import {airtableRecordId, airtableTableId} from '../../frontend/sync';

const STARTED_AT_MS = Date.parse('2026-03-02T09:00:00.000Z');

/**
 * The maximum size in bytes of a full history: a fifth of globalConfig's 150 kB limit for all keys,
 * because the connection settings and the mapping need the rest.
 */
const MAX_HISTORY_BYTES = 30_000;

const COUNTS: RunCounts = {
    ...ZERO_RUN_COUNTS,
    createdInAirtable: 3,
    updatedInDynamics: 2,
    failed: 1,
};

function createSummary(error: RunError | null, counts: RunCounts = COUNTS): RunSummary {
    return {
        runId: 'run-1',
        startedAtMs: STARTED_AT_MS,
        endedAtMs: STARTED_AT_MS + 14_000,
        counts,
        outcomes: [
            {
                status: 'failed',
                tableId: airtableTableId('tblAccounts'),
                tableName: 'Accounts',
                ref: {
                    airtableRecordId: airtableRecordId('recAdatum'),
                    dynamicsId: null,
                    name: 'Adatum Corporation',
                },
                code: 'invalidValue',
                message:
                    "Couldn't sync Account 'Adatum Corporation': the e-mail 'ana@' is invalid.",
                detail: 'secret detail from Dynamics',
                problems: [],
            },
        ],
        tables: [],
        error,
    };
}

function runError(code: RunError['code'], message: string): RunError {
    return {code, message, detail: 'raw Dynamics text with ana@example.com', tableName: 'Accounts'};
}

function entryAt(index: number): RunHistoryEntry {
    return {
        ...createRunHistoryEntry(createSummary(null), 0, 'Eda Editor'),
        startedAt: new Date(STARTED_AT_MS + index * 60_000).toISOString(),
    };
}

function stoppedMessage(entry: RunHistoryEntry): string {
    if (entry.outcome.status !== 'stopped') {
        throw new Error(`Expected a stopped run, got ${entry.outcome.status}.`);
    }
    return entry.outcome.message;
}

describe('createRunHistoryEntry', () => {
    test('records a clean run as finished', () => {
        const entry = createRunHistoryEntry(createSummary(null, ZERO_RUN_COUNTS), 0, 'Eda');

        expect(entry.outcome).toEqual({status: 'finished'});
        expect(entry.startedAt).toBe('2026-03-02T09:00:00.000Z');
        expect(entry.ranBy).toBe('Eda');
    });

    test('records failed records', () => {
        const entry = createRunHistoryEntry(createSummary(null), 0, 'Eda');

        expect(entry.outcome).toEqual({status: 'finishedWithFailures'});
        expect(entry.counts).toEqual(COUNTS);
    });

    test('records a stop with code', () => {
        const error = runError('dynamicsFailed', 'Dynamics did not respond. Try again later.');

        const entry = createRunHistoryEntry(createSummary(error), 0, 'Eda');

        expect(entry.outcome).toEqual({
            status: 'stopped',
            code: 'dynamicsFailed',
            message: 'Dynamics did not respond. Try again later.',
        });
    });

    test('records a cancel', () => {
        const error = runError('cancelled', 'You cancelled the sync.');

        const entry = createRunHistoryEntry(createSummary(error), 0, 'Eda');

        expect(entry.outcome).toEqual({status: 'cancelled'});
    });

    test('leaves out the decision wait', () => {
        const entry = createRunHistoryEntry(createSummary(null), 4_000, null);

        expect(entry.durationMs).toBe(10_000);
        expect(entry.ranBy).toBeNull();
    });

    test('keeps no detail or record data', () => {
        const error = runError('airtableFailed', 'Airtable rejected the write.');

        const stored = JSON.stringify(createRunHistoryEntry(createSummary(error), 0, 'Eda'));

        expect(stored).not.toContain('secret detail');
        expect(stored).not.toContain('ana@example.com');
        expect(stored).not.toContain('Adatum');
        expect(stored).not.toContain('recAdatum');
    });

    test('cuts long messages and names', () => {
        const error = runError('dynamicsFailed', 'x'.repeat(2_000));

        const entry = createRunHistoryEntry(createSummary(error), 0, 'N'.repeat(500));

        expect(stoppedMessage(entry)).toHaveLength(MAX_STORED_MESSAGE_LENGTH);
        expect(entry.ranBy).toHaveLength(MAX_STORED_NAME_LENGTH);
        expect(entry.ranBy?.endsWith('…')).toBe(true);
    });
});

describe('createCrashedRunEntry', () => {
    test('records an internal error', () => {
        const entry = createCrashedRunEntry(STARTED_AT_MS, STARTED_AT_MS + 1_500, 'Eda');

        expect(entry.outcome).toEqual({
            status: 'stopped',
            code: 'internalError',
            message: 'The sync failed before it could report its results.',
        });
        expect(entry.durationMs).toBe(1_500);
        expect(entry.counts).toEqual(ZERO_RUN_COUNTS);
    });
});

describe('appendRunHistoryEntry', () => {
    test('adds the newest run last', () => {
        const stored = appendRunHistoryEntry([entryAt(0)], entryAt(1));

        expect(stored.version).toBe(RUN_HISTORY_VERSION);
        expect(stored.entries.map(entry => entry.startedAt)).toEqual([
            entryAt(0).startedAt,
            entryAt(1).startedAt,
        ]);
    });

    test('drops the oldest beyond the cap', () => {
        const full = Array.from({length: MAX_RUN_HISTORY_ENTRIES}, (_, index) => entryAt(index));

        const stored = appendRunHistoryEntry(full, entryAt(MAX_RUN_HISTORY_ENTRIES));

        expect(stored.entries).toHaveLength(MAX_RUN_HISTORY_ENTRIES);
        expect(stored.entries[0]?.startedAt).toBe(entryAt(1).startedAt);
        expect(stored.entries.at(-1)?.startedAt).toBe(entryAt(MAX_RUN_HISTORY_ENTRIES).startedAt);
    });

    test('keeps a full history small', () => {
        const error = runError('dynamicsFailed', 'é'.repeat(5_000));
        const largest: RunHistoryEntry = {
            ...createRunHistoryEntry(createSummary(error), 0, '名'.repeat(5_000)),
            durationMs: Number.MAX_SAFE_INTEGER,
            counts: Object.fromEntries(
                Object.keys(ZERO_RUN_COUNTS).map(key => [key, Number.MAX_SAFE_INTEGER]),
            ) as unknown as RunCounts,
        };
        let stored = appendRunHistoryEntry([], largest);
        for (let index = 1; index < MAX_RUN_HISTORY_ENTRIES; index += 1) {
            stored = appendRunHistoryEntry(stored.entries, largest);
        }

        const bytes = new TextEncoder().encode(JSON.stringify(stored)).length;
        expect(stored.entries).toHaveLength(MAX_RUN_HISTORY_ENTRIES);
        expect(bytes).toBeLessThan(MAX_HISTORY_BYTES);
    });
});

describe('parseRunHistory', () => {
    test('reads what append stores', () => {
        const stored = appendRunHistoryEntry([entryAt(0)], entryAt(1));

        const history = parseRunHistory(JSON.parse(JSON.stringify(stored)));

        expect(history.entries).toEqual(stored.entries);
        expect(history.isFromNewerVersion).toBe(false);
    });

    test('reads nothing from damaged values', () => {
        for (const value of [undefined, null, 'text', 42, [], {entries: []}, {version: 1}]) {
            expect(parseRunHistory(value).entries).toEqual([]);
        }
    });

    test('drops unreadable entries', () => {
        const history = parseRunHistory({
            version: 1,
            entries: [
                entryAt(0),
                {...entryAt(1), startedAt: 'yesterday'},
                {...entryAt(2), outcome: {status: 'exploded'}},
                {...entryAt(3), outcome: {status: 'stopped', code: 'unknownCode', message: ''}},
                'not an entry',
                entryAt(4),
            ],
        });

        expect(history.entries.map(entry => entry.startedAt)).toEqual([
            entryAt(0).startedAt,
            entryAt(4).startedAt,
        ]);
    });

    test('reads missing counts as zero', () => {
        const history = parseRunHistory({
            version: 1,
            entries: [{...entryAt(0), counts: {createdInAirtable: 2, failed: -1, skipped: 'x'}}],
        });

        expect(history.entries[0]?.counts).toEqual({...ZERO_RUN_COUNTS, createdInAirtable: 2});
    });

    test('flags a newer version', () => {
        const history = parseRunHistory({version: RUN_HISTORY_VERSION + 1, entries: [entryAt(0)]});

        expect(history.isFromNewerVersion).toBe(true);
        expect(history.entries).toEqual([]);
    });
});
