/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {render, screen, within} from '@testing-library/react';
import type {SyncProgress} from '../../frontend/sync';
import {SyncProgressView} from '../../frontend/ui/SyncProgressView';
import {addTableProgress, type TableProgress} from '../../frontend/ui/tableProgress';

const WRITING_ACCOUNTS: SyncProgress = {
    phase: 'writingDynamics',
    table: 'Accounts',
    done: 5,
    total: 20,
    message: 'Writing 20 records to Account in Dynamics',
};

function collectTables(events: readonly SyncProgress[]): readonly TableProgress[] {
    return events.reduce<readonly TableProgress[]>(addTableProgress, []);
}

describe('addTableProgress', () => {
    test('keeps tables in arrival order', () => {
        const tables = collectTables([
            {...WRITING_ACCOUNTS, phase: 'reading', done: 0, total: 0},
            {...WRITING_ACCOUNTS, table: 'Contacts', phase: 'reading', done: 0, total: 0},
            WRITING_ACCOUNTS,
        ]);

        expect(tables.map(table => table.table)).toEqual(['Accounts', 'Contacts']);
        expect(tables[0]).toEqual({
            table: 'Accounts',
            phase: 'writingDynamics',
            done: 5,
            total: 20,
        });
        expect(tables[1]?.phase).toBe('reading');
    });

    test('ignores the final event', () => {
        const before = collectTables([WRITING_ACCOUNTS]);

        const after = addTableProgress(before, {...WRITING_ACCOUNTS, phase: 'done', table: null});

        expect(after).toBe(before);
    });
});

describe('SyncProgressView with tables', () => {
    test('shows phase on the bar', () => {
        render(
            <SyncProgressView
                progress={WRITING_ACCOUNTS}
                tables={collectTables([WRITING_ACCOUNTS])}
            />,
        );

        const status = screen.getByRole('status');
        expect(within(status).getByText('Writing to Dynamics (Accounts)')).toBeTruthy();
        expect(within(status).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
        expect(within(status).getByText('5 / 20 records')).toBeTruthy();
    });

    test('lists each table with counts', () => {
        const tables = collectTables([
            {...WRITING_ACCOUNTS, phase: 'writingAirtable', done: 12, total: 12},
            {...WRITING_ACCOUNTS, table: 'Contacts', phase: 'planning', done: 0, total: 40},
            {...WRITING_ACCOUNTS, table: 'Opportunities', phase: 'reading', done: 0, total: 0},
        ]);

        render(<SyncProgressView progress={WRITING_ACCOUNTS} tables={tables} />);

        const lines = within(screen.getByRole('list', {name: 'Progress by table'}))
            .getAllByRole('listitem')
            .map(item => item.textContent);
        expect(lines).toEqual([
            'Accounts: Writing to Airtable, 12 / 12 records',
            'Contacts: Comparing records, 0 / 40 records',
            'Opportunities: Reading records',
        ]);
    });

    test('hides counts while reading', () => {
        render(
            <SyncProgressView
                progress={{...WRITING_ACCOUNTS, phase: 'reading', done: 0, total: 0}}
                tables={[]}
            />,
        );

        expect(screen.getByText('Reading records (Accounts)')).toBeTruthy();
        expect(screen.queryByText(/records$/)).toBeNull();
        expect(screen.queryByRole('list', {name: 'Progress by table'})).toBeNull();
    });
});
