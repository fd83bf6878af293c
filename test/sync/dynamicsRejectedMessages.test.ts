import {dynamicsRejectedFailure} from '../../frontend/sync/plan/messages';
import {accountTable} from './fixtures';

function messageFor(httpStatus: number | null): string {
    return dynamicsRejectedFailure(accountTable(), 'Contoso', 'update', {
        message: 'The service is temporarily unavailable.',
        code: null,
        httpStatus,
    }).message;
}

describe('messages of rejected writes', () => {
    test.each([429, 502, 503, 504])('HTTP %i asks to sync again', status => {
        const message = messageFor(status);

        expect(message).toContain('briefly unavailable');
        expect(message).toContain('sync again');
        expect(message).not.toContain('correct the record');
    });

    test('HTTP 400 asks for a correction', () => {
        const message = messageFor(400);

        expect(message).toContain('correct the record in Airtable');
        expect(message).not.toContain('briefly unavailable');
    });

    test('keeps the details of both', () => {
        const failure = dynamicsRejectedFailure(accountTable(), 'Contoso', 'create', {
            message: 'The service is temporarily unavailable.',
            code: '0x80044151',
            httpStatus: 503,
        });

        expect(failure.detail).toBe('The service is temporarily unavailable. (code 0x80044151)');
        expect(failure.message).toContain('retries the create without a duplicate');
    });
});
