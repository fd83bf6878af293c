/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import {act, render, screen} from '@testing-library/react';
import type {AutoSyncMinutes} from '../../frontend/settings/syncOptions';
import type {RunError, RunSummary} from '../../frontend/sync';
import {useAutoSync} from '../../frontend/ui/useAutoSync';

const FIVE_MINUTES_MS = 5 * 60_000;

function summary(error: RunError | null): RunSummary {
    return {
        runId: 'run-1',
        startedAtMs: 0,
        endedAtMs: 0,
        counts: {
            createdInAirtable: 0,
            updatedInAirtable: 0,
            createdInDynamics: 0,
            updatedInDynamics: 0,
            unchanged: 0,
            conflicts: 0,
            skipped: 0,
            failed: 0,
            deletedInAirtable: 0,
            deletedInDynamics: 0,
            restored: 0,
        },
        outcomes: [],
        tables: [],
        error,
    };
}

const APPROVAL_NEEDED: RunError = {
    code: 'approvalNeeded',
    message: 'The sync needs approval before it writes anything.',
    detail: 'Deletes 1 record in Dynamics.',
    tableName: null,
};

interface ProbeProps {
    readonly minutes: AutoSyncMinutes | null;
    readonly isRunning?: boolean;
    readonly canSync?: boolean;
    startAutomaticAsync(): Promise<RunSummary | null>;
}

function AutoSyncProbe({
    minutes,
    isRunning = false,
    canSync = true,
    startAutomaticAsync,
}: ProbeProps) {
    const autoSync = useAutoSync({minutes, isRunning, canSync, startAutomaticAsync});
    return <p role="status">{autoSync.waitingMessage ?? 'No message'}</p>;
}

async function advanceAsync(ms: number): Promise<void> {
    await act(async () => {
        jest.advanceTimersByTime(ms);
        await Promise.resolve();
    });
}

beforeEach(() => {
    jest.useFakeTimers();
});

afterEach(() => {
    jest.useRealTimers();
});

describe('useAutoSync', () => {
    test('runs once per interval', async () => {
        const start = jest.fn(async () => summary(null));
        render(<AutoSyncProbe minutes={5} startAutomaticAsync={start} />);

        await advanceAsync(FIVE_MINUTES_MS - 1);
        const callsBefore = start.mock.calls.length;
        await advanceAsync(1);
        const callsAfterOne = start.mock.calls.length;
        await advanceAsync(FIVE_MINUTES_MS);

        expect(callsBefore).toBe(0);
        expect(callsAfterOne).toBe(1);
        expect(start).toHaveBeenCalledTimes(2);
    });

    test('off never runs', async () => {
        const start = jest.fn(async () => summary(null));
        render(<AutoSyncProbe minutes={null} startAutomaticAsync={start} />);

        await advanceAsync(60 * 60_000);

        expect(start).not.toHaveBeenCalled();
    });

    test('skips while a run is in progress', async () => {
        const start = jest.fn(async () => summary(null));
        render(<AutoSyncProbe minutes={5} isRunning startAutomaticAsync={start} />);

        await advanceAsync(FIVE_MINUTES_MS);

        expect(start).not.toHaveBeenCalled();
    });

    test('skips when the user cannot sync', async () => {
        const start = jest.fn(async () => summary(null));
        render(<AutoSyncProbe minutes={5} canSync={false} startAutomaticAsync={start} />);

        await advanceAsync(FIVE_MINUTES_MS);

        expect(start).not.toHaveBeenCalled();
    });

    test('shows the approval reasons', async () => {
        const start = jest.fn(async () => summary(APPROVAL_NEEDED));
        render(<AutoSyncProbe minutes={5} startAutomaticAsync={start} />);

        await advanceAsync(FIVE_MINUTES_MS);

        expect(screen.getByRole('status').textContent).toBe(
            'Automatic sync is waiting for your approval: Deletes 1 record in Dynamics.',
        );
    });

    test('clears after an applied run', async () => {
        const start = jest
            .fn<Promise<RunSummary | null>, []>()
            .mockResolvedValueOnce(summary(APPROVAL_NEEDED))
            .mockResolvedValueOnce(summary(null));
        render(<AutoSyncProbe minutes={15} startAutomaticAsync={start} />);

        await advanceAsync(15 * 60_000);
        const first = screen.getByRole('status').textContent;
        await advanceAsync(15 * 60_000);

        expect(first).toMatch(/^Automatic sync is waiting for your approval/);
        expect(screen.getByRole('status').textContent).toBe('No message');
    });

    test('stops when the interval changes', async () => {
        const start = jest.fn(async () => summary(null));
        const view = render(<AutoSyncProbe minutes={5} startAutomaticAsync={start} />);

        view.rerender(<AutoSyncProbe minutes={null} startAutomaticAsync={start} />);
        await advanceAsync(FIVE_MINUTES_MS);

        expect(start).not.toHaveBeenCalled();
    });
});
