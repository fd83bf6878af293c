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

/**
 * Compares GUIDs the way SQL Server orders `uniqueidentifier`: the last group is most significant,
 * then the fourth, third, second and first.
 */
export function compareGuids(left: string, right: string): number {
    const leftGroups = left.toLowerCase().split('-').reverse();
    const rightGroups = right.toLowerCase().split('-').reverse();
    for (let index = 0; index < leftGroups.length; index += 1) {
        const a = leftGroups[index] ?? '';
        const b = rightGroups[index] ?? '';
        if (a !== b) {
            return a < b ? -1 : 1;
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
