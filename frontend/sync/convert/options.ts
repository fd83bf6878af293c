/**
 * Pairs Dynamics option values with Airtable choice names. An option's Airtable name is its entry
 * in the column's option map, or else its Dynamics label. Names match exactly, case included,
 * because Airtable matches a written choice name exactly.
 */
import type {ColumnOption, ColumnSpec} from '../mapping';

/** Returns the column's option with this value, or null if the option set lacks it. */
export function getOptionIfExists(column: ColumnSpec, value: number): ColumnOption | null {
    return column.options?.find(option => option.value === value) ?? null;
}

/** Returns the Airtable choice name that stands for the option. */
export function getAirtableName(column: ColumnSpec, option: ColumnOption): string {
    const entry = column.optionMap?.find(candidate => candidate.value === option.value);
    return entry?.airtableName ?? option.label;
}

/** Returns the options whose Airtable name is `name`. More than one means the name is ambiguous. */
export function findOptionsByAirtableName(column: ColumnSpec, name: string): ColumnOption[] {
    return (column.options ?? []).filter(option => getAirtableName(column, option) === name);
}

/**
 * Parses the comma-separated option values of a multi-select column, `"3,1"`, into ascending
 * distinct integers, `[1, 3]`, because the order of the values carries no meaning in Dataverse.
 * Returns null if any part is not an integer.
 */
export function parseOptionValueList(text: string): number[] | null {
    if (text.trim() === '') {
        return [];
    }
    const values = text.split(',').map(part => part.trim());
    if (!values.every(part => /^-?\d+$/.test(part))) {
        return null;
    }
    return sortOptionValues(values.map(Number));
}

/** Sorts option values ascending and drops repeats. */
export function sortOptionValues(values: readonly number[]): number[] {
    return [...new Set(values)].sort((a, b) => a - b);
}

/** Joins option values the way the Web API sends a multi-select column: `"1,3"`, or null for none. */
export function formatOptionValueList(values: readonly number[]): string | null {
    return values.length === 0 ? null : values.join(',');
}
