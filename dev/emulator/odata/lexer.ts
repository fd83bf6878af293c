/**
 * Splits an OData expression (`$filter`, `$orderby`) into tokens. Literal forms follow OData 4.0
 * URL conventions as Dataverse accepts them: quoted strings with `''` for a quote, unquoted GUIDs,
 * dates and date-times, numbers, and enum literals such as `Namespace.Type'Member'`.
 */
import {queryError} from '../errors';

export type Token =
    | {
          readonly kind:
              | 'openParen'
              | 'closeParen'
              | 'comma'
              | 'slash'
              | 'equals'
              | 'openBracket'
              | 'closeBracket'
              | 'end';
          readonly position: number;
      }
    | {readonly kind: 'identifier'; readonly text: string; readonly position: number}
    | {readonly kind: 'string'; readonly value: string; readonly position: number}
    | {
          readonly kind: 'number';
          readonly value: number;
          readonly text: string;
          readonly position: number;
      }
    | {readonly kind: 'guid'; readonly value: string; readonly position: number}
    | {
          readonly kind: 'dateTimeOffset';
          readonly value: number;
          readonly text: string;
          readonly position: number;
      }
    | {readonly kind: 'date'; readonly value: string; readonly position: number}
    | {
          readonly kind: 'enum';
          readonly typeName: string;
          readonly value: string;
          readonly position: number;
      };

type Punctuation =
    'openParen' | 'closeParen' | 'comma' | 'slash' | 'equals' | 'openBracket' | 'closeBracket';

const PUNCTUATION: Readonly<Record<string, Punctuation>> = {
    '(': 'openParen',
    ')': 'closeParen',
    ',': 'comma',
    '/': 'slash',
    // Named function parameters and arrays: Microsoft.Dynamics.CRM.In(PropertyName='x',PropertyValues=['a']).
    '=': 'equals',
    '[': 'openBracket',
    ']': 'closeBracket',
};

/** Reads a double-quoted JSON string, the form array values may take in query functions. */
function readJsonString(text: string, start: number): {value: string; end: number} {
    const match = /"(?:[^"\\]|\\.)*"/y;
    match.lastIndex = start;
    const found = match.exec(text)?.[0];
    if (found === undefined) {
        throw queryError(
            `There is an unterminated literal at position ${text.length} in '${text}'.`,
        );
    }
    try {
        return {value: JSON.parse(found) as string, end: start + found.length};
    } catch {
        throw queryError(`The string at position ${start} in '${text}' has an invalid escape.`);
    }
}

const GUID =
    /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w.-])/y;
const DATE_TIME =
    /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})(?![\w.])/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![\w.:-])/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[mMdDlLfF]?(?![\w.])/y;
const IDENTIFIER = /[A-Za-z_@$][\w.]*/y;
const WHITESPACE = /\s+/y;

function matchAt(pattern: RegExp, text: string, position: number): string | null {
    pattern.lastIndex = position;
    return pattern.exec(text)?.[0] ?? null;
}

/** Reads a quoted string starting at `start` (the opening quote); returns its value and end. */
function readString(text: string, start: number): {value: string; end: number} {
    let value = '';
    let index = start + 1;
    while (index < text.length) {
        const char = text[index];
        if (char === "'") {
            if (text[index + 1] !== "'") {
                return {value, end: index + 1};
            }
            value += "'";
            index += 2;
            continue;
        }
        value += char;
        index += 1;
    }
    throw queryError(`There is an unterminated literal at position ${text.length} in '${text}'.`);
}

/** Reads an unquoted literal at `position`; returns the token and how many characters it took. */
function readLiteral(text: string, position: number): {token: Token; length: number} | null {
    const guid = matchAt(GUID, text, position);
    if (guid !== null) {
        return {token: {kind: 'guid', value: guid.toLowerCase(), position}, length: guid.length};
    }
    const dateTime = matchAt(DATE_TIME, text, position);
    if (dateTime !== null) {
        const token: Token = {
            kind: 'dateTimeOffset',
            value: Date.parse(dateTime),
            text: dateTime,
            position,
        };
        return {token, length: dateTime.length};
    }
    const date = matchAt(DATE, text, position);
    if (date !== null) {
        return {token: {kind: 'date', value: date, position}, length: date.length};
    }
    const number = matchAt(NUMBER, text, position);
    if (number !== null) {
        const value = Number(number.replace(/[mMdDlLfF]$/, ''));
        return {token: {kind: 'number', value, text: number, position}, length: number.length};
    }
    return null;
}

export function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let position = 0;
    while (position < text.length) {
        const space = matchAt(WHITESPACE, text, position);
        if (space !== null) {
            position += space.length;
            continue;
        }

        const char = text[position] ?? '';
        const punctuation = PUNCTUATION[char];
        if (punctuation !== undefined) {
            tokens.push({kind: punctuation, position});
            position += 1;
            continue;
        }
        if (char === "'" || char === '"') {
            const {value, end} =
                char === "'" ? readString(text, position) : readJsonString(text, position);
            tokens.push({kind: 'string', value, position});
            position = end;
            continue;
        }

        const literal = readLiteral(text, position);
        if (literal !== null) {
            tokens.push(literal.token);
            position += literal.length;
            continue;
        }

        const identifier = matchAt(IDENTIFIER, text, position);
        if (identifier === null) {
            throw queryError(
                `Syntax error: character '${char}' is not valid at position ${position} in '${text}'.`,
            );
        }
        if (text[position + identifier.length] === "'") {
            const {value, end} = readString(text, position + identifier.length);
            tokens.push({kind: 'enum', typeName: identifier, value, position});
            position = end;
            continue;
        }
        tokens.push({kind: 'identifier', text: identifier, position});
        position += identifier.length;
    }
    tokens.push({kind: 'end', position: text.length});
    return tokens;
}
