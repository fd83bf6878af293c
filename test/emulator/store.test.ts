/** The in-memory store: versions, defaults, the reference index, snapshots and clearing. */
import {createDefaultRegistry} from '../../dev/emulator/entities/registry';
import {EmulatorStore} from '../../dev/emulator/store';

const OWNER = 'c0ffee00-0000-4000-8000-0000000000f2';
const CURRENCY = 'c0ffee00-0000-4000-8000-0000000000c1';

function createStore(): EmulatorStore {
    return new EmulatorStore(
        createDefaultRegistry(),
        {ownerId: OWNER, currencyId: CURRENCY},
        () => new Date('2025-06-03T16:14:07.123Z'),
    );
}

function idOf(row: Readonly<Record<string, unknown>>, column: string): string {
    return String(row[column]);
}

test('every write takes a new version', () => {
    const store = createStore();
    const first = store.insert('account', {name: 'First'});
    const second = store.update('account', idOf(first, 'accountid'), {name: 'Second'});

    expect(Number(second['versionnumber'])).toBeGreaterThan(Number(first['versionnumber']));
    expect(second['versionnumber']).toBe(store.currentVersion);
});

test('insert fills platform defaults', () => {
    const row = createStore().insert('account', {name: 'Defaults', revenue: 10});

    expect(row['createdon']).toBe('2025-06-03T16:14:07Z');
    expect(row['ownerid']).toEqual({logicalName: 'systemuser', id: OWNER});
    expect(row['transactioncurrencyid']).toEqual({
        logicalName: 'transactioncurrency',
        id: CURRENCY,
    });
    expect(row['revenue_base']).toBe(10);
    expect(row['statuscode']).toBe(1);
});

test('insert rejects an unknown column', () => {
    expect(() => createStore().insert('account', {nosuchcolumn: 1})).toThrow(
        "has no column 'nosuchcolumn'",
    );
});

test('reference index follows lookup changes', () => {
    const store = createStore();
    const oldParent = idOf(store.insert('account', {name: 'Old Parent'}), 'accountid');
    const newParent = idOf(store.insert('account', {name: 'New Parent'}), 'accountid');
    const child = idOf(
        store.insert('account', {name: 'Child', parentaccountid: oldParent}),
        'accountid',
    );
    store.update('account', child, {parentaccountid: newParent});

    expect(store.listReferencing({logicalName: 'account', id: oldParent})).toEqual([]);
    expect(store.listReferencing({logicalName: 'account', id: newParent})).toEqual([
        {logicalName: 'account', id: child, attribute: 'parentaccountid'},
    ]);
    store.remove('account', child);
    expect(store.listReferencing({logicalName: 'account', id: newParent})).toEqual([]);
});

test('restore undoes writes and their references', () => {
    const store = createStore();
    const parent = idOf(store.insert('account', {name: 'Parent'}), 'accountid');
    const snapshot = store.snapshot();
    store.insert('contact', {
        lastname: 'Rolled Back',
        parentcustomerid: {logicalName: 'account', id: parent},
    });
    store.remove('account', parent);
    store.restore(snapshot);

    expect(store.list('contact')).toEqual([]);
    expect(store.getIfExists('account', parent)).not.toBeNull();
    expect(store.listReferencing({logicalName: 'account', id: parent})).toEqual([]);
    expect(store.listDeletionsSince('account', 0)).toEqual([]);
});

test('clear takes a new version', () => {
    const store = createStore();
    store.insert('account', {name: 'Cleared'});
    const before = store.currentVersion;
    store.clear('account');

    expect(store.list('account')).toEqual([]);
    expect(store.currentVersion).toBeGreaterThan(before);
});
