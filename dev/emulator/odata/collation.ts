/**
 * Value comparison with Dataverse's SQL Server semantics: text compares case- and
 * accent-insensitively (the default `Latin1_General_CI_AI` collation), nulls sort first, and GUIDs
 * sort in SQL Server's `uniqueidentifier` order.
 */
const COLLATOR = new Intl.Collator('en', {sensitivity: 'base'});

export function compareText(left: string, right: string): number {
    return COLLATOR.compare(left, right);
}

/** Lower-cases text and strips accents, for pattern matching under the same collation. */
export function foldText(text: string): string {
    return text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
}

function range(start: number, end: number): number[] {
    return Array.from({length: end - start}, (_, offset) => start + offset);
}

/** Character positions of a GUID's hex digits, from the most significant in SQL Server's order. */
const GUID_SIGNIFICANCE = [
    ...range(24, 36),
    ...range(19, 23),
    ...range(14, 18),
    ...range(9, 13),
    ...range(0, 8),
];

/**
 * Compares GUIDs the way SQL Server orders `uniqueidentifier`: the last group is most significant,
 * then the fourth, third, second and first.
 */
export function compareGuids(left: string, right: string): number {
    for (const index of GUID_SIGNIFICANCE) {
        // OR-ing 0x20 lower-cases the hex letters A-F and leaves the digits unchanged.
        const difference = (left.charCodeAt(index) | 0x20) - (right.charCodeAt(index) | 0x20);
        if (difference !== 0) {
            return difference;
        }
    }
    return 0;
}

/** Turns a SQL `LIKE` pattern (`%`, `_`, `[…]`) into a regular expression over folded text. */
export function likePatternToRegExp(pattern: string, anchor: 'contains' | 'start' | 'end'): RegExp {
    let source = '';
    for (let index = 0; index < pattern.length; index += 1) {
        const char = pattern[index] ?? '';
        if (char === '%') {
            source += '.*';
        } else if (char === '_') {
            source += '.';
        } else if (char === '[') {
            const close = pattern.indexOf(']', index + 1);
            if (close === -1) {
                source += '\\[';
                continue;
            }
            const members = foldText(pattern.slice(index + 1, close)).replace(/[\\\]]/g, '\\$&');
            source += `[${members}]`;
            index = close;
        } else {
            source += foldText(char).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        }
    }
    const prefix = anchor === 'start' ? '^' : '';
    const suffix = anchor === 'end' ? '$' : '';
    return new RegExp(`${prefix}${source}${suffix}`, 's');
}
