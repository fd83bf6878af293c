/** Deletes: `DELETE accounts(<id>)` returns 204, 404 for a missing row and 412 for a stale etag. */
import {callApiAsync, readErrorAsync, useEmulator} from './helpers';

const getEmulator = useEmulator();

function deleteAsync(id: string, headers: Record<string, string> = {}): Promise<Response> {
    return callApiAsync(getEmulator(), `accounts(${id})`, {method: 'DELETE', headers});
}

test('returns 204 and removes the row', async () => {
    const id = String(getEmulator().store.insert('account', {name: 'Doomed'})['accountid']);
    const response = await deleteAsync(id);

    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(getEmulator().store.getIfExists('account', id)).toBeNull();
});

test('returns 404 for a missing row', async () => {
    const id = '00000000-0000-0000-0000-0000000000fe';
    const response = await deleteAsync(id);
    const error = await readErrorAsync(response);

    expect(response.status).toBe(404);
    expect(error.code).toBe('0x80040217');
    expect(error.message).toBe(`account With Id = ${id} Does Not Exist`);
});

test('returns 412 for a stale etag', async () => {
    const row = getEmulator().store.insert('account', {name: 'Guarded'});
    const id = String(row['accountid']);
    getEmulator().store.update('account', id, {name: 'Guarded, changed'});
    const response = await deleteAsync(id, {'If-Match': `W/"${String(row['versionnumber'])}"`});

    expect(response.status).toBe(412);
    expect((await readErrorAsync(response)).message).toBe(
        "The version of the existing record doesn't match the RowVersion property provided.",
    );
    expect(getEmulator().store.getIfExists('account', id)).not.toBeNull();
});

test('deletes with a matching etag', async () => {
    const row = getEmulator().store.insert('account', {name: 'Matched'});
    const response = await deleteAsync(String(row['accountid']), {
        'If-Match': `W/"${String(row['versionnumber'])}"`,
    });

    expect(response.status).toBe(204);
});

test('records the deletion with a version', async () => {
    const emulator = getEmulator();
    const before = emulator.store.currentVersion;
    const id = String(emulator.store.insert('account', {name: 'Tracked'})['accountid']);
    await deleteAsync(id);

    expect(
        emulator.store.listDeletionsSince('account', before).map(deletion => deletion.id),
    ).toEqual([id]);
});
