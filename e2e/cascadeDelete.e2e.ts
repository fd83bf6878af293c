/**
 * A person deletes an Account's row in Airtable, and the next sync previews deleting the Account
 * in Dynamics together with the Contacts Dynamics deletes with it. Approving deletes them in
 * Dynamics and removes the Contacts' rows in Airtable in the same run.
 */
import {
    openSandboxAsync,
    signInAsync,
    syncAsync,
    type SandboxSession,
    type SyncResult,
} from './support/sandboxSession';

/** The sample account Fabrikam, synced before, whose primary contact has a row too. */
const FABRIKAM_ROW_ID = 'recFabrikam';
const FABRIKAM_ID = 'a1d4e2b0-5c1f-4e0a-9b7d-000000000008';
/** The sample account Coho Winery, which links to a Contact of Fabrikam before the delete. */
const COHO_ROW_ID = 'recCohoWinery';
const COHO_ID = 'a1d4e2b0-5c1f-4e0a-9b7d-000000000006';
const ACCOUNTS_TABLE_ID = 'tblAccounts';
const CONTACTS_TABLE_ID = 'tblContacts';

describe('deleting an account with contacts', () => {
    let session: SandboxSession;
    let contactIds: string[];
    let cohoPrimaryContactId: string | null;
    let deleting: SyncResult;

    beforeAll(async () => {
        session = await openSandboxAsync('cascade-delete');
        await signInAsync(session);
        await syncAsync(session, 'first-sync', 'apply');
        contactIds = session.emulator.store
            .list('contact')
            .filter(contact => getLookupId(contact['parentcustomerid']) === FABRIKAM_ID)
            .map(contact => String(contact['contactid']));

        // Another account's primary contact is one of Fabrikam's Contacts, whose delete clears it.
        await session.page.evaluate(
            async ({accountsTableId, contactsTableId, rowId, contactId}) => {
                const base = window.sandboxDriver?.base;
                const contacts = await base
                    ?.getTableById(contactsTableId)
                    .selectRecordsAsync({fields: ['Dynamics ID']});
                const contactRow = contacts?.records.find(
                    record => record.getCellValueAsString('Dynamics ID') === contactId,
                );
                contacts?.unloadData();
                await base?.getTableById(accountsTableId).updateRecordAsync(rowId, {
                    fldPrimaryContact: contactRow === undefined ? [] : [{id: contactRow.id}],
                });
            },
            {
                accountsTableId: ACCOUNTS_TABLE_ID,
                contactsTableId: CONTACTS_TABLE_ID,
                rowId: COHO_ROW_ID,
                contactId: contactIds[0] ?? '',
            },
        );
        await syncAsync(session, 'primary-contact-sync', 'apply');
        cohoPrimaryContactId = getLookupId(
            session.emulator.store.getIfExists('account', COHO_ID)?.['primarycontactid'],
        );

        await session.page.evaluate(
            async ({tableId, rowId}) => {
                const table = window.sandboxDriver?.base.getTableById(tableId);
                await table?.deleteRecordAsync(rowId);
            },
            {tableId: ACCOUNTS_TABLE_ID, rowId: FABRIKAM_ROW_ID},
        );
        deleting = await syncAsync(session, 'delete-sync', 'apply');
    });

    afterAll(async () => {
        await session?.closeAsync();
    });

    test('account has contacts before', () => {
        expect(contactIds.length).toBeGreaterThan(0);
    });

    test('another account links a contact', () => {
        expect(cohoPrimaryContactId).toBe(contactIds[0]);
    });

    test('preview names the cascade', () => {
        expect(deleting.preview?.pageText).toMatch(/also deletes \d+ Contacts?/);
    });

    test('account is deleted in Dynamics', () => {
        expect(session.emulator.store.getIfExists('account', FABRIKAM_ID)).toBeNull();
    });

    test('contacts are deleted in Dynamics', () => {
        const left = contactIds.filter(id => session.emulator.store.getIfExists('contact', id));

        expect(left).toEqual([]);
    });

    test('contact rows are removed', async () => {
        const rowDynamicsIds = await session.page.evaluate(async tableId => {
            const table = window.sandboxDriver?.base.getTableById(tableId);
            const query = await table?.selectRecordsAsync({fields: ['Dynamics ID']});
            const ids = query?.records.map(record => record.getCellValueAsString('Dynamics ID'));
            query?.unloadData();
            return ids ?? [];
        }, CONTACTS_TABLE_ID);

        expect(rowDynamicsIds.filter(id => contactIds.includes(id))).toEqual([]);
        session.checkNoPageProblems();
    });

    test('next sync fails no record', async () => {
        // Coho's link to the removed Contact's row is gone, as in Airtable.
        const next = await syncAsync(session, 'after-delete', 'applyWithoutDeletes');

        expect(next.counts['Failed'] ?? 0).toBe(0);
        const coho = session.emulator.store.getIfExists('account', COHO_ID);
        expect(getLookupId(coho?.['primarycontactid'])).toBeNull();
    });

    test('opening the settings changes nothing', async () => {
        const {page} = session;
        await page.getByRole('button', {name: 'Connection settings'}).click();
        await page.getByRole('button', {name: 'Close'}).first().click();

        const after = await syncAsync(session, 'after-settings', 'applyWithoutDeletes');

        const changed = CHANGE_LABELS.filter(label => (after.counts[label] ?? 0) !== 0);
        expect(changed).toEqual([]);
        expect(after.preview?.pageText ?? '').not.toMatch(/in Dynamics\./);
    });
});

/** The summary's labels of counts that change a record; deletes are declined in the last sync. */
const CHANGE_LABELS = [
    'Created in Airtable',
    'Updated in Airtable',
    'Created in Dynamics',
    'Updated in Dynamics',
    'Deleted in Dynamics',
];

function getLookupId(value: unknown): string | null {
    if (typeof value === 'object' && value !== null && 'id' in value) {
        return String(value.id);
    }
    return null;
}
