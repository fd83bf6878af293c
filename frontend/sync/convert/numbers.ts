/**
 * Decimal arithmetic on JavaScript numbers through their shortest decimal text, so 0.57 as a
 * percent is exactly 57 and 1.005 rounds to 1.01, as Dynamics rounds its decimal type.
 */

/** Multiplies by 10^places exactly in decimal: `shiftDecimal(0.57, 2)` is 57, not 56.99999999999999. */
export function shiftDecimal(value: number, places: number): number {
    if (value === 0 || !Number.isFinite(value) || places === 0) {
        return value;
    }
    const shifted = shiftIntegerIfExact(value, places);
    if (shifted !== null) {
        return shifted;
    }
    const [mantissa, exponent = '0'] = String(value).split('e');
    return Number(`${mantissa}e${Number(exponent) + places}`);
}

/**
 * Shifts a safe integer by arithmetic, which skips formatting it and gives the number the decimal
 * text gives. A product that stays a safe integer is exact. A quotient by an exact power of ten is
 * rounded once, as parsing the text rounds it. Returns null for any other value.
 */
function shiftIntegerIfExact(value: number, places: number): number | null {
    const power = EXACT_POWERS_OF_TEN[Math.abs(places)];
    if (!Number.isSafeInteger(value) || power === undefined) {
        return null;
    }
    if (places < 0) {
        return value / power;
    }
    const product = value * power;
    return Number.isSafeInteger(product) ? product : null;
}

/** 10^0 to 10^22, the powers of ten a double represents exactly, as literals so none is computed. */
const EXACT_POWERS_OF_TEN = [
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
    1e18, 1e19, 1e20, 1e21, 1e22,
];

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
