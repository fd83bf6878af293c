/**
 * `npm run bench`: syncs 50,000 records between the Dataverse emulator and a simulated Airtable
 * base through the real client, adapter and engine, and prints each workload's requests, time,
 * memory and lower bound. `--small` runs a few hundred records instead. Exits 1 when a run stops,
 * a record fails or the simulated Airtable server rejects a call.
 */
import {runBenchAsync} from './runBench';
import {closeBrowserGlobals} from '../demo/browserGlobals';
import {parseBenchArgs} from './options';
import {formatReport} from './report';

async function mainAsync(): Promise<void> {
    const options = parseBenchArgs(process.argv.slice(2));
    try {
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
    } finally {
        closeBrowserGlobals();
    }
}

mainAsync().catch((error: unknown) => {
    console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
});
