/**
 * The demo's sync pipeline, shared by `npm run demo` and the integration test: a simulated Airtable
 * base from the sandbox fixture, the real Airtable adapter, the real Dataverse client pointed at an
 * emulator, and the engine, wired as the extension wires them.
 *
 * This module installs jsdom's browser globals before it loads `@airtable/blocks-testing`, so it
 * must be imported before anything else that loads the Blocks SDK.
 */
import './browserGlobals';
import TestDriver from '@airtable/blocks-testing';
import {createAirtableSide} from '../../frontend/airtable/airtableSide';
import {getTableByNameIfExists, readTableSchema} from '../../frontend/airtable/tableSchema';
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide} from '../../frontend/dataverse/dataverseSide';
import {SYSTEM_CLOCK} from '../../frontend/dataverse/systemClock';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
import {ACCOUNTS_TEMPLATE} from '../../frontend/settings/accountsTemplate';
import {ConfigKeys} from '../../frontend/settings/configKeys';
import {resolveMapping} from '../../frontend/settings/resolveMapping';
import {describeSchemaProblem} from '../../frontend/settings/schemaProblems';
import {readSettings, type Settings} from '../../frontend/settings/settings';
import {parseGuid, runSyncAsync, type RunSummary, type TableMapping} from '../../frontend/sync';
import {createSandboxFixture} from '../sandbox/fixture';

/**
 * How long the SDK waits after a query's `unloadData()` before it releases the records:
 * `AbstractModelWithAsyncData.__DATA_UNLOAD_DELAY_MS` in @airtable/blocks 1.19.
 */
export const SDK_UNLOAD_DELAY_MS = 1000;
const UNLOAD_MARGIN_MS = 100;

/** The emulator's address is on 127.0.0.1, which the production extension rejects. */
const DEMO_VALIDATION = {allowLoopbackHosts: true};

export interface DemoSyncOptions {
    /** The emulator's origin, preset in the simulated base's settings. */
    readonly environmentUrl: string;
    /** The bearer token the emulator accepts. */
    readonly token: string;
}

export interface DemoSync {
    readonly driver: TestDriver;
    readonly mapping: TableMapping;
    /** Runs one sync of the Accounts table and saves its watermark, as the extension does. */
    syncAsync(): Promise<RunSummary>;
    /**
     * Unloads the record query that keeps the simulated base's updates, and resolves once the SDK
     * has released it, so no SDK timer is left running. Call it once done.
     */
    closeAsync(): Promise<void>;
}

export async function createDemoSyncAsync(options: DemoSyncOptions): Promise<DemoSync> {
    const driver = new TestDriver(createSandboxFixture(options.environmentUrl));
    const mapping = resolveAccountsMapping(driver);
    const client = new DataverseClient({
        environmentUrl: options.environmentUrl,
        tokenProvider: createStaticTokenProvider(options.token),
        fetch: (url, init) => fetch(url, init),
        clock: SYSTEM_CLOCK,
    });
    const dataverse = createDataverseSide(client);

    // TestDriver keeps record updates only while a query on the table is loaded, and forgets them
    // when the last one unloads, where a real base stores them. Each run unloads its own queries,
    // so this one stays loaded to carry one run's updates into the next.
    const retainedQuery = await driver.base.getTableById(mapping.table.id).selectRecordsAsync();

    return {
        driver,
        mapping,
        syncAsync: async () => {
            const settings = readDemoSettings(driver);
            const airtable = createAirtableSide(driver.base);
            try {
                const summary = await runSyncAsync({
                    tables: [mapping],
                    airtable,
                    dataverse,
                    clock: SYSTEM_CLOCK,
                    conflictPolicy: settings.conflictPolicy,
                    newGuid: () => parseGuid(crypto.randomUUID()),
                    runId: crypto.randomUUID().slice(0, 8),
                    lastSyncedAt: settings.lastSyncedAtByTableId,
                });
                await saveWatermarksAsync(driver, summary);
                return summary;
            } finally {
                airtable.unloadAll();
            }
        },
        closeAsync: async () => {
            retainedQuery.unloadData();
            await SYSTEM_CLOCK.sleepAsync(SDK_UNLOAD_DELAY_MS + UNLOAD_MARGIN_MS);
        },
    };
}

function resolveAccountsMapping(driver: TestDriver): TableMapping {
    const table = getTableByNameIfExists(driver.base, ACCOUNTS_TEMPLATE.tableName);
    if (table === null) {
        throw new Error(`The demo base has no "${ACCOUNTS_TEMPLATE.tableName}" table.`);
    }
    const resolution = resolveMapping(ACCOUNTS_TEMPLATE, readTableSchema(table));
    if (!resolution.ok) {
        const problems = resolution.problems.map(problem =>
            describeSchemaProblem(problem, table.name),
        );
        throw new Error(`The demo base does not fit the Accounts mapping: ${problems.join(' ')}`);
    }
    return resolution.mapping;
}

function readDemoSettings(driver: TestDriver): Settings {
    const globalConfig = driver.globalConfig;
    return readSettings(
        {
            environmentUrl: globalConfig.get(ConfigKeys.environmentUrl),
            conflictPolicy: globalConfig.get(ConfigKeys.conflictPolicy),
            lastSyncedAt: globalConfig.get(ConfigKeys.lastSyncedAt),
        },
        DEMO_VALIDATION,
    );
}

async function saveWatermarksAsync(driver: TestDriver, summary: RunSummary): Promise<void> {
    for (const table of summary.tables) {
        if (table.isComplete && table.watermark !== null) {
            await driver.globalConfig.setPathsAsync([
                {path: [ConfigKeys.lastSyncedAt, table.tableId], value: table.watermark},
            ]);
        }
    }
}

/** Counts the records a run created, updated, deleted or restored on either side. */
export function countChanges(summary: RunSummary): number {
    const {counts} = summary;
    return (
        counts.createdInAirtable +
        counts.createdInDynamics +
        counts.updatedInAirtable +
        counts.updatedInDynamics +
        counts.deletedInAirtable +
        counts.deletedInDynamics +
        counts.restored
    );
}
