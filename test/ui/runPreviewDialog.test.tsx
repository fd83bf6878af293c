/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {fireEvent, render, screen, within} from '@testing-library/react';
import {
    airtableRecordId,
    airtableTableId,
    parseGuid,
    type PreviewWrite,
    type RunDecision,
    type RunPreview,
    type TablePreview,
} from '../../frontend/sync';
import {MAX_LISTED_RECORDS} from '../../frontend/ui/RecordList';
import {MAX_SHOWN_TEXT_LENGTH} from '../../frontend/ui/shortenText';
import {RunPreviewDialog} from '../../frontend/ui/RunPreviewDialog';

const ACCOUNTS = airtableTableId('tblAccounts');
const CONTACTS = airtableTableId('tblContacts');
const EMPTY_SIDE = {creates: [], updates: [], deletes: []};

function ref(name: string, id: number, rowId: string | null = null) {
    return {
        airtableRecordId: rowId === null ? null : airtableRecordId(rowId),
        dynamicsId: parseGuid(`00000000-0000-0000-0000-${String(id).padStart(12, '0')}`),
        name,
    };
}

function creates(count: number): PreviewWrite[] {
    return Array.from({length: count}, (_, index) => ({
        ref: ref(`Contact ${index + 1}`, 100 + index),
        changes: [],
    }));
}

function tablePreview(overrides: Partial<TablePreview>): TablePreview {
    return {
        tableId: ACCOUNTS,
        tableName: 'Accounts',
        entityDisplayName: 'Account',
        isFirstSync: false,
        rowCount: 10,
        recordCount: 10,
        airtable: EMPTY_SIDE,
        dynamics: EMPTY_SIDE,
        conflicts: [],
        failures: [],
        blockedDeletes: [],
        ...overrides,
    };
}

/** Accounts with an update, a conflict, a failure and two deletes; Contacts with 12 creates. */
function createPreview(): RunPreview {
    const coho = ref('Coho Winery', 1, 'recCoho');
    const tailspin = ref('Tailspin', 2);
    const gone = ref('<b>Gone</b>', 3, 'recGone');
    return {
        tables: [
            tablePreview({
                airtable: {
                    ...EMPTY_SIDE,
                    updates: [
                        {
                            ref: coho,
                            changes: [{fieldName: 'Revenue', oldValue: '10', newValue: '20'}],
                        },
                    ],
                    deletes: [
                        {key: 'airtable:gone', ref: gone, cascade: null, unsyncedFieldNames: []},
                    ],
                },
                dynamics: {
                    ...EMPTY_SIDE,
                    deletes: [
                        {
                            key: 'dynamics:tailspin',
                            ref: tailspin,
                            cascade: {deletedRecords: [], clearedLinks: [], description: null},
                            unsyncedFieldNames: [],
                        },
                    ],
                },
                conflicts: [
                    {
                        ref: coho,
                        fieldName: 'Phone',
                        airtableValue: "'555-1'",
                        dynamicsValue: "'555-2'",
                        winner: 'dynamics',
                    },
                ],
                failures: [{ref: ref('Fabrikam', 4), message: 'Fabrikam has an invalid e-mail.'}],
            }),
            tablePreview({
                tableId: CONTACTS,
                tableName: 'Contacts',
                entityDisplayName: 'Contact',
                isFirstSync: true,
                airtable: {...EMPTY_SIDE, creates: creates(12)},
            }),
        ],
        deletes: {
            tables: [
                {
                    tableId: ACCOUNTS,
                    tableName: 'Accounts',
                    entityDisplayName: 'Account',
                    dynamicsDeletes: [
                        {
                            key: 'dynamics:tailspin',
                            ref: tailspin,
                            cascade: {deletedRecords: [], clearedLinks: [], description: null},
                        },
                    ],
                    airtableDeletes: [{key: 'airtable:gone', ref: gone}],
                    blockedDeletes: [],
                },
            ],
            counts: {
                dynamicsDeletes: 1,
                airtableDeletes: 1,
                cascadedRecords: 0,
                clearedLinks: 0,
                blockedDeletes: 0,
            },
        },
        reasons: [
            {kind: 'firstSync', tableNames: ['Contacts']},
            {kind: 'dynamicsDeletes', count: 1},
        ],
    };
}

function renderDialog(): RunDecision[] {
    const decisions: RunDecision[] = [];
    render(<RunPreviewDialog preview={createPreview()} onDecide={d => decisions.push(d)} />);
    return decisions;
}

function getSection(name: string): HTMLElement {
    return screen.getByRole('region', {name});
}

describe('RunPreviewDialog', () => {
    test('shows counts per side', () => {
        renderDialog();

        const accounts = getSection('Changes to Accounts');
        const contacts = getSection('Changes to Contacts');
        expect(
            within(accounts).getByText('In Airtable: no rows to create, 1 to update, 1 to delete.'),
        ).toBeTruthy();
        expect(
            within(accounts).getByText(
                'In Dynamics: no records to create, none to update, 1 to delete.',
            ),
        ).toBeTruthy();
        expect(
            within(contacts).getByText(
                'In Airtable: 12 rows to create, none to update, none to delete.',
            ),
        ).toBeTruthy();
        expect(
            screen.getByText('Approving writes 14 rows in Airtable and 1 record in Dynamics.'),
        ).toBeTruthy();
    });

    test('lists why approval is needed', () => {
        renderDialog();

        const reasons = screen.getByRole('list', {name: 'Why approval is needed'});
        expect(within(reasons).getByText(/^First sync of Contacts/)).toBeTruthy();
        expect(within(reasons).getByText(/^Deletes 1 record in Dynamics/)).toBeTruthy();
    });

    test('expands updates with changes', () => {
        renderDialog();

        fireEvent.click(screen.getByRole('button', {name: 'Rows to update in Airtable (1)'}));

        expect(screen.getByText('Coho Winery')).toBeTruthy();
        expect(screen.getByText('Revenue: 10 → 20')).toBeTruthy();
    });

    test('shows conflicts and failures', () => {
        renderDialog();

        fireEvent.click(screen.getByRole('button', {name: 'Conflicts (1)'}));
        fireEvent.click(screen.getByRole('button', {name: 'Values that cannot cross (1)'}));

        expect(
            screen.getByText(
                "Phone of 'Coho Winery': Airtable '555-1', Dynamics '555-2'. The sync keeps the Dynamics value.",
            ),
        ).toBeTruthy();
        expect(screen.getByText('Fabrikam has an invalid e-mail.')).toBeTruthy();
    });

    test('caps long lists', () => {
        renderDialog();

        fireEvent.click(screen.getByRole('button', {name: 'Rows to create in Airtable (12)'}));

        expect(screen.getByText(`Contact ${MAX_LISTED_RECORDS}`)).toBeTruthy();
        expect(screen.queryByText(`Contact ${MAX_LISTED_RECORDS + 1}`)).toBeNull();
        expect(screen.getByText(`and ${12 - MAX_LISTED_RECORDS} more`)).toBeTruthy();
        fireEvent.click(screen.getByRole('button', {name: 'Show all'}));
        expect(screen.getByText('Contact 12')).toBeTruthy();
    });

    test('shortens a long name', () => {
        const longName = `Northwind ${'Traders '.repeat(300)}`;
        const preview = createPreview();
        const contacts = preview.tables[1];
        if (contacts === undefined) {
            throw new Error('The preview has no Contacts table.');
        }
        const write = {ref: ref(longName, 200), changes: []};
        const withLongName: RunPreview = {
            ...preview,
            tables: [
                {...contacts, airtable: {...EMPTY_SIDE, creates: [write]}, tableName: 'Leads'},
            ],
        };
        render(<RunPreviewDialog preview={withLongName} onDecide={() => {}} />);

        const section = getSection('Changes to Leads');
        fireEvent.click(
            within(section).getByRole('button', {name: 'Rows to create in Airtable (1)'}),
        );
        const line = within(section).getByText(/^Northwind Traders.*…$/);

        expect(line.getAttribute('title')).toBe(longName);
        expect(Array.from(line.textContent ?? '')).toHaveLength(MAX_SHOWN_TEXT_LENGTH);
        expect(section.textContent).not.toContain(longName);
    });

    test('shows a shortened value in full', () => {
        const fullCity = `'${'Limerick City and County, '.repeat(4)}Ireland'`;
        const preview = createPreview();
        const contacts = preview.tables[1];
        if (contacts === undefined) {
            throw new Error('The preview has no Contacts table.');
        }
        const change = {
            fieldName: 'City',
            oldValue: "'Cork'",
            newValue: `${fullCity.slice(0, 61)}…'`,
            fullValues: {oldValue: "'Cork'", newValue: fullCity},
        };
        const write = {ref: ref('Coho Winery', 300), changes: [change]};
        const withLongValue: RunPreview = {
            ...preview,
            tables: [
                {...contacts, airtable: {...EMPTY_SIDE, updates: [write]}, tableName: 'Leads'},
            ],
        };
        render(<RunPreviewDialog preview={withLongValue} onDecide={() => {}} />);

        const section = getSection('Changes to Leads');
        fireEvent.click(
            within(section).getByRole('button', {name: 'Rows to update in Airtable (1)'}),
        );
        const line = within(section).getByText(/^City: 'Cork' → 'Limerick/);

        expect(line.getAttribute('title')).toBe(`City: 'Cork' → ${fullCity}`);
        expect(line.textContent).toBe(`City: 'Cork' → ${change.newValue}`);
    });

    test('shortens only the name in a conflict', () => {
        const longName = `Coho ${'Winery '.repeat(300)}`;
        const preview = createPreview();
        const [accounts, contacts] = preview.tables;
        if (accounts === undefined || contacts === undefined) {
            throw new Error('The preview has no Accounts or Contacts table.');
        }
        const conflict = {...accounts.conflicts[0]!, ref: ref(longName, 300)};
        const withLongName = {...preview, tables: [{...accounts, conflicts: [conflict]}, contacts]};
        render(<RunPreviewDialog preview={withLongName} onDecide={() => {}} />);

        fireEvent.click(screen.getByRole('button', {name: 'Conflicts (1)'}));
        const line = screen.getByText(/^Phone of 'Coho Winery.*…': Airtable '555-1'/);

        expect(line.textContent).toMatch(/The sync keeps the Dynamics value\.$/);
        expect(line.textContent).not.toContain(longName);
        expect(line.getAttribute('title')).toContain(`Phone of '${longName}'`);
    });

    test('renders names as text', () => {
        renderDialog();

        expect(screen.getByText(/'<b>Gone<\/b>'/)).toBeTruthy();
        expect(document.querySelector('b')).toBeNull();
    });

    test('lists deletes under their table', () => {
        renderDialog();

        const accounts = getSection('Changes to Accounts');
        expect(screen.getAllByRole('heading', {name: 'Accounts'})).toHaveLength(1);
        expect(screen.queryByRole('region', {name: 'Accounts'})).toBeNull();
        expect(
            within(accounts).getByRole('checkbox', {name: /^Deleting Account 'Tailspin'/}),
        ).toBeTruthy();
        expect(within(accounts).getByRole('checkbox', {name: /'<b>Gone<\/b>'/})).toBeTruthy();
    });

    test('approve applies every delete', () => {
        const decisions = renderDialog();

        fireEvent.click(screen.getByRole('button', {name: 'Apply'}));

        expect(decisions).toEqual([
            {kind: 'apply', deletes: {kind: 'approveAll', restoreRows: false}},
        ]);
    });

    test('unticked delete is declined', () => {
        const decisions = renderDialog();

        fireEvent.click(screen.getByRole('checkbox', {name: /^Deleting Account 'Tailspin'/}));
        fireEvent.click(screen.getByRole('button', {name: 'Apply'}));

        expect(decisions).toEqual([
            {
                kind: 'apply',
                deletes: {kind: 'approveSome', approvedKeys: ['airtable:gone'], restoreRows: false},
            },
        ]);
    });

    test('cancel writes nothing', () => {
        const decisions = renderDialog();

        fireEvent.click(screen.getByRole('button', {name: 'Cancel'}));

        expect(decisions).toEqual([{kind: 'cancel'}]);
    });
});
