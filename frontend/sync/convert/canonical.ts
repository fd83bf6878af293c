/** Normalisation shared by both read directions, so the two sides' values compare equal. */
import type {ColumnSpec} from '../mapping';
import type {CanonicalValue} from '../values';
import {roundToDecimals} from './numbers';

/** Empty text means "no value" in both Airtable and Dynamics. */
export function canonicalText(text: string): CanonicalValue {
    return text === '' ? null : text;
}

/**
 * Rounds to the column's precision where Dynamics rounds when it stores the value: Money and
 * Decimal, and Double, whose stored value is rounded to its precision too.
 * NOTE: Double rounding on save is assumed from the Dataverse column definition, not observed live.
 * Integer values are left alone, because Dynamics rejects a fraction instead of rounding it.
 * NOTE: the rounding is not reported. A cell typed as 10.125 reaches a Money column as 10.13, the
 * row's outcome reports only that it was created or updated, and the cell keeps 10.125.
 */
export function canonicalNumber(column: ColumnSpec, value: number): number {
    const isRounded =
        column.type === 'money' || column.type === 'decimal' || column.type === 'double';
    if (!isRounded || column.precision === undefined) {
        return value === 0 ? 0 : value;
    }
    const rounded = roundToDecimals(value, column.precision);
    return rounded === 0 ? 0 : rounded;
}
