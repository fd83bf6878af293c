/**
 * Runs one convergence case: builds both sides, applies its steps while the entity model tracks
 * what a person expects, then syncs until a run changes nothing, and checks the result. Returns
 * every violation with a trace of the steps as they resolved.
 */
import {AIRTABLE_MAX_RECORDS_PER_WRITE, type RunSummary} from '../../frontend/sync';
import {tagValues} from './accountValues';
import {CaseWorld, type SharedEmulator} from './caseWorld';
import {applyStepAsync, pickIfExists, syncAsync, takeTag, type CaseContext} from './caseSteps';
import type {ConvergenceCase} from './convergenceCase';
import {EntityModel} from './entityModel';
import {advanceFakeDate, setFakeDate} from './fakeDate';
import {createSeededRandom} from './seededRandom';

/** Every case starts at the same simulated time, so a replay stamps the same dates. */
const CASE_START_MS = Date.parse('2030-01-01T00:00:00Z');
/**
 * Simulated time between two steps. Dynamics stamps `createdon` in whole seconds, and the engine
 * counts a record created within the second of its last sync as one it has seen, a known gap of
 * `wasCreatedBefore`. So each step falls in a later second than the sync before it.
 */
const STEP_INTERVAL_MS = 1000;
/** Runs allowed, after the last step, to reach a run that changes nothing. */
const MAX_SETTLING_SYNCS = 5;

export interface CaseResult {
    readonly violations: readonly string[];
    /** The steps as they resolved against the rows and records, and each sync's counts. */
    readonly trace: readonly string[];
}

export async function runCaseAsync(
    shared: SharedEmulator,
    testCase: ConvergenceCase,
): Promise<CaseResult> {
    setFakeDate(CASE_START_MS);
    const world = await CaseWorld.createAsync(shared, {
        conflictPolicy: testCase.conflictPolicy,
        random: createSeededRandom(testCase.seed),
    });
    const context: CaseContext = {
        world,
        model: new EntityModel(testCase.conflictPolicy),
        trace: [],
        nextTag: 1,
    };
    try {
        await setUpAsync(context, testCase);
        for (const [index, step] of testCase.steps.entries()) {
            advanceFakeDate(STEP_INTERVAL_MS);
            const origin = `step ${index + 1}`;
            context.trace.push(`${origin}: ${await applyStepAsync(context, step, origin)}`);
        }
        const violations = await settleAndCheckAsync(context);
        return {violations, trace: context.trace};
    } finally {
        world.close();
    }
}

/**
 * Creates the initial records, then the initial rows, some of them carrying a record's Dynamics ID
 * as a person may have typed it, without a sync state.
 */
async function setUpAsync(context: CaseContext, testCase: ConvergenceCase): Promise<void> {
    const {world, model, trace} = context;
    const recordIds: string[] = [];
    for (const record of testCase.records) {
        const parentId = record.parent === null ? null : pickIfExists(recordIds, record.parent);
        const values = tagValues(record.values, takeTag(context));
        const id = world.createRecord(values, parentId);
        recordIds.push(id);
        model.addRecord(id, world.toCanonicalValues(values, 'dynamics'), 'initial record');
        trace.push(`initial record ${id} ${JSON.stringify(values)} with parent ${parentId}`);
    }

    const linkedIds = new Set<string>();
    for (const row of testCase.rows) {
        const candidate =
            row.linkedRecord === null ? null : pickIfExists(recordIds, row.linkedRecord);
        const dynamicsId = candidate === null || linkedIds.has(candidate) ? null : candidate;
        const values = tagValues(row.values, takeTag(context));
        const rowId = await world.createRowAsync(values, dynamicsId);
        const canonicalValues = world.toCanonicalValues(values, 'airtable');
        if (dynamicsId === null) {
            model.addRow(rowId, canonicalValues, 'initial row');
        } else {
            linkedIds.add(dynamicsId);
            model.linkRowToRecord(rowId, dynamicsId, canonicalValues);
        }
        trace.push(`initial row ${rowId} ${JSON.stringify(values)} linked to ${dynamicsId}`);
    }
}

/**
 * Syncs until a run changes nothing, then checks both sides against the model. Faults queued after
 * the last sync step apply to the first of these runs; the others run without faults.
 */
async function settleAndCheckAsync(context: CaseContext): Promise<string[]> {
    const {world, model, trace} = context;
    const violations: string[] = [];
    let isQuiet = false;
    for (let run = 1; run <= MAX_SETTLING_SYNCS && !isQuiet; run += 1) {
        advanceFakeDate(STEP_INTERVAL_MS);
        const summary = await syncAsync(context);
        trace.push(`settling sync ${run}: ${world.describeSync(summary)}`);
        isQuiet = isQuietRun(summary);
    }
    if (!isQuiet) {
        violations.push(`No run was free of changes within ${MAX_SETTLING_SYNCS} syncs.`);
    }

    if (world.largestAirtableWrite > AIRTABLE_MAX_RECORDS_PER_WRITE) {
        violations.push(
            `An Airtable write carried ${world.largestAirtableWrite} records; ` +
                `Airtable accepts at most ${AIRTABLE_MAX_RECORDS_PER_WRITE}.`,
        );
    }
    model.checkFinal(world.observe());
    return [...violations, ...model.getViolations()];
}

/** Returns whether the run ended without an error and found every record unchanged. */
function isQuietRun(summary: RunSummary): boolean {
    const otherCounts = Object.entries(summary.counts).filter(([name]) => name !== 'unchanged');
    return summary.error === null && otherCounts.every(([, count]) => count === 0);
}
