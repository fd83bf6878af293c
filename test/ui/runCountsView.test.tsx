/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {render, screen} from '@testing-library/react';
import type {RunCounts} from '../../frontend/sync';
import {RunCountsView} from '../../frontend/ui/RunCountsView';

const COUNTS: RunCounts = {
    createdInAirtable: 1,
    updatedInAirtable: 2,
    createdInDynamics: 3,
    updatedInDynamics: 4,
    unchanged: 5,
    conflicts: 6,
    skipped: 7,
    failed: 8,
    deletedInAirtable: 9,
    deletedInDynamics: 10,
    restored: 11,
};

describe('RunCountsView', () => {
    test('shows delete counts', () => {
        render(<RunCountsView counts={COUNTS} />);

        expect(screen.getByText('Deleted in Airtable: 9')).toBeTruthy();
        expect(screen.getByText('Deleted in Dynamics: 10')).toBeTruthy();
        expect(screen.getByText('Restored in Airtable: 11')).toBeTruthy();
    });

    test('shows every count once', () => {
        const {container} = render(<RunCountsView counts={COUNTS} />);

        const values = Array.from(container.querySelectorAll('p'), line =>
            Number(line.textContent?.split(': ')[1]),
        );
        expect(values.sort((a, b) => a - b)).toEqual(Object.values(COUNTS).sort((a, b) => a - b));
    });

    test('shows zero counts too', () => {
        render(<RunCountsView counts={{...COUNTS, deletedInDynamics: 0, restored: 0}} />);

        expect(screen.getByText('Deleted in Dynamics: 0')).toBeTruthy();
        expect(screen.getByText('Restored in Airtable: 0')).toBeTruthy();
    });
});
