/**
 * A person previews and runs the first sync of the sample base, reads the summary, and syncs
 * again to see that nothing changes.
 */
import {
    openSandboxAsync,
    signInAsync,
    syncAsync,
    type SandboxSession,
    type SyncResult,
} from './support/sandboxSession';

/** The summary's labels of counts that change a record. */
const CHANGE_LABELS = [
    'Created in Airtable',
    'Updated in Airtable',
    'Deleted in Airtable',
    'Restored in Airtable',
    'Created in Dynamics',
    'Updated in Dynamics',
    'Deleted in Dynamics',
];

/** A sample account of the emulator that has no row in the sample base yet. */
const SAMPLE_ACCOUNT_WITHOUT_ROW = 'Adventure Works (sample)';

describe('syncing the sample base', () => {
    let session: SandboxSession;
    let first: SyncResult;

    beforeAll(async () => {
        session = await openSandboxAsync('sync');
        await signInAsync(session);
        // The sample base has emptied rows whose records are gone. Unticking their deletes
        // leaves them for Clean up.
        first = await syncAsync(session, 'first-sync', 'applyWithoutDeletes');
    });

    afterAll(async () => {
        await session?.closeAsync();
    });

    test('preview lists rows to create', () => {
        const accounts = first.preview?.tables['Accounts'] ?? '';

        expect(accounts).toMatch(/^Rows to create in Airtable \(\d+\)$/m);
        expect(accounts).toContain(SAMPLE_ACCOUNT_WITHOUT_ROW);
    });

    test('preview lists records to create', () => {
        const accounts = first.preview?.tables['Accounts'] ?? '';

        expect(accounts).toMatch(/^Records to create in Dynamics \(\d+\)$/m);
        expect(accounts).toContain('Woodgrove Bank');
    });

    test('first sync creates rows in Airtable', () => {
        expect(first.counts['Created in Airtable']).toBeGreaterThan(0);
    });

    test('first sync creates records in Dynamics', () => {
        expect(first.counts['Created in Dynamics']).toBeGreaterThan(0);
    });

    test('first sync has no failures', () => {
        expect(first.counts['Failed']).toBe(0);
    });

    test('rows new in Airtable reach Dynamics', () => {
        const names = session.emulator.store.list('account').map(row => row['name']);

        expect(names).toContain('Woodgrove Bank');
    });

    test('second sync changes nothing', async () => {
        const second = await syncAsync(session, 'second-sync', 'applyWithoutDeletes');

        const changed = CHANGE_LABELS.filter(label => (second.counts[label] ?? 0) !== 0);
        expect(changed).toEqual([]);
        session.checkNoPageProblems();
    });
});
