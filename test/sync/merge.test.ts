import type {ConflictPolicy, FieldMapping} from '../../frontend/sync/mapping';
import {mergeField, type FieldDecision} from '../../frontend/sync/merge';
import {hashValue} from '../../frontend/sync/syncState';
import type {CanonicalValue} from '../../frontend/sync/values';
import {column, field, fieldMapping} from './fixtures';

const NAME = fieldMapping(
    column('name', {type: 'string'}),
    field('fldName', 'Name', 'singleLineText'),
);
const NAME_TO_AIRTABLE = {...NAME, direction: 'toAirtable'} as const;
const NAME_TO_DYNAMICS = {...NAME, direction: 'toDynamics'} as const;
const READ_ONLY = fieldMapping(
    column('fullname', {type: 'string', isValidForUpdate: false}),
    field('fldFullName', 'Full name', 'singleLineText'),
);
const READ_ONLY_TO_DYNAMICS = {...READ_ONLY, direction: 'toDynamics'} as const;
const FLAG = fieldMapping(
    column('donotemail', {type: 'boolean'}),
    field('fldFlag', 'Do not e-mail', 'checkbox'),
);

function merge(
    mapping: FieldMapping,
    airtable: CanonicalValue,
    dynamics: CanonicalValue,
    baseline: CanonicalValue | undefined,
    policy: ConflictPolicy = 'dynamicsWins',
): FieldDecision {
    const baselineHash = baseline === undefined ? undefined : hashValue(baseline);
    return mergeField({mapping, airtable, dynamics, baseline: baselineHash}, policy);
}

describe('mergeField with a baseline', () => {
    test('keeps unchanged values', () => {
        expect(merge(NAME, 'A', 'A', 'A')).toEqual({kind: 'unchanged'});
    });

    test('pushes an Airtable change', () => {
        expect(merge(NAME, 'B', 'A', 'A')).toEqual({kind: 'push', value: 'B'});
    });

    test('pulls a Dynamics change', () => {
        expect(merge(NAME, 'A', 'C', 'A')).toEqual({kind: 'pull', value: 'C'});
    });

    test('pushes a cleared Airtable value', () => {
        expect(merge(NAME, null, 'A', 'A')).toEqual({kind: 'push', value: null});
    });

    test('agrees on the same change', () => {
        expect(merge(NAME, 'B', 'B', 'A')).toEqual({kind: 'agree', value: 'B'});
    });

    test('resolves a conflict for Dynamics', () => {
        expect(merge(NAME, 'B', 'C', 'A', 'dynamicsWins')).toEqual({
            kind: 'conflict',
            kept: 'dynamics',
            airtable: 'B',
            dynamics: 'C',
        });
    });

    test('resolves a conflict for Airtable', () => {
        expect(merge(NAME, 'B', 'C', 'A', 'airtableWins')).toEqual({
            kind: 'conflict',
            kept: 'airtable',
            airtable: 'B',
            dynamics: 'C',
        });
    });
});

describe('mergeField without a baseline', () => {
    test('agrees on equal values', () => {
        expect(merge(NAME, 'A', 'A', undefined)).toEqual({kind: 'agree', value: 'A'});
    });

    test('fills an empty Airtable side', () => {
        expect(merge(NAME, null, 'A', undefined)).toEqual({kind: 'pull', value: 'A'});
    });

    test('fills an empty Dynamics side', () => {
        expect(merge(NAME, 'A', null, undefined)).toEqual({kind: 'push', value: 'A'});
    });

    test('treats an unchecked box as empty', () => {
        expect(merge(FLAG, false, true, undefined)).toEqual({kind: 'pull', value: true});
    });

    test.each<[ConflictPolicy, 'airtable' | 'dynamics']>([
        ['dynamicsWins', 'dynamics'],
        ['airtableWins', 'airtable'],
    ])('resolves different values under %s', (policy, kept) => {
        expect(merge(NAME, 'A', 'B', undefined, policy)).toEqual({
            kind: 'conflict',
            kept,
            airtable: 'A',
            dynamics: 'B',
        });
    });
});

describe('mergeField with limited directions', () => {
    test('overwrites Airtable edits of a toAirtable field', () => {
        expect(merge(NAME_TO_AIRTABLE, 'B', 'A', 'A')).toEqual({kind: 'pull', value: 'A'});
    });

    test('settles toAirtable conflicts without a report', () => {
        expect(merge(NAME_TO_AIRTABLE, 'B', 'C', 'A', 'airtableWins')).toEqual({
            kind: 'pull',
            value: 'C',
        });
    });

    test('overwrites Dynamics edits of a toDynamics field', () => {
        expect(merge(NAME_TO_DYNAMICS, 'A', 'C', 'A')).toEqual({kind: 'push', value: 'A'});
    });

    test('never pushes to a read-only column', () => {
        expect(merge(READ_ONLY, 'B', 'A', 'A')).toEqual({kind: 'pull', value: 'A'});
    });

    test('never clears a value without baseline', () => {
        expect(merge(NAME_TO_DYNAMICS, null, 'A', undefined)).toEqual({kind: 'hold'});
    });

    test('never clears Airtable without baseline', () => {
        expect(merge(NAME_TO_AIRTABLE, 'A', null, undefined)).toEqual({kind: 'hold'});
    });

    test('holds when no direction is allowed', () => {
        expect(merge(READ_ONLY_TO_DYNAMICS, 'B', 'A', 'A')).toEqual({kind: 'hold'});
    });
});
