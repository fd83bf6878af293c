import {toCleanupCsv} from '../../frontend/sync/cleanup/cleanupCsv';
import {deleteCleanupRowsAsync} from '../../frontend/sync/cleanup/deleteCleanupRows';
import {
    findCleanupCandidates,
    type CleanupCandidate,
} from '../../frontend/sync/cleanup/findCleanupCandidates';
import {readCleanupInputAsync} from '../../frontend/sync/cleanup/readCleanupTables';
import {airtableRecordId, parseGuid} from '../../frontend/sync/ids';
import {AIRTABLE_MAX_RECORDS_PER_WRITE} from '../../frontend/sync/ports';
import {encodeSyncState} from '../../frontend/sync/syncState';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    CONTACT,
    CONTACTS_TABLE,
    createRelationsHarness,
    links,
    reference,
    type RelationsHarness,
} from './relationFixtures';

const ACME_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b1');
const ADA_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a1');
const GRACE_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a2');
const GONE_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a9');
const EMPTIED_GONE_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a7');
/** A Dynamics ID cell someone typed by hand, which is not a valid GUID. */
const TYPED_ID_TEXT = 'contact 42 (old CRM)';

/**
 * Builds a synced base where another tool emptied Grace's row and deleted the record of a third
 * contact, next to normal rows and a row whose create in Dynamics is still pending.
 */
async function createBaseWithHusksAsync() {
    const harness = createRelationsHarness();
    harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
    harness.dataverse.insertRecord(CONTACT, ADA_ID, {
        lastname: 'Lovelace',
        parentcustomerid: reference(ACCOUNT, ACME_ID),
    });
    harness.dataverse.insertRecord(CONTACT, GRACE_ID, {lastname: 'Hopper'});
    await harness.runAsync();

    const graceRow = harness.findRowId(CONTACTS_TABLE, GRACE_ID)!;
    harness.airtable.editRow(CONTACTS_TABLE, graceRow, {fldName: ''});
    const orphanRow = harness.addRow(CONTACTS_TABLE, {
        fldName: 'Babbage',
        fldDynamicsId: GONE_ID,
        fldSyncState: encodeSyncState({version: 'W/"1"', isPendingCreate: false, fieldHashes: {}}),
    });
    const pendingRow = harness.addRow(CONTACTS_TABLE, {
        fldName: 'Turing',
        fldDynamicsId: parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a8'),
        fldSyncState: encodeSyncState({version: null, isPendingCreate: true, fieldHashes: {}}),
    });
    const blankRow = harness.addRow(CONTACTS_TABLE, {fldCompany: links()});
    const emptiedOrphanRow = harness.addRow(CONTACTS_TABLE, {
        fldDynamicsId: EMPTIED_GONE_ID,
        fldSyncState: encodeSyncState({version: 'W/"1"', isPendingCreate: false, fieldHashes: {}}),
    });
    const typedIdRow = harness.addRow(CONTACTS_TABLE, {fldDynamicsId: TYPED_ID_TEXT});
    return {harness, graceRow, orphanRow, pendingRow, blankRow, emptiedOrphanRow, typedIdRow};
}

async function findCandidatesAsync(harness: RelationsHarness): Promise<CleanupCandidate[]> {
    const input = await readCleanupInputAsync({
        airtable: harness.airtable,
        dataverse: harness.dataverse,
        tables: harness.tables,
        runId: 'cleanup-1',
    });
    return findCleanupCandidates(input);
}

describe('findCleanupCandidates', () => {
    test('finds exactly the husks', async () => {
        const {harness, graceRow, blankRow, emptiedOrphanRow, typedIdRow} =
            await createBaseWithHusksAsync();

        const candidates = await findCandidatesAsync(harness);

        expect(candidates.map(candidate => candidate.rowId).sort()).toEqual(
            [graceRow, blankRow, emptiedOrphanRow, typedIdRow].sort(),
        );
    });

    test('skips filled rows without records', async () => {
        const {harness, orphanRow} = await createBaseWithHusksAsync();

        const candidates = await findCandidatesAsync(harness);

        expect(candidates.some(candidate => candidate.rowId === orphanRow)).toBe(false);
    });

    test('gives each reason in words', async () => {
        const {harness, graceRow, emptiedOrphanRow} = await createBaseWithHusksAsync();

        const candidates = await findCandidatesAsync(harness);

        const grace = candidates.find(candidate => candidate.rowId === graceRow);
        const orphan = candidates.find(candidate => candidate.rowId === emptiedOrphanRow);
        expect(grace?.reasons).toEqual(['allFieldsEmpty']);
        expect(grace?.description).toBe('Every synced field of the row is empty.');
        expect(orphan?.reasons).toEqual(['allFieldsEmpty', 'recordMissing']);
        expect(orphan?.description).toBe(
            'Every synced field of the row is empty. ' +
                `Its Contact ${EMPTIED_GONE_ID} no longer exists in Dynamics.`,
        );
    });

    test('keeps an invalid Dynamics ID', async () => {
        const {harness, typedIdRow} = await createBaseWithHusksAsync();

        const candidates = await findCandidatesAsync(harness);

        const typed = candidates.find(candidate => candidate.rowId === typedIdRow);
        expect(typed?.dynamicsId).toBeNull();
        expect(typed?.dynamicsIdText).toBe(TYPED_ID_TEXT);
        expect(toCleanupCsv(typed ? [typed] : [])).toContain(`,${TYPED_ID_TEXT},`);
    });

    test('ignores the bookkeeping fields', async () => {
        const {harness, graceRow} = await createBaseWithHusksAsync();

        const candidates = await findCandidatesAsync(harness);

        const grace = candidates.find(candidate => candidate.rowId === graceRow);
        expect(grace?.dynamicsId).toBe(GRACE_ID);
        expect(harness.airtable.getRows(ACCOUNTS_TABLE)).toHaveLength(1);
        expect(candidates.some(candidate => candidate.tableId === ACCOUNTS_TABLE)).toBe(false);
    });
});

describe('toCleanupCsv', () => {
    const candidate: CleanupCandidate = {
        tableId: CONTACTS_TABLE,
        tableName: 'Contacts',
        rowId: airtableRecordId('rec000001'),
        name: 'Lovelace, Ada',
        dynamicsId: ADA_ID,
        dynamicsIdText: ADA_ID,
        reasons: ['allFieldsEmpty', 'recordMissing'],
        description: 'Its Contact no longer exists in Dynamics.',
        cells: [
            {fieldName: 'Last name', value: 'Say "hi"'},
            {fieldName: 'Notes', value: 'line one\nline two'},
            {fieldName: 'Company', value: [{id: 'rec000009', name: 'Acme'}]},
        ],
    };

    test('writes a header and a row', () => {
        const lines = toCleanupCsv([candidate]).split('\r\n');

        expect(lines[0]).toBe(
            'Table,Airtable record ID,Dynamics ID,Row name,Reason,Last name,Notes,Company',
        );
        expect(lines).toHaveLength(3);
        expect(lines[1]?.startsWith(`Contacts,rec000001,${ADA_ID},`)).toBe(true);
        expect(lines[2]).toBe('');
    });

    test('quotes commas, quotes and line breaks', () => {
        const csv = toCleanupCsv([candidate]);

        expect(csv).toContain(',"Lovelace, Ada",');
        expect(csv).toContain(',"Say ""hi""",');
        expect(csv).toContain(',"line one\nline two",');
        expect(csv.endsWith(',Acme\r\n')).toBe(true);
    });
});

describe('deleteCleanupRowsAsync', () => {
    test('deletes in paced chunks', async () => {
        const harness = createRelationsHarness();
        const ids = Array.from({length: 820}, (_, index) =>
            harness.addRow(CONTACTS_TABLE, {fldName: `Row ${index}`}),
        );
        const candidates = ids.map((rowId): CleanupCandidate => ({
            tableId: CONTACTS_TABLE,
            tableName: 'Contacts',
            rowId,
            name: rowId,
            dynamicsId: null,
            dynamicsIdText: '',
            reasons: ['allFieldsEmpty'],
            description: '',
            cells: [],
        }));

        const result = await deleteCleanupRowsAsync({
            airtable: harness.airtable,
            clock: harness.clock,
            tables: harness.tables,
            candidates,
        });

        const deleteCalls = harness.airtable.writeCalls.filter(call => call.kind === 'delete');
        expect(result.error).toBeNull();
        expect(result.deletedRowIds).toHaveLength(820);
        expect(harness.airtable.getRows(CONTACTS_TABLE)).toHaveLength(0);
        expect(deleteCalls).toHaveLength(17);
        expect(deleteCalls.every(call => call.recordCount <= AIRTABLE_MAX_RECORDS_PER_WRITE)).toBe(
            true,
        );
        expect(harness.clock.sleeps.length).toBeGreaterThan(0);
    });
});
