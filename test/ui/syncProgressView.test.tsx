/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {render, screen} from '@testing-library/react';
import {
    airtableTableId,
    parseGuid,
    type PreviewDelete,
    type PreviewWrite,
    type RunPreview,
    type SidePreview,
} from '../../frontend/sync';
import {SyncProgressView} from '../../frontend/ui/SyncProgressView';

const EMPTY_SIDE: SidePreview = {creates: [], updates: [], deletes: []};
const EMPTY_DELETES = {
    tables: [],
    counts: {
        dynamicsDeletes: 0,
        airtableDeletes: 0,
        cascadedRecords: 0,
        clearedLinks: 0,
        blockedDeletes: 0,
    },
};

function ref(id: number) {
    return {
        airtableRecordId: null,
        dynamicsId: parseGuid(`00000000-0000-0000-0000-${String(id).padStart(12, '0')}`),
        name: `Account ${id}`,
    };
}

function writes(count: number, firstId: number): PreviewWrite[] {
    return Array.from({length: count}, (_, index) => ({ref: ref(firstId + index), changes: []}));
}

function deletes(count: number, firstId: number): PreviewDelete[] {
    return Array.from({length: count}, (_, index) => ({
        key: `delete:${firstId + index}`,
        ref: ref(firstId + index),
        cascade: null,
        unsyncedFieldNames: [],
    }));
}

/** Builds a preview of one Accounts table with the given writes on each side. */
function createPreview(airtable: SidePreview, dynamics: SidePreview): RunPreview {
    return {
        tables: [
            {
                tableId: airtableTableId('tblAccounts'),
                tableName: 'Accounts',
                entityDisplayName: 'Account',
                isFirstSync: false,
                rowCount: 60,
                recordCount: 60,
                airtable,
                dynamics,
                conflicts: [],
                failures: [],
                blockedDeletes: [],
            },
        ],
        // The progress line counts the sides' writes, so the per-record decision can stay empty.
        deletes: EMPTY_DELETES,
        reasons: [{kind: 'previewEveryRun'}],
    };
}

const READING = {phase: 'reading', table: 'Accounts', done: 1, total: 4, message: ''} as const;

describe('SyncProgressView', () => {
    test('shows phase, table and step', () => {
        render(
            <SyncProgressView
                progress={{
                    phase: 'writingDynamics',
                    table: 'Accounts',
                    done: 5,
                    total: 20,
                    message: 'Created 5 of 20 accounts in Dynamics',
                }}
            />,
        );

        expect(screen.getByRole('progressbar')).toBeTruthy();
        expect(screen.getByText('Writing to Dynamics (Accounts)')).toBeTruthy();
        expect(screen.getByText('Created 5 of 20 accounts in Dynamics')).toBeTruthy();
    });

    test('fills the bar by share done', () => {
        render(<SyncProgressView progress={READING} />);

        expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    });

    test('counts changes and deletes waiting', () => {
        const airtable = {creates: writes(40, 1), updates: writes(10, 41), deletes: deletes(1, 51)};
        const dynamics = {...EMPTY_SIDE, updates: writes(1, 52), deletes: deletes(1, 53)};
        render(
            <SyncProgressView progress={READING} runPreview={createPreview(airtable, dynamics)} />,
        );

        expect(screen.getByRole('status').textContent).toMatch(
            /^Waiting for your decision on the preview: 51 changes and 2 deletes/,
        );
        expect(screen.queryByText(/Reading records/)).toBeNull();
        expect(screen.queryByRole('progressbar')).toBeNull();
    });

    test('waits on a preview without deletes', () => {
        const dynamics = {...EMPTY_SIDE, updates: writes(1, 1)};
        render(
            <SyncProgressView
                progress={READING}
                runPreview={createPreview(EMPTY_SIDE, dynamics)}
            />,
        );

        expect(screen.getByText('Waiting for your decision on the preview: 1 change')).toBeTruthy();
        expect(screen.queryByText(/Reading records/)).toBeNull();
    });

    test('waits on a preview of deletes', () => {
        const airtable = {...EMPTY_SIDE, deletes: deletes(2, 1)};
        render(
            <SyncProgressView
                progress={READING}
                runPreview={createPreview(airtable, EMPTY_SIDE)}
            />,
        );

        expect(
            screen.getByText('Waiting for your decision on the preview: 2 deletes'),
        ).toBeTruthy();
    });

    test('shows a loader before progress', () => {
        render(<SyncProgressView progress={null} />);

        expect(screen.getByText('Starting the sync…')).toBeTruthy();
    });
});
