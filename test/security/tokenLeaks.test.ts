/**
 * The access token must stay in the Authorization header. These tests make requests fail in every
 * way the emulator can, through the real Dataverse client and the real engine, and look for the
 * token in what other people or tools can read. That is the thrown errors and their every
 * property, the run summary with its record outcomes, the log, globalConfig and every cell.
 * test/ui/sessionPrivacy.test.tsx checks a successful sync signed in through MSAL.
 */
import '../../dev/demo/browserGlobals';
import {closeBrowserGlobals} from '../../dev/demo/browserGlobals';
import {SDK_UNLOAD_DELAY_MS} from '../../dev/demo/demoSync';
import type {FaultRule} from '../../dev/emulator/faults';
import {startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {createAirtableSide} from '../../frontend/airtable/airtableSide';
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide} from '../../frontend/dataverse/dataverseSide';
import {SYSTEM_CLOCK} from '../../frontend/dataverse/systemClock';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
import {runSyncAsync, type RunSummary} from '../../frontend/sync';
import {entitySetName, logicalName, parseGuid} from '../../frontend/sync/ids';
import type {LogEntry} from '../../frontend/sync/logger';
import {DEFAULT_RETRY_POLICY} from '../../frontend/dataverse/retryPolicy';
import type {StoreSnapshot} from '../../dev/emulator/store';
import {createBadInputFixture, createDefaultMappings, row} from '../badInput/badInputBase';
import TestDriver from '@airtable/blocks-testing';

/** A token shaped like a JWT, so a leak of any of its three parts is found too. */
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsZWFrLXRlc3QifQ.c2lnbmF0dXJlLXNlY3JldA';
const TOKEN_PARTS = TOKEN.split('.');

const ACCOUNT = {
    logicalName: logicalName('account'),
    entitySetName: entitySetName('accounts'),
    primaryIdAttribute: logicalName('accountid'),
    primaryNameAttribute: logicalName('name'),
    displayName: 'Account',
};

let emulator: RunningEmulator;
let emptyStore: StoreSnapshot;
let isTokenAccepted = true;

beforeAll(async () => {
    emulator = await startEmulatorAsync({
        port: 0,
        seedCount: 0,
        seedSamples: false,
        serviceProtection: false,
        verifyToken: async token =>
            isTokenAccepted && token === TOKEN
                ? {ok: true}
                : {ok: false, reason: 'The token is not valid for this environment.'},
    });
    emptyStore = emulator.store.snapshot();
});

afterEach(() => {
    isTokenAccepted = true;
    httpLogLines = [];
    emulator.faults.clear();
    emulator.store.restore(emptyStore);
});

afterAll(async () => {
    await emulator.closeAsync();
    await new Promise(resolve => setTimeout(resolve, SDK_UNLOAD_DELAY_MS + 100));
    closeBrowserGlobals();
});

/** The client's own log lines, which the tests search for the token too. */
let httpLogLines: string[] = [];

function createClient(): DataverseClient {
    return new DataverseClient({
        environmentUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(TOKEN),
        fetch: (url, init) => fetch(url, init),
        clock: SYSTEM_CLOCK,
        // Two quick tries, so a retry is logged without the test waiting out the backoff.
        retryPolicy: {...DEFAULT_RETRY_POLICY, maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1},
        logger: {
            info: message => httpLogLines.push(message),
            warn: message => httpLogLines.push(message),
        },
    });
}

/** Returns the error as every form a report could take: message, stack, JSON and own properties. */
function describeEverything(error: unknown): string {
    if (!(error instanceof Error)) {
        return JSON.stringify(error);
    }
    const properties = Object.getOwnPropertyNames(error).map(name => {
        const value: unknown = (error as unknown as Record<string, unknown>)[name];
        return `${name}=${value instanceof Error ? describeEverything(value) : safeJson(value)}`;
    });
    return [String(error), error.stack ?? '', safeJson(error), ...properties].join('\n');
}

function safeJson(value: unknown): string {
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}

function expectNoToken(text: string): void {
    for (const part of [TOKEN, ...TOKEN_PARTS]) {
        expect(text).not.toContain(part);
    }
}

async function catchErrorAsync(promise: Promise<unknown>): Promise<unknown> {
    try {
        await promise;
    } catch (error) {
        return error;
    }
    throw new Error('The request was expected to fail.');
}

const FAULTS: ReadonlyArray<readonly [string, FaultRule]> = [
    ['a rejected token', {response: {kind: 'expiredToken'}, times: 10}],
    [
        'a server error',
        {
            response: {
                kind: 'error',
                httpStatus: 500,
                code: '0x80040216',
                message: 'An unexpected error occurred.',
            },
            times: 10,
        },
    ],
    ['an unavailable service', {response: {status: 503}, times: 10}],
    ['a dropped connection', {response: {kind: 'drop'}, times: 10}],
];

describe('client errors', () => {
    test.each(FAULTS)('leave out the token on %s', async (_title, fault) => {
        emulator.faults.add(fault);

        const error = await catchErrorAsync(createClient().retrieveAllAsync(ACCOUNT));

        expect(error).toBeInstanceOf(Error);
        expectNoToken(describeEverything(error));
        expectNoToken(httpLogLines.join('\n'));
    });

    test('leave out a refused token', async () => {
        isTokenAccepted = false;

        const error = await catchErrorAsync(
            createClient().updateAsync(ACCOUNT, parseGuid('00000000-0000-4000-8000-000000000001'), {
                name: 'Contoso',
            }),
        );

        expect(error).toBeInstanceOf(Error);
        expectNoToken(describeEverything(error));
    });
});

describe('links from responses', () => {
    /** Links a response could carry that lead away from the environment, with the token. */
    const foreignLinks = () => [
        'https://attacker.example/api/data/v9.2/accounts?$deltatoken=1',
        `${emulator.url.replace('127.0.0.1', 'localhost')}/api/data/v9.2/accounts`,
        `${emulator.url}@attacker.example/api/data/v9.2/accounts`,
        `${emulator.url.replace('http:', 'https:')}/api/data/v9.2/accounts`,
        '/api/data/v9.2/accounts',
    ];

    test('are followed only to the environment', async () => {
        const sent: string[] = [];
        const client = new DataverseClient({
            environmentUrl: emulator.url,
            tokenProvider: createStaticTokenProvider(TOKEN),
            fetch: (url, init) => {
                sent.push(url);
                return fetch(url, init);
            },
            clock: SYSTEM_CLOCK,
        });

        for (const link of foreignLinks()) {
            const changes = catchErrorAsync(client.retrieveChangesAsync(ACCOUNT, link));
            const page = catchErrorAsync(client.retrieveNextPageAsync(ACCOUNT, link));

            expect(describeEverything(await changes)).toContain('points outside');
            expect(describeEverything(await page)).toContain('points outside');
        }
        expect(sent).toEqual([]);
    });
});

describe('failed runs', () => {
    async function syncWithFaultAsync(fault: FaultRule | null): Promise<{
        summary: RunSummary;
        logText: string;
        driver: TestDriver;
    }> {
        const driver = new TestDriver(
            createBadInputFixture({
                accounts: [row('recOne', {fldName: 'One', fldCity: 'Oslo'})],
                opportunities: [],
            }),
        );
        emulator.store.insert('account', {name: 'From Dynamics'});
        if (fault !== null) {
            emulator.faults.add(fault);
        }
        const entries: LogEntry[] = [];
        const airtable = createAirtableSide(driver.base);
        try {
            const summary = await runSyncAsync({
                tables: createDefaultMappings(),
                airtable,
                dataverse: createDataverseSide(createClient()),
                clock: SYSTEM_CLOCK,
                conflictPolicy: 'dynamicsWins',
                newGuid: () => parseGuid(crypto.randomUUID()),
                runId: 'token-leak',
                logger: {log: entry => entries.push(entry)},
            });
            return {summary, logText: safeJson([entries, httpLogLines]), driver};
        } finally {
            airtable.unloadAll();
        }
    }

    async function readAllCellsAsync(driver: TestDriver): Promise<string> {
        const cells: unknown[] = [];
        for (const table of driver.base.tables) {
            const query = await table.selectRecordsAsync();
            for (const record of query.records) {
                cells.push(...table.fields.map(field => record.getCellValue(field)));
            }
            query.unloadData();
        }
        return safeJson(cells);
    }

    function readGlobalConfigText(driver: TestDriver): string {
        return safeJson((driver.globalConfig as unknown as {_kvStore: unknown})._kvStore);
    }

    test.each([...FAULTS, ['no fault', null] as const])(
        'keep the token out on %s',
        async (_title, fault) => {
            const {summary, logText, driver} = await syncWithFaultAsync(fault);

            expectNoToken(safeJson(summary));
            expectNoToken(logText);
            expectNoToken(await readAllCellsAsync(driver));
            expectNoToken(readGlobalConfigText(driver));
        },
    );

    test('report a write that failed', async () => {
        const failure = {
            method: 'PATCH',
            response: {kind: 'error', httpStatus: 500, code: '0x80040216', message: 'Failed.'},
            times: 10,
        } as const;
        // Writes go out one by one or inside a `$batch`, so both are made to fail.
        emulator.faults.add({...failure, inBatch: true});

        const {summary} = await syncWithFaultAsync(failure);

        const reported = [summary.error, ...summary.outcomes].filter(
            item => item !== null && 'message' in item,
        );
        expect(reported.length).toBeGreaterThan(0);
        expectNoToken(safeJson(reported));
    });
});
