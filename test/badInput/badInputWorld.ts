/**
 * One bad-input case's two systems: the bad-input base on Airtable's TestDriver, read and written
 * through the real Airtable adapter, and a shared Dataverse emulator reached through the real
 * Dataverse client. A case may act between the run's reads and writes, the way a person editing
 * the base during a sync does.
 *
 * `dev/demo/browserGlobals` must be imported before this module, because the Blocks SDK reads the
 * browser globals when it loads.
 */
import TestDriver from '@airtable/blocks-testing';
import type {Table, TableOrViewQueryResult} from '@airtable/blocks/models';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import type {Row} from '../../dev/emulator/entities/types';
import type {StoreSnapshot} from '../../dev/emulator/store';
import {createAirtableSide} from '../../frontend/airtable/airtableSide';
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide} from '../../frontend/dataverse/dataverseSide';
import {SYSTEM_CLOCK} from '../../frontend/dataverse/systemClock';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
import {
    runSyncAsync,
    type AirtableSide,
    type DataverseSide,
    type RunSummary,
    type TableMapping,
} from '../../frontend/sync';
import {parseGuid} from '../../frontend/sync/ids';
import type {LogEntry} from '../../frontend/sync/logger';
import {ACCOUNTS_TABLE_ID, createBadInputFixture, type BadInputRows} from './badInputBase';

/** One emulator per test file; each case starts from the empty store it had after start-up. */
export class SharedEmulator {
    private constructor(
        readonly emulator: RunningEmulator,
        private readonly emptyStore: StoreSnapshot,
    ) {}

    static async startAsync(): Promise<SharedEmulator> {
        const emulator = await startEmulatorAsync({
            port: 0,
            seedCount: 0,
            seedSamples: false,
            serviceProtection: false,
        });
        return new SharedEmulator(emulator, emulator.store.snapshot());
    }

    reset(): void {
        this.emulator.faults.clear();
        this.emulator.store.restore(this.emptyStore);
    }

    closeAsync(): Promise<void> {
        return this.emulator.closeAsync();
    }
}

/**
 * Work a case does during a run: once the run has read the rows of one table, or just before its
 * first Airtable write, when every table has been read and the run's preview approved.
 */
export type MidRunAction = (
    {readonly afterReadingTableId: string} | {readonly beforeFirstAirtableWrite: true}
) & {
    readonly actAsync: (world: BadInputWorld) => Promise<void>;
};

let guidCounter = 0;

/** Returns GUIDs that differ across every case of a file, so no case reuses another's ids. */
function nextGuid(): string {
    guidCounter += 1;
    return `00000000-0000-4000-8000-${guidCounter.toString(16).padStart(12, '0')}`;
}

export class BadInputWorld {
    readonly logEntries: LogEntry[] = [];
    private readonly queries = new Map<string, TableOrViewQueryResult>();
    private runCount = 0;
    private lastSyncedAt: Record<string, string> = {};

    private constructor(
        private readonly shared: SharedEmulator,
        readonly driver: TestDriver,
        private readonly dataverse: DataverseSide,
    ) {}

    static async createAsync(shared: SharedEmulator, rows: BadInputRows): Promise<BadInputWorld> {
        shared.reset();
        const driver = new TestDriver(createBadInputFixture(rows));
        const client = new DataverseClient({
            environmentUrl: shared.emulator.url,
            tokenProvider: createStaticTokenProvider(DEV_TOKEN),
            fetch: (url, init) => fetch(url, init),
            clock: SYSTEM_CLOCK,
        });
        const world = new BadInputWorld(shared, driver, createDataverseSide(client));
        for (const table of driver.base.tables) {
            // TestDriver keeps a table's updates only while a query of it is loaded.
            world.queries.set(table.id, await table.selectRecordsAsync());
        }
        return world;
    }

    get emulator(): RunningEmulator {
        return this.shared.emulator;
    }

    close(): void {
        for (const query of this.queries.values()) {
            query.unloadData();
        }
    }

    getTable(tableId: string): Table {
        return this.driver.base.getTableById(tableId);
    }

    /** Returns the cell of a row, or undefined when the row no longer exists. */
    getCell(tableId: string, rowId: string, fieldId: string): unknown {
        const record = this.queries.get(tableId)?.getRecordByIdIfExists(rowId);
        if (record === undefined || record === null) {
            return undefined;
        }
        return record.getCellValue(fieldId);
    }

    listRowIds(tableId: string): string[] {
        return this.queries.get(tableId)?.records.map(record => record.id) ?? [];
    }

    async setCellAsync(tableId: string, rowId: string, fieldId: string, value: unknown) {
        await this.getTable(tableId).updateRecordAsync(rowId, {[fieldId]: value});
    }

    /** Returns the Dynamics ID field of a table of the bad-input base. */
    idFieldOf(tableId: string): string {
        return tableId === ACCOUNTS_TABLE_ID ? 'fldDynamicsId' : 'fldOppDynamicsId';
    }

    /** Returns every cell of a row by field id, or null when the row no longer exists. */
    getCells(tableId: string, rowId: string): Record<string, unknown> | null {
        const record = this.queries.get(tableId)?.getRecordByIdIfExists(rowId) ?? null;
        if (record === null) {
            return null;
        }
        const table = this.getTable(tableId);
        return Object.fromEntries(
            table.fields.map(field => [field.id, record.getCellValue(field.id)]),
        );
    }

    findRowIdByDynamicsId(tableId: string, id: string): string | null {
        const idField = this.idFieldOf(tableId);
        const rowIds = this.listRowIds(tableId);
        return rowIds.find(rowId => this.getCell(tableId, rowId, idField) === id) ?? null;
    }

    /** Returns a copy of a record as the emulator stores it, or null when there is none. */
    getRecord(logicalName: string, id: string): Row | null {
        const record = this.shared.emulator.store.getIfExists(logicalName, id);
        return record === null ? null : structuredClone(record);
    }

    listRecords(logicalName: string): Row[] {
        return this.shared.emulator.store.list(logicalName);
    }

    insertRecord(logicalName: string, values: Row): string {
        const id = nextGuid();
        this.shared.emulator.store.insert(logicalName, {...values, [`${logicalName}id`]: id});
        return id;
    }

    updateRecord(logicalName: string, id: string, values: Row): void {
        this.shared.emulator.store.update(logicalName, id, values);
    }

    /** Runs one sync that approves every delete, with the case's mid-run action if it has one. */
    async syncAsync(tables: readonly TableMapping[], midRun?: MidRunAction): Promise<RunSummary> {
        this.runCount += 1;
        const airtable = createAirtableSide(this.driver.base);
        const side = midRun === undefined ? airtable : this.withMidRunAction(airtable, midRun);
        try {
            const summary = await runSyncAsync({
                tables,
                airtable: side,
                dataverse: this.dataverse,
                clock: SYSTEM_CLOCK,
                conflictPolicy: 'dynamicsWins',
                newGuid: () => parseGuid(nextGuid()),
                runId: `bad-input-${this.runCount}`,
                lastSyncedAt: this.lastSyncedAt,
                confirmDeletesAsync: async () => ({kind: 'approveAll'}),
                logger: {log: entry => this.logEntries.push(entry)},
            });
            this.saveWatermarks(summary);
            return summary;
        } finally {
            airtable.unloadAll();
        }
    }

    /** Wraps the Airtable side so the action runs once, at the moment the case chose. */
    private withMidRunAction(airtable: AirtableSide, midRun: MidRunAction): AirtableSide {
        let isDone = false;
        const actOnceAsync = async (): Promise<void> => {
            if (!isDone) {
                isDone = true;
                await midRun.actAsync(this);
            }
        };
        const beforeWriteAsync = async (): Promise<void> => {
            if ('beforeFirstAirtableWrite' in midRun) {
                await actOnceAsync();
            }
        };
        return {
            readRowsAsync: async mapping => {
                const rows = await airtable.readRowsAsync(mapping);
                if (
                    'afterReadingTableId' in midRun &&
                    mapping.table.id === midRun.afterReadingTableId
                ) {
                    await actOnceAsync();
                }
                return rows;
            },
            createRowsAsync: async (tableId, rows) => {
                await beforeWriteAsync();
                return airtable.createRowsAsync(tableId, rows);
            },
            updateRowsAsync: async (tableId, rows) => {
                await beforeWriteAsync();
                return airtable.updateRowsAsync(tableId, rows);
            },
            deleteRowsAsync: async (tableId, ids) => {
                await beforeWriteAsync();
                return airtable.deleteRowsAsync(tableId, ids);
            },
        };
    }

    private saveWatermarks(summary: RunSummary): void {
        for (const table of summary.tables) {
            if (table.isComplete && table.watermark !== null) {
                this.lastSyncedAt = {...this.lastSyncedAt, [table.tableId]: table.watermark};
            }
        }
    }
}
