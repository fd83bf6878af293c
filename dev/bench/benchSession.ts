/**
 * One benchmark session: an emulator seeded with the workload's records, the simulated base, and
 * the real client, adapter and engine wired as the extension wires them. `measureSyncAsync` runs
 * one sync and collects every figure of the report, including the replay through
 * `dynamics-web-api`.
 */
import {createBenchBaseAsync, type BenchBase} from './benchBase';
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide} from '../../frontend/dataverse/dataverseSide';
import {SYSTEM_CLOCK} from '../../frontend/dataverse/systemClock';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
import type {AirtableRunSide} from '../../frontend/airtable/airtableSide';
import {parseGuid, runSyncAsync, type RunSummary, type TableDeltaState} from '../../frontend/sync';
import {SDK_UNLOAD_DELAY_MS} from '../demo/demoSync';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../emulator/server';
import {computeLowerBound, type LowerBound} from './lowerBound';
import {MemorySampler, type MemoryPeak} from './memorySampler';
import type {BenchOptions} from './options';
import {RecordingDataverseSide} from './recordingDataverseSide';
import {countRequests, type RequestCounts} from './requestKinds';
import {seedRelatedRecords} from './seedDynamics';
import {SimulatedAirtableServer, type AirtableServerCounts} from './simulatedAirtableServer';
import {getWriteShape, replayAsync, type ReplayResult} from './webApiReplay';

/** Wait between two syncs, so the SDK has released the previous run's queries, as for a person. */
const PAUSE_BETWEEN_RUNS_MS = SDK_UNLOAD_DELAY_MS + 200;

export interface WorkloadReport {
    readonly title: string;
    readonly summary: RunSummary;
    readonly dataverseRequests: RequestCounts;
    readonly dataverseWrites: number;
    readonly airtable: AirtableServerCounts;
    readonly airtableWriteCalls: number;
    readonly wallMs: number;
    readonly memory: MemoryPeak;
    readonly bound: LowerBound;
    /** Milliseconds the project's client was busy with the sync's reads and writes. */
    readonly clientMs: number;
    readonly webApi: ReplayResult;
    readonly webApiRequests: RequestCounts;
}

export interface WorkloadSpec {
    readonly title: string;
    /** Per mapped table, the rows a sync must read at the least (see `BoundInput`). */
    readonly rowsToRead: readonly number[];
}

export class BenchSession {
    private lastSyncedAt: Record<string, string> = {};
    private deltaStates: Record<string, TableDeltaState> = {};
    /**
     * One Airtable adapter for every run, as the extension keeps one while it is open, so its
     * record queries and the rows read through them carry over from run to run.
     */
    private readonly side: AirtableRunSide;

    private constructor(
        readonly options: BenchOptions,
        readonly emulator: RunningEmulator,
        readonly base: BenchBase,
        readonly dataverse: RecordingDataverseSide,
    ) {
        this.side = base.createSide();
    }

    static async startAsync(options: BenchOptions): Promise<BenchSession> {
        const emulator = await startEmulatorAsync({
            port: 0,
            seedCount: options.sizes.accounts,
            seedSamples: false,
            latencyMs: options.latencyMs,
        });
        seedRelatedRecords(emulator.store, options.sizes);
        const client = new DataverseClient({
            environmentUrl: emulator.url,
            tokenProvider: createStaticTokenProvider(DEV_TOKEN),
            fetch: (url, init) => fetch(url, init),
            clock: SYSTEM_CLOCK,
        });
        const dataverse = new RecordingDataverseSide(createDataverseSide(client));
        const base = await createBenchBaseAsync(emulator.url);
        return new BenchSession(options, emulator, base, dataverse);
    }

    /** Runs one sync, then replays its Dataverse calls through `dynamics-web-api`. */
    async measureSyncAsync(spec: WorkloadSpec): Promise<WorkloadReport> {
        await SYSTEM_CLOCK.sleepAsync(PAUSE_BETWEEN_RUNS_MS);
        const airtable = new SimulatedAirtableServer(
            this.side,
            SYSTEM_CLOCK,
            this.options.writeDelayMs,
        );
        this.dataverse.reset();
        const logStart = this.emulator.requestLog.length;
        const sampler = new MemorySampler();

        sampler.start();
        const startMs = performance.now();
        const summary = await this.syncAsync(airtable);
        const wallMs = performance.now() - startMs;
        const memory = sampler.stop();

        const logEnd = this.emulator.requestLog.length;
        const dataverseRequests = countRequests(this.emulator.requestLog.slice(logStart, logEnd));
        const calls = this.dataverse.getCalls();
        const dataverseWrites = calls.reduce(
            (total, call) => total + (call.kind === 'write' ? call.writes.length : 0),
            0,
        );
        const shape = getWriteShape(dataverseWrites, dataverseRequests.byKind.$batch);
        const webApi = await replayAsync(this.emulator.url, calls, shape);
        const airtableCounts = airtable.getCounts();
        const airtableWriteCalls = sumValues(airtableCounts.writeCalls);
        return {
            title: spec.title,
            summary,
            dataverseRequests,
            dataverseWrites,
            airtable: airtableCounts,
            airtableWriteCalls,
            wallMs,
            memory,
            bound: computeLowerBound({
                rowsToRead: spec.rowsToRead,
                dataverseWrites,
                airtableWriteCalls,
                latencyMs: this.options.latencyMs,
            }),
            clientMs: this.dataverse.getBusyMs(),
            webApi,
            webApiRequests: countRequests(this.emulator.requestLog.slice(logEnd)),
        };
    }

    /** Returns each table's `lastSyncedAt` for the next run, by Airtable table id. */
    getLastSyncedAt(): Readonly<Record<string, string>> {
        return this.lastSyncedAt;
    }

    async closeAsync(): Promise<void> {
        this.side.unloadAll();
        await this.base.closeAsync();
        await this.emulator.closeAsync();
    }

    /** Syncs every table and keeps each complete table's state for the next run. */
    private async syncAsync(airtable: SimulatedAirtableServer): Promise<RunSummary> {
        const summary = await runSyncAsync({
            tables: this.base.mappings,
            airtable,
            dataverse: this.dataverse,
            clock: SYSTEM_CLOCK,
            conflictPolicy: 'dynamicsWins',
            newGuid: () => parseGuid(crypto.randomUUID()),
            runId: crypto.randomUUID().slice(0, 8),
            lastSyncedAt: this.lastSyncedAt,
            deltaStates: this.deltaStates,
            // With the default approval settings every run that writes waits for approval. The
            // benchmark measures the sync, not a person reading its preview, so it approves at once.
            confirmRunAsync: async () => ({kind: 'apply', deletes: {kind: 'approveAll'}}),
        });
        this.keepTableState(summary);
        return summary;
    }

    /** Passes each table's state to the next run, as the extension saves it in globalConfig. */
    private keepTableState(summary: RunSummary): void {
        const lastSyncedAt = {...this.lastSyncedAt};
        const deltaStates = {...this.deltaStates};
        for (const table of summary.tables) {
            if (table.isComplete && table.watermark !== null) {
                lastSyncedAt[table.tableId] = table.watermark;
            }
            if (table.isComplete && table.deltaState !== null) {
                deltaStates[table.tableId] = table.deltaState;
            }
        }
        this.lastSyncedAt = lastSyncedAt;
        this.deltaStates = deltaStates;
    }
}

function sumValues(counts: Readonly<Record<string, number>>): number {
    return Object.values(counts).reduce((total, count) => total + count, 0);
}
