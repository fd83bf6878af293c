import type {LogEntry} from '../../frontend/sync/logger';
import type {SyncProgress} from '../../frontend/sync/progress';
import {createHarness} from './fixtures';

async function runWithListenersAsync() {
    const harness = createHarness();
    harness.airtable.insertRow(harness.table.table.id, {fldName: 'Secret Name', fldEmail: 'ana@'});
    harness.airtable.insertRow(harness.table.table.id, {fldName: 'Contoso'});
    const progress: SyncProgress[] = [];
    const entries: LogEntry[] = [];
    await harness.runAsync({
        runId: 'run-42',
        onProgress: event => progress.push(event),
        logger: {log: entry => entries.push(entry)},
    });
    return {progress, entries};
}

describe('progress events', () => {
    test('move through the phases in order', async () => {
        const {progress} = await runWithListenersAsync();

        const phases = progress
            .map(event => event.phase)
            .filter((phase, index, all) => phase !== all[index - 1]);

        expect(phases).toEqual([
            'reading',
            'planning',
            'writingAirtable',
            'writingDynamics',
            'writingAirtable',
            'done',
        ]);
    });

    test('report each read complete', async () => {
        const {progress} = await runWithListenersAsync();

        const readEvents = progress.filter(event => event.phase === 'reading');

        expect(readEvents.at(-1)).toMatchObject({done: 2, total: 2, table: 'Accounts'});
        expect(readEvents.at(-1)?.message).toBe('Read 2 rows of Accounts and 0 records of Account');
    });

    test('report the Dynamics phase complete', async () => {
        const {progress} = await runWithListenersAsync();

        const dynamicsEvents = progress.filter(event => event.phase === 'writingDynamics');

        expect(dynamicsEvents.at(-1)).toMatchObject({done: 1, total: 1, table: 'Accounts'});
    });
});

describe('run logging', () => {
    test('tags every entry with the run id', async () => {
        const {entries} = await runWithListenersAsync();

        expect(entries.length).toBeGreaterThan(0);
        expect(entries.every(entry => entry.runId === 'run-42')).toBe(true);
    });

    test('keeps cell values out of info', async () => {
        const {entries} = await runWithListenersAsync();

        const text = JSON.stringify(entries.filter(entry => entry.level !== 'debug'));

        expect(text).not.toContain('Secret Name');
        expect(text).not.toContain('ana@');
    });

    test('logs each failed record', async () => {
        const {entries} = await runWithListenersAsync();

        expect(entries.find(entry => entry.message === 'Record failed')).toMatchObject({
            level: 'warn',
            fields: {code: 'invalidValue', airtableRecordId: 'rec000001'},
        });
    });
});
