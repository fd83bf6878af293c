/**
 * The benchmark's `--planning-only` mode in small size: the import runs without pacing and the
 * resync plans every record as unchanged in both modes. It asserts no timing.
 */
import {closeBrowserGlobals} from '../../dev/demo/browserGlobals';
import {parseBenchArgs} from '../../dev/bench/options';
import {
    PLANNING_REPETITIONS,
    runPlanningOnlyAsync,
    type PlanningOnlyReport,
} from '../../dev/bench/planningCpu';

let report: PlanningOnlyReport;
const options = parseBenchArgs(['--small', '--planning-only', '--latency-ms', '0']);
const {accounts, contacts, opportunities} = options.sizes;
const recordCount = accounts + contacts + opportunities;

beforeAll(async () => {
    report = await runPlanningOnlyAsync(options);
}, 120_000);

afterAll(() => {
    closeBrowserGlobals();
});

test('option parser sets planning only', () => {
    expect(options.isPlanningOnly).toBe(true);
});

test.each(['full', 'delta', 'deltaAgain'] as const)('%s mode repeats the planning', mode => {
    expect(report[mode]).toHaveLength(PLANNING_REPETITIONS);
});

test.each(['full', 'delta', 'deltaAgain'] as const)('%s mode plans every record', mode => {
    expect(report[mode][0]?.recordCount).toBe(recordCount);
});

test.each(['full', 'delta', 'deltaAgain'] as const)('%s mode finds nothing changed', mode => {
    expect(report[mode][0]?.stepsByKind).toEqual({unchanged: recordCount});
});

test.each(['delta', 'deltaAgain'] as const)('%s mode needs no unread record', mode => {
    expect(report[mode][0]?.unreadCount).toBe(0);
});
