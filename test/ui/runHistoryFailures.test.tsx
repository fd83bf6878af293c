/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import TestDriver from '@airtable/blocks-testing';
import {fireEvent, render, screen, waitFor} from '@testing-library/react';
import {
    airtableRecordId,
    airtableTableId,
    parseGuid,
    type RecordOutcome,
    type RecordRef,
} from '../../frontend/sync';
import {OUTCOME_PAGE_SIZE, OutcomeList} from '../../frontend/ui/OutcomeList';
import {ADATUM, LITWARE, createAccountsFixture} from '../fixtures/accountsBase';

const COHO_ID = parseGuid('00000000-0000-0000-0000-00000000c0c0');

function outcomeBase(ref: RecordRef) {
    return {tableId: airtableTableId('tblAccounts'), tableName: 'Accounts', ref};
}

function failed(ref: RecordRef): RecordOutcome {
    return {
        ...outcomeBase(ref),
        status: 'failed',
        code: 'invalidValue',
        message: `Couldn't sync Account '${ref.name}': the e-mail is invalid. Fix it and sync again.`,
        detail: null,
        problems: [],
    };
}

function skipped(ref: RecordRef): RecordOutcome {
    return {
        ...outcomeBase(ref),
        status: 'skipped',
        reason: 'ambiguousMatch',
        message: `Skipped '${ref.name}': two rows match it.`,
    };
}

function rowRef(id: string, name: string): RecordRef {
    return {airtableRecordId: airtableRecordId(id), dynamicsId: null, name};
}

const ADATUM_REF = rowRef('recAdatum', 'Adatum Corporation');
const LITWARE_REF = rowRef('recLitware', 'Litware, Inc.');
const COHO_REF: RecordRef = {airtableRecordId: null, dynamicsId: COHO_ID, name: 'Coho Winery'};

function renderList(outcomes: readonly RecordOutcome[]): TestDriver {
    const driver = new TestDriver(createAccountsFixture({records: [ADATUM, LITWARE]}));
    render(
        <driver.Container>
            <OutcomeList
                table={driver.base.getTableById('tblAccounts')}
                outcomes={outcomes}
                canOpenRecords={{ok: true}}
            />
        </driver.Container>,
    );
    return driver;
}

describe('Failure list', () => {
    test('opens a failed record', async () => {
        const driver = renderList([failed(ADATUM_REF)]);
        const expanded: string[] = [];
        driver.watch('expandRecord', ({recordId}) => expanded.push(recordId));

        fireEvent.click(screen.getByRole('button', {name: 'Open Adatum Corporation'}));

        await waitFor(() => expect(expanded).toEqual(['recAdatum']));
    });

    test('shows a Dynamics-only record id', () => {
        renderList([failed(COHO_REF)]);

        expect(screen.getByText('Failed: Coho Winery')).toBeTruthy();
        expect(screen.getByText(`Only in Dynamics, ID ${COHO_ID}`)).toBeTruthy();
        expect(screen.queryByRole('button', {name: 'Open Coho Winery'})).toBeNull();
    });

    test('filters the list to failures', () => {
        renderList([skipped(LITWARE_REF), failed(ADATUM_REF)]);
        expect(screen.getAllByRole('listitem')).toHaveLength(2);

        fireEvent.click(screen.getByText('Show only failures (1)'));

        const rows = screen.getAllByRole('listitem');
        expect(rows).toHaveLength(1);
        expect(rows[0]?.textContent).toMatch(/^Failed: Adatum Corporation/);
    });

    test('hides the filter without choice', () => {
        renderList([failed(ADATUM_REF), failed(LITWARE_REF)]);

        expect(screen.queryByText(/^Show only failures/)).toBeNull();
    });

    test('shows more rows on request', () => {
        const count = OUTCOME_PAGE_SIZE + 7;
        renderList(
            Array.from({length: count}, (_, index) =>
                failed(rowRef(`rec${index}`, `Row ${index}`)),
            ),
        );
        expect(screen.getAllByRole('listitem')).toHaveLength(OUTCOME_PAGE_SIZE);
        expect(screen.getByText('And 7 more.')).toBeTruthy();

        fireEvent.click(screen.getByRole('button', {name: 'Show 7 more'}));

        expect(screen.getAllByRole('listitem')).toHaveLength(count);
        expect(screen.queryByText(/^And \d+ more\.$/)).toBeNull();
    });
});
