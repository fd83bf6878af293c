/**
 * Reads the `Prefer` request header. Several preferences may share one header, comma-separated,
 * and a quoted value may itself contain commas: `odata.include-annotations="a,b"`.
 */
export interface Preferences {
    /** The requested `odata.maxpagesize`, or null when absent or not a positive integer. */
    readonly maxPageSize: number | null;
    /** The raw `odata.include-annotations` value without quotes, or null. */
    readonly includeAnnotations: string | null;
    readonly returnRepresentation: boolean;
    readonly trackChanges: boolean;
    readonly continueOnError: boolean;
}

function splitOutsideQuotes(text: string): string[] {
    const parts: string[] = [];
    let current = '';
    let isQuoted = false;
    for (const char of text) {
        if (char === '"') {
            isQuoted = !isQuoted;
        }
        if (char === ',' && !isQuoted) {
            parts.push(current);
            current = '';
            continue;
        }
        current += char;
    }
    parts.push(current);
    return parts.map(part => part.trim()).filter(part => part !== '');
}

function unquote(value: string): string {
    return value.replace(/^"(.*)"$/, '$1');
}

export function parsePreferences(header: string | readonly string[] | undefined): Preferences {
    let values: readonly string[] = [];
    if (typeof header === 'string') {
        values = [header];
    } else if (header !== undefined) {
        values = header;
    }
    const entries = new Map<string, string>();
    for (const part of values.flatMap(splitOutsideQuotes)) {
        const separator = part.indexOf('=');
        const name = (separator === -1 ? part : part.slice(0, separator)).trim().toLowerCase();
        const value = separator === -1 ? '' : unquote(part.slice(separator + 1).trim());
        entries.set(name, value);
    }
    const pageSize = entries.get('odata.maxpagesize');
    return {
        maxPageSize:
            pageSize !== undefined && /^[1-9]\d*$/.test(pageSize) ? Number(pageSize) : null,
        includeAnnotations: entries.get('odata.include-annotations') ?? null,
        returnRepresentation: entries.get('return') === 'representation',
        trackChanges: entries.has('odata.track-changes'),
        continueOnError: entries.has('odata.continue-on-error'),
    };
}

/**
 * Returns a test for annotation terms from an `odata.include-annotations` value: `*`, a namespace
 * wildcard such as `Microsoft.Dynamics.CRM.*`, exact terms, and `-term` exclusions.
 */
export function createAnnotationMatcher(patterns: string | null): (term: string) => boolean {
    if (patterns === null) {
        return () => false;
    }
    const list = patterns.split(',').map(pattern => pattern.trim());
    const matches = (pattern: string, term: string) =>
        pattern === '*' ||
        pattern === term ||
        (pattern.endsWith('.*') && term.startsWith(pattern.slice(0, -1)));
    const included = list.filter(pattern => !pattern.startsWith('-'));
    const excluded = list.filter(pattern => pattern.startsWith('-')).map(p => p.slice(1));
    return term =>
        included.some(pattern => matches(pattern, term)) &&
        !excluded.some(pattern => matches(pattern, term));
}
