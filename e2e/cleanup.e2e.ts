/**
 * A person runs Clean up on the sample base, which has a Contact and an Opportunity row emptied by
 * another tool after their records were deleted in Dynamics, and deletes the rows it lists.
 */
import {
    openSandboxAsync,
    signInAsync,
    STEP_TIMEOUT_MS,
    syncAsync,
    waitForTextAsync,
    type SandboxSession,
} from './support/sandboxSession';

/** The sample base's rows whose records were deleted in Dynamics and whose fields are empty. */
const EMPTIED_ROWS = [
    {tableId: 'tblContacts', rowId: 'recEmptiedContact'},
    {tableId: 'tblOpportunities', rowId: 'recEmptiedOpportunity'},
];

describe('cleaning up emptied rows', () => {
    let session: SandboxSession;
    let listText: string;

    beforeAll(async () => {
        session = await openSandboxAsync('cleanup');
        await signInAsync(session);
        // Keeping the emptied rows out of the sync's deletes leaves them for Clean up to find.
        await syncAsync(session, 'sync', 'applyWithoutDeletes');

        const {page} = session;
        await page.getByRole('button', {name: 'Clean up'}).click({timeout: STEP_TIMEOUT_MS});
        const deleteButton = page.getByRole('button', {name: /^Delete \d+ rows?$/});
        await waitForTextAsync(page, deleteButton);
        listText = await page.locator('#root').innerText();
        await session.screenshotAsync('candidates');
        await deleteButton.click();
        await waitForTextAsync(page, page.getByText(/^Deleted \d+ rows?/));
        await session.screenshotAsync('deleted');
    });

    afterAll(async () => {
        await session?.closeAsync();
    });

    test('lists the emptied contact', () => {
        expect(listText).toMatch(/Contacts: /);
    });

    test('lists the emptied opportunity', () => {
        expect(listText).toMatch(/Opportunities: /);
    });

    test('emptied rows are gone', async () => {
        const left = await session.page.evaluate(async emptiedRows => {
            const found: string[] = [];
            for (const {tableId, rowId} of emptiedRows) {
                const table = window.sandboxDriver?.base.getTableById(tableId);
                const query = await table?.selectRecordsAsync({fields: []});
                if (query?.getRecordByIdIfExists(rowId)) {
                    found.push(rowId);
                }
                query?.unloadData();
            }
            return found;
        }, EMPTIED_ROWS);

        expect(left).toEqual([]);
        session.checkNoPageProblems();
    });
});
