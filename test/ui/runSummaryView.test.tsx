/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {countOutcomes} from '../../frontend/sync/outcomes';
import type {RunSummary} from '../../frontend/sync';
import {describeDuration} from '../../frontend/ui/RunSummaryView';

function createSummary(startedAtMs: number, endedAtMs: number): RunSummary {
    return {
        runId: 'run1',
        startedAtMs,
        endedAtMs,
        counts: countOutcomes([]),
        outcomes: [],
        tables: [],
        error: null,
    };
}

describe('describeDuration', () => {
    test('shows the run time', () => {
        expect(describeDuration(createSummary(1_000, 3_400), 0)).toBe('Took 2.4 s.');
    });

    test('leaves out the decision wait', () => {
        expect(describeDuration(createSummary(1_000, 15_400), 12_000)).toBe(
            'Took 2.4 s, plus 12.0 s waiting for your decision on the preview.',
        );
    });

    test('caps the wait at the run time', () => {
        expect(describeDuration(createSummary(1_000, 2_000), 5_000)).toBe(
            'Took 0.0 s, plus 1.0 s waiting for your decision on the preview.',
        );
    });
});
