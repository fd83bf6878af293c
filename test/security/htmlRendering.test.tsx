/**
 * @jest-environment ./test/setup/jsdomEnvironment.ts
 *
 * Names and values from Dynamics and from the base are shown as text, never parsed as HTML. Each
 * test puts markup into the places the extension shows it, through the real App where a sync can
 * bring it there: the outcome list, conflicts and deletes in the run preview, the delete preview
 * dialog and Clean up. It then checks that the markup shows as its literal text and that no
 * element, attribute or handler came from it.
 */
import '@airtable/blocks-testing';
import {fireEvent, render, screen, within} from '@testing-library/react';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {
    airtableRecordId,
    airtableTableId,
    logicalName,
    parseGuid,
    type DeletePreview,
} from '../../frontend/sync';
import {DeletePreviewDialog} from '../../frontend/ui/DeletePreviewDialog';
import {accountRecord, createAccountsFixture, type RecordFixture} from '../fixtures/accountsBase';
import {
    createConnectedConfig,
    createTestEnvironment,
    findEnabledButtonAsync,
    finishSyncAsync,
    renderApp,
    RUN_PREVIEW_HEADING,
    type RenderedApp,
} from '../ui/renderApp';

/** A whole sync over HTTP takes a few seconds; findBy* waits 1 s by default. */
const SYNC_TIMEOUT_MS = 15_000;

/** Markup that would add an element or run a handler if it were parsed as HTML. */
const MARKUP = [
    '<img src=x onerror="globalThis.markupRan=1">',
    '<script>globalThis.markupRan=2</script>',
    '"><svg onload="globalThis.markupRan=3">',
    "<a href='javascript:globalThis.markupRan=4'>open</a>",
] as const;

declare global {
    // Set by the markup above if any of it ever runs.
    var markupRan: number | undefined;
}

let emulator: RunningEmulator;

beforeEach(async () => {
    globalThis.markupRan = undefined;
    emulator = await startEmulatorAsync({port: 0, seedCount: 0, seedSamples: false});
});

afterEach(async () => {
    await emulator.closeAsync();
});

/** Checks that no element or attribute of the page came from the markup. */
function expectNoMarkupElements(): void {
    const page = document.body;

    expect(page.querySelectorAll('script')).toHaveLength(0);
    expect(page.querySelectorAll('img[src="x"]')).toHaveLength(0);
    expect(page.querySelectorAll('[onerror], [onload], [onclick]')).toHaveLength(0);
    expect(page.querySelectorAll('a[href^="javascript:"]')).toHaveLength(0);
    expect(globalThis.markupRan).toBeUndefined();
}

function renderConnectedApp(records: readonly RecordFixture[]): RenderedApp {
    const fixture = createAccountsFixture({
        records,
        globalConfig: createConnectedConfig(emulator.url),
    });
    return renderApp(fixture, createTestEnvironment(fetch, DEV_TOKEN));
}

/** Deletes an account through the Web API, as a Dynamics user would. */
async function deleteInDynamicsAsync(id: string): Promise<void> {
    const response = await fetch(`${emulator.url}/api/data/v9.2/accounts(${id})`, {
        method: 'DELETE',
        headers: {Authorization: `Bearer ${DEV_TOKEN}`},
    });
    expect(response.status).toBe(204);
}

async function syncAsync(): Promise<void> {
    fireEvent.click(await findEnabledButtonAsync('Sync now'));
    await finishSyncAsync(SYNC_TIMEOUT_MS);
}

/** Starts a sync and returns its run preview dialog once it shows. */
async function startSyncToPreviewAsync(): Promise<HTMLElement> {
    fireEvent.click(await findEnabledButtonAsync('Sync now'));
    const heading = await screen.findByText(RUN_PREVIEW_HEADING, {}, {timeout: SYNC_TIMEOUT_MS});
    return heading.parentElement ?? document.body;
}

describe('outcome list', () => {
    test.each(MARKUP)('shows %p as text', async markup => {
        // An invalid e-mail on both sides makes both records fail, so both show in the list.
        renderConnectedApp([accountRecord('recMarkup', {fldName: markup, fldEmail: 'ana@'})]);
        emulator.store.insert('account', {name: `${markup} from Dynamics`, emailaddress1: 'x@'});

        await syncAsync();

        expect(screen.getByText('Failed: 2')).toBeTruthy();
        expect(screen.getAllByText(content => content.includes(markup)).length).toBeGreaterThan(0);
        expectNoMarkupElements();
    });
});

describe('conflict values', () => {
    test.each(MARKUP)('shows %p as text', async markup => {
        const app = renderConnectedApp([accountRecord('recMarkup', {fldName: 'Markup Ltd'})]);
        await syncAsync();
        const table = app.driver.base.getTableById('tblAccounts');
        const query = await table.selectRecordsAsync({fields: ['fldDynamicsId']});
        const id = query.getRecordById('recMarkup').getCellValueAsString('fldDynamicsId');
        query.unloadData();

        emulator.store.update('account', id, {description: `${markup} in Dynamics`});
        await table.updateRecordsAsync([
            {id: 'recMarkup', fields: {fldDescription: `${markup} in Airtable`}},
        ]);
        const preview = await startSyncToPreviewAsync();
        fireEvent.click(within(preview).getByRole('button', {name: /^Conflicts \(1\)$/}));

        // The preview shortens long values, so the check stops at the end of the markup.
        expect(
            within(preview).getByText(content => content.includes(`Airtable '${markup}`)),
        ).toBeTruthy();
        expect(
            within(preview).getByText(content => content.includes(`Dynamics '${markup}`)),
        ).toBeTruthy();
        expectNoMarkupElements();
        fireEvent.click(within(preview).getByRole('button', {name: 'Apply'}));
        await screen.findByText('Sync finished', {}, {timeout: SYNC_TIMEOUT_MS});

        expect(screen.getByText('Conflicts: 1')).toBeTruthy();
        const row = screen.getByRole('button', {name: 'Open Markup Ltd'});
        expect(
            within(row).getByText(content => content.includes(`${markup} in Airtable`)),
        ).toBeTruthy();
        expect(
            within(row).getByText(content => content.includes(`${markup} in Dynamics`)),
        ).toBeTruthy();
        expectNoMarkupElements();
    });
});

describe('deletes in the run preview', () => {
    test.each(MARKUP)('shows %p as text', async markup => {
        renderConnectedApp([]);
        const id = crypto.randomUUID();
        emulator.store.insert('account', {accountid: id, name: markup});
        await syncAsync();

        await deleteInDynamicsAsync(id);
        const preview = await startSyncToPreviewAsync();

        expect(within(preview).getByText(content => content.includes(markup))).toBeTruthy();
        expectNoMarkupElements();
        fireEvent.click(within(preview).getByRole('button', {name: 'Cancel'}));
        expect(
            await screen.findByText('Sync cancelled', {}, {timeout: SYNC_TIMEOUT_MS}),
        ).toBeTruthy();
        expectNoMarkupElements();
    });
});

describe('delete preview', () => {
    test('shows every part as text', () => {
        const [markup = ''] = MARKUP;
        const table = airtableTableId('tblAccounts');
        const ref = (rowId: string | null, id: string) => ({
            airtableRecordId: rowId === null ? null : airtableRecordId(rowId),
            dynamicsId: parseGuid(`00000000-0000-0000-0000-${id.padStart(12, '0')}`),
            name: markup,
        });
        const preview: DeletePreview = {
            tables: [
                {
                    tableId: table,
                    tableName: markup,
                    entityDisplayName: markup,
                    dynamicsDeletes: [
                        {
                            key: 'account:1',
                            ref: ref(null, '1'),
                            cascade: {
                                deletedRecords: [
                                    {
                                        tableId: table,
                                        tableName: markup,
                                        entityDisplayName: markup,
                                        ref: ref('recChild', '2'),
                                    },
                                ],
                                clearedLinks: [
                                    {
                                        tableId: table,
                                        tableName: markup,
                                        ref: ref('recLinked', '3'),
                                        column: logicalName('parentaccountid'),
                                    },
                                ],
                                description: markup,
                            },
                        },
                    ],
                    airtableDeletes: [{key: 'account:4', ref: ref('recGone', '4')}],
                    blockedDeletes: [{key: 'account:5', ref: ref(null, '5'), reason: markup}],
                },
            ],
            counts: {
                dynamicsDeletes: 1,
                airtableDeletes: 1,
                cascadedRecords: 1,
                clearedLinks: 1,
                blockedDeletes: 1,
            },
        };

        render(<DeletePreviewDialog preview={preview} onDecide={() => undefined} />);

        expect(screen.getAllByText(content => content.includes(markup)).length).toBeGreaterThan(4);
        expectNoMarkupElements();
    });
});

describe('Clean up', () => {
    // Clean up lists only rows whose synced fields are empty, so the one text of a row it can
    // carry is the Dynamics ID cell, which the CSV keeps as typed.
    test.each(MARKUP)('keeps %p as CSV text', async markup => {
        const app = renderConnectedApp([accountRecord('recEmptied', {fldDynamicsId: markup})]);

        fireEvent.click(await findEnabledButtonAsync('Clean up'));
        await screen.findByText(/looks? emptied/, {}, {timeout: SYNC_TIMEOUT_MS});

        const download = document.body.querySelector('a[download]');
        const csv = decodeURIComponent(download?.getAttribute('href') ?? '');
        expect(csv).toMatch(/^data:text\/csv/);
        expect(csv).toContain(markup.replaceAll('"', '""'));
        expectNoMarkupElements();
        app.unmount();
    });
});
