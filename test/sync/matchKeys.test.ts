import {normaliseKeyValue} from '../../frontend/sync/match/keyValues';
import type {CanonicalValue} from '../../frontend/sync/values';

describe('normaliseKeyValue', () => {
    const equalPairs: ReadonlyArray<
        readonly [string, CanonicalValue, CanonicalValue, number | undefined]
    > = [
        ['case', 'Contoso', 'CONTOSO', undefined],
        ['German sharp s', 'Straße', 'STRASSE', undefined],
        ['surrounding whitespace', '  Contoso\t', 'Contoso', undefined],
        ['repeated whitespace', 'Contoso   Ltd', 'Contoso Ltd', undefined],
        ['line breaks', 'Contoso\nLtd', 'Contoso Ltd', undefined],
        ['non-breaking space', 'Contoso\u00a0Ltd', 'Contoso Ltd', undefined],
        ['full-width forms', 'ＡＣ－１', 'AC-1', undefined],
        ['composed and decomposed accents', 'Jos\u00e9', 'Jose\u0301', undefined],
        ['ligature', 'ﬁnance', 'finance', undefined],
        ['integer and text', 1234, '1234', undefined],
        ['decimal and text', 12.5, '12.5', 2],
        ['money at the column precision', 12.499999, 12.5, 2],
        ['half rounded up', 0.125, 0.13, 2],
        ['trailing zeros', 7.1, 7.10000000001, 4],
    ];

    test.each(equalPairs)('treats %s as equal', (_name, left, right, precision) => {
        expect(normaliseKeyValue(left, precision)).toBe(normaliseKeyValue(right, precision));
    });

    const differentPairs: ReadonlyArray<
        readonly [string, CanonicalValue, CanonicalValue, number | undefined]
    > = [
        ['leading zeros', '01234', 1234, undefined],
        ['text with trailing zeros', '12.50', 12.5, 2],
        ['inner characters', 'AC-1', 'AC1', undefined],
        ['digits beyond the precision', 12.5, 12.51, 2],
    ];

    test.each(differentPairs)('keeps %s different', (_name, left, right, precision) => {
        expect(normaliseKeyValue(left, precision)).not.toBe(normaliseKeyValue(right, precision));
    });

    test.each([
        ['null', null],
        ['empty text', ''],
        ['whitespace only', ' \t\n'],
        ['unchecked checkbox', false],
        ['not a number', Number.NaN],
    ])('returns null for %s', (_name, value) => {
        expect(normaliseKeyValue(value, undefined)).toBeNull();
    });

    test('writes negative zero as zero', () => {
        expect(normaliseKeyValue(-0.001, 2)).toBe('0');
    });
});
