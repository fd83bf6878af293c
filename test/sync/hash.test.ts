import fc from 'fast-check';
import {formatHash, hashText, hashTextToHalves, isHashOfText} from '../../frontend/sync/hash';

/** FNV-1a 64 computed with BigInt, to check the limb arithmetic against a plain definition. */
function referenceFnv1a64(text: string): string {
    let hash = 0xcbf29ce484222325n;
    for (const byte of new TextEncoder().encode(text)) {
        hash ^= BigInt(byte);
        hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    const high = Number(hash >> 32n);
    const low = Number(hash & 0xffffffffn);
    return high.toString(36) + low.toString(36).padStart(7, '0');
}

describe('hashText', () => {
    test.each(['', 'a', 'foobar', 'Contoso Ltd', 'ünïcödé ✓ 日本', 'x'.repeat(5000)])(
        'matches FNV-1a 64 for %j',
        text => {
            expect(hashText(text)).toBe(referenceFnv1a64(text));
        },
    );

    test.each([
        ['', 0xcbf29ce4, 0x84222325],
        ['a', 0xaf63dc4c, 0x8601ec8c],
        ['foobar', 0x85944171, 0xf73967e8],
    ])('matches the published vector for %j', (text, high, low) => {
        expect(hashText(text)).toBe(high.toString(36) + low.toString(36).padStart(7, '0'));
    });

    test('typical values do not collide', () => {
        const values = new Set<string>();
        for (let index = 0; index < 20000; index += 1) {
            values.add(`Account ${index}`);
            values.add(`account${index}@example.com`);
            values.add(`n${index}`);
            values.add(`n${index / 100}`);
            values.add(`+1 555 ${String(index).padStart(4, '0')}`);
        }
        const hashes = new Set([...values].map(hashText));

        expect(hashes.size).toBe(values.size);
    });

    test('stays at most 14 characters', () => {
        expect(hashText('any value at all').length).toBeLessThanOrEqual(14);
    });
});

/** Any sequence of UTF-16 code units, lone and reversed surrogates included. */
const codeUnitText = fc
    .array(fc.integer({min: 0, max: 0xffff}), {maxLength: 40})
    .map(units => String.fromCharCode(...units));

describe('hashText encoding', () => {
    test.each([
        ['lone high surrogate', '\ud800x'],
        ['lone low surrogate', 'x\udc00'],
        ['reversed pair', '\udc00\ud800'],
        ['trailing high surrogate', 'end\udbff'],
        ['pair', '\ud83d\ude00'],
        ['two-byte and three-byte', 'é€'],
    ])('matches TextEncoder for a %s', (_case, text) => {
        expect(hashText(text)).toBe(referenceFnv1a64(text));
    });

    test('matches TextEncoder for any text', () => {
        fc.assert(
            fc.property(codeUnitText, text => {
                expect(hashText(text)).toBe(referenceFnv1a64(text));
            }),
            {numRuns: 2000},
        );
    });
});

test('prefix hashes as joined text', () => {
    const prefixes = fc.string({unit: 'grapheme-ascii', maxLength: 3});
    fc.assert(
        fc.property(prefixes, codeUnitText, (prefix, text) => {
            expect(formatHash(hashTextToHalves(text, prefix))).toBe(hashText(prefix + text));
        }),
        {numRuns: 2000},
    );
});

describe('isHashOfText', () => {
    test('accepts the hash of any text', () => {
        fc.assert(
            fc.property(codeUnitText, text => {
                expect(isHashOfText(text, hashText(text))).toBe(true);
            }),
            {numRuns: 2000},
        );
    });

    test('rejects the hash of other text', () => {
        fc.assert(
            fc.property(codeUnitText, codeUnitText, (text, other) => {
                fc.pre(text !== other);
                expect(isHashOfText(text, hashText(other))).toBe(false);
            }),
            {numRuns: 2000},
        );
    });

    test.each([
        ['upper-case letters', (hash: string) => hash.toUpperCase()],
        ['a leading zero', (hash: string) => `0${hash}`],
        ['a dropped digit', (hash: string) => hash.slice(1)],
        ['a trailing space', (hash: string) => `${hash} `],
        ['no high half', (hash: string) => hash.slice(-7)],
        ['an empty text', () => ''],
    ])('rejects a hash with %s', (_case, edit) => {
        const hash = hashText('Contoso Ltd');
        expect(isHashOfText('Contoso Ltd', edit(hash))).toBe(false);
    });
});
