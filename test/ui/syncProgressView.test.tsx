/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {render, screen} from '@testing-library/react';
import {SyncProgressView} from '../../frontend/ui/SyncProgressView';

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
        render(
            <SyncProgressView
                progress={{phase: 'reading', table: 'Accounts', done: 1, total: 4, message: ''}}
            />,
        );

        expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    });

    test('shows a loader before progress', () => {
        render(<SyncProgressView progress={null} />);

        expect(screen.getByText('Starting the sync…')).toBeTruthy();
    });
});
