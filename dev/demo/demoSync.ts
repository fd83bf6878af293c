/**
 * The demo's sync pipeline, shared by `npm run demo` and the integration test. It wires a simulated
 * Airtable base from the sandbox fixture (Accounts, Contacts and Opportunities), the real Airtable
 * adapter, the real Dataverse client pointed at an emulator, and the engine, as the extension does.
 *
 * This module installs jsdom's browser globals before it loads `@airtable/blocks-testing`, so it
 * must be imported before anything else that loads the Blocks SDK.
 */
import './browserGlobals';
import TestDriver from '@airtable/blocks-testing';
import {createAirtableSide} from '../../frontend/airtable/airtableSide';
import {readTableSchema} from '../../frontend/airtable/tableSchema';
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide} from '../../frontend/dataverse/dataverseSide';
import {SYSTEM_CLOCK} from '../../frontend/dataverse/systemClock';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
import {ACCOUNTS_TEMPLATE} from '../../frontend/settings/accountsTemplate';
import {ConfigKeys} from '../../frontend/settings/configKeys';
import {resolveTemplates} from '../../frontend/settings/resolveTemplates';
import {SYNC_TEMPLATES} from '../../frontend/settings/syncTemplates';
import {readDeltaStates, readSettings, type Settings} from '../../frontend/settings/settings';
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
    /** The Accounts table's mapping. */
    readonly mapping: TableMapping;
    /** Every synced table's mapping: Accounts, Contacts and Opportunities. */
    readonly mappings: readonly TableMapping[];
    /**
     * Runs one sync of every table and saves each complete table's watermark and delta state, as
     * the extension does. The next run reads a table with a saved delta state through its delta
     * link, so only its changes come back.
     */
    syncAsync(): Promise<RunSummary>;
    /** Counts the rows of each synced table in Airtable. */
    countRowsAsync(): Promise<Array<{readonly tableName: string; readonly rowCount: number}>>;
    /**
     * Unloads the record queries that keep the simulated base's updates, and resolves once the SDK
     * has released them, so no SDK timer is left running. Call it once done.
     */
    closeAsync(): Promise<void>;
}

export async function createDemoSyncAsync(options: DemoSyncOptions): Promise<DemoSync> {
    const driver = new TestDriver(createSandboxFixture(options.environmentUrl));
    const mappings = resolveDemoMappings(driver);
    const mapping = getAccountsMapping(mappings);
    const client = new DataverseClient({
        environmentUrl: options.environmentUrl,
        tokenProvider: createStaticTokenProvider(options.token),
        fetch: (url, init) => fetch(url, init),
        clock: SYSTEM_CLOCK,
    });
    const dataverse = createDataverseSide(client);

    // TestDriver keeps record updates only while a query on the table is loaded, and forgets them
    // when the last one unloads, where a real base stores them. Each run unloads its own queries,
    // so these stay loaded to carry one run's updates into the next.
    const retainedQueries = await Promise.all(
        mappings.map(tableMapping =>
            driver.base.getTableById(tableMapping.table.id).selectRecordsAsync(),
        ),
    );

    return {
        driver,
        mapping,
        mappings,
        syncAsync: async () => {
            const settings = readDemoSettings(driver);
            const airtable = createAirtableSide(driver.base);
            try {
                const summary = await runSyncAsync({
                    tables: mappings,
                    airtable,
                    dataverse,
                    clock: SYSTEM_CLOCK,
                    conflictPolicy: settings.conflictPolicy,
                    newGuid: () => parseGuid(crypto.randomUUID()),
                    runId: crypto.randomUUID().slice(0, 8),
                    lastSyncedAt: settings.lastSyncedAtByTableId,
                    deltaStates: readDeltaStates(driver.globalConfig.get(ConfigKeys.deltaStates)),
                    // The demo has no person to show a preview to: it writes the values and keeps
                    // every row and record a delete would remove.
                    confirmRunAsync: async () => ({kind: 'apply', deletes: {kind: 'declineAll'}}),
                });
                await saveWatermarksAsync(driver, summary);
                return summary;
            } finally {
                airtable.unloadAll();
            }
        },
        countRowsAsync: async () =>
            mappings.map((tableMapping, index) => ({
                tableName: tableMapping.table.name,
                rowCount: retainedQueries[index]?.records.length ?? 0,
            })),
        closeAsync: async () => {
            for (const query of retainedQueries) {
                query.unloadData();
            }
            await SYSTEM_CLOCK.sleepAsync(SDK_UNLOAD_DELAY_MS + UNLOAD_MARGIN_MS);
        },
    };
}

/** Resolves the default templates against the demo base; every table must fit. */
function resolveDemoMappings(driver: TestDriver): readonly TableMapping[] {
    const {resolutions, mappings} = resolveTemplates(
        SYNC_TEMPLATES,
        driver.base.tables.map(readTableSchema),
    );
    const notReady = resolutions.filter(resolution => resolution.kind !== 'ready');
    if (notReady.length > 0) {
        const names = notReady.map(
            resolution => `${resolution.template.tableName} (${resolution.kind})`,
        );
        throw new Error(`The demo base does not fit the default mappings: ${names.join(', ')}.`);
    }
    return mappings;
}

function getAccountsMapping(mappings: readonly TableMapping[]): TableMapping {
    const accounts = mappings.find(
        tableMapping => tableMapping.entity.logicalName === ACCOUNTS_TEMPLATE.entity.logicalName,
    );
    if (accounts === undefined) {
        throw new Error(`The demo base has no "${ACCOUNTS_TEMPLATE.tableName}" table.`);
    }
    return accounts;
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
        if (table.isComplete && table.deltaState !== null) {
            await driver.globalConfig.setPathsAsync([
                {path: [ConfigKeys.deltaStates, table.tableId], value: {...table.deltaState}},
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
