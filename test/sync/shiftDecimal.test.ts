import fc from 'fast-check';
import {shiftDecimal} from '../../frontend/sync/convert/numbers';

/** Shifts through the shortest decimal text, the definition `shiftDecimal` must match. */
function shiftByText(value: number, places: number): number {
    if (value === 0 || !Number.isFinite(value)) {
        return value;
    }
    const [mantissa, exponent = '0'] = String(value).split('e');
    return Number(`${mantissa}e${Number(exponent) + places}`);
}

describe('shiftDecimal', () => {
    test('matches the text for integers', () => {
        fc.assert(
            fc.property(fc.maxSafeInteger(), fc.integer({min: -25, max: 25}), (value, places) => {
                expect(shiftDecimal(value, places)).toBe(shiftByText(value, places));
            }),
            {numRuns: 5000},
        );
    });

    test('matches the text for any double', () => {
        fc.assert(
            fc.property(fc.double(), fc.integer({min: -25, max: 25}), (value, places) => {
                expect(shiftDecimal(value, places)).toBe(shiftByText(value, places));
            }),
            {numRuns: 5000},
        );
    });

    test.each([
        [Number.MAX_SAFE_INTEGER, 1],
        [Number.MAX_SAFE_INTEGER, -22],
        [-Number.MAX_SAFE_INTEGER, -3],
        [2 ** 53, -2],
        [9007199254740, 3],
        [123456789, -22],
        [7, 23],
        [-0, 2],
    ])('matches the text for %d shifted by %d', (value, places) => {
        expect(shiftDecimal(value, places)).toBe(shiftByText(value, places));
    });

    test('shifts a percent exactly', () => {
        expect(shiftDecimal(0.57, 2)).toBe(57);
    });
});
