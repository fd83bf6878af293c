/** Single-row reads: `GET accounts(<id>)`, `$select`, the 404 shape and conditional GET. */
import {callApiAsync, readErrorAsync, readJsonAsync, SAMPLE_IDS, useEmulator} from './helpers';

const getEmulator = useEmulator();

test('returns the row with entity context', async () => {
    const response = await callApiAsync(
        getEmulator(),
        `accounts(${SAMPLE_IDS.litware})?$select=name,accountnumber`,
    );
    const body = await readJsonAsync(response);

    expect(response.status).toBe(200);
    expect(body['@odata.context']).toBe(
        `${getEmulator().url}/api/data/v9.2/$metadata#accounts(name,accountnumber)/$entity`,
    );
    expect(body['name']).toBe('Litware, Inc. (sample)');
    expect(body['accountnumber']).toBe('LIT-0010');
    expect(body['accountid']).toBe(SAMPLE_IDS.litware);
    expect(response.headers.get('etag')).toBe(body['@odata.etag']);
});

test('accepts an upper-case key', async () => {
    const response = await callApiAsync(
        getEmulator(),
        `accounts(${SAMPLE_IDS.litware.toUpperCase()})?$select=name`,
    );

    expect(response.status).toBe(200);
});

test('returns 404 for a missing row', async () => {
    const id = '00000000-0000-0000-0000-0000000000ff';
    const response = await callApiAsync(getEmulator(), `accounts(${id})`);
    const error = await readErrorAsync(response);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json; odata.metadata=minimal');
    expect(error.code).toBe('0x80040217');
    expect(error.message).toBe(`account With Id = ${id} Does Not Exist`);
});

test('returns 400 for a malformed key', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts(not-a-guid)');

    expect(response.status).toBe(400);
    expect((await readErrorAsync(response)).code).toBe('0x80060888');
});

test('returns 304 for a current etag', async () => {
    const first = await callApiAsync(getEmulator(), `accounts(${SAMPLE_IDS.litware})?$select=name`);
    const etag = String((await readJsonAsync(first))['@odata.etag']);
    const second = await callApiAsync(
        getEmulator(),
        `accounts(${SAMPLE_IDS.litware})?$select=name`,
        {
            headers: {'If-None-Match': etag},
        },
    );

    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
});

test('returns 200 for a stale etag', async () => {
    const response = await callApiAsync(
        getEmulator(),
        `accounts(${SAMPLE_IDS.litware})?$select=name`,
        {
            headers: {'If-None-Match': 'W/"1"'},
        },
    );

    expect(response.status).toBe(200);
});

test('ignores If-None-Match null', async () => {
    const response = await callApiAsync(
        getEmulator(),
        `accounts(${SAMPLE_IDS.litware})?$select=name`,
        {
            headers: {'If-None-Match': 'null'},
        },
    );

    expect(response.status).toBe(200);
});

test('never returns 304 with annotations', async () => {
    const first = await callApiAsync(getEmulator(), `accounts(${SAMPLE_IDS.litware})?$select=name`);
    const etag = String((await readJsonAsync(first))['@odata.etag']);
    const second = await callApiAsync(
        getEmulator(),
        `accounts(${SAMPLE_IDS.litware})?$select=name`,
        {
            headers: {'If-None-Match': etag, Prefer: 'odata.include-annotations="*"'},
        },
    );

    expect(second.status).toBe(200);
});
