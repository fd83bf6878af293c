/**
 * `npm run demo`: one two-way sync in Node, with no browser. Starts the Dataverse emulator on a
 * free port and syncs the sandbox's simulated Accounts, Contacts and Opportunities tables with it
 * through the real adapter, client and engine. Prints the run summary and each table's row count,
 * then syncs again to show that a second run changes nothing.
 * Exits 1 with the reason when a run stops, a record fails or the second run changes something.
 */
import {closeBrowserGlobals} from './demo/browserGlobals';
import {countChanges, createDemoSyncAsync, type DemoSync} from './demo/demoSync';
import {formatRunSummary} from './demo/formatSummary';
import {DEV_TOKEN, startEmulatorAsync} from './emulator/server';
import type {RunSummary} from '../frontend/sync';

async function mainAsync(): Promise<void> {
    const emulator = await startEmulatorAsync({port: 0});
    try {
        console.log(`Dataverse emulator: ${emulator.url}\n`);
        const demo = await createDemoSyncAsync({environmentUrl: emulator.url, token: DEV_TOKEN});
        try {
            await syncTwiceAsync(demo);
        } finally {
            await demo.closeAsync();
        }
    } finally {
        await emulator.closeAsync();
        closeBrowserGlobals();
    }
}

async function syncTwiceAsync(demo: DemoSync): Promise<void> {
    const first = await demo.syncAsync();
    printSummary('First sync', first);
    await printRowCountsAsync(demo);
    checkRunSucceeded('first', first);

    const second = await demo.syncAsync();
    printSummary('Second sync', second);
    await printRowCountsAsync(demo);
    checkRunSucceeded('second', second);
    const changes = countChanges(second);
    if (changes > 0) {
        throw new Error(
            `The second sync changed ${changes} records, but none were expected to change.`,
        );
    }
    console.log('The second sync changed nothing: both sides agree.');
}

function printSummary(title: string, summary: RunSummary): void {
    console.log(formatRunSummary(title, summary).join('\n'));
    console.log('');
}

async function printRowCountsAsync(demo: DemoSync): Promise<void> {
    const counts = await demo.countRowsAsync();
    const parts = counts.map(({tableName, rowCount}) => `${tableName} ${rowCount}`);
    console.log(`Rows in Airtable: ${parts.join(', ')}\n`);
}

function checkRunSucceeded(which: string, summary: RunSummary): void {
    if (summary.error !== null) {
        throw new Error(`The ${which} sync stopped: ${summary.error.message}`);
    }
    if (summary.counts.failed > 0) {
        throw new Error(
            `The ${which} sync failed for ${summary.counts.failed} records, listed above.`,
        );
    }
}

mainAsync().catch((error: unknown) => {
    console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
});
