import {readSyncOptions, validateMaxDeletePercent} from '../../frontend/settings/syncOptions';

const UNSET = {previewEveryRun: undefined, maxDeletePercent: undefined, autoSyncMinutes: undefined};

describe('readSyncOptions', () => {
    test('defaults keep the preview on', () => {
        const options = readSyncOptions(UNSET);

        expect(options.approval.shouldPreviewEveryRun).toBe(true);
        expect(options.approval.maxDeleteShare).toBe(0.1);
        expect(options.autoSyncMinutes).toBeNull();
    });

    test('reads stored values', () => {
        const options = readSyncOptions({
            previewEveryRun: false,
            maxDeletePercent: 25,
            autoSyncMinutes: 15,
        });

        expect(options.approval.shouldPreviewEveryRun).toBe(false);
        expect(options.approval.maxDeleteShare).toBe(0.25);
        expect(options.autoSyncMinutes).toBe(15);
    });

    test('damaged values fall back', () => {
        const options = readSyncOptions({
            previewEveryRun: 'no',
            maxDeletePercent: 250,
            autoSyncMinutes: 7,
        });

        expect(options.approval.shouldPreviewEveryRun).toBe(true);
        expect(options.approval.maxDeleteShare).toBe(0.1);
        expect(options.autoSyncMinutes).toBeNull();
    });
});

describe('validateMaxDeletePercent', () => {
    test.each([
        ['10', 10],
        ['0', 0],
        ['100', 100],
        [12.5, 12.5],
    ])('accepts %p', (value, expected) => {
        expect(validateMaxDeletePercent(value)).toEqual({isValid: true, value: expected});
    });

    test.each(['', 'ten', '-1', '101', null])('rejects %p', value => {
        const validation = validateMaxDeletePercent(value);

        expect(validation.isValid).toBe(false);
        expect(validation.isValid ? '' : validation.message).toMatch(/from 0 to 100\.$/);
    });
});
