/** The lower bound the platforms allow, from pages, batches, latency and write calls. */
import {computeLowerBound} from '../../dev/bench/lowerBound';

test('import bound counts pages per table', () => {
    const bound = computeLowerBound({
        rowsToRead: [10_000, 30_000, 10_000],
        dataverseWrites: 0,
        airtableWriteCalls: 1000,
        latencyMs: 50,
    });
    // The 30,000-row table's 6 pages come one after another.
    expect(bound.dataverseRequests).toBe(10);
    expect(bound.dataverseMs).toBe(300);
    expect(bound.airtableMs).toBeCloseTo(66_666.7, 1);
    expect(bound.totalMs).toBeCloseTo(300 + 66_666.7, 1);
});

test('empty read still costs one request', () => {
    const bound = computeLowerBound({
        rowsToRead: [0, 0, 0],
        dataverseWrites: 0,
        airtableWriteCalls: 0,
        latencyMs: 50,
    });
    expect(bound.dataverseRequests).toBe(3);
    expect(bound.totalMs).toBe(50);
});

test('writes go in batches of 1000', () => {
    const bound = computeLowerBound({
        rowsToRead: [200],
        dataverseWrites: 1001,
        airtableWriteCalls: 0,
        latencyMs: 50,
    });
    expect(bound.dataverseRequests).toBe(3);
    expect(bound.dataverseMs).toBe(100);
});

test('writes to both sides overlap', () => {
    const bound = computeLowerBound({
        rowsToRead: [1],
        dataverseWrites: 1000,
        airtableWriteCalls: 30,
        latencyMs: 50,
    });
    expect(bound.totalMs).toBe(50 + 2000);
});
