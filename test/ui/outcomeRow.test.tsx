/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import TestDriver from '@airtable/blocks-testing';
import {fireEvent, render, screen, waitFor} from '@testing-library/react';
import type {CheckResult} from '../../frontend/airtable/checkResult';
import {airtableRecordId, airtableTableId, logicalName} from '../../frontend/sync';
import {OutcomeRow, type AttentionOutcome} from '../../frontend/ui/OutcomeRow';
import {ADATUM, createAccountsFixture} from '../fixtures/accountsBase';

/** A 216-character name, longer than the 160 characters an Account Name takes. */
const LONG_NAME = `${'Northwind Traders '.repeat(11)}International Grp.`;

const OPENS: CheckResult = {ok: true};

type FailedOutcome = Extract<AttentionOutcome, {status: 'failed'}>;

function failedOutcome(name: string): FailedOutcome {
    return {
        status: 'failed',
        tableId: airtableTableId('tblAccounts'),
        tableName: 'Accounts',
        ref: {airtableRecordId: airtableRecordId('recAdatum'), dynamicsId: null, name},
        code: 'invalidValue',
        message:
            `Couldn't sync Account '${name}': the Name is ${name.length} characters long, ` +
            `but the Account Name holds at most 160. Shorten it in Airtable and sync again.`,
        detail: null,
        problems: [],
    };
}

function renderRow(outcome: AttentionOutcome, canOpenRecords = OPENS): TestDriver {
    const driver = new TestDriver(createAccountsFixture({records: [ADATUM]}));
    const table = driver.base.getTableById('tblAccounts');
    render(
        <driver.Container>
            <ul>
                <OutcomeRow table={table} outcome={outcome} canOpenRecords={canOpenRecords} />
            </ul>
        </driver.Container>,
    );
    return driver;
}

describe('OutcomeRow', () => {
    test('shortens an over-long name', () => {
        renderRow(failedOutcome(LONG_NAME));

        const title = screen.getByText(/^Failed: Northwind/);
        expect(LONG_NAME).toHaveLength(216);
        expect(title.textContent?.length).toBeLessThanOrEqual('Failed: '.length + 80);
        expect(title.textContent?.endsWith('…')).toBe(true);
        expect(title.getAttribute('title')).toBe(LONG_NAME);
    });

    test('shortens the name in the message', () => {
        renderRow(failedOutcome(LONG_NAME));

        const message = screen.getByText(/^Couldn't sync Account/);
        expect(message.textContent).not.toContain(LONG_NAME);
        expect(message.textContent).toMatch(/…': the Name is 216 characters long/);
        expect(message.textContent).toMatch(/Shorten it in Airtable and sync again\.$/);
    });

    test('shows the full message on request', () => {
        renderRow(failedOutcome(LONG_NAME));

        fireEvent.click(screen.getByRole('button', {name: 'Show details'}));

        expect(screen.getByText(failedOutcome(LONG_NAME).message)).toBeTruthy();
    });

    test('keeps short names whole', () => {
        renderRow(failedOutcome('Adatum Corporation'));

        expect(screen.getByText('Failed: Adatum Corporation').getAttribute('title')).toBeNull();
        expect(screen.queryByRole('button', {name: 'Show details'})).toBeNull();
    });

    test('marks a nameless record', () => {
        renderRow(failedOutcome('recAdatum'));

        expect(screen.getByText('Failed: (no name, recAdatum)')).toBeTruthy();
        expect(screen.getByRole('button', {name: 'Open (no name, recAdatum)'})).toBeTruthy();
    });

    test('keeps long conflict values hoverable', () => {
        const longCity = 'Porto '.repeat(30).trim();
        renderRow({
            status: 'conflict',
            tableId: airtableTableId('tblAccounts'),
            tableName: 'Accounts',
            ref: {
                airtableRecordId: airtableRecordId('recAdatum'),
                dynamicsId: null,
                name: 'Adatum',
            },
            conflicts: [
                {
                    logicalName: logicalName('address1_city'),
                    fieldName: 'City',
                    airtableValue: 'Faro',
                    dynamicsValue: longCity,
                    kept: 'dynamics',
                },
            ],
            airtableFields: [logicalName('address1_city')],
            dynamicsFields: [],
        });

        const line = screen.getByText(/^City: Airtable had "Faro"/);
        expect(line.textContent).not.toContain(longCity);
        expect(line.getAttribute('title')).toBe(`Airtable had "Faro". Dynamics had "${longCity}".`);
    });

    test('lets long text wrap', () => {
        renderRow(failedOutcome(LONG_NAME));

        const row = screen.getByRole('listitem');
        expect(row.style.overflowWrap).toBe('anywhere');
    });

    test('opens the row as a button', async () => {
        const driver = renderRow(failedOutcome('Adatum Corporation'));
        const expanded: string[] = [];
        driver.watch('expandRecord', ({recordId}) => expanded.push(recordId));

        const row = screen.getByRole('button', {name: 'Open Adatum Corporation'});
        fireEvent.click(row);

        expect(row.tagName).toBe('BUTTON');
        expect(row.getAttribute('type')).toBe('button');
        await waitFor(() => expect(expanded).toEqual(['recAdatum']));
    });

    test('describes the button with the message', () => {
        renderRow(failedOutcome('Adatum Corporation'));

        const row = screen.getByRole('button', {name: 'Open Adatum Corporation'});
        const description = document.getElementById(row.getAttribute('aria-describedby') ?? '');
        expect(description?.textContent).toMatch(/^Couldn't sync Account 'Adatum Corporation'/);
    });

    test('shows a focus ring', () => {
        renderRow(failedOutcome('Adatum Corporation'));

        // A role query computes styles, and jsdom keeps them after focus moves, so this finds
        // the button by its label.
        const row = screen.getByLabelText('Open Adatum Corporation');
        row.focus();

        expect(document.activeElement).toBe(row);
        expect(getComputedStyle(row).outlineStyle).toBe('solid');
        expect(getComputedStyle(row).outlineWidth).toBe('2px');
    });

    test('explains when rows cannot open', async () => {
        const reason = 'Opening records works inside Airtable.';
        const driver = renderRow(failedOutcome('Adatum Corporation'), {ok: false, reason});
        const expanded: string[] = [];
        driver.watch('expandRecord', ({recordId}) => expanded.push(recordId));

        fireEvent.click(screen.getByRole('button', {name: 'Open Adatum Corporation'}));

        expect((await screen.findByRole('status')).textContent).toBe(reason);
        expect(expanded).toEqual([]);
    });
});
