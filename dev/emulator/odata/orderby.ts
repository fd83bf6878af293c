/** Parses `$orderby`: comma-separated property names, each optionally followed by asc or desc. */
import {syntaxError} from '../errors';
import {tokenize} from './lexer';

export interface OrderByKey {
    readonly property: string;
    readonly direction: 'asc' | 'desc';
}

export function parseOrderBy(text: string): OrderByKey[] {
    const tokens = tokenize(text);
    const keys: OrderByKey[] = [];
    let index = 0;
    for (;;) {
        const property = tokens[index];
        if (property?.kind !== 'identifier') {
            throw syntaxError(property?.position ?? text.length, text);
        }
        index += 1;

        let direction: OrderByKey['direction'] = 'asc';
        const next = tokens[index];
        if (next?.kind === 'identifier' && (next.text === 'asc' || next.text === 'desc')) {
            direction = next.text;
            index += 1;
        }
        keys.push({property: property.text, direction});

        const separator = tokens[index];
        if (separator?.kind === 'end') {
            return keys;
        }
        if (separator?.kind !== 'comma') {
            throw syntaxError(separator?.position ?? text.length, text);
        }
        index += 1;
    }
}
