/** @jest-environment jsdom */
import TestDriver from '@airtable/blocks-testing';
import {createAirtableSide} from '../../frontend/airtable/airtableSide';
import {
    AirtableWriter,
    describeFailedRow,
    type FailedRow,
    type RowUpdate,
} from '../../frontend/sync/apply/airtableWriter';
import {MAX_EXTRA_CALLS_PER_CHUNK} from '../../frontend/sync/apply/airtableChunks';
import {RunStoppedError} from '../../frontend/sync/apply/runStoppedError';
import {airtableFieldId, airtableRecordId} from '../../frontend/sync/ids';
import {AIRTABLE_MAX_WRITES_PER_SECOND, type AirtableSide} from '../../frontend/sync/ports';
import {RateLimiter} from '../../frontend/sync/rateLimiter';
import {
    ACCOUNTS_TABLE_ID,
    createBadInputFixture,
    createDefaultMappings,
    row,
} from '../badInput/badInputBase';

const NAME = airtableFieldId('fldName');
const CITY = airtableFieldId('fldCity');
const EMPLOYEES = airtableFieldId('fldEmployees');

const CLOCK = {
    nowMs: () => Date.now(),
    sleepAsync: (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)),
};

function setUp(rowCount: number) {
    const accountsRows = Array.from({length: rowCount}, (_, index) =>
        row(`rec${index}`, {fldName: `Account ${index}`}),
    );
    const driver = new TestDriver(
        createBadInputFixture({accounts: accountsRows, opportunities: []}),
    );
    const [accounts] = createDefaultMappings();
    if (accounts === undefined) {
        throw new Error('The bad-input base must map the Accounts table.');
    }
    const side = createAirtableSide(driver.base);
    const calls: number[] = [];
    const limiter = new RateLimiter(CLOCK, {
        maxCalls: AIRTABLE_MAX_WRITES_PER_SECOND,
        windowMs: 1000,
    });
    return {driver, accounts, side, calls, limiter};
}

/** Wraps the real adapter to count its update calls, or to fail each as a closed extension would. */
function countingSide(side: AirtableSide, calls: number[], failsEveryCall = false): AirtableSide {
    return {
        readRowsAsync: mapping => side.readRowsAsync(mapping),
        createRowsAsync: (tableId, rows) => side.createRowsAsync(tableId, rows),
        deleteRowsAsync: (tableId, ids) => side.deleteRowsAsync(tableId, ids),
        updateRowsAsync: async (tableId, rows) => {
            calls.push(rows.length);
            if (failsEveryCall) {
                throw new Error('The extension was closed.');
            }
            await side.updateRowsAsync(tableId, rows);
        },
    };
}

function cityUpdates(count: number): RowUpdate[] {
    return Array.from({length: count}, (_, index) => ({
        id: airtableRecordId(`rec${index}`),
        cells: {[CITY]: `City ${index}`},
    }));
}

/** Employee counts where the row at `rejectedIndex` contains text, which a number field rejects. */
function employeeUpdates(count: number, rejectedIndex: number): RowUpdate[] {
    return Array.from({length: count}, (_, index) => ({
        id: airtableRecordId(`rec${index}`),
        cells: {[EMPLOYEES]: index === rejectedIndex ? 'many' : index},
    }));
}

/**
 * Makes the table reject text in the number field with the SDK's own message. TestDriver accepts
 * any cell value, while the SDK in Airtable checks each cell against its field before a write.
 */
function rejectTextInNumberField(driver: TestDriver): void {
    const table = driver.base.getTableById(ACCOUNTS_TABLE_ID);
    const updateAsync = table.updateRecordsAsync.bind(table);
    jest.spyOn(table, 'updateRecordsAsync').mockImplementation(async records => {
        if (records.some(record => typeof record.fields[EMPLOYEES] === 'string')) {
            throw new Error(
                "Can't set cell values: invalid cell value for field 'Employees'.\n" +
                    'Cell value has invalid format: must be a number',
            );
        }
        return updateAsync(records);
    });
}

describe('AirtableWriter', () => {
    test('writes around a deleted row', async () => {
        const {driver, accounts, side, limiter} = setUp(3);
        await side.readRowsAsync(accounts);
        await driver.base.getTableById(ACCOUNTS_TABLE_ID).deleteRecordAsync('rec1');
        const writer = new AirtableWriter(side, limiter, undefined);
        const written: RowUpdate[] = [];
        const failed: Array<FailedRow<RowUpdate>> = [];

        await writer.updateRowsAsync(accounts, cityUpdates(3), rows => written.push(...rows), {
            isCancellable: true,
            onRowsFailed: rows => failed.push(...rows),
        });
        const rows = await side.readRowsAsync(accounts);

        expect(written.map(update => update.id)).toEqual(['rec0', 'rec2']);
        expect(failed.map(item => item.row.id)).toEqual(['rec1']);
        expect(rows.find(item => item.id === 'rec2')?.cells[CITY]).toBe('City 2');
        side.unloadAll();
    });

    test('describes a deleted row', async () => {
        const {accounts} = setUp(0);
        const failed: FailedRow<unknown> = {
            row: null,
            rejection: {
                kind: 'rejected',
                rejection: {index: 0, reason: 'rowNotFound', fieldId: null, detail: 'rec1'},
            },
        };

        const failure = describeFailedRow(accounts, 'Account 1', failed);

        expect(failure.message).toContain("row 'Account 1' in 'Accounts'");
        expect(failure.message).toContain('deleted in Airtable during the sync');
        expect(failure.message).toContain('sync again');
        expect(failure.detail).toBe('rec1');
    });

    test('describes a link to a deleted row', async () => {
        const {accounts} = setUp(0);
        const failed: FailedRow<unknown> = {
            row: null,
            rejection: {
                kind: 'rejected',
                rejection: {
                    index: 0,
                    reason: 'linkedRowNotFound',
                    fieldId: airtableFieldId('fldCity'),
                    detail: 'recGone',
                },
            },
        };

        const failure = describeFailedRow(accounts, 'Account 1', failed);

        expect(failure.code).toBe('unresolvedLink');
        expect(failure.message).toContain("field 'City'");
        expect(failure.message).toContain('recGone');
        expect(failure.message).toContain('Remove the link');
    });

    test('finds a rejected value', async () => {
        const {driver, accounts, side, calls, limiter} = setUp(3);
        rejectTextInNumberField(driver);
        await side.readRowsAsync(accounts);
        const writer = new AirtableWriter(countingSide(side, calls), limiter, undefined);
        const written: RowUpdate[] = [];
        const failed: Array<FailedRow<RowUpdate>> = [];

        await writer.updateRowsAsync(
            accounts,
            employeeUpdates(3, 1),
            rows => written.push(...rows),
            {
                isCancellable: true,
                onRowsFailed: rows => failed.push(...rows),
            },
        );
        const rejection = failed[0]?.rejection;
        const failure = describeFailedRow(accounts, 'Account 1', failed[0]!);

        expect(written.map(update => update.id)).toEqual(['rec0', 'rec2']);
        expect(failed.map(item => item.row.id)).toEqual(['rec1']);
        expect(rejection?.kind).toBe('rejected');
        expect(rejection?.kind === 'rejected' ? rejection.rejection.reason : null).toBe(
            'invalidValue',
        );
        expect(failure.message).toContain("field 'Employees'");
        expect(failure.message).toContain('sync again');
        expect(calls).toEqual([3, 2, 1, 1, 1]);
        side.unloadAll();
    });

    test('bounds the calls per chunk', async () => {
        const {driver, accounts, side, calls, limiter} = setUp(50);
        rejectTextInNumberField(driver);
        await side.readRowsAsync(accounts);
        const writer = new AirtableWriter(countingSide(side, calls), limiter, undefined);
        const written: RowUpdate[] = [];
        const failed: Array<FailedRow<RowUpdate>> = [];

        await writer.updateRowsAsync(
            accounts,
            employeeUpdates(50, 40),
            rows => written.push(...rows),
            {
                isCancellable: true,
                onRowsFailed: rows => failed.push(...rows),
            },
        );

        expect(calls.length).toBe(1 + MAX_EXTRA_CALLS_PER_CHUNK);
        expect(failed.map(item => item.row.id)).toContain('rec40');
        expect(failed.length).toBeLessThanOrEqual(7);
        expect(written.length + failed.length).toBe(50);
        expect(failed[0]?.rejection.kind).toBe('unisolated');
        side.unloadAll();
    });

    test('stops on an unclassified failure', async () => {
        const {accounts, side, calls, limiter} = setUp(50);
        await side.readRowsAsync(accounts);
        const writer = new AirtableWriter(countingSide(side, calls, true), limiter, undefined);

        const result = writer.updateRowsAsync(accounts, cityUpdates(50), () => undefined);

        await expect(result).rejects.toThrow(RunStoppedError);
        await expect(result).rejects.toThrow(/check the connection/);
        expect(calls).toEqual([50]);
        side.unloadAll();
    });

    test('names a deleted field', async () => {
        const {driver, accounts, side, limiter} = setUp(1);
        await driver.deleteFieldAsync(ACCOUNTS_TABLE_ID, 'fldCity');
        const writer = new AirtableWriter(side, limiter, undefined);

        const result = writer.createRowsAsync(
            accounts,
            [{cells: {[NAME]: 'New', [CITY]: 'Oslo'}}],
            () => undefined,
        );

        await expect(result).rejects.toThrow(/no longer has the field 'City'/);
        await expect(result).rejects.toThrow(/Open the extension's settings/);
        side.unloadAll();
    });

    test('explains a missing permission', async () => {
        const {driver, accounts, side, limiter} = setUp(1);
        driver.simulatePermissionCheck(() => false);
        const writer = new AirtableWriter(side, limiter, undefined);

        const result = writer.createRowsAsync(
            accounts,
            [{cells: {[NAME]: 'New'}}],
            () => undefined,
        );

        await expect(result).rejects.toThrow(/editor access or above/);
        await expect(result).rejects.not.toThrow(/check the connection/);
    });
});
