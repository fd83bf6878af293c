/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {render, screen} from '@testing-library/react';
import {airtableTableId, parseGuid, type DeletePreview} from '../../frontend/sync';
import {SyncProgressView} from '../../frontend/ui/SyncProgressView';

/** A preview of two Account deletes in Dynamics, one row delete and one blocked delete. */
function createPreview(): DeletePreview {
    const ref = (name: string, id: string) => ({
        airtableRecordId: null,
        dynamicsId: parseGuid(`00000000-0000-0000-0000-${id.padStart(12, '0')}`),
        name,
    });
    const noCascade = {deletedRecords: [], clearedLinks: [], description: null};
    return {
        tables: [
            {
                tableId: airtableTableId('tblAccounts'),
                tableName: 'Accounts',
                entityDisplayName: 'Account',
                dynamicsDeletes: [
                    {key: 'a', ref: ref('Coho Winery', '1'), cascade: noCascade},
                    {key: 'b', ref: ref('Fabrikam', '2'), cascade: noCascade},
                ],
                airtableDeletes: [{key: 'c', ref: ref('Tailspin', '3')}],
                blockedDeletes: [{key: 'd', ref: ref('Litware', '4'), reason: 'It has orders.'}],
            },
        ],
        counts: {
            dynamicsDeletes: 2,
            airtableDeletes: 1,
            cascadedRecords: 0,
            clearedLinks: 0,
            blockedDeletes: 1,
        },
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

    test('waits for the delete decision', () => {
        render(<SyncProgressView progress={READING} deletePreview={createPreview()} />);

        expect(screen.getByRole('status').textContent).toMatch(
            /^Waiting for your decision on 3 deletes/,
        );
        expect(screen.queryByText(/Reading records/)).toBeNull();
        expect(screen.queryByRole('progressbar')).toBeNull();
    });

    test('shows a loader before progress', () => {
        render(<SyncProgressView progress={null} />);

        expect(screen.getByText('Starting the sync…')).toBeTruthy();
    });
});
