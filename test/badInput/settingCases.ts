/**
 * Checks one stored setting of the corpus against the pure readers the settings panel uses. The
 * value must come with a message that states the fix, or be read as "not set", and reading it
 * must not throw.
 */
import {PRODUCTION_VALIDATION} from '../../frontend/settings/connection';
import {parseStoredMapping} from '../../frontend/settings/mapping/parseStoredMapping';
import {
    DEFAULT_CONFLICT_POLICY,
    readSettings,
    validateSettings,
    type StoredSettings,
} from '../../frontend/settings/settings';
import type {SettingCase} from './corpus';

const VALID_SETTINGS: StoredSettings = {
    environmentUrl: 'https://contoso.crm.dynamics.com',
    conflictPolicy: 'dynamicsWins',
    lastSyncedAt: {},
};

export function checkSettingCase(settingCase: SettingCase): void {
    if (settingCase.key === 'mapping') {
        checkStoredMapping(settingCase);
        return;
    }
    const stored = {...VALID_SETTINGS, [settingCase.key]: settingCase.value};

    const validation = validateSettings(stored, PRODUCTION_VALIDATION);
    const settings = readSettings(stored, PRODUCTION_VALIDATION);

    if (settingCase.mentions === null) {
        expect(validation.isValid).toBe(true);
    } else {
        expect(validation.isValid).toBe(false);
        for (const mention of settingCase.mentions) {
            expect(validation.message).toContain(mention);
        }
    }
    expect(settings.conflictPolicy).toBe(
        settingCase.key === 'conflictPolicy' ? DEFAULT_CONFLICT_POLICY : 'dynamicsWins',
    );
    if (settingCase.key === 'environmentUrl') {
        expect(settings.environmentUrl).toBeNull();
    }
    if (settingCase.key === 'lastSyncedAt') {
        // A damaged time means "never synced", so the next run compares every record in full.
        expect(settings.lastSyncedAtByTableId).toEqual({});
    }
}

function checkStoredMapping(settingCase: SettingCase): void {
    const parse = parseStoredMapping(settingCase.value, {tables: []});
    const messages = parse.problems.map(problem => problem.message).join('\n');

    expect(parse.problems.length).toBeGreaterThan(0);
    for (const mention of settingCase.mentions ?? []) {
        expect(messages).toContain(mention);
    }
}
