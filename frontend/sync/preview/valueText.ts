/**
 * Formats raw Airtable cells and Dynamics values as text for the run preview. Links show the
 * linked row's or record's name, including rows and records the run itself creates.
 */
import {isLookupBinding} from '../lookupValues';
import {describeValue, describeValueInFull} from '../values';

/** Names of rows by Airtable record id and of records by Dynamics ID, placeholders included. */
export interface PreviewNames {
    getName(id: string): string | null;
}

const EMPTY_TEXT = '(empty)';

/** Formats a cell or value, with long text shortened unless `isInFull`. */
export function describeCell(value: unknown, names: PreviewNames, isInFull = false): string {
    if (value === null || value === undefined || value === '') {
        return EMPTY_TEXT;
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        return isInFull ? describeValueInFull(value) : describeValue(value);
    }
    if (Array.isArray(value)) {
        const parts = value.map(item => describeItem(item, names));
        return parts.length === 0 ? EMPTY_TEXT : parts.join(', ');
    }
    if (isLookupBinding(value)) {
        return value.id === null ? EMPTY_TEXT : nameOrId(value.id, names);
    }
    return describeItem(value, names);
}

function describeItem(item: unknown, names: PreviewNames): string {
    if (typeof item !== 'object' || item === null) {
        return describeCell(item, names);
    }
    const name = 'name' in item && typeof item.name === 'string' ? item.name : null;
    const id = 'id' in item && typeof item.id === 'string' ? item.id : null;
    if (id !== null) {
        return names.getName(id) ?? name ?? id;
    }
    return name ?? JSON.stringify(item);
}

function nameOrId(id: string, names: PreviewNames): string {
    return names.getName(id) ?? id;
}
