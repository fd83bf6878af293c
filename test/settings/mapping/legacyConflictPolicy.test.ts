import {
    getMappingConflictPolicyIfExists,
    hasMappingConflictPolicy,
    readStoredConflictPolicy,
} from '../../../frontend/settings/mapping/legacyConflictPolicy';

const MAPPING_WITH_COPY = {schemaVersion: 1, tables: [], conflictPolicy: 'airtableWins'};
const MAPPING_WITHOUT_COPY = {schemaVersion: 1, tables: []};

describe('getMappingConflictPolicyIfExists', () => {
    test('returns a valid copy', () => {
        expect(getMappingConflictPolicyIfExists(MAPPING_WITH_COPY)).toBe('airtableWins');
    });

    test('ignores an unknown copy', () => {
        const mapping = {...MAPPING_WITH_COPY, conflictPolicy: 'newestWins'};

        expect(getMappingConflictPolicyIfExists(mapping)).toBeNull();
    });

    test('ignores a missing mapping', () => {
        expect(getMappingConflictPolicyIfExists(undefined)).toBeNull();
        expect(getMappingConflictPolicyIfExists('not a mapping')).toBeNull();
    });
});

describe('hasMappingConflictPolicy', () => {
    test('finds any stored copy', () => {
        expect(hasMappingConflictPolicy(MAPPING_WITH_COPY)).toBe(true);
        expect(hasMappingConflictPolicy({...MAPPING_WITH_COPY, conflictPolicy: 42})).toBe(true);
    });

    test('finds no copy', () => {
        expect(hasMappingConflictPolicy(MAPPING_WITHOUT_COPY)).toBe(false);
        expect(hasMappingConflictPolicy(null)).toBe(false);
    });
});

describe('readStoredConflictPolicy', () => {
    test('prefers the setting', () => {
        expect(readStoredConflictPolicy('dynamicsWins', MAPPING_WITH_COPY)).toBe('dynamicsWins');
    });

    test('keeps an invalid setting', () => {
        // The settings validator reports it, so the copy must not hide it.
        expect(readStoredConflictPolicy('newestWins', MAPPING_WITH_COPY)).toBe('newestWins');
    });

    test('falls back to the copy', () => {
        expect(readStoredConflictPolicy(undefined, MAPPING_WITH_COPY)).toBe('airtableWins');
        expect(readStoredConflictPolicy(null, MAPPING_WITH_COPY)).toBe('airtableWins');
    });

    test('stays unset without a copy', () => {
        expect(readStoredConflictPolicy(undefined, MAPPING_WITHOUT_COPY)).toBeUndefined();
    });
});
