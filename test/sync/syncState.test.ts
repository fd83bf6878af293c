import {
    encodeSyncState,
    hashValue,
    parseSyncState,
    type SyncState,
} from '../../frontend/sync/syncState';

const STATE: SyncState = {
    version: 'W/"1200503"',
    isPendingCreate: false,
    fieldHashes: {name: hashValue('Contoso'), revenue: hashValue(1500.5)},
};

describe('sync state', () => {
    test('round-trips through its encoding', () => {
        const parsed = parseSyncState(encodeSyncState(STATE));

        expect(parsed).toEqual({ok: true, state: STATE});
    });

    test('round-trips a pending create', () => {
        const pending: SyncState = {version: null, isPendingCreate: true, fieldHashes: {}};

        expect(parseSyncState(encodeSyncState(pending))).toEqual({ok: true, state: pending});
    });

    test('encodes compactly', () => {
        const encoded = encodeSyncState({...STATE, fieldHashes: {}});

        expect(encoded).toBe('{"v":1,"e":"W/\\"1200503\\"","f":{}}');
    });

    test.each([null, undefined, ''])('reads %j as no baseline', cell => {
        expect(parseSyncState(cell)).toEqual({ok: true, state: null});
    });

    test.each([
        ['not JSON', '{"v":1,'],
        ['not an object', '[1,2]'],
        ['an unknown format version', '{"v":2,"f":{}}'],
        ['a version that is not text', '{"v":1,"e":5,"f":{}}'],
        ['an invalid pending flag', '{"v":1,"p":"yes","f":{}}'],
        ['hashes that are not text', '{"v":1,"f":{"name":3}}'],
        ['hashes that are an array', '{"v":1,"f":["a"]}'],
        ['a number cell', 42],
    ])('rejects a state with %s', (_description, cell) => {
        const parsed = parseSyncState(cell);

        expect(parsed.ok).toBe(false);
        expect(parsed.ok ? '' : parsed.reason).toMatch(/^The sync state /);
    });

    test('hashes types apart', () => {
        const hashes = new Set([
            hashValue(1),
            hashValue('1'),
            hashValue(true),
            hashValue(null),
            hashValue(''),
        ]);

        expect(hashes.size).toBe(5);
    });

    test('hashes zero and negative zero alike', () => {
        expect(hashValue(-0)).toBe(hashValue(0));
    });
});
