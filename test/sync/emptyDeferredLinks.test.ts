import {airtableFieldId} from '../../frontend/sync/ids';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    CONTACT,
    CONTACTS_TABLE,
    createRelationsHarness,
    ACME_ID,
    GLOBEX_ID,
    ADA_ID,
    links,
    reference,
    type RelationsHarness,
} from './relationFixtures';

const PRIMARY_CONTACT_FIELD = airtableFieldId('fldPrimaryContact');

/** Returns the Accounts update calls of the write calls made since `callsBefore`. */
function getAccountUpdates(harness: RelationsHarness, callsBefore: number) {
    return harness.airtable.writeCalls
        .slice(callsBefore)
        .filter(call => call.kind === 'update' && call.tableId === ACCOUNTS_TABLE);
}

describe('empty deferred links', () => {
    test('import skips empty second-pass writes', async () => {
        // Accounts and Contacts link to each other, so Primary Contact waits for the second pass.
        const harness = createRelationsHarness();
        harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
        harness.dataverse.insertRecord(CONTACT, ADA_ID, {
            lastname: 'Lovelace',
            parentcustomerid: reference(ACCOUNT, ACME_ID),
        });

        const summary = await harness.runAndKeepWatermarksAsync();
        const next = await harness.runAndKeepWatermarksAsync();

        expect(getAccountUpdates(harness, 0)).toEqual([]);
        expect(summary.counts.createdInAirtable).toBe(2);
        expect(summary.counts.failed).toBe(0);
        expect(next.counts.unchanged).toBe(2);
    });

    test('new record skips empty second-pass writes', async () => {
        const harness = createRelationsHarness();
        harness.addRow(ACCOUNTS_TABLE, {fldName: 'Acme'});

        const summary = await harness.runAndKeepWatermarksAsync();
        const callsAfterFirst = harness.airtable.writeCalls.length;
        const next = await harness.runAndKeepWatermarksAsync();

        // One update writes the pending-create state, one the state after the create.
        expect(getAccountUpdates(harness, 0)).toHaveLength(2);
        expect(summary.counts.createdInDynamics).toBe(1);
        expect(harness.airtable.writeCalls).toHaveLength(callsAfterFirst);
        expect(next.counts.unchanged).toBe(1);
    });

    test('second pass sets a filled link', async () => {
        const harness = createRelationsHarness();
        harness.dataverse.insertRecord(CONTACT, ADA_ID, {lastname: 'Lovelace'});
        harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {
            name: 'Acme',
            primarycontactid: reference(CONTACT, ADA_ID),
        });

        await harness.runAndKeepWatermarksAsync();

        const acmeRow = harness.getRowId(ACCOUNTS_TABLE, ACME_ID);
        const adaRow = harness.getRowId(CONTACTS_TABLE, ADA_ID);
        expect(harness.airtable.getCell(ACCOUNTS_TABLE, acmeRow, PRIMARY_CONTACT_FIELD)).toEqual([
            expect.objectContaining({id: adaRow}),
        ]);
    });

    test('pulls a link set between passes', async () => {
        const harness = createRelationsHarness();
        harness.dataverse.insertRecord(ACCOUNT, GLOBEX_ID, {name: 'Globex'});
        harness.dataverse.insertRecord(CONTACT, ADA_ID, {lastname: 'Lovelace'});
        const readChangesAsync = harness.dataverse.readChangesAsync.bind(harness.dataverse);
        let contactReads = 0;
        // Someone sets Globex's primary contact in Dynamics while the first pass runs.
        harness.dataverse.readChangesAsync = async (entity, columns, deltaLink) => {
            if (entity.logicalName === CONTACT.logicalName && contactReads++ === 0) {
                harness.dataverse.editRecord(ACCOUNT, GLOBEX_ID, {
                    primarycontactid: reference(CONTACT, ADA_ID),
                });
            }
            return readChangesAsync(entity, columns, deltaLink);
        };

        await harness.runAndKeepWatermarksAsync();

        const globexRow = harness.getRowId(ACCOUNTS_TABLE, GLOBEX_ID);
        const adaRow = harness.getRowId(CONTACTS_TABLE, ADA_ID);
        expect(harness.airtable.getCell(ACCOUNTS_TABLE, globexRow, PRIMARY_CONTACT_FIELD)).toEqual([
            expect.objectContaining({id: adaRow}),
        ]);
    });

    test('pushes a link set in Airtable', async () => {
        const harness = createRelationsHarness();
        harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
        harness.dataverse.insertRecord(CONTACT, ADA_ID, {lastname: 'Lovelace'});
        await harness.runAndKeepWatermarksAsync();
        const acmeRow = harness.getRowId(ACCOUNTS_TABLE, ACME_ID);
        const adaRow = harness.getRowId(CONTACTS_TABLE, ADA_ID);
        harness.airtable.editRow(ACCOUNTS_TABLE, acmeRow, {fldPrimaryContact: links(adaRow)});

        const summary = await harness.runAndKeepWatermarksAsync();

        expect(summary.counts.failed).toBe(0);
        expect(harness.dataverse.getValues(ACCOUNT, ACME_ID).primarycontactid).toEqual(
            reference(CONTACT, ADA_ID),
        );
    });
    test('linked row skips empty second-pass writes', async () => {
        const harness = createRelationsHarness();
        harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
        // A row linked by hand has no baselines, so its first pass writes its state.
        harness.addRow(ACCOUNTS_TABLE, {fldName: 'Acme', fldDynamicsId: ACME_ID});

        const summary = await harness.runAndKeepWatermarksAsync();
        const callsAfterFirst = harness.airtable.writeCalls.length;
        const next = await harness.runAndKeepWatermarksAsync();

        expect(getAccountUpdates(harness, 0)).toHaveLength(1);
        expect(summary.counts.failed).toBe(0);
        expect(harness.airtable.writeCalls).toHaveLength(callsAfterFirst);
        expect(next.counts.unchanged).toBe(1);
    });
});
