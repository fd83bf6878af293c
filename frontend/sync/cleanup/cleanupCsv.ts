/**
 * Formats Clean up candidates as CSV (RFC 4180: comma-separated, CRLF line breaks, and fields with
 * a comma, a double quote or a line break in double quotes, with quotes doubled), so the rows can
 * be downloaded before they are deleted. One column per mapped field name, across all tables.
 */
import type {CleanupCandidate} from './findCleanupCandidates';

// "Row name" rather than "Name", because the mapped fields' columns follow and one is often "Name".
const FIXED_HEADERS = ['Table', 'Airtable record ID', 'Dynamics ID', 'Row name', 'Reason'];

export function toCleanupCsv(candidates: readonly CleanupCandidate[]): string {
    const fieldNames = [
        ...new Set(candidates.flatMap(candidate => candidate.cells.map(cell => cell.fieldName))),
    ];
    const lines = [[...FIXED_HEADERS, ...fieldNames]];
    for (const candidate of candidates) {
        const values = new Map(candidate.cells.map(cell => [cell.fieldName, cell.value]));
        lines.push([
            candidate.tableName,
            candidate.rowId,
            candidate.dynamicsIdText,
            candidate.name,
            candidate.description,
            ...fieldNames.map(name => formatCell(values.get(name))),
        ]);
    }
    return lines.map(line => line.map(quoteField).join(',')).join('\r\n') + '\r\n';
}

/** Formats a cell in the SDK's format as text; linked rows appear as their names, or their ids. */
function formatCell(value: unknown): string {
    if (value === null || value === undefined) {
        return '';
    }
    if (Array.isArray(value)) {
        return value.map(formatLink).join(', ');
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        return String(value);
    }
    return JSON.stringify(value);
}

function formatLink(link: unknown): string {
    if (typeof link !== 'object' || link === null) {
        return String(link);
    }
    const {id, name} = link as {readonly id?: unknown; readonly name?: unknown};
    if (typeof name === 'string' && name !== '') {
        return name;
    }
    return typeof id === 'string' ? id : '';
}

function quoteField(text: string): string {
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
