/**
 * `$batch`: change sets with Content-ID references, plain GET parts, the stop-at-first-failure rule,
 * `Prefer: odata.continue-on-error` and change-set rollback, on CRLF multipart bodies.
 */
import {DEV_TOKEN} from '../../dev/emulator/server';
import {API, useEmulator} from './helpers';

const getEmulator = useEmulator({seedSamples: false});
const CRLF = '\r\n';

interface Operation {
    readonly method: string;
    readonly url: string;
    readonly body?: unknown;
    readonly contentId?: number;
}

function writeOperation(operation: Operation): string {
    const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
    if (operation.contentId !== undefined) {
        lines.push(`Content-ID: ${operation.contentId}`);
    }
    lines.push('', `${operation.method} ${operation.url} HTTP/1.1`);
    if (operation.body === undefined) {
        return [...lines, '', ''].join(CRLF);
    }
    return [
        ...lines,
        'Content-Type: application/json; type=entry',
        '',
        JSON.stringify(operation.body),
    ].join(CRLF);
}

function writeChangeSet(boundary: string, operations: readonly Operation[]): string {
    const parts = operations.map(
        operation => `--${boundary}${CRLF}${writeOperation(operation)}${CRLF}`,
    );
    return `Content-Type: multipart/mixed; boundary="${boundary}"${CRLF}${CRLF}${parts.join('')}--${boundary}--`;
}

function writeBatch(parts: readonly string[]): string {
    return (
        parts.map(part => `--batch_7f3a${CRLF}${part}${CRLF}`).join('') + `--batch_7f3a--${CRLF}`
    );
}

async function postBatchAsync(
    body: string,
    headers: Record<string, string> = {},
): Promise<{response: Response; text: string}> {
    const response = await fetch(`${getEmulator().url}${API}$batch`, {
        method: 'POST',
        headers: {
            Authorization: `Bearer ${DEV_TOKEN}`,
            'Content-Type': 'multipart/mixed; boundary="batch_7f3a"',
            ...headers,
        },
        body,
    });
    return {response, text: await response.text()};
}

/** Lists the embedded status codes of a batch response, in order. */
function statusesOf(text: string): number[] {
    return [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map(match => Number(match[1]));
}

function accountNames(): string[] {
    return getEmulator()
        .store.list('account')
        .map(row => String(row['name']))
        .sort();
}

beforeEach(() => {
    getEmulator().store.clear('contact');
    getEmulator().store.clear('account');
});

test('change set with references and a GET', async () => {
    const body = writeBatch([
        writeChangeSet('changeset_c91d', [
            {
                method: 'POST',
                url: '/api/data/v9.2/accounts',
                body: {name: 'Difference Engines Ltd'},
                contentId: 1,
            },
            {
                method: 'POST',
                url: '/api/data/v9.2/contacts',
                body: {lastname: 'Babbage', 'parentcustomerid_account@odata.bind': '$1'},
                contentId: 2,
            },
        ]),
        writeOperation({method: 'GET', url: '/api/data/v9.2/accounts?$select=name&$top=1'}),
    ]);
    const {response, text} = await postBatchAsync(body);
    const boundary = /boundary=(batchresponse_[0-9a-f-]{36})$/.exec(
        response.headers.get('content-type') ?? '',
    )?.[1];
    const [account] = getEmulator().store.list('account');
    const [contact] = getEmulator().store.list('contact');

    expect(response.status).toBe(200);
    expect(boundary).toBeDefined();
    expect(text.startsWith(`--${boundary}\r\n`)).toBe(true);
    expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
    expect(text).toMatch(
        /Content-Type: multipart\/mixed; boundary=changesetresponse_[0-9a-f-]{36}\r\n/,
    );
    expect(statusesOf(text)).toEqual([204, 204, 200]);
    expect(text).toContain(`Content-ID: 1\r\n\r\nHTTP/1.1 204 No Content\r\n`);
    expect(text).toContain(
        `Location: ${getEmulator().url}/api/data/v9.2/accounts(${String(account?.['accountid'])})\r\n`,
    );
    expect(text).toContain('"name":"Difference Engines Ltd"');
    expect(contact?.['parentcustomerid']).toEqual({
        logicalName: 'account',
        id: account?.['accountid'],
    });
});

test('stops at the first failure', async () => {
    const body = writeBatch([
        writeOperation({
            method: 'POST',
            url: '/api/data/v9.2/accounts',
            body: {name: 'x'.repeat(161)},
        }),
        writeOperation({method: 'POST', url: '/api/data/v9.2/accounts', body: {name: 'Second'}}),
        writeOperation({method: 'POST', url: '/api/data/v9.2/accounts', body: {name: 'Third'}}),
    ]);
    const {response, text} = await postBatchAsync(body);

    expect(response.status).toBe(400);
    expect(statusesOf(text)).toEqual([400]);
    expect(text).toContain('"code":"0x80044331"');
    expect(accountNames()).toEqual([]);
});

test('continues on error when asked', async () => {
    const body = writeBatch([
        writeOperation({
            method: 'POST',
            url: '/api/data/v9.2/accounts',
            body: {name: 'x'.repeat(161)},
        }),
        writeOperation({method: 'POST', url: '/api/data/v9.2/accounts', body: {name: 'Second'}}),
        writeOperation({method: 'POST', url: 'accounts', body: {name: 'Third'}}),
    ]);
    const {response, text} = await postBatchAsync(body, {Prefer: 'odata.continue-on-error'});

    expect(response.status).toBe(200);
    expect(response.headers.get('preference-applied')).toBe('odata.continue-on-error');
    expect(statusesOf(text)).toEqual([400, 204, 204]);
    expect(accountNames()).toEqual(['Second', 'Third']);
});

test('failed change set rolls back', async () => {
    const body = writeBatch([
        writeChangeSet('changeset_a1', [
            {
                method: 'POST',
                url: '/api/data/v9.2/accounts',
                body: {name: 'Rolled Back One'},
                contentId: 1,
            },
            {
                method: 'POST',
                url: '/api/data/v9.2/accounts',
                body: {name: 'Rolled Back Two'},
                contentId: 2,
            },
            {
                method: 'POST',
                url: '/api/data/v9.2/contacts',
                body: {lastname: 'x'.repeat(51)},
                contentId: 3,
            },
        ]),
    ]);
    const {response, text} = await postBatchAsync(body);

    expect(response.status).toBe(400);
    expect(statusesOf(text)).toEqual([400]);
    expect(text).toContain('Content-ID: 3\r\n');
    expect(text).toContain(
        "The length of the 'lastname' attribute of the 'contact' entity exceeded the maximum allowed length of '50'.",
    );
    expect(accountNames()).toEqual([]);
});

test('later change sets run after a failed one', async () => {
    const body = writeBatch([
        writeChangeSet('changeset_b1', [
            {method: 'POST', url: '/api/data/v9.2/accounts', body: {nosuch: 1}, contentId: 1},
        ]),
        writeChangeSet('changeset_b2', [
            {
                method: 'POST',
                url: '/api/data/v9.2/accounts',
                body: {name: 'Independent'},
                contentId: 1,
            },
        ]),
    ]);
    const {response, text} = await postBatchAsync(body, {Prefer: 'odata.continue-on-error'});

    expect(response.status).toBe(200);
    expect(statusesOf(text)).toEqual([400, 204]);
    expect(accountNames()).toEqual(['Independent']);
});

test('rejects an undeclared Content-ID', async () => {
    const body = writeBatch([
        writeChangeSet('changeset_c1', [
            {
                method: 'POST',
                url: '/api/data/v9.2/contacts',
                body: {lastname: 'Orphan', 'parentcustomerid_account@odata.bind': '$1'},
                contentId: 2,
            },
        ]),
    ]);
    const {response, text} = await postBatchAsync(body);

    expect(response.status).toBe(400);
    expect(text).toContain("Content-ID Reference: '$1' does not exist in the batch context.");
});

test('patches a row by reference', async () => {
    const body = writeBatch([
        writeChangeSet('changeset_d1', [
            {method: 'POST', url: '/api/data/v9.2/accounts', body: {name: 'Before'}, contentId: 1},
            {method: 'PATCH', url: '$1', body: {name: 'After'}, contentId: 2},
        ]),
    ]);
    const {response, text} = await postBatchAsync(body);

    expect(response.status).toBe(200);
    expect(statusesOf(text)).toEqual([204, 204]);
    expect(accountNames()).toEqual(['After']);
});

test('rejects a GET inside a change set', async () => {
    const body = writeBatch([
        writeChangeSet('changeset_e1', [
            {method: 'GET', url: '/api/data/v9.2/accounts', contentId: 1},
        ]),
    ]);
    const {response} = await postBatchAsync(body);

    expect(response.status).toBe(400);
});

test('accepts LF line endings', async () => {
    const body = writeBatch([
        writeOperation({
            method: 'POST',
            url: '/api/data/v9.2/accounts',
            body: {name: 'Line Feeds'},
        }),
    ]).replace(/\r\n/g, '\n');
    const {response} = await postBatchAsync(body);

    expect(response.status).toBe(200);
    expect(accountNames()).toEqual(['Line Feeds']);
});

test('rejects a batch without a boundary', async () => {
    const {response} = await postBatchAsync('', {'Content-Type': 'application/json'});

    expect(response.status).toBe(400);
});

test('logs each part of a batch', async () => {
    const start = getEmulator().batchPartLog.length;
    const body = writeBatch([
        writeOperation({method: 'POST', url: `${API}accounts`, body: {name: 'Logged'}}),
        writeOperation({method: 'GET', url: `${API}accounts?$select=name`}),
    ]);

    await postBatchAsync(body);

    expect(getEmulator().batchPartLog.slice(start)).toEqual([
        {method: 'POST', path: `${API}accounts`, status: 204},
        {method: 'GET', path: `${API}accounts?$select=name`, status: 200},
    ]);
});

describe('faults inside a batch', () => {
    afterEach(() => {
        getEmulator().faults.clear();
    });

    test('fails only the matching part', async () => {
        getEmulator().faults.add({
            inBatch: true,
            method: 'POST',
            pathIncludes: 'accounts',
            skip: 1,
            response: {
                kind: 'error',
                httpStatus: 400,
                code: '0x80044331',
                message: 'A validation error occurred.',
            },
        });
        const body = writeBatch(
            ['First', 'Second', 'Third'].map(name =>
                writeOperation({method: 'POST', url: `${API}accounts`, body: {name}}),
            ),
        );

        const {response, text} = await postBatchAsync(body, {Prefer: 'odata.continue-on-error'});

        expect(response.status).toBe(200);
        expect(statusesOf(text)).toEqual([204, 400, 204]);
        expect(text).toContain('"code":"0x80044331"');
        expect(accountNames()).toEqual(['First', 'Third']);
    });

    test('concurrent edit fails If-Match', async () => {
        const row = getEmulator().store.insert('account', {name: 'Read Before'});
        const etag = `W/"${String(row['versionnumber'])}"`;
        getEmulator().faults.add({
            inBatch: true,
            method: 'PATCH',
            response: {kind: 'concurrentEdit'},
        });
        const part = [
            'Content-Type: application/http',
            'Content-Transfer-Encoding: binary',
            '',
            `PATCH ${API}accounts(${String(row['accountid'])}) HTTP/1.1`,
            'Content-Type: application/json; type=entry',
            `If-Match: ${etag}`,
            '',
            JSON.stringify({name: 'Changed'}),
        ].join(CRLF);

        const {text} = await postBatchAsync(writeBatch([part]), {
            Prefer: 'odata.continue-on-error',
        });

        expect(statusesOf(text)).toEqual([412]);
        expect(accountNames()).toEqual(['Read Before']);
    });

    test('part rule ignores outer requests', async () => {
        getEmulator().faults.add({inBatch: true, response: {status: 503}});
        const body = writeBatch([
            writeOperation({method: 'POST', url: `${API}accounts`, body: {name: 'Kept'}}),
        ]);

        const {response, text} = await postBatchAsync(body);

        expect(response.status).toBe(400);
        expect(statusesOf(text)).toEqual([503]);
        expect(accountNames()).toEqual([]);
    });

    test('rejects a drop inside a batch', () => {
        expect(() => getEmulator().faults.add({inBatch: true, response: {kind: 'drop'}})).toThrow(
            'A fault inside a $batch',
        );
    });
});
