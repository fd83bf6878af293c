/**
 * Reading the rows that point at records to delete, over real HTTP against the Dataverse
 * emulator: the port's reads, and a whole sync that previews a delete cascading into tables the
 * sync does not map.
 */
import {randomUUID} from 'node:crypto';
import {DEV_TOKEN, startEmulatorAsync} from '../../dev/emulator/server';
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide} from '../../frontend/dataverse/dataverseSide';
import {MAX_PARENT_IDS_PER_REQUEST} from '../../frontend/dataverse/referencingRecords';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
import type {DeleteDecision, DeletePreview} from '../../frontend/sync/deletes/types';
import {logicalName, parseGuid, type Guid} from '../../frontend/sync/ids';
import type {CascadeDeleteRule, DataverseSide} from '../../frontend/sync/ports';
import {runSyncAsync, type SyncInput} from '../../frontend/sync/runSync';
import {FakeAirtableSide} from '../sync/fakes/fakeAirtable';
import {FakeClock} from '../sync/fakes/fakeClock';
import {accountTable, createGuidSequence, NAME, withApprovalDefault} from '../sync/fixtures';

type Emulator = Awaited<ReturnType<typeof startEmulatorAsync>>;

/** The sample account "A. Datum Corporation (sample)", with a contact and an opportunity. */
const ADATUM_ID = parseGuid('a1d4e2b0-5c1f-4e0a-9b7d-000000000001');
const VALDES_ID = parseGuid('c2e5f3c1-6d20-4f1b-8c8e-000000000001');
const ORDERING_SOON_ID = parseGuid('d3f6a4d2-7e31-4a2c-9d9f-000000000001');

const CONTACTS_OF_ACCOUNTS: CascadeDeleteRule = {
    referencedEntity: logicalName('account'),
    referencingEntity: logicalName('contact'),
    referencingAttribute: logicalName('parentcustomerid'),
    onDelete: 'Cascade',
};

let emulator: Emulator;

beforeEach(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 0});
});

afterEach(async () => {
    await emulator.closeAsync();
});

function createSide(): DataverseSide {
    const client = new DataverseClient({
        environmentUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(DEV_TOKEN),
    });
    return createDataverseSide(client);
}

function newGuid(): Guid {
    return parseGuid(randomUUID());
}

describe('readReferencingRecordsAsync', () => {
    test('lists the contacts of an account', async () => {
        const result = await createSide().readReferencingRecordsAsync(CONTACTS_OF_ACCOUNTS, [
            ADATUM_ID,
        ]);

        const records = result.status === 'ok' ? result.recordsByParent.get(ADATUM_ID) : [];
        expect(result.status).toBe('ok');
        expect(result.entity?.displayName).toBe('Contact');
        expect(records).toContainEqual({id: VALDES_ID, name: 'Rene Valdes (sample)'});
    });

    test('splits long id lists', async () => {
        const parentIds = [
            ADATUM_ID,
            ...Array.from({length: 2 * MAX_PARENT_IDS_PER_REQUEST}, newGuid),
        ];
        const start = emulator.requestLog.length;

        const result = await createSide().readReferencingRecordsAsync(
            CONTACTS_OF_ACCOUNTS,
            parentIds,
        );

        const contactReads = emulator.requestLog
            .slice(start)
            .filter(entry => entry.path.includes('/contacts?'));
        const parents = result.status === 'ok' ? [...result.recordsByParent.keys()] : [];
        expect(contactReads).toHaveLength(3);
        expect(contactReads.every(entry => entry.status === 200)).toBe(true);
        expect(parents).toEqual([ADATUM_ID]);
    });

    test('reports an unknown table as failed', async () => {
        const rule = {...CONTACTS_OF_ACCOUNTS, referencingEntity: logicalName('new_project')};

        const result = await createSide().readReferencingRecordsAsync(rule, [ADATUM_ID]);

        expect(result).toMatchObject({status: 'failed', entity: null, httpStatus: 404});
    });
});

describe('sync with only Accounts mapped', () => {
    const table = accountTable([NAME]);

    function runAsync(side: DataverseSide, airtable: FakeAirtableSide, input: Partial<SyncInput>) {
        return runSyncAsync({
            tables: [table],
            airtable,
            dataverse: side,
            clock: new FakeClock(),
            conflictPolicy: 'dynamicsWins',
            newGuid: createGuidSequence(),
            runId: 'emulator-run',
            ...withApprovalDefault(input),
        });
    }

    test('previews and makes the cascade', async () => {
        const side = createSide();
        const airtable = new FakeAirtableSide(new FakeClock());
        airtable.addTable(table);
        const first = await runAsync(side, airtable, {});
        const watermark = first.tables[0]?.watermark ?? '';
        const adatumRow = airtable
            .getRows(table.table.id)
            .find(row => row.cells[table.dynamicsIdFieldId] === ADATUM_ID);
        airtable.deleteRow(table.table.id, adatumRow!.id);
        const previews: DeletePreview[] = [];
        const approveAll: DeleteDecision = {kind: 'approveAll'};

        const second = await runAsync(side, airtable, {
            lastSyncedAt: {[table.table.id]: watermark},
            confirmDeletesAsync: async preview => {
                previews.push(preview);
                return approveAll;
            },
        });

        const adatumDelete = previews[0]?.tables[0]?.dynamicsDeletes[0];
        const cascaded = adatumDelete?.cascade.deletedRecords ?? [];
        expect(first.error).toBeNull();
        expect(second.error).toBeNull();
        expect(adatumDelete?.ref.name).toBe('A. Datum Corporation (sample)');
        expect(adatumDelete?.cascade.description).toBe('also deletes 1 Contact and 1 Opportunity');
        expect(cascaded.map(record => record.ref.name).sort()).toEqual([
            'Rene Valdes (sample)',
            'Will be ordering soon (sample)',
        ]);
        expect(cascaded.every(record => record.tableId === null)).toBe(true);
        expect(emulator.store.getIfExists('account', ADATUM_ID)).toBeNull();
        expect(emulator.store.getIfExists('contact', VALDES_ID)).toBeNull();
        expect(emulator.store.getIfExists('opportunity', ORDERING_SOON_ID)).toBeNull();
        expect(second.counts.failed).toBe(0);
    });
});
