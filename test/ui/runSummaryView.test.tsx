/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {fireEvent, render, screen} from '@testing-library/react';
import {countOutcomes} from '../../frontend/sync/outcomes';
import type {RunError, RunSummary} from '../../frontend/sync';
import {describeDuration, RunSummaryView} from '../../frontend/ui/RunSummaryView';

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

describe('RunSummaryView', () => {
    const stopped: RunError = {
        code: 'dynamicsFailed',
        message:
            "The sync stopped because reading records for 'Accounts' failed in Dynamics. Check the connection and sync again.",
        detail: "Couldn't read Accounts: Dynamics is unavailable (503). Try again in a few minutes.",
        tableName: 'Accounts',
    };

    function renderStopped(error: RunError) {
        render(
            <RunSummaryView
                tables={[]}
                summary={{...createSummary(1_000, 2_000), error}}
                decisionWaitMs={0}
                canOpenRecords={{ok: true}}
            />,
        );
    }

    test('shows why Dynamics failed on request', () => {
        renderStopped(stopped);

        expect(screen.getByText(stopped.message)).toBeTruthy();
        expect(screen.queryByText(/503/)).toBeNull();
        fireEvent.click(screen.getByRole('button', {name: 'Show details'}));
        expect(screen.getByText(/unavailable \(503\)/)).toBeTruthy();
    });

    test('offers no details without any', () => {
        renderStopped({...stopped, detail: null});

        expect(screen.getByText(stopped.message)).toBeTruthy();
        expect(screen.queryByRole('button', {name: 'Show details'})).toBeNull();
    });
});
