import {airtableFieldId} from '../../frontend/sync/ids';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    CONTACT,
    CONTACTS_TABLE,
    createRelationsHarness,
    createSyncedSampleAsync,
    ACME_ID,
    GLOBEX_ID,
    ADA_ID,
    GRACE_ID,
    links,
    reference,
    type RelationsHarness,
} from './relationFixtures';

const NAME_FIELD = airtableFieldId('fldName');
const PRIMARY_CONTACT_FIELD = airtableFieldId('fldPrimaryContact');

/** Runs a sync and returns its reads of Accounts records. */
async function readAccountsAsync(harness: RelationsHarness) {
    const readsBefore = harness.dataverse.reads.length;
    const summary = await harness.runAndKeepWatermarksAsync();
    const reads = harness.dataverse.reads
        .slice(readsBefore)
        .filter(read => read.entity === ACCOUNT.logicalName);
    return {summary, reads};
}

describe('second pass reads', () => {
    test('reads changes after first-pass writes', async () => {
        const harness = await createSyncedSampleAsync({
            contacts: [
                [ADA_ID, 'Lovelace'],
                [GRACE_ID, 'Hopper'],
            ],
            hasDeal: false,
        });
        const acmeRow = harness.getRowId(ACCOUNTS_TABLE, ACME_ID);
        const adaRow = harness.getRowId(CONTACTS_TABLE, ADA_ID);
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {
            fldName: 'Acme Corp',
            fldPrimaryContact: links(adaRow),
        });

        const {summary, reads} = await readAccountsAsync(harness);

        expect(reads.map(read => read.kind)).toEqual(['readChanges', 'readChanges']);
        expect(reads[1]?.resultKind).toBe('changes');
        expect(summary.counts.failed).toBe(0);
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).name).toBe('Acme Corp');
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid).toEqual(
            reference(CONTACT, ADA_ID),
        );
    });

    test('reads changes after an import', async () => {
        const harness = createRelationsHarness();
        harness.dataverse.insertRecord(CONTACT, ADA_ID, {lastname: 'Lovelace'});
        harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {
            name: 'Acme',
            primarycontactid: reference(CONTACT, ADA_ID),
        });

        const {reads} = await readAccountsAsync(harness);

        const acmeRow = harness.getRowId(ACCOUNTS_TABLE, ACME_ID);
        const adaRow = harness.getRowId(CONTACTS_TABLE, ADA_ID);
        expect(reads.map(read => read.resultKind)).toEqual(['all', 'changes']);
        expect(harness.airtable.getCell(ACCOUNTS_TABLE, acmeRow, PRIMARY_CONTACT_FIELD)).toEqual([
            expect.objectContaining({id: adaRow}),
        ]);
    });

    test('sees edits made during the run', async () => {
        const harness = await createSyncedSampleAsync({
            contacts: [
                [ADA_ID, 'Lovelace'],
                [GRACE_ID, 'Hopper'],
            ],
            hasDeal: false,
        });
        const acmeRow = harness.getRowId(ACCOUNTS_TABLE, ACME_ID);
        const adaRow = harness.getRowId(CONTACTS_TABLE, ADA_ID);
        const graceRow = harness.getRowId(CONTACTS_TABLE, GRACE_ID);
        // Acme's new primary contact gives the second pass work, so it reads Accounts again.
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {
            fldName: 'Acme Corp',
            fldPrimaryContact: links(adaRow),
        });
        const readChangesAsync = harness.dataverse.readChangesAsync.bind(harness.dataverse);
        let contactReads = 0;
        // Someone sets Globex's primary contact in Dynamics after the run read Accounts.
        harness.dataverse.readChangesAsync = async (entity, columns, deltaLink) => {
            if (entity.logicalName === CONTACT.logicalName && contactReads++ === 0) {
                harness.dataverse.editRecord(ACCOUNT, GLOBEX_ID, {
                    primarycontactid: reference(CONTACT, GRACE_ID),
                });
            }
            return readChangesAsync(entity, columns, deltaLink);
        };

        const {summary} = await readAccountsAsync(harness);
        const next = await harness.runAndKeepWatermarksAsync();
        const last = await harness.runAndKeepWatermarksAsync();

        // The edit came after the preview, so the run leaves it to the next run's preview.
        const globexOutcome = summary.outcomes.find(
            outcome => outcome.ref.dynamicsId === GLOBEX_ID,
        );
        const globexRow = harness.getRowId(ACCOUNTS_TABLE, GLOBEX_ID);
        expect(globexOutcome).toMatchObject({status: 'skipped', reason: 'changedDuringSync'});
        expect(harness.airtable.getCell(ACCOUNTS_TABLE, globexRow, PRIMARY_CONTACT_FIELD)).toEqual([
            expect.objectContaining({id: graceRow}),
        ]);
        expect(harness.airtable.getCell(ACCOUNTS_TABLE, acmeRow, NAME_FIELD)).toBe('Acme Corp');
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid).toEqual(
            reference(CONTACT, ADA_ID),
        );
        expect(summary.counts.failed).toBe(0);
        expect(next.counts.failed).toBe(0);
        expect(next.counts.updatedInAirtable).toBe(1);
        expect(last.counts.updatedInAirtable).toBe(0);
        expect(last.counts.updatedInDynamics).toBe(0);
    });

    test('reads in full after an expired link', async () => {
        const harness = await createSyncedSampleAsync({
            contacts: [
                [ADA_ID, 'Lovelace'],
                [GRACE_ID, 'Hopper'],
            ],
            hasDeal: false,
        });
        const acmeRow = harness.getRowId(ACCOUNTS_TABLE, ACME_ID);
        const graceRow = harness.getRowId(CONTACTS_TABLE, GRACE_ID);
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {
            fldName: 'Acme Corp',
            fldPrimaryContact: links(graceRow),
        });
        const readChangesAsync = harness.dataverse.readChangesAsync.bind(harness.dataverse);
        // The links expire after the first reads, before the second pass.
        harness.dataverse.readChangesAsync = async (entity, columns, deltaLink) => {
            const result = await readChangesAsync(entity, columns, deltaLink);
            if (entity.logicalName !== ACCOUNT.logicalName) {
                harness.dataverse.expireDeltaLinks();
            }
            return result;
        };

        const {summary, reads} = await readAccountsAsync(harness);

        expect(reads.map(read => read.resultKind)).toEqual(['changes', 'all']);
        expect(summary.counts.failed).toBe(0);
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid).toEqual(
            reference(CONTACT, GRACE_ID),
        );
    });
    test('leaves rejected values to the next run', async () => {
        const harness = await createSyncedSampleAsync({
            contacts: [
                [ADA_ID, 'Lovelace'],
                [GRACE_ID, 'Hopper'],
            ],
            hasDeal: false,
        });
        const acmeRow = harness.getRowId(ACCOUNTS_TABLE, ACME_ID);
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {fldName: 'Acme Corp'});
        harness.dataverse.rejectWrites.set(ACME_ID, 'A plug-in rejected the name.');

        const {summary} = await readAccountsAsync(harness);

        const acme = summary.outcomes.find(outcome => outcome.ref.dynamicsId === ACME_ID);
        expect(acme?.status).toBe('failed');
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).name).toBe('Acme');
    });
});
