import {
    BrowserAuthError,
    BrowserAuthErrorCodes,
    InteractionRequiredAuthError,
    ServerError,
} from '@azure/msal-browser';
import {
    AUTH_ERROR_MESSAGES,
    AuthError,
    AuthErrorCode,
    getAuthErrorForDataverseForbiddenIfExists,
} from '../../frontend/auth/authErrors';
import {AuthPhase, toAuthError} from '../../frontend/auth/msalErrors';

const CORRELATION_ID = 'correlation-id';

describe('AuthError', () => {
    const codes = Object.keys(AUTH_ERROR_MESSAGES) as AuthErrorCode[];

    test.each(codes)('%s has an actionable message', code => {
        const error = new AuthError(code);

        expect(error.message).toBe(AUTH_ERROR_MESSAGES[code]);
        expect(error.message).toMatch(/[.]$/);
        expect(error.message.length).toBeGreaterThan(40);
    });

    test('keeps the code and detail', () => {
        const error = new AuthError('popupBlocked', 'popup_window_error');

        expect(error.code).toBe('popupBlocked');
        expect(error.detail).toBe('popup_window_error');
        expect(error).toBeInstanceOf(Error);
    });
});

describe('toAuthError', () => {
    const consentText = 'AADSTS65001: The user or administrator has not consented.';
    const cases: Array<[string, unknown, AuthPhase, AuthErrorCode]> = [
        [
            'blocked popup',
            new BrowserAuthError(BrowserAuthErrorCodes.popupWindowError, CORRELATION_ID),
            'popup',
            'popupBlocked',
        ],
        [
            'closed popup',
            new BrowserAuthError(BrowserAuthErrorCodes.userCancelled, CORRELATION_ID),
            'popup',
            'userCancelled',
        ],
        [
            'popup timeout',
            new BrowserAuthError(BrowserAuthErrorCodes.timedOut, CORRELATION_ID),
            'popup',
            'timedOut',
        ],
        [
            'consent in popup',
            new InteractionRequiredAuthError('consent_required', CORRELATION_ID, consentText),
            'popup',
            'consentRequired',
        ],
        [
            'consent in silent call',
            new ServerError('invalid_grant', CORRELATION_ID, consentText, undefined, '65001'),
            'silent',
            'interactionRequired',
        ],
        [
            'SPA platform missing',
            new ServerError('invalid_request', CORRELATION_ID, 'text', undefined, '9002326'),
            'popup',
            'cors',
        ],
        [
            'SPA platform missing silently',
            new ServerError('invalid_request', CORRELATION_ID, 'text', undefined, '9002326'),
            'silent',
            'cors',
        ],
        [
            'unknown tenant',
            new BrowserAuthError('endpoints_resolution_error', CORRELATION_ID),
            'popup',
            'invalidSettings',
        ],
        [
            'expired refresh token',
            new ServerError('invalid_grant', CORRELATION_ID, 'text', undefined, '700084'),
            'silent',
            'interactionRequired',
        ],
        [
            'no account',
            new BrowserAuthError(BrowserAuthErrorCodes.noAccountError, CORRELATION_ID),
            'silent',
            'interactionRequired',
        ],
        ['fetch failure', new TypeError('Failed to fetch'), 'silent', 'network'],
        ['plain error', new Error('boom'), 'popup', 'unexpected'],
        ['string', 'boom', 'silent', 'unexpected'],
    ];

    test.each(cases)('maps %s', (_name, error, phase, expected) => {
        expect(toAuthError(error, phase).code).toBe(expected);
    });

    test('detail omits server text', () => {
        const error = new InteractionRequiredAuthError(
            'consent_required',
            CORRELATION_ID,
            `${consentText} User alice@contoso.example`,
            'consent_required',
        );

        const detail = toAuthError(error, 'popup').detail;

        expect(detail).toBe('consent_required consent_required AADSTS65001');
    });

    test('returns an AuthError unchanged', () => {
        const error = new AuthError('timedOut');

        expect(toAuthError(error, 'popup')).toBe(error);
    });
});

describe('getAuthErrorForDataverseForbiddenIfExists', () => {
    test('maps not-a-member to noLicence', () => {
        expect(getAuthErrorForDataverseForbiddenIfExists('0x80072560')?.code).toBe('noLicence');
    });

    test.each(['0x80040220', '0x80040231', '0x80048405'])('maps %s to noRole', code => {
        expect(getAuthErrorForDataverseForbiddenIfExists(code)?.code).toBe('noRole');
    });

    test('ignores other codes', () => {
        expect(getAuthErrorForDataverseForbiddenIfExists('0x80040217')).toBeNull();
        expect(getAuthErrorForDataverseForbiddenIfExists('')).toBeNull();
    });
});
