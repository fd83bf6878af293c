import type {CanonicalValue} from '../sync';

const MAX_SHOWN_LENGTH = 80;

/** Formats a synced value for the summary: text in quotes and shortened, empty as "(empty)". */
export function formatValue(value: CanonicalValue): string {
    if (value === null) {
        return '(empty)';
    }
    if (typeof value !== 'string') {
        return String(value);
    }
    const shown = value.length > MAX_SHOWN_LENGTH ? `${value.slice(0, MAX_SHOWN_LENGTH)}…` : value;
    return `"${shown}"`;
}
