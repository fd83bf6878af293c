/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {fireEvent, render, screen} from '@testing-library/react';
import {
    airtableRecordId,
    airtableTableId,
    logicalName,
    parseGuid,
    type DeleteDecision,
    type DeletePreview,
} from '../../frontend/sync';
import {DeletePreviewDialog} from '../../frontend/ui/DeletePreviewDialog';

const ACCOUNTS = airtableTableId('tblAccounts');
const CONTACTS = airtableTableId('tblContacts');
const OPPORTUNITIES = airtableTableId('tblOpportunities');

function ref(name: string, id: string, rowId: string | null = null) {
    return {
        airtableRecordId: rowId === null ? null : airtableRecordId(rowId),
        dynamicsId: parseGuid(`00000000-0000-0000-0000-${id.padStart(12, '0')}`),
        name,
    };
}

/** Coho Winery, deleted in Airtable, with two contacts and an opportunity, and a row to delete. */
function createPreview(): DeletePreview {
    return {
        tables: [
            {
                tableId: ACCOUNTS,
                tableName: 'Accounts',
                entityDisplayName: 'Account',
                dynamicsDeletes: [
                    {
                        key: 'account:coho',
                        ref: ref('Coho Winery', '1'),
                        cascade: {
                            deletedRecords: [
                                {
                                    tableId: CONTACTS,
                                    tableName: 'Contacts',
                                    entityDisplayName: 'Contact',
                                    ref: ref('Ana Ruiz', '2', 'recAna'),
                                },
                                {
                                    tableId: CONTACTS,
                                    tableName: 'Contacts',
                                    entityDisplayName: 'Contact',
                                    ref: ref('Ben Ode', '3', 'recBen'),
                                },
                                {
                                    tableId: OPPORTUNITIES,
                                    tableName: 'Opportunities',
                                    entityDisplayName: 'Opportunity',
                                    ref: ref('Barrels', '4', 'recBarrels'),
                                },
                            ],
                            clearedLinks: [
                                {
                                    tableId: OPPORTUNITIES,
                                    tableName: 'Opportunities',
                                    ref: ref('Corks', '5', 'recCorks'),
                                    column: logicalName('parentaccountid'),
                                },
                            ],
                            description: 'also deletes 2 Contacts and 1 Opportunity',
                        },
                    },
                    {
                        key: 'account:tailspin',
                        ref: ref('<b>Tailspin</b>', '6'),
                        cascade: {deletedRecords: [], clearedLinks: [], description: null},
                    },
                ],
                airtableDeletes: [],
                blockedDeletes: [
                    {
                        key: 'account:fabrikam',
                        ref: ref('Fabrikam', '7'),
                        reason: '1 Order points at it.',
                    },
                ],
            },
            {
                tableId: CONTACTS,
                tableName: 'Contacts',
                entityDisplayName: 'Contact',
                dynamicsDeletes: [],
                airtableDeletes: [{key: 'contact:gone', ref: ref('Cleo Park', '8', 'recCleo')}],
                blockedDeletes: [],
            },
        ],
        counts: {
            dynamicsDeletes: 2,
            airtableDeletes: 1,
            cascadedRecords: 3,
            clearedLinks: 1,
            blockedDeletes: 1,
        },
    };
}

function renderDialog(): DeleteDecision[] {
    const decisions: DeleteDecision[] = [];
    render(<DeletePreviewDialog preview={createPreview()} onDecide={d => decisions.push(d)} />);
    return decisions;
}

describe('DeletePreviewDialog', () => {
    test('describes the cascade in words', () => {
        renderDialog();

        expect(
            screen.getByText(
                "Deleting Account 'Coho Winery' in Dynamics also deletes 2 Contacts and 1 Opportunity.",
            ),
        ).toBeTruthy();
        expect(
            screen.getByText("Also deleted: Contact 'Ana Ruiz' and its row in Contacts"),
        ).toBeTruthy();
        expect(
            screen.getByText("Also deleted: Opportunity 'Barrels' and its row in Opportunities"),
        ).toBeTruthy();
    });

    test('lists cleared links and blocks', () => {
        renderDialog();

        expect(
            screen.getByText(
                "The parentaccountid link of 'Corks' in Opportunities is cleared; the record stays.",
            ),
        ).toBeTruthy();
        expect(
            screen.getByText("Account 'Fabrikam' stays in Dynamics: 1 Order points at it."),
        ).toBeTruthy();
    });

    test('lists Airtable row deletes', () => {
        renderDialog();

        expect(
            screen.getByText(
                "Deleting the row 'Cleo Park' from Contacts, because its Contact was deleted in Dynamics.",
            ),
        ).toBeTruthy();
        expect(
            screen.getByText(
                "Approving deletes 5 records in Dynamics (3 of them by cascade) and 1 row in Airtable. 1 delete can't be made.",
            ),
        ).toBeTruthy();
    });

    test('renders Dynamics names as text', () => {
        renderDialog();

        expect(screen.getByText("Deleting Account '<b>Tailspin</b>' in Dynamics.")).toBeTruthy();
        expect(document.querySelector('b')).toBeNull();
    });

    test('approves every delete', () => {
        const decisions = renderDialog();

        fireEvent.click(screen.getByRole('button', {name: 'Approve 3 deletes'}));

        expect(decisions).toEqual([{kind: 'approveAll', restoreRows: false}]);
    });

    test('approves the ticked roots', () => {
        const decisions = renderDialog();

        fireEvent.click(screen.getByRole('checkbox', {name: /Tailspin/}));
        fireEvent.click(screen.getByRole('button', {name: 'Approve 2 of 3 deletes'}));

        expect(decisions).toEqual([
            {
                kind: 'approveSome',
                approvedKeys: ['account:coho', 'contact:gone'],
                restoreRows: false,
            },
        ]);
    });

    test('declines with restored rows', () => {
        const decisions = renderDialog();

        fireEvent.click(
            screen.getByRole('checkbox', {
                name: 'Re-create the deleted Airtable rows of records kept in Dynamics',
            }),
        );
        fireEvent.click(screen.getByRole('button', {name: 'Decline all'}));

        expect(decisions).toEqual([{kind: 'declineAll', restoreRows: true}]);
    });

    test('explains re-creating kept rows', () => {
        renderDialog();

        const checkbox = screen.getByRole('checkbox', {
            name: /^Re-create the deleted Airtable rows/,
        });
        const descriptionId = checkbox.getAttribute('aria-describedby') ?? '';
        const description = document.getElementById(descriptionId)?.textContent ?? '';
        expect(description).toMatch(/untick or decline its delete, or when Dynamics blocks it/);
        expect(description).toMatch(/add its row back to Airtable/);
        expect(description).toMatch(/next sync asks about that delete again/);
    });

    test('lets long names wrap', () => {
        renderDialog();

        const heading = screen.getByText('Review deletes before they happen');
        const dialog = heading.parentElement;
        expect(dialog?.style.overflowWrap).toBe('anywhere');
    });

    test('disables approve with nothing ticked', () => {
        renderDialog();

        for (const checkbox of screen.getAllByRole('checkbox').slice(0, 3)) {
            fireEvent.click(checkbox);
        }

        const approve = screen.getByRole('button', {name: 'Approve 0 of 3 deletes'});
        expect(approve.hasAttribute('disabled')).toBe(true);
        expect(screen.getByText('Tick at least one delete, or decline them all.')).toBeTruthy();
    });
});
