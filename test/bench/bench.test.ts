/**
 * The benchmark's small mode end to end, so the harness keeps working as the engine and client
 * change. It checks that every workload completes and reports every row; it asserts no timing.
 */
import {runBenchAsync, type BenchReport} from '../../dev/bench/runBench';
import {closeBrowserGlobals} from '../../dev/demo/browserGlobals';
import {parseBenchArgs} from '../../dev/bench/options';
import {formatReport, WORKLOAD_ROWS} from '../../dev/bench/report';

let report: BenchReport;
let lines: string[];

beforeAll(async () => {
    report = await runBenchAsync(parseBenchArgs(['--small', '--latency-ms', '5']));
    lines = formatReport(report);
}, 240_000);

afterAll(() => {
    closeBrowserGlobals();
});

test('small run reports three workloads', () => {
    expect(report.workloads).toHaveLength(3);
});

test.each([0, 1, 2])('workload %i completes without errors', index => {
    const workload = report.workloads[index];
    expect(workload?.summary.error).toBeNull();
    expect(workload?.summary.counts.failed).toBe(0);
    expect(workload?.airtable.rejectedCalls).toBe(0);
});

test.each(WORKLOAD_ROWS)('report prints row "%s" per workload', row => {
    const printed = lines.filter(line => line.trimStart().startsWith(`${row}  `));
    expect(printed).toHaveLength(report.workloads.length);
});

test('report prints the planning CPU time', () => {
    expect(lines.some(line => line.startsWith('Planning the resync of'))).toBe(true);
});

test('import creates every record in Airtable', () => {
    const {accounts, contacts, opportunities} = report.options.sizes;
    expect(report.workloads[0]?.summary.counts.createdInAirtable).toBe(
        accounts + contacts + opportunities,
    );
});

test('edits reach the other side', () => {
    const counts = report.workloads[2]?.summary.counts;
    expect(counts?.updatedInAirtable).toBe(report.options.sizes.editsPerSide);
    expect(counts?.updatedInDynamics).toBe(report.options.sizes.editsPerSide);
});

test('option parser rejects unknown options', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow("Unknown option '--fast'");
});

test('option parser rejects negative latency', () => {
    expect(() => parseBenchArgs(['--latency-ms', '-1'])).toThrow('--latency-ms expects');
});
