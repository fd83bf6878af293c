/**
 * The simulated Airtable base the benchmark syncs into: the sandbox's Accounts, Contacts and
 * Opportunities tables with no rows, held by Airtable's TestDriver and written through the real
 * Airtable adapter, behind a model of Airtable's server limits.
 *
 * TestDriver (`@airtable/blocks-testing` 0.0.6) keeps 50,000 records without trouble: creating 30,000 rows in
 * one table in calls of 50 took 1.5 s, and selecting them 0.3 s (Node 20, on a shared 2-core
 * machine), far below the write pacing the benchmark measures.
 *
 * This module installs jsdom's browser globals before it loads `@airtable/blocks-testing`, so it
 * must be imported before anything else that loads the Blocks SDK.
 */
import '../demo/browserGlobals';
import TestDriver from '@airtable/blocks-testing';
import type {TableOrViewQueryResult} from '@airtable/blocks/models';
import {createAirtableSide, type AirtableRunSide} from '../../frontend/airtable/airtableSide';
import {readTableSchema} from '../../frontend/airtable/tableSchema';
import {resolveTemplates} from '../../frontend/settings/resolveTemplates';
import {SYNC_TEMPLATES} from '../../frontend/settings/syncTemplates';
import type {TableMapping} from '../../frontend/sync';
import {SDK_UNLOAD_DELAY_MS} from '../demo/demoSync';
import {createSandboxFixture, type SandboxFixture} from '../sandbox/fixture';

const UNLOAD_MARGIN_MS = 100;

export interface BenchBase {
    readonly driver: TestDriver;
    /** The Accounts, Contacts and Opportunities mappings, in the templates' order. */
    readonly mappings: readonly TableMapping[];
    /** Creates the real Airtable adapter for one run; call `unloadAll` on it once the run ends. */
    createSide(): AirtableRunSide;
    /** The loaded query of the mapped table, which stays current with every write. */
    getQuery(mapping: TableMapping): TableOrViewQueryResult;
    /** Unloads the queries and waits until the SDK has released them. */
    closeAsync(): Promise<void>;
}

export async function createBenchBaseAsync(environmentUrl: string): Promise<BenchBase> {
    const driver = new TestDriver(withoutRows(createSandboxFixture(environmentUrl)));
    const mappings = resolveBenchMappings(driver);

    // TestDriver keeps record updates only while a query on the table is loaded, where a real base
    // stores them. Each run unloads its own queries, so these stay loaded between runs.
    const queries = new Map<string, TableOrViewQueryResult>();
    for (const mapping of mappings) {
        const table = driver.base.getTableById(mapping.table.id);
        queries.set(mapping.table.id, await table.selectRecordsAsync());
    }

    return {
        driver,
        mappings,
        createSide: () => createAirtableSide(driver.base),
        getQuery: mapping => {
            const query = queries.get(mapping.table.id);
            if (query === undefined) {
                throw new Error(`The bench base has no query of table ${mapping.table.id}.`);
            }
            return query;
        },
        closeAsync: async () => {
            for (const query of queries.values()) {
                query.unloadData();
            }
            await new Promise(resolve =>
                setTimeout(resolve, SDK_UNLOAD_DELAY_MS + UNLOAD_MARGIN_MS),
            );
        },
    };
}

/** Keeps the sandbox's tables, fields, views and settings, and drops every row. */
function withoutRows(fixture: SandboxFixture): SandboxFixture {
    const tables = fixture.base.tables.map(table => ({
        ...table,
        records: [],
        views: table.views.map(view => ({...view, records: []})),
    }));
    return {...fixture, base: {...fixture.base, tables}};
}

function resolveBenchMappings(driver: TestDriver): readonly TableMapping[] {
    const {resolutions, mappings} = resolveTemplates(
        SYNC_TEMPLATES,
        driver.base.tables.map(readTableSchema),
    );
    const notReady = resolutions.filter(resolution => resolution.kind !== 'ready');
    if (notReady.length > 0) {
        const names = notReady.map(
            resolution => `${resolution.template.tableName} (${resolution.kind})`,
        );
        throw new Error(`The bench base does not fit the default mappings: ${names.join(', ')}.`);
    }
    return mappings;
}
