/**
 * The `$batch` wire format on documented examples: the request body the client builds, and the
 * responses it reads back, with change sets, failing parts and CRLF line endings.
 */
import {
    buildBatchBody,
    getBoundaryIfExists,
    parseBatchResponseIfValid,
} from '../../frontend/dataverse/batch';

const ORG = 'https://contoso.crm.dynamics.com';

/** Joins lines with CRLF, as on the wire. */
function crlf(lines: readonly string[]): string {
    return lines.join('\r\n');
}

const SUCCESS_WITH_CHANGE_SET = crlf([
    '--batchresponse_0d2e8f10-5a6b-4c7d-9e8f-000000000001',
    'Content-Type: multipart/mixed; boundary=changesetresponse_41c9aa02-7b3c-4d5e-8f60-000000000002',
    '',
    '--changesetresponse_41c9aa02-7b3c-4d5e-8f60-000000000002',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    'Content-ID: 1',
    '',
    'HTTP/1.1 204 No Content',
    'OData-Version: 4.0',
    `Location: ${ORG}/api/data/v9.2/accounts(8a1b2c3d-0000-4000-8000-0000000000b2)`,
    `OData-EntityId: ${ORG}/api/data/v9.2/accounts(8a1b2c3d-0000-4000-8000-0000000000b2)`,
    '',
    '',
    '--changesetresponse_41c9aa02-7b3c-4d5e-8f60-000000000002--',
    '--batchresponse_0d2e8f10-5a6b-4c7d-9e8f-000000000001',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    'HTTP/1.1 200 OK',
    'Content-Type: application/json; odata.metadata=minimal; odata.streaming=true',
    'OData-Version: 4.0',
    '',
    `{"@odata.context":"${ORG}/api/data/v9.2/$metadata#accounts(name)","value":[{"@odata.etag":"W/\\"1200511\\"","name":"Difference Engines Ltd"}]}`,
    '--batchresponse_0d2e8f10-5a6b-4c7d-9e8f-000000000001--',
    '',
]);

const CONTINUED_AFTER_FAILURE = crlf([
    '--batchresponse_5a6b7c8d-0000-4000-8000-000000000003',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    'HTTP/1.1 400 Bad Request',
    'REQ_ID: 2c3d4e5f-0000-4000-8000-000000000004',
    'Content-Type: application/json; odata.metadata=minimal',
    'OData-Version: 4.0',
    '',
    '{"error":{"code":"0x80044331","message":"A validation error occurred.  The length of the \'name\' attribute of the \'account\' entity exceeded the maximum allowed length of \'160\'."}}',
    '--batchresponse_5a6b7c8d-0000-4000-8000-000000000003',
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    'HTTP/1.1 204 No Content',
    'OData-Version: 4.0',
    `OData-EntityId: ${ORG}/api/data/v9.2/accounts(9b2c3d4e-0000-4000-8000-0000000000b3)`,
    '',
    '',
    '--batchresponse_5a6b7c8d-0000-4000-8000-000000000003--',
    '',
]);

describe('buildBatchBody', () => {
    it('writes one part per request', () => {
        const body = buildBatchBody('batch_7f3a', '/api/data/v9.2/', [
            {
                method: 'PATCH',
                path: 'accounts(7d1f3a52-3e6b-4c87-8d5a-0000000000b1)',
                headers: {'If-None-Match': '*'},
                body: {name: 'Difference Engines Ltd'},
            },
            {method: 'DELETE', path: 'accounts(8a1b2c3d-0000-4000-8000-0000000000b2)', headers: {}},
        ]);

        expect(body).toBe(
            crlf([
                '--batch_7f3a',
                'Content-Type: application/http',
                'Content-Transfer-Encoding: binary',
                '',
                'PATCH /api/data/v9.2/accounts(7d1f3a52-3e6b-4c87-8d5a-0000000000b1) HTTP/1.1',
                'If-None-Match: *',
                'Content-Type: application/json; type=entry',
                '',
                '{"name":"Difference Engines Ltd"}',
                '--batch_7f3a',
                'Content-Type: application/http',
                'Content-Transfer-Encoding: binary',
                '',
                'DELETE /api/data/v9.2/accounts(8a1b2c3d-0000-4000-8000-0000000000b2) HTTP/1.1',
                '',
                '',
                '--batch_7f3a--',
                '',
            ]),
        );
    });
});

describe('parseBatchResponseIfValid', () => {
    const contentType = (boundary: string) => `multipart/mixed; boundary=${boundary}`;

    it('reads change set and plain parts', () => {
        const parts = parseBatchResponseIfValid(
            contentType('batchresponse_0d2e8f10-5a6b-4c7d-9e8f-000000000001'),
            SUCCESS_WITH_CHANGE_SET,
        );

        expect(parts?.map(part => part.status)).toEqual([204, 200]);
        expect(parts?.[0]?.headers.get('OData-EntityId')).toBe(
            `${ORG}/api/data/v9.2/accounts(8a1b2c3d-0000-4000-8000-0000000000b2)`,
        );
        expect(parts?.[0]?.body).toBeNull();
        expect(parts?.[1]?.body).toMatchObject({value: [{name: 'Difference Engines Ltd'}]});
    });

    it('keeps a failed part in place', () => {
        const parts = parseBatchResponseIfValid(
            contentType('batchresponse_5a6b7c8d-0000-4000-8000-000000000003'),
            CONTINUED_AFTER_FAILURE,
        );

        expect(parts?.map(part => part.status)).toEqual([400, 204]);
        expect(parts?.[0]?.body).toEqual({
            error: {
                code: '0x80044331',
                message:
                    "A validation error occurred.  The length of the 'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'.",
            },
        });
        expect(parts?.[0]?.headers.get('REQ_ID')).toBe('2c3d4e5f-0000-4000-8000-000000000004');
    });

    it('reads LF line endings', () => {
        const parts = parseBatchResponseIfValid(
            contentType('batchresponse_5a6b7c8d-0000-4000-8000-000000000003'),
            CONTINUED_AFTER_FAILURE.replace(/\r\n/g, '\n'),
        );

        expect(parts?.map(part => part.status)).toEqual([400, 204]);
    });

    it('rejects a body without its boundary', () => {
        expect(
            parseBatchResponseIfValid(contentType('batchresponse_other'), CONTINUED_AFTER_FAILURE),
        ).toBeNull();
    });

    it('rejects a non-multipart response', () => {
        expect(parseBatchResponseIfValid('application/json', '{}')).toBeNull();
    });
});

describe('getBoundaryIfExists', () => {
    it('reads quoted and bare boundaries', () => {
        expect(getBoundaryIfExists('multipart/mixed; boundary="batch_7f3a"')).toBe('batch_7f3a');
        expect(getBoundaryIfExists('multipart/mixed;boundary=batchresponse_1')).toBe(
            'batchresponse_1',
        );
    });

    it('returns null for other types', () => {
        expect(getBoundaryIfExists('application/json')).toBeNull();
        expect(getBoundaryIfExists(null)).toBeNull();
    });
});
