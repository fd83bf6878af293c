import {
    canMapFieldType,
    getAllowedDirections,
    isColumnWritable,
} from '../../../frontend/ui/mapping/fieldDirections';
import {logicalName} from '../../../frontend/sync/ids';
import type {ColumnSpec} from '../../../frontend/sync/mapping';

function column(overrides: Partial<ColumnSpec>): ColumnSpec {
    return {
        logicalName: logicalName('name'),
        displayName: 'Name',
        type: 'string',
        isValidForCreate: true,
        isValidForUpdate: true,
        ...overrides,
    };
}

const READ_ONLY = {isValidForCreate: false, isValidForUpdate: false};

describe('getAllowedDirections', () => {
    test('allows every direction for text', () => {
        expect(getAllowedDirections(column({}), 'singleLineText')).toEqual([
            'both',
            'toAirtable',
            'toDynamics',
        ]);
    });

    test('allows only reads of read-only columns', () => {
        expect(getAllowedDirections(column(READ_ONLY), 'singleLineText')).toEqual(['toAirtable']);
    });

    test('allows only sends from formulas', () => {
        expect(getAllowedDirections(column({}), 'formula')).toEqual(['toDynamics']);
    });

    test('allows nothing for read-only column and formula', () => {
        expect(getAllowedDirections(column(READ_ONLY), 'formula')).toEqual([]);
    });

    test('allows only reads of date-time into dates', () => {
        expect(getAllowedDirections(column({type: 'datetime'}), 'date')).toEqual(['toAirtable']);
    });

    test('allows nothing for unconverted types', () => {
        expect(getAllowedDirections(column({}), 'multipleAttachments')).toEqual([]);
    });
});

describe('canMapFieldType', () => {
    test('accepts numbers for money', () => {
        expect(canMapFieldType(column({type: 'money'}), 'currency')).toBe(true);
    });

    test('rejects text for numbers', () => {
        expect(canMapFieldType(column({type: 'integer'}), 'singleLineText')).toBe(false);
    });
});

describe('isColumnWritable', () => {
    test('counts update-only columns as writable', () => {
        expect(isColumnWritable(column({isValidForCreate: false}))).toBe(true);
    });

    test('counts read-only columns as not writable', () => {
        expect(isColumnWritable(column(READ_ONLY))).toBe(false);
    });
});
