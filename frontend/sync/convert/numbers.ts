/**
 * Decimal arithmetic on JavaScript numbers through their shortest decimal text, so 0.57 as a
 * percent is exactly 57 and 1.005 rounds to 1.01, as Dynamics rounds its decimal type.
 */

/** Multiplies by 10^places exactly in decimal: `shiftDecimal(0.57, 2)` is 57, not 56.99999999999999. */
export function shiftDecimal(value: number, places: number): number {
    if (value === 0 || !Number.isFinite(value)) {
        return value;
    }
    const [mantissa, exponent = '0'] = String(value).split('e');
    return Number(`${mantissa}e${Number(exponent) + places}`);
}

/**
 * Rounds to `digits` decimal places, halves away from zero.
 * NOTE: Dataverse's midpoint rule for Money and Decimal is not confirmed; if it rounds halves to
 * even, a value ending in exactly 5 reads back one unit lower, and the next sync pulls that value.
 */
export function roundToDecimals(value: number, digits: number): number {
    if (!Number.isFinite(value)) {
        return value;
    }
    const magnitude = shiftDecimal(Math.round(shiftDecimal(Math.abs(value), digits)), -digits);
    return value < 0 ? -magnitude : magnitude;
}

/** Counts the decimal places in the number's shortest decimal text: 12.50 has 1, 1e-7 has 7. */
export function countDecimals(value: number): number {
    const [mantissa = '', exponent = '0'] = String(Math.abs(value)).split('e');
    const fractionDigits = mantissa.split('.')[1]?.length ?? 0;
    return Math.max(0, fractionDigits - Number(exponent));
}
