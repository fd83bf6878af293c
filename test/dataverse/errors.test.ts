import {classifyHttpStatus, parseErrorBody} from '../../frontend/dataverse/errorResponse';
import {
    DataverseError,
    formatDataverseErrorMessage,
    type DataverseErrorCode,
} from '../../frontend/dataverse/errors';
import {parseGuid} from '../../frontend/sync/ids';

const ALL_CODES: readonly DataverseErrorCode[] = [
    'unauthorized',
    'forbidden',
    'notFound',
    'versionMismatch',
    'alreadyExists',
    'validation',
    'invalidRequest',
    'deleteRestricted',
    'duplicateDetected',
    'throttled',
    'unavailable',
    'serverError',
    'network',
    'cors',
    'badResponse',
    'aborted',
];
const RECORD_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b1');
const UPDATE_CONTEXT = {
    operation: 'update',
    tableDisplayName: 'Account',
    recordId: RECORD_ID,
} as const;

describe('formatDataverseErrorMessage', () => {
    it.each(ALL_CODES)('names table and record for %s', code => {
        const message = formatDataverseErrorMessage(code, UPDATE_CONTEXT, 'Raw detail');
        expect(message).toMatch(
            /^Couldn't update Account record 7d1f3a52-3e6b-4c87-8d5a-0000000000b1: /,
        );
    });

    it.each(ALL_CODES)('ends the %s message with a full stop', code => {
        const message = formatDataverseErrorMessage(code, UPDATE_CONTEXT, null);
        expect(message).toMatch(/[.]$/);
    });

    it('quotes the raw message for validation', () => {
        const raw =
            "A validation error occurred.  The length of the 'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'";
        const message = formatDataverseErrorMessage('validation', UPDATE_CONTEXT, raw);
        expect(message).toBe(
            `Couldn't update Account record ${RECORD_ID}: Dynamics rejected a value: ${raw}. Fix the value in Airtable and sync again.`,
        );
    });

    it('says what to do for a version mismatch', () => {
        const message = formatDataverseErrorMessage('versionMismatch', UPDATE_CONTEXT, null);
        expect(message).toBe(
            `Couldn't update Account record ${RECORD_ID}: the record changed in Dynamics after it was read. Sync again to pick up the change.`,
        );
    });

    it('names the table without a record', () => {
        const message = formatDataverseErrorMessage(
            'forbidden',
            {operation: 'read', tableDisplayName: 'Contact'},
            'Missing prvReadContact.',
        );
        expect(message).toMatch(/^Couldn't read Contact: your Dynamics security role/);
    });

    it('words the sign-in check', () => {
        const message = formatDataverseErrorMessage('network', {operation: 'whoAmI'}, null);
        expect(message).toMatch(
            /^Couldn't check the sign-in to Dynamics: Dynamics could not be reached/,
        );
    });
});

describe('DataverseError', () => {
    it('keeps the details', () => {
        const error = new DataverseError('notFound', UPDATE_CONTEXT, {
            httpStatus: 404,
            dataverseCode: '0x80040217',
            rawMessage: 'account With Id = x Does Not Exist',
        });
        expect(error.code).toBe('notFound');
        expect(error.httpStatus).toBe(404);
        expect(error.dataverseCode).toBe('0x80040217');
        expect(error.rawMessage).toBe('account With Id = x Does Not Exist');
        expect(error.name).toBe('DataverseError');
        expect(error).toBeInstanceOf(Error);
    });
});

describe('parseErrorBody', () => {
    it('reads code and message', () => {
        const body = {error: {code: '0x80044331', message: 'Too long.'}};
        expect(parseErrorBody(body)).toEqual({code: '0x80044331', message: 'Too long.'});
    });

    it('reads an empty code as null', () => {
        const body = {
            error: {code: '', message: "The version of the existing record doesn't match."},
        };
        expect(parseErrorBody(body).code).toBeNull();
    });

    it('lower-cases hex codes', () => {
        expect(parseErrorBody({error: {code: '0x8004431A', message: 'x'}}).code).toBe('0x8004431a');
    });

    it.each([null, 'text', [], {error: 'x'}, {message: 'x'}])('returns nulls for %p', body => {
        expect(parseErrorBody(body)).toEqual({code: null, message: null});
    });
});

describe('classifyHttpStatus', () => {
    const cases: Array<[number, string | null, boolean, DataverseErrorCode]> = [
        [400, '0x80044331', false, 'validation'],
        [400, '0x80048d19', false, 'invalidRequest'],
        [400, '0x80060888', false, 'invalidRequest'],
        [401, null, false, 'unauthorized'],
        [403, '0x80040220', false, 'forbidden'],
        [404, '0x80040217', false, 'notFound'],
        [405, '0x80040227', false, 'deleteRestricted'],
        [405, null, false, 'invalidRequest'],
        [412, null, false, 'versionMismatch'],
        [412, null, true, 'alreadyExists'],
        [413, null, false, 'invalidRequest'],
        [429, '0x80072322', false, 'throttled'],
        [500, '0x80040333', false, 'duplicateDetected'],
        [500, '0x80040265', false, 'serverError'],
        [501, null, false, 'serverError'],
        [502, null, false, 'unavailable'],
        [503, null, false, 'unavailable'],
        [504, null, false, 'unavailable'],
    ];

    it.each(cases)(
        'maps %i with %s (create-only %s) to %s',
        (status, code, isCreateOnly, expected) => {
            expect(classifyHttpStatus(status, code, {isCreateOnly})).toBe(expected);
        },
    );
});
