import {PRODUCTION_VALIDATION} from '../../frontend/settings/connection';
import {
    DEFAULT_CONFLICT_POLICY,
    readSettings,
    validateSettings,
    type StoredSettings,
} from '../../frontend/settings/settings';

const VALID_TIME = '2024-06-01T08:30:00.000Z';

const VALID: StoredSettings = {
    environmentUrl: 'https://contoso.crm.dynamics.com',
    conflictPolicy: 'airtableWins',
    lastSyncedAt: {tblAccounts: '2024-05-01T10:00:00.000Z'},
};

describe('validateSettings', () => {
    test('accepts complete settings', () => {
        expect(validateSettings(VALID, PRODUCTION_VALIDATION)).toEqual({
            isValid: true,
            message: null,
        });
    });

    test('accepts a missing conflict policy', () => {
        expect(
            validateSettings({...VALID, conflictPolicy: undefined}, PRODUCTION_VALIDATION).isValid,
        ).toBe(true);
    });

    test('asks for a missing address', () => {
        const validation = validateSettings(
            {...VALID, environmentUrl: undefined},
            PRODUCTION_VALIDATION,
        );

        expect(validation.isValid).toBe(false);
        expect(validation.message).toMatch(/Enter the address of your Dynamics 365 environment/);
    });

    test('rejects a non-text address', () => {
        expect(
            validateSettings({...VALID, environmentUrl: 42}, PRODUCTION_VALIDATION).message,
        ).toMatch(/not text/);
    });

    test('rejects an address with credentials', () => {
        const environmentUrl = 'https://user:pw@contoso.crm.dynamics.com';

        const validation = validateSettings({...VALID, environmentUrl}, PRODUCTION_VALIDATION);

        expect(validation.isValid).toBe(false);
        expect(validation.message).toMatch(/Remove the user name and password/);
    });

    test('accepts the emulator only when allowed', () => {
        const environmentUrl = 'http://127.0.0.1:7071';

        const production = validateSettings({...VALID, environmentUrl}, PRODUCTION_VALIDATION);
        const development = validateSettings(
            {...VALID, environmentUrl},
            {allowLoopbackHosts: true},
        );

        expect(production.isValid).toBe(false);
        expect(development.isValid).toBe(true);
    });

    test('rejects an unknown conflict policy', () => {
        const validation = validateSettings(
            {...VALID, conflictPolicy: 'newestWins'},
            PRODUCTION_VALIDATION,
        );

        expect(validation.isValid).toBe(false);
        expect(validation.message).toMatch(/"newestWins" is unknown/);
    });
});

describe('readSettings', () => {
    test('reads valid settings', () => {
        expect(readSettings(VALID, PRODUCTION_VALIDATION)).toEqual({
            environmentUrl: 'https://contoso.crm.dynamics.com',
            conflictPolicy: 'airtableWins',
            lastSyncedAtByTableId: {tblAccounts: '2024-05-01T10:00:00.000Z'},
        });
    });

    test('falls back to defaults', () => {
        const settings = readSettings(
            {
                environmentUrl: undefined,
                conflictPolicy: undefined,
                lastSyncedAt: undefined,
            },
            PRODUCTION_VALIDATION,
        );

        expect(settings.environmentUrl).toBeNull();
        expect(settings.conflictPolicy).toBe(DEFAULT_CONFLICT_POLICY);
        expect(settings.lastSyncedAtByTableId).toEqual({});
    });

    test('defaults to Dynamics winning', () => {
        expect(DEFAULT_CONFLICT_POLICY).toBe('dynamicsWins');
    });

    test('ignores an invalid address', () => {
        const settings = readSettings(
            {...VALID, environmentUrl: 'http://contoso.example'},
            PRODUCTION_VALIDATION,
        );

        expect(settings.environmentUrl).toBeNull();
    });

    test('drops unparseable sync times', () => {
        const lastSyncedAt = {tblAccounts: 'yesterday', tblContacts: 7, tblDeals: VALID_TIME};

        const settings = readSettings({...VALID, lastSyncedAt}, PRODUCTION_VALIDATION);

        expect(settings.lastSyncedAtByTableId).toEqual({tblDeals: VALID_TIME});
    });
});
