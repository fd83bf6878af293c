/**
 * `npm run bench`: syncs 50,000 records between the Dataverse emulator and a simulated Airtable
 * base through the real client, adapter and engine, and prints each workload's requests, time,
 * memory and lower bound. `--small` runs a few hundred records instead. `--planning-only` imports
 * the records and prints only the CPU time of planning a resync. Exits 1 when a run stops, a
 * record fails or the simulated Airtable server rejects a call.
 */
import {runBenchAsync} from './runBench';
import {closeBrowserGlobals} from '../demo/browserGlobals';
import {parseBenchArgs, type BenchOptions} from './options';
import {runPlanningOnlyAsync, type PlanningReport} from './planningCpu';
import {formatReport} from './report';

async function mainAsync(): Promise<void> {
    const options = parseBenchArgs(process.argv.slice(2));
    try {
        if (options.isPlanningOnly) {
            await printPlanningOnlyAsync(options);
        } else {
            await printBenchAsync(options);
        }
    } finally {
        closeBrowserGlobals();
    }
}

async function printBenchAsync(options: BenchOptions): Promise<void> {
    const report = await runBenchAsync(options);
    console.log(formatReport(report).join('\n'));
    const problems = report.workloads.filter(
        workload =>
            workload.summary.error !== null ||
            workload.summary.counts.failed > 0 ||
            workload.airtable.rejectedCalls > 0,
    );
    if (problems.length > 0) {
        const titles = problems.map(workload => workload.title).join('; ');
        throw new Error(`A sync stopped, failed records or was rejected in: ${titles}.`);
    }
}

async function printPlanningOnlyAsync(options: BenchOptions): Promise<void> {
    const report = await runPlanningOnlyAsync(options);
    console.log(formatPlanningMode('full mode (every record read)', report.full));
    console.log(formatPlanningMode('delta mode (every record unchanged)', report.delta));
    console.log(
        formatPlanningMode(
            'delta mode again (rows unchanged since the last plan)',
            report.deltaAgain,
        ),
    );
}

/** Formats the median and each repetition's CPU time, and the steps of the first repetition. */
function formatPlanningMode(title: string, reports: readonly PlanningReport[]): string {
    const times = reports.map(report => report.cpuMs);
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    const [first] = reports;
    const steps = Object.entries(first?.stepsByKind ?? {})
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ');
    return (
        `Planning the resync of ${first?.recordCount ?? 0} records, ${title}: ` +
        `median ${median.toFixed(0)} ms CPU (${times.map(time => time.toFixed(0)).join(', ')})\n` +
        `  steps: ${steps || 'none'}; rows that need unread records: ${first?.unreadCount ?? 0}`
    );
}

mainAsync().catch((error: unknown) => {
    console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
});
