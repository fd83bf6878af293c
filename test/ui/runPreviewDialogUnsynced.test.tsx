/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {fireEvent, render, screen} from '@testing-library/react';
import {
    airtableRecordId,
    airtableTableId,
    parseGuid,
    type RunDecision,
    type RunPreview,
} from '../../frontend/sync';
import {RunPreviewDialog} from '../../frontend/ui/RunPreviewDialog';

const ACCOUNTS = airtableTableId('tblAccounts');
const EMPTY_SIDE = {creates: [], updates: [], deletes: []};
const EDITED_KEY = 'airtable:tblAccounts:recEdited';
const CLEAN_KEY = 'airtable:tblAccounts:recClean';

function ref(name: string, id: number, rowId: string) {
    return {
        airtableRecordId: airtableRecordId(rowId),
        dynamicsId: parseGuid(`00000000-0000-0000-0000-${String(id).padStart(12, '0')}`),
        name,
    };
}

/** Two rows whose accounts were deleted in Dynamics. Only Coho Winery has unsynced edits. */
function createPreview(): RunPreview {
    const edited = {key: EDITED_KEY, ref: ref('Coho Winery', 1, 'recEdited')};
    const clean = {key: CLEAN_KEY, ref: ref('Tailspin', 2, 'recClean')};
    const editedFields = ['Description', 'Phone'];
    return {
        tables: [
            {
                tableId: ACCOUNTS,
                tableName: 'Accounts',
                entityDisplayName: 'Account',
                isFirstSync: false,
                rowCount: 40,
                recordCount: 38,
                airtable: {
                    ...EMPTY_SIDE,
                    deletes: [
                        {...edited, cascade: null, unsyncedFieldNames: editedFields},
                        {...clean, cascade: null, unsyncedFieldNames: []},
                    ],
                },
                dynamics: EMPTY_SIDE,
                conflicts: [],
                failures: [],
                blockedDeletes: [],
            },
        ],
        deletes: {
            tables: [
                {
                    tableId: ACCOUNTS,
                    tableName: 'Accounts',
                    entityDisplayName: 'Account',
                    dynamicsDeletes: [],
                    airtableDeletes: [{...edited, unsyncedFieldNames: editedFields}, clean],
                    blockedDeletes: [],
                },
            ],
            counts: {
                dynamicsDeletes: 0,
                airtableDeletes: 2,
                cascadedRecords: 0,
                clearedLinks: 0,
                blockedDeletes: 0,
            },
        },
        reasons: [{kind: 'unsyncedRowDeletes', count: 1}],
    };
}

function renderDialog(): RunDecision[] {
    const decisions: RunDecision[] = [];
    render(<RunPreviewDialog preview={createPreview()} onDecide={d => decisions.push(d)} />);
    return decisions;
}

describe('RunPreviewDialog unsynced edits', () => {
    test('warns with the changed fields', () => {
        renderDialog();

        const warnings = screen.getAllByText(/changes not yet synced to Dynamics, in/);
        expect(warnings).toHaveLength(1);
        expect(warnings[0]?.textContent).toContain('in Description and Phone.');
    });

    test('lists the approval reason', () => {
        renderDialog();

        const reasons = screen.getByRole('list', {name: 'Why approval is needed'});
        expect(reasons.textContent).toContain(
            'Deletes 1 row in Airtable with changes not yet synced to Dynamics',
        );
    });

    test('unticking keeps the edited row', () => {
        const decisions = renderDialog();

        fireEvent.click(screen.getByRole('checkbox', {name: /Coho Winery/}));
        fireEvent.click(screen.getByRole('button', {name: 'Apply'}));

        expect(decisions).toEqual([
            {
                kind: 'apply',
                deletes: {kind: 'approveSome', approvedKeys: [CLEAN_KEY], restoreRows: false},
            },
        ]);
    });
});
