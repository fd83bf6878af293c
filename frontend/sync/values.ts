/**
 * The canonical value of one mapped field: the form in which an Airtable cell and a Dynamics column
 * are compared and hashed. Text is kept exactly as written except that an empty string is null,
 * numbers are in the column's unit (percent points, not fractions) and rounded the way Dynamics
 * stores them, and a Boolean column is always true or false.
 */
export type CanonicalValue = string | number | boolean | null;

/** Returns whether the value counts as "not filled in"; an unchecked checkbox reads as false. */
export function isEmptyValue(value: CanonicalValue): boolean {
    return value === null || value === false;
}

export function areValuesEqual(a: CanonicalValue, b: CanonicalValue): boolean {
    return a === b;
}

/** Formats a value for a message a person reads, such as `'ana@'` or `12.5` or `(empty)`. */
export function describeValue(value: CanonicalValue): string {
    if (value === null) {
        return '(empty)';
    }
    if (typeof value === 'string') {
        return `'${shortenForMessage(value)}'`;
    }
    return String(value);
}

/** Formats a value as `describeValue` does, but with text in full, line breaks included. */
export function describeValueInFull(value: CanonicalValue): string {
    return typeof value === 'string' ? `'${value}'` : describeValue(value);
}

const MAX_MESSAGE_VALUE_LENGTH = 60;

function shortenForMessage(text: string): string {
    const singleLine = text.replace(/\s+/g, ' ');
    if (singleLine.length <= MAX_MESSAGE_VALUE_LENGTH) {
        return singleLine;
    }
    return `${singleLine.slice(0, MAX_MESSAGE_VALUE_LENGTH)}…`;
}
