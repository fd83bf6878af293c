/**
 * Duplicate detection: off unless `MSCRM.SuppressDuplicateDetection: false` is sent, then a row
 * matching a published rule is rejected with HTTP 500 and `0x80040333`.
 */
import {callApiAsync, readErrorAsync, useEmulator} from './helpers';

const getEmulator = useEmulator({seedSamples: false});
const DETECT = {'MSCRM.SuppressDuplicateDetection': 'false'};

test('creates a duplicate without the header', async () => {
    getEmulator().store.insert('account', {name: 'Twin Ltd'});
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        body: {name: 'Twin Ltd'},
    });

    expect(response.status).toBe(204);
});

test('rejects a duplicate name with the header', async () => {
    getEmulator().store.insert('account', {name: 'Unique Name Ltd'});
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        headers: DETECT,
        body: {name: 'UNIQUE NAME LTD'},
    });
    const error = await readErrorAsync(response);

    expect(response.status).toBe(500);
    expect(error.code).toBe('0x80040333');
    expect(error.message).toBe(
        'A record was not created or updated because a duplicate of the current record already exists.',
    );
});

test('rejects an update into a duplicate', async () => {
    getEmulator().store.insert('contact', {firstname: 'Ada', lastname: 'Lovelace'});
    const other = getEmulator().store.insert('contact', {firstname: 'Ada', lastname: 'Byron'});
    const response = await callApiAsync(getEmulator(), `contacts(${String(other['contactid'])})`, {
        method: 'PATCH',
        headers: DETECT,
        body: {lastname: 'Lovelace'},
    });

    expect(response.status).toBe(500);
    expect(getEmulator().store.get('contact', String(other['contactid']))['lastname']).toBe(
        'Byron',
    );
});

test('ignores inactive rows', async () => {
    getEmulator().store.insert('account', {name: 'Retired Ltd', statecode: 1, statuscode: 2});
    const response = await callApiAsync(getEmulator(), 'accounts', {
        method: 'POST',
        headers: DETECT,
        body: {name: 'Retired Ltd'},
    });

    expect(response.status).toBe(204);
});

test('updating a row does not match itself', async () => {
    const row = getEmulator().store.insert('account', {name: 'Self Match Ltd'});
    const response = await callApiAsync(getEmulator(), `accounts(${String(row['accountid'])})`, {
        method: 'PATCH',
        headers: DETECT,
        body: {telephone1: '555-0100'},
    });

    expect(response.status).toBe(204);
});
