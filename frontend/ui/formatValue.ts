import type {CanonicalValue} from '../sync';
import {shortenText} from './shortenText';

/** Formats a synced value for the summary: text in quotes and shortened, empty as "(empty)". */
export function formatValue(value: CanonicalValue): string {
    if (value === null) {
        return '(empty)';
    }
    if (typeof value !== 'string') {
        return String(value);
    }
    return `"${shortenText(value)}"`;
}
