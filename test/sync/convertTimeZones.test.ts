/**
 * Runs the date tests again in time zones far east and far west of UTC, where a conversion through
 * local time would move a date by a day. Node reads TZ when it starts, and assigning
 * `process.env.TZ` inside a Jest test only changes Jest's copy of the environment, as the first
 * test shows, so each zone gets its own Jest process.
 */
import {execFile} from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const JEST_BIN = require.resolve('jest/bin/jest');
const DATE_TEST_FILES = [
    'test/sync/convertDates.test.ts',
    'test/sync/convertRoundTrip.test.ts',
    'test/sync/convertPairs.test.ts',
];
const ZONE_RUN_TIMEOUT_MS = 180_000;

/** Each zone with its offset from UTC in mid-January, as `Date#getTimezoneOffset` returns it. */
const ZONES = [
    {timeZone: 'Pacific/Auckland', januaryOffset: -780},
    {timeZone: 'America/Los_Angeles', januaryOffset: 480},
] as const;

interface AssertionResult {
    readonly title: string;
    readonly status: string;
}

interface JestReport {
    readonly numFailedTests: number;
    readonly numPassedTests: number;
    readonly testResults: ReadonlyArray<{readonly assertionResults: readonly AssertionResult[]}>;
}

interface ZoneRun {
    readonly exitCode: number;
    /** Null when Jest printed no JSON report, such as when it failed to start. */
    readonly report: JestReport | null;
}

/** Runs the date test files in a new Jest process with TZ set, and returns Jest's JSON report. */
function runDateTestsInZoneAsync(timeZone: string, januaryOffset: number): Promise<ZoneRun> {
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        TZ: timeZone,
        CONVERT_TEST_TIME_ZONE: timeZone,
        CONVERT_TEST_JANUARY_OFFSET: String(januaryOffset),
    };
    delete env.JEST_WORKER_ID;
    const args = [JEST_BIN, '--ci', '--json', '--runTestsByPath', ...DATE_TEST_FILES];
    return new Promise(resolve => {
        execFile(process.execPath, args, {cwd: ROOT, env}, (error, stdout) => {
            let exitCode = 0;
            if (error !== null) {
                exitCode = typeof error.code === 'number' ? error.code : 1;
            }
            resolve({exitCode, report: parseReport(stdout)});
        });
    });
}

function parseReport(stdout: string): JestReport | null {
    try {
        return JSON.parse(stdout) as JestReport;
    } catch {
        return null;
    }
}

function listResults(run: ZoneRun): AssertionResult[] {
    return run.report?.testResults.flatMap(file => file.assertionResults) ?? [];
}

function findStatus(run: ZoneRun, title: string): string | undefined {
    return listResults(run).find(result => result.title === title)?.status;
}

test('assigning TZ in a test is ignored', () => {
    const january = new Date(Date.UTC(2025, 0, 15));
    const offsetBefore = january.getTimezoneOffset();
    const originalZone = process.env.TZ;

    process.env.TZ = offsetBefore === -780 ? 'America/Los_Angeles' : 'Pacific/Auckland';
    const offsetAfter = january.getTimezoneOffset();
    if (originalZone === undefined) {
        delete process.env.TZ;
    } else {
        process.env.TZ = originalZone;
    }

    expect(offsetAfter).toBe(offsetBefore);
});

describe.each(ZONES)('date tests in $timeZone', ({timeZone, januaryOffset}) => {
    let run: ZoneRun;

    beforeAll(async () => {
        run = await runDateTestsInZoneAsync(timeZone, januaryOffset);
    }, ZONE_RUN_TIMEOUT_MS);

    test('pass in that zone', () => {
        const failedTitles = listResults(run)
            .filter(result => result.status === 'failed')
            .map(result => result.title);

        expect(run.report).not.toBeNull();
        expect(failedTitles).toEqual([]);
        expect(run.exitCode).toBe(0);
    });

    test('run in that zone', () => {
        expect(findStatus(run, 'is the requested zone')).toBe('passed');
        expect(findStatus(run, 'shifts local time as requested')).toBe('passed');
    });

    test('run every date test', () => {
        expect(run.report?.numPassedTests).toBeGreaterThan(50);
    });
});
