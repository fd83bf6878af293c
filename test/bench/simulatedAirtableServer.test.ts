/** The simulated Airtable server's limits: records and bytes per call, calls per second, delay. */
import {
    AirtableServerRejection,
    SimulatedAirtableServer,
} from '../../dev/bench/simulatedAirtableServer';
import {airtableRecordId, airtableTableId, type AirtableSide} from '../../frontend/sync';
import {FakeClock} from '../sync/fakes/fakeClock';

const TABLE_ID = airtableTableId('tblAccounts');
const WRITE_DELAY_MS = 50;

/** Creates an inner side that counts the calls the server passes on. */
function createCountingSide(): AirtableSide & {passedCalls: number} {
    const side = {
        passedCalls: 0,
        readRowsAsync: async () => [],
        createRowsAsync: async (_tableId: unknown, rows: readonly unknown[]) => {
            side.passedCalls += 1;
            return rows.map((_row, index) =>
                airtableRecordId(`rec${String(index).padStart(14, '0')}`),
            );
        },
        updateRowsAsync: async () => {
            side.passedCalls += 1;
        },
        deleteRowsAsync: async () => {
            side.passedCalls += 1;
        },
    };
    return side;
}

function rows(count: number, text = 'x'): Array<{cells: Record<string, unknown>}> {
    return Array.from({length: count}, () => ({cells: {fldName: text}}));
}

let clock: FakeClock;
let inner: ReturnType<typeof createCountingSide>;
let server: SimulatedAirtableServer;

beforeEach(() => {
    clock = new FakeClock();
    inner = createCountingSide();
    server = new SimulatedAirtableServer(inner, clock, WRITE_DELAY_MS);
});

test('accepts 50 records per call', async () => {
    await server.createRowsAsync(TABLE_ID, rows(50));
    expect(inner.passedCalls).toBe(1);
    expect(server.getCounts().writeCalls.create).toBe(1);
});

test('rejects 51 records per call', async () => {
    await expect(server.createRowsAsync(TABLE_ID, rows(51))).rejects.toThrow(
        AirtableServerRejection,
    );
    expect(inner.passedCalls).toBe(0);
    expect(server.getCounts().rejectedCalls).toBe(1);
});

test('rejects a call over 1.9 MB', async () => {
    const largeText = 'a'.repeat(100_000);
    await expect(server.createRowsAsync(TABLE_ID, rows(20, largeText))).rejects.toThrow(
        'more than the 1.9 MB',
    );
});

test('rejects a 16th call within a second', async () => {
    server = new SimulatedAirtableServer(inner, clock, 0);
    for (let call = 0; call < 15; call += 1) {
        await server.deleteRowsAsync(TABLE_ID, []);
    }
    await expect(server.deleteRowsAsync(TABLE_ID, [])).rejects.toThrow('15 write calls');
    expect(inner.passedCalls).toBe(15);
});

test('accepts a call after the window', async () => {
    server = new SimulatedAirtableServer(inner, clock, 0);
    for (let call = 0; call < 15; call += 1) {
        await server.deleteRowsAsync(TABLE_ID, []);
    }
    clock.advance(1000);
    await server.deleteRowsAsync(TABLE_ID, []);
    expect(inner.passedCalls).toBe(16);
});

test('delays each accepted call', async () => {
    await server.updateRowsAsync(TABLE_ID, []);
    await server.updateRowsAsync(TABLE_ID, []);
    expect(clock.sleeps).toEqual([WRITE_DELAY_MS, WRITE_DELAY_MS]);
});
