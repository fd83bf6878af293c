/**
 * Property: whatever a person edits, creates and deletes on both sides, and whatever faults
 * Dynamics responds with, syncing until a run changes nothing leaves Airtable and Dynamics with
 * the same accounts and values and no duplicates. Every edit is kept unless the conflict policy or
 * a delete rules it out. Runs the real Airtable adapter on TestDriver and the real Dataverse client
 * against one shared emulator on a simulated clock.
 *
 * Replay a failure with the seed and path fast-check prints:
 * CONVERGENCE_SEED=<seed> CONVERGENCE_PATH=<path> npx jest test/property
 */
import '../../dev/demo/browserGlobals';
import fc from 'fast-check';
import {closeBrowserGlobals} from '../../dev/demo/browserGlobals';
import {SDK_UNLOAD_DELAY_MS} from '../../dev/demo/demoSync';
import {SharedEmulator} from './caseWorld';
import {convergenceCaseArbitrary} from './convergenceCase';
import {useFakeDate} from './fakeDate';
import {runCaseAsync} from './runCase';

const DEFAULT_RUNS = 200;
/** 200 cases took 4 to 6 s on a two-core machine; shrinking a failing case takes longer. */
const TIMEOUT_MS = 10 * 60 * 1000;

const runs = Number(process.env.CONVERGENCE_RUNS ?? DEFAULT_RUNS);
const seed = Number(process.env.CONVERGENCE_SEED ?? Date.now() % 2 ** 31);
const path = process.env.CONVERGENCE_PATH;

let shared: SharedEmulator;

beforeAll(async () => {
    shared = await SharedEmulator.startAsync();
    // Each case sets the date it starts at.
    useFakeDate(0);
});

afterAll(async () => {
    jest.useRealTimers();
    await shared?.closeAsync();
    // Lets the SDK release the cases' queries, so no SDK timer outlives the file.
    await new Promise(resolve => setTimeout(resolve, SDK_UNLOAD_DELAY_MS + 100));
    closeBrowserGlobals();
});

test(
    'both sides converge after random edits',
    async () => {
        const property = fc.asyncProperty(convergenceCaseArbitrary, async testCase => {
            const result = await runCaseAsync(shared, testCase);
            if (result.violations.length > 0) {
                throw new Error(
                    `${result.violations.join('\n')}\n\nTrace:\n${result.trace.join('\n')}`,
                );
            }
        });
        await fc.assert(property, {numRuns: runs, seed, ...(path === undefined ? {} : {path})});
    },
    TIMEOUT_MS,
);
