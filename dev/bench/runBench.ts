/**
 * Runs the three workloads in one session and measures the planning of the resync: the first
 * import into empty tables, a resync with nothing changed, and a sync after edits on both sides.
 */
import {BenchSession, type WorkloadReport} from './benchSession';
import {editBothSidesAsync, shareEdits} from './edits';
import type {BenchOptions} from './options';
import {measurePlanningAsync, type PlanningReport} from './planningCpu';

export interface BenchReport {
    readonly options: BenchOptions;
    readonly workloads: readonly WorkloadReport[];
    readonly planning: PlanningReport;
    /** The whole run, set-up included. */
    readonly totalMs: number;
}

/**
 * Dynamics stamps `modifiedon` in whole seconds, and the engine counts a change within the second
 * of its last sync as one it has seen. The edits start later than that.
 */
const PAUSE_BEFORE_EDITS_MS = 1100;

export async function runBenchAsync(options: BenchOptions): Promise<BenchReport> {
    const startMs = performance.now();
    const session = await BenchSession.startAsync(options);
    try {
        const {accounts, contacts, opportunities} = options.sizes;
        const tableSizes = [accounts, contacts, opportunities];
        const nothingToRead = tableSizes.map(() => 0);

        const importReport = await session.measureSyncAsync({
            title:
                `First import: ${accounts} accounts, ${contacts} contacts, ` +
                `${opportunities} opportunities into empty tables`,
            rowsToRead: tableSizes,
        });
        const resyncReport = await session.measureSyncAsync({
            title: 'Resync with nothing changed',
            rowsToRead: nothingToRead,
        });
        const planning = await measurePlanningAsync(session, session.getLastSyncedAt());

        const editCounts = shareEdits(options.sizes.editsPerSide, tableSizes);
        await new Promise(resolve => setTimeout(resolve, PAUSE_BEFORE_EDITS_MS));
        for (const [index, mapping] of session.base.mappings.entries()) {
            await editBothSidesAsync(
                session.base,
                session.emulator.store,
                mapping,
                editCounts[index] ?? 0,
            );
        }
        const editsReport = await session.measureSyncAsync({
            title: `${options.sizes.editsPerSide} edits on each side`,
            rowsToRead: editCounts,
        });

        return {
            options,
            workloads: [importReport, resyncReport, editsReport],
            planning,
            totalMs: performance.now() - startMs,
        };
    } finally {
        await session.closeAsync();
    }
}
