/**
 * The two real systems one property case syncs: an Accounts table on Airtable's TestDriver, read
 * and written through the real Airtable adapter, and the shared Dataverse emulator, reached through
 * the real Dataverse client. It also makes the edits a person makes on either side. Airtable rows
 * change through the table's own API and Dynamics records directly in the emulator's store. A
 * Dynamics delete follows the emulator's cascade rules, so it clears the parent link of children.
 *
 * `dev/demo/browserGlobals` must be imported before this module, because the Blocks SDK reads the
 * browser globals when it loads.
 */
import TestDriver from '@airtable/blocks-testing';
import type {Table, TableOrViewQueryResult} from '@airtable/blocks/models';
import {applyDeletePlan, planDelete} from '../../dev/emulator/cascade';
import {createDefaultRegistry, type EntityRegistry} from '../../dev/emulator/entities/registry';
import type {Row} from '../../dev/emulator/entities/types';
import {
    DEV_TOKEN,
    startEmulatorAsync,
    type FaultRule,
    type RunningEmulator,
} from '../../dev/emulator/server';
import type {StoreSnapshot} from '../../dev/emulator/store';
import {createAirtableSide} from '../../frontend/airtable/airtableSide';
import {readTableSchema} from '../../frontend/airtable/tableSchema';
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide} from '../../frontend/dataverse/dataverseSide';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
import {ACCOUNTS_TEMPLATE} from '../../frontend/settings/accountsTemplate';
import {resolveTemplates} from '../../frontend/settings/resolveTemplates';
import {
    parseGuidIfValid,
    parseSyncState,
    runSyncAsync,
    type ConflictPolicy,
    type DataverseSide,
    type RunSummary,
    type TableDeltaState,
    type TableMapping,
} from '../../frontend/sync';
import {createAccountsFixture} from '../fixtures/accountsBase';
import {
    ACCOUNT_COLUMNS,
    type AccountColumn,
    type AccountValues,
    type FieldValue,
} from './accountValues';
import {createCanonicalizer, type Canonicalizer} from './canonicalValues';
import type {CanonicalValues, Observation, ObservedRecord, ObservedRow} from './entityModel';
import {FAKE_CLOCK} from './fakeDate';
import type {SeededRandom} from './seededRandom';

const ACCOUNT = 'account';
const PARENT_ACCOUNT_COLUMN = 'parentaccountid';

/** One emulator for every case; each case starts from the empty store it had after start-up. */
export class SharedEmulator {
    private constructor(
        readonly emulator: RunningEmulator,
        readonly registry: EntityRegistry,
        private readonly emptyStore: StoreSnapshot,
    ) {}

    static async startAsync(): Promise<SharedEmulator> {
        const emulator = await startEmulatorAsync({
            port: 0,
            seedCount: 0,
            seedSamples: false,
            serviceProtection: false,
        });
        return new SharedEmulator(emulator, createDefaultRegistry(), emulator.store.snapshot());
    }

    reset(): void {
        this.emulator.faults.clear();
        this.emulator.store.restore(this.emptyStore);
    }

    closeAsync(): Promise<void> {
        return this.emulator.closeAsync();
    }
}

export interface WorldOptions {
    readonly conflictPolicy: ConflictPolicy;
    readonly random: SeededRandom;
}

export class CaseWorld {
    /** The maximum number of records one Airtable write carried, read from the base's mutations. */
    largestAirtableWrite = 0;
    private lastSyncedAt: Record<string, string> = {};
    private deltaStates: Record<string, TableDeltaState> = {};
    private syncCount = 0;

    private constructor(
        private readonly shared: SharedEmulator,
        private readonly options: WorldOptions,
        private readonly driver: TestDriver,
        private readonly table: Table,
        /** Stays loaded for the whole case, because TestDriver keeps updates only while it is. */
        private readonly query: TableOrViewQueryResult,
        private readonly dataverse: DataverseSide,
        readonly mapping: TableMapping,
        readonly canonicalizer: Canonicalizer,
    ) {}

    static async createAsync(shared: SharedEmulator, options: WorldOptions): Promise<CaseWorld> {
        shared.reset();
        const driver = new TestDriver(createAccountsFixture({records: []}));
        const mapping = resolveAccountsMapping(driver);
        const table = driver.base.getTableById(mapping.table.id);
        const query = await table.selectRecordsAsync();
        const client = new DataverseClient({
            environmentUrl: shared.emulator.url,
            tokenProvider: createStaticTokenProvider(DEV_TOKEN),
            fetch: (url, init) => fetch(url, init),
            clock: FAKE_CLOCK,
            random: options.random.next,
        });
        const world = new CaseWorld(
            shared,
            options,
            driver,
            table,
            query,
            createDataverseSide(client),
            mapping,
            createCanonicalizer(mapping),
        );
        driver.watch('mutation', mutation => world.recordMutation(mutation));
        return world;
    }

    close(): void {
        this.query.unloadData();
    }

    listRowIds(): string[] {
        return this.query.records.map(record => record.id);
    }

    async createRowAsync(values: AccountValues, dynamicsId: string | null = null): Promise<string> {
        const cells: Record<string, unknown> = this.toCells(values);
        if (dynamicsId !== null) {
            cells[this.mapping.dynamicsIdFieldId] = dynamicsId;
        }
        return this.table.createRecordAsync(cells);
    }

    getRowCellIfExists(rowId: string, column: AccountColumn): unknown {
        const record = this.query.getRecordByIdIfExists(rowId);
        return record?.getCellValue(this.canonicalizer.getFieldId(column)) ?? null;
    }

    async editRowAsync(rowId: string, column: AccountColumn, value: FieldValue): Promise<void> {
        await this.table.updateRecordAsync(rowId, {
            [this.canonicalizer.getFieldId(column)]: value,
        });
    }

    async deleteRowAsync(rowId: string): Promise<void> {
        await this.table.deleteRecordAsync(rowId);
    }

    listRecordIds(): string[] {
        return this.shared.emulator.store.list(ACCOUNT).map(getRecordId);
    }

    getRecordVersionIfExists(id: string): number | null {
        const row = this.shared.emulator.store.getIfExists(ACCOUNT, id);
        return row === null ? null : getVersion(row);
    }

    getRecordValueIfExists(id: string, column: AccountColumn): unknown {
        return this.shared.emulator.store.getIfExists(ACCOUNT, id)?.[column] ?? null;
    }

    getParentIdIfExists(id: string): string | null {
        const parent = this.shared.emulator.store.getIfExists(ACCOUNT, id)?.[PARENT_ACCOUNT_COLUMN];
        return typeof parent === 'object' && parent !== null && 'id' in parent ? parent.id : null;
    }

    createRecord(values: AccountValues, parentId: string | null): string {
        const id = this.options.random.nextGuid();
        this.shared.emulator.store.insert(ACCOUNT, {
            ...values,
            accountid: id,
            [PARENT_ACCOUNT_COLUMN]: parentId,
        });
        return id;
    }

    editRecord(id: string, column: AccountColumn, value: FieldValue): void {
        this.shared.emulator.store.update(ACCOUNT, id, {[column]: value});
    }

    setParent(id: string, parentId: string | null): void {
        this.shared.emulator.store.update(ACCOUNT, id, {[PARENT_ACCOUNT_COLUMN]: parentId});
    }

    /** Deletes the record as Dynamics does; returns the records whose parent link it cleared. */
    deleteRecord(id: string): string[] {
        const {store} = this.shared.emulator;
        const plan = planDelete(store, this.shared.registry, {logicalName: ACCOUNT, id});
        applyDeletePlan(store, plan);
        return plan.unlinks.filter(link => link.logicalName === ACCOUNT).map(link => link.id);
    }

    addFault(rule: FaultRule): void {
        this.shared.emulator.faults.add(rule);
    }

    /** Expires every delta link issued so far, as Dynamics does after its retention period. */
    expireDeltaLinks(): void {
        this.shared.emulator.store.discardChangeHistory();
    }

    /** Runs one sync that approves its preview and every delete, then drops unused faults. */
    async syncAsync(): Promise<RunSummary> {
        this.syncCount += 1;
        const airtable = createAirtableSide(this.driver.base);
        try {
            const summary = await runSyncAsync({
                tables: [this.mapping],
                airtable,
                dataverse: this.dataverse,
                clock: FAKE_CLOCK,
                conflictPolicy: this.options.conflictPolicy,
                newGuid: this.options.random.nextGuid,
                runId: `sync-${this.syncCount}`,
                lastSyncedAt: this.lastSyncedAt,
                deltaStates: this.deltaStates,
                confirmRunAsync: async () => ({kind: 'apply', deletes: {kind: 'approveAll'}}),
            });
            this.saveWatermarks(summary);
            return summary;
        } finally {
            airtable.unloadAll();
            this.shared.emulator.faults.clear();
        }
    }

    /** Returns whether the run finished with no failed record, so its watermark was saved. */
    isCompleteSync(summary: RunSummary): boolean {
        return summary.tables.some(
            table =>
                table.tableId === this.mapping.table.id &&
                table.isComplete &&
                table.watermark !== null,
        );
    }

    /** Lists a run's counts, the reason it stopped, and its failed, skipped and restored records. */
    describeSync(summary: RunSummary): string {
        const counts = Object.entries(summary.counts)
            .filter(([, count]) => count > 0)
            .map(([name, count]) => `${name} ${count}`);
        const parts = [counts.length > 0 ? counts.join(', ') : 'nothing'];
        if (summary.error !== null) {
            parts.push(`stopped: ${summary.error.code} ${summary.error.detail ?? ''}`);
        }
        for (const outcome of summary.outcomes) {
            if ('message' in outcome) {
                parts.push(`${outcome.status} ${outcome.ref.name}: ${outcome.message}`);
            }
        }
        return parts.join('; ');
    }

    observe(): Observation {
        return {
            rows: this.query.records.map(record => this.observeRow(record)),
            records: this.shared.emulator.store.list(ACCOUNT).map(row => this.observeRecord(row)),
        };
    }

    toCanonicalValues(values: AccountValues, side: 'airtable' | 'dynamics'): CanonicalValues {
        const read =
            side === 'airtable' ? this.canonicalizer.fromAirtable : this.canonicalizer.fromDynamics;
        return mapColumns(column => read(column, values[column] ?? null));
    }

    /** Keeps each complete table's watermark and delta state for the next run, as the extension does. */
    private saveWatermarks(summary: RunSummary): void {
        for (const table of summary.tables) {
            if (table.isComplete && table.watermark !== null) {
                this.lastSyncedAt = {...this.lastSyncedAt, [table.tableId]: table.watermark};
            }
            if (table.isComplete && table.deltaState !== null) {
                this.deltaStates = {...this.deltaStates, [table.tableId]: table.deltaState};
            }
        }
    }

    private observeRow(record: TableOrViewQueryResult['records'][number]): ObservedRow {
        const idCell = record.getCellValue(this.mapping.dynamicsIdFieldId);
        const parsedState = parseSyncState(record.getCellValue(this.mapping.syncStateFieldId));
        return {
            id: record.id,
            dynamicsId: typeof idCell === 'string' ? parseGuidIfValid(idCell) : null,
            syncState: parsedState.ok ? parsedState.state : null,
            values: mapColumns(column =>
                this.canonicalizer.fromAirtable(
                    column,
                    record.getCellValue(this.canonicalizer.getFieldId(column)),
                ),
            ),
        };
    }

    private observeRecord(row: Row): ObservedRecord {
        return {
            id: getRecordId(row),
            version: getVersion(row),
            values: mapColumns(column => this.canonicalizer.fromDynamics(column, row[column])),
        };
    }

    private toCells(values: AccountValues): Record<string, unknown> {
        const cells: Record<string, unknown> = {};
        for (const column of ACCOUNT_COLUMNS) {
            cells[this.canonicalizer.getFieldId(column)] = values[column] ?? null;
        }
        return cells;
    }

    private recordMutation(mutation: unknown): void {
        this.largestAirtableWrite = Math.max(
            this.largestAirtableWrite,
            countWrittenRecords(mutation),
        );
    }
}

function resolveAccountsMapping(driver: TestDriver): TableMapping {
    const {mappings} = resolveTemplates(
        [ACCOUNTS_TEMPLATE],
        driver.base.tables.map(readTableSchema),
    );
    const [mapping] = mappings;
    if (mapping === undefined) {
        throw new Error('The property base does not fit the Accounts mapping.');
    }
    return mapping;
}

function mapColumns(
    read: (column: AccountColumn) => CanonicalValues[AccountColumn],
): CanonicalValues {
    return Object.fromEntries(ACCOUNT_COLUMNS.map(column => [column, read(column)])) as Record<
        AccountColumn,
        CanonicalValues[AccountColumn]
    >;
}

function getRecordId(row: Row): string {
    const id = row['accountid'];
    if (typeof id !== 'string') {
        throw new Error(`An emulator account has no id: ${JSON.stringify(row)}`);
    }
    return id;
}

function getVersion(row: Row): number {
    const version = row['versionnumber'];
    if (typeof version !== 'number') {
        throw new Error(`Emulator account ${getRecordId(row)} has no version number.`);
    }
    return version;
}

/** Counts the records of a record mutation; other mutations, such as settings, count as 0. */
function countWrittenRecords(mutation: unknown): number {
    if (typeof mutation !== 'object' || mutation === null) {
        return 0;
    }
    if ('records' in mutation && Array.isArray(mutation.records)) {
        return mutation.records.length;
    }
    if ('recordIds' in mutation && Array.isArray(mutation.recordIds)) {
        return mutation.recordIds.length;
    }
    return 0;
}
