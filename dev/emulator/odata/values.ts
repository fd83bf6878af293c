/** Edm types, literal values and value ordering shared by `$filter` functions and operators. */
import type {Literal} from './filter';
import {compareGuids, compareText} from './collation';

export type EdmType =
    | 'Edm.String'
    | 'Edm.Int32'
    | 'Edm.Int64'
    | 'Edm.Decimal'
    | 'Edm.Double'
    | 'Edm.Boolean'
    | 'Edm.DateTimeOffset'
    | 'Edm.Date'
    | 'Edm.Guid'
    | 'Edm.Enum';

/** A value a filter reads from an item; dates are ISO 8601 text. */
export type FilterValue = string | number | boolean | null;

export const NUMERIC_TYPES: readonly EdmType[] = [
    'Edm.Int32',
    'Edm.Int64',
    'Edm.Decimal',
    'Edm.Double',
];
export const DATE_TYPES: readonly EdmType[] = ['Edm.DateTimeOffset', 'Edm.Date'];

export function literalType(literal: Literal): EdmType | null {
    switch (literal.type) {
        case 'string':
            return 'Edm.String';
        case 'number':
            if (!literal.isInteger) {
                return 'Edm.Decimal';
            }
            return Math.abs(literal.value) > 2147483647 ? 'Edm.Int64' : 'Edm.Int32';
        case 'boolean':
            return 'Edm.Boolean';
        case 'null':
            return null;
        case 'guid':
            return 'Edm.Guid';
        case 'dateTimeOffset':
            return 'Edm.DateTimeOffset';
        case 'date':
            return 'Edm.Date';
        case 'enum':
            return 'Edm.Enum';
    }
}

export function literalValue(literal: Literal): FilterValue {
    switch (literal.type) {
        case 'null':
            return null;
        case 'dateTimeOffset':
            return new Date(literal.value).toISOString();
        default:
            return literal.value;
    }
}

export function areComparable(left: EdmType | null, right: EdmType | null): boolean {
    if (left === null || right === null || left === right) {
        return true;
    }
    if (NUMERIC_TYPES.includes(left) && NUMERIC_TYPES.includes(right)) {
        return true;
    }
    if (DATE_TYPES.includes(left) && DATE_TYPES.includes(right)) {
        return true;
    }
    // Enum members may be written as plain strings.
    return [left, right].includes('Edm.Enum') && [left, right].includes('Edm.String');
}

function toTime(value: string): number {
    return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

/** Orders two non-null values of comparable types. */
export function compareValues(type: EdmType | null, left: FilterValue, right: FilterValue): number {
    if (typeof left === 'number' && typeof right === 'number') {
        return left - right;
    }
    if (typeof left === 'boolean' && typeof right === 'boolean') {
        return Number(left) - Number(right);
    }
    const a = String(left);
    const b = String(right);
    if (type !== null && DATE_TYPES.includes(type)) {
        return toTime(a) - toTime(b);
    }
    if (type === 'Edm.Guid') {
        return compareGuids(a, b);
    }
    return compareText(a, b);
}
