import {
    ConnectionSettings,
    getAppRegistrationChecklist,
    getAuthorityHostName,
    getAuthorityUrl,
    getDataverseScope,
    getRedirectUri,
    PRODUCTION_VALIDATION,
    validateAuthorityHost,
    validateClientId,
    validateConnectionSettings,
    validateEnvironmentUrl,
    validateTenantId,
} from '../../frontend/settings/connection';

const DEVELOPMENT = {allowLoopbackHosts: true};
const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

describe('validateEnvironmentUrl', () => {
    test.each([
        ['https://contoso.crm.dynamics.com', 'https://contoso.crm.dynamics.com'],
        ['https://contoso.crm4.dynamics.com/', 'https://contoso.crm4.dynamics.com'],
        ['  https://Contoso.CRM11.Dynamics.com//  ', 'https://contoso.crm11.dynamics.com'],
        ['https://contoso.crm.dynamics.com/api/data/v9.2', 'https://contoso.crm.dynamics.com'],
        ['https://contoso.crm.dynamics.com/api/data/v9.2/', 'https://contoso.crm.dynamics.com'],
        ['https://contoso.crm.dynamics.com/api/data/v9.1', 'https://contoso.crm.dynamics.com'],
        ['https://contoso.crm.dynamics.com/main.aspx?appid=1', 'https://contoso.crm.dynamics.com'],
        ['contoso.crm2.dynamics.com', 'https://contoso.crm2.dynamics.com'],
        ['https://org-east-1.crm.dynamics.com:443', 'https://org-east-1.crm.dynamics.com'],
    ])('accepts %j as %s', (input, expected) => {
        expect(validateEnvironmentUrl(input, PRODUCTION_VALIDATION)).toEqual({
            isValid: true,
            value: expected,
        });
    });

    test.each([
        ['', 'Enter the address'],
        [undefined, 'Enter the address'],
        [42, 'Enter the address'],
        ['https://', 'is not a web address'],
        ['http://contoso.crm.dynamics.com', 'must start with https://'],
        ['https://contoso.crm.dynamics.com:8443', 'have no port'],
        ['https://contoso.dynamics.com', 'is not a Dynamics 365 environment host'],
        ['https://contoso.crm.dynamics.com.evil.example', 'is not a Dynamics 365 environment'],
        ['https://example.com', 'is not a Dynamics 365 environment host'],
        ['https://contoso.crm.dynamics.com/api/data', 'unexpected path'],
        ['https://contoso.crm.dynamics.com/other', 'unexpected path'],
        ['https://user:pass@contoso.crm.dynamics.com', 'Remove the user name and password'],
        ['http://127.0.0.1:8081', 'must start with https://'],
    ])('rejects %j in production', (input, messagePart) => {
        const result = validateEnvironmentUrl(input, PRODUCTION_VALIDATION);

        expect(result.isValid).toBe(false);
        expect(result.isValid ? '' : result.message).toContain(messagePart);
    });

    test('accepts the local emulator in development', () => {
        expect(validateEnvironmentUrl('http://127.0.0.1:8081/api/data/v9.2/', DEVELOPMENT)).toEqual(
            {
                isValid: true,
                value: 'http://127.0.0.1:8081',
            },
        );
    });

    test('rejects the emulator without port', () => {
        const result = validateEnvironmentUrl('http://127.0.0.1', DEVELOPMENT);

        expect(result.isValid).toBe(false);
        expect(result.isValid ? '' : result.message).toContain('needs a port');
    });

    test('rejects other local hosts in development', () => {
        expect(validateEnvironmentUrl('http://192.168.1.5:8081', DEVELOPMENT).isValid).toBe(false);
    });
});

describe('validateTenantId', () => {
    test.each([
        [TENANT, TENANT],
        [` {${TENANT.toUpperCase()}} `, TENANT],
        ['Contoso.onmicrosoft.com', 'contoso.onmicrosoft.com'],
        ['contoso.com', 'contoso.com'],
    ])('accepts %j as %s', (input, expected) => {
        expect(validateTenantId(input)).toEqual({isValid: true, value: expected});
    });

    test.each([
        ['', 'Enter the Directory (tenant) ID'],
        [null, 'Enter the Directory (tenant) ID'],
        ['common', 'does not name one directory'],
        ['Organizations', 'does not name one directory'],
        ['consumers', 'does not name one directory'],
        ['00000000-0000-0000-0000-000000000000', 'all zeros'],
        ['contoso', 'neither a directory ID'],
        ['1111-2222', 'neither a directory ID'],
        ['https://login.microsoftonline.com/contoso.com', 'neither a directory ID'],
    ])('rejects %j', (input, messagePart) => {
        const result = validateTenantId(input);

        expect(result.isValid).toBe(false);
        expect(result.isValid ? '' : result.message).toContain(messagePart);
    });
});

describe('validateClientId', () => {
    test('accepts and lower-cases a GUID', () => {
        expect(validateClientId(` ${CLIENT.toUpperCase()} `)).toEqual({
            isValid: true,
            value: CLIENT,
        });
    });

    test.each([
        ['', 'Enter the Application (client) ID'],
        ['my-app', 'is not an application ID'],
        ['00000000-0000-0000-0000-000000000000', 'all zeros'],
        ['51f81489-12ee-4a9e-aaae-a2591f45987d', "Microsoft's sample application"],
    ])('rejects %j', (input, messagePart) => {
        const result = validateClientId(input);

        expect(result.isValid).toBe(false);
        expect(result.isValid ? '' : result.message).toContain(messagePart);
    });
});

describe('validateAuthorityHost', () => {
    test.each([
        [undefined, null],
        ['', null],
        ['https://login.microsoftonline.com/', null],
    ])('maps %j to Microsoft Entra', (input, expected) => {
        expect(validateAuthorityHost(input, PRODUCTION_VALIDATION)).toEqual({
            isValid: true,
            value: expected,
        });
    });

    test('accepts the local provider in development', () => {
        expect(validateAuthorityHost('https://127.0.0.1:8443/', DEVELOPMENT)).toEqual({
            isValid: true,
            value: 'https://127.0.0.1:8443',
        });
    });

    test.each([
        ['https://127.0.0.1:8443', PRODUCTION_VALIDATION, 'is not supported'],
        ['https://login.example.com', DEVELOPMENT, 'is not supported'],
        ['http://127.0.0.1:8443', DEVELOPMENT, 'must use https'],
        ['https://127.0.0.1', DEVELOPMENT, 'needs a port'],
        [`https://127.0.0.1:8443/${TENANT}`, DEVELOPMENT, 'without the directory ID'],
    ])('rejects %j', (input, options, messagePart) => {
        const result = validateAuthorityHost(input, options);

        expect(result.isValid).toBe(false);
        expect(result.isValid ? '' : result.message).toContain(messagePart);
    });
});

describe('validateConnectionSettings', () => {
    test('returns normalised settings', () => {
        const result = validateConnectionSettings(
            {
                environmentUrl: 'https://Contoso.crm4.dynamics.com/api/data/v9.2/',
                tenantId: TENANT.toUpperCase(),
                clientId: CLIENT,
            },
            PRODUCTION_VALIDATION,
        );

        expect(result).toEqual({
            isValid: true,
            value: {
                environmentUrl: 'https://contoso.crm4.dynamics.com',
                tenantId: TENANT,
                clientId: CLIENT,
                authorityHost: null,
            },
        });
    });

    test('reports every invalid setting', () => {
        const result = validateConnectionSettings(
            {environmentUrl: 'https://example.com', tenantId: 'common', clientId: CLIENT},
            PRODUCTION_VALIDATION,
        );

        expect(result.isValid).toBe(false);
        const messages = result.isValid ? {} : result.messagesBySetting;
        expect(Object.keys(messages)).toEqual(['environmentUrl', 'tenantId']);
        expect(result.isValid ? '' : result.message).toBe(messages.environmentUrl);
    });
});

describe('connection helpers', () => {
    const production: ConnectionSettings = {
        environmentUrl: 'https://contoso.crm4.dynamics.com',
        tenantId: TENANT,
        clientId: CLIENT,
        authorityHost: null,
    };
    const local: ConnectionSettings = {
        environmentUrl: 'http://127.0.0.1:8081',
        tenantId: TENANT,
        clientId: CLIENT,
        authorityHost: 'https://127.0.0.1:8443',
    };

    test('authority uses Entra by default', () => {
        expect(getAuthorityUrl(production)).toBe(`https://login.microsoftonline.com/${TENANT}`);
        expect(getAuthorityHostName(production)).toBe('login.microsoftonline.com');
    });

    test('authority uses the override', () => {
        expect(getAuthorityUrl(local)).toBe(`https://127.0.0.1:8443/${TENANT}`);
        expect(getAuthorityHostName(local)).toBe('127.0.0.1:8443');
    });

    test('scope names the environment', () => {
        expect(getDataverseScope(production)).toBe(
            'https://contoso.crm4.dynamics.com/user_impersonation',
        );
        expect(getDataverseScope(local)).toBe('http://127.0.0.1:8081/user_impersonation');
    });

    test('redirect URI is origin plus page', () => {
        const origin = 'https://block--abc--1234567.alt.airtableblocks.com';

        expect(getRedirectUri(origin)).toBe(`${origin}/`);
        expect(getRedirectUri(`${origin}/`, '/blank.html')).toBe(`${origin}/blank.html`);
    });

    test('checklist names platform, URI and permission', () => {
        const redirectUri = 'https://block--abc--1234567.alt.airtableblocks.com/';
        const text = getAppRegistrationChecklist(production, redirectUri).join('\n');

        expect(text).toContain('Single-page application');
        expect(text).toContain(redirectUri);
        expect(text).toContain('user_impersonation');
        expect(text).toContain('Grant admin consent');
        expect(text).toContain(production.environmentUrl);
    });
});
