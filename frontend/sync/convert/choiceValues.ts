/**
 * Choice conversions. A Choice, State or Status column's canonical value is its integer option
 * value, such as 7. A multi-select Choice column's is its option values ascending and comma
 * separated, such as "1,3", the same text the Web API sends. Airtable selects are matched by
 * choice name, and a name the field doesn't have is never written, because Airtable rejects it.
 */
import type {ColumnOption, FieldMapping} from '../mapping';
import {describeValue, type CanonicalValue} from '../values';
import {
    findOptionsByAirtableName,
    formatOptionValueList,
    getAirtableName,
    getOptionIfExists,
    parseOptionValueList,
    sortOptionValues,
} from './options';
import {
    columnLabel,
    converted,
    describeWrongAirtableCell,
    describeWrongDynamicsValue,
    describeWrongValueForAirtable,
    describeWrongValueForDynamics,
    fieldLabel,
    rejected,
    type Conversion,
} from './problems';

/** A select cell in the SDK's write format: a choice by name. */
export interface SelectChoiceCell {
    readonly name: string;
}

const ADD_OR_MAP_IN_DYNAMICS =
    "Add the option to the Dynamics column, or map the name to an existing option in the column's option map, and sync again.";

export function readDynamicsChoice(
    mapping: FieldMapping,
    raw: unknown,
): Conversion<CanonicalValue> {
    if (raw === null || raw === undefined) {
        return converted(null);
    }
    if (typeof raw !== 'number' || !Number.isInteger(raw)) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongDynamicsValue(mapping, raw, 'an option value'),
        );
    }
    return converted(raw);
}

export function readDynamicsChoices(
    mapping: FieldMapping,
    raw: unknown,
): Conversion<CanonicalValue> {
    if (raw === null || raw === undefined) {
        return converted(null);
    }
    const values = typeof raw === 'string' ? parseOptionValueList(raw) : null;
    if (values === null) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongDynamicsValue(mapping, raw, 'comma-separated option values such as "1,3"'),
        );
    }
    return converted(formatOptionValueList(values));
}

export function readAirtableChoice(
    mapping: FieldMapping,
    cell: unknown,
): Conversion<CanonicalValue> {
    if (cell === null || cell === undefined) {
        return converted(null);
    }
    const name = getChoiceName(cell);
    if (name === null) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongAirtableCell(mapping, cell, 'a select choice'),
        );
    }
    return findOptionValue(mapping, name);
}

export function readAirtableChoices(
    mapping: FieldMapping,
    cell: unknown,
): Conversion<CanonicalValue> {
    if (cell === null || cell === undefined) {
        return converted(null);
    }
    const names = Array.isArray(cell) ? cell.map(getChoiceName) : [null];
    if (!names.every(isText)) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongAirtableCell(mapping, cell, 'select choices'),
        );
    }
    return readChoiceNames(mapping, names);
}

/** Finds the option values of choice names, as a multi-select column's canonical value. */
export function readChoiceNames(
    mapping: FieldMapping,
    names: readonly string[],
): Conversion<CanonicalValue> {
    const values: number[] = [];
    for (const name of names) {
        const value = findOptionValue(mapping, name);
        if (!value.ok || typeof value.value !== 'number') {
            return value;
        }
        values.push(value.value);
    }
    return converted(formatOptionValueList(sortOptionValues(values)));
}

/** Finds the option value of a choice name. An unknown or ambiguous name is a problem. */
export function findOptionValue(mapping: FieldMapping, name: string): Conversion<CanonicalValue> {
    const options = findOptionsByAirtableName(mapping.column, name);
    const [option] = options;
    if (option === undefined) {
        return rejected(
            'unknownOption',
            mapping,
            `${describeValue(name)} in the ${fieldLabel(mapping)} is not an option of the ` +
                `${columnLabel(mapping)}. ${ADD_OR_MAP_IN_DYNAMICS}`,
        );
    }
    if (options.length > 1) {
        const values = options.map(candidate => candidate.value).join(', ');
        return rejected(
            'unknownOption',
            mapping,
            `${describeValue(name)} in the ${fieldLabel(mapping)} matches several options ` +
                `(${values}) of the ${columnLabel(mapping)}. Give each option its own name in ` +
                `the column's option map and sync again.`,
        );
    }
    return converted(option.value);
}

export function toDynamicsChoice(
    mapping: FieldMapping,
    value: CanonicalValue,
): Conversion<number | null> {
    if (value === null) {
        return converted(null);
    }
    const option = typeof value === 'number' ? getOptionIfExists(mapping.column, value) : null;
    if (option === null) {
        return rejected(
            'unknownOption',
            mapping,
            `${describeValue(value)} in the ${fieldLabel(mapping)} is not an option value of ` +
                `the ${columnLabel(mapping)}. ${ADD_OR_MAP_IN_DYNAMICS}`,
        );
    }
    return converted(option.value);
}

export function toDynamicsChoices(
    mapping: FieldMapping,
    value: CanonicalValue,
): Conversion<string | null> {
    const values = parseCanonicalChoices(value);
    if (values === null) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongValueForDynamics(mapping, value, 'a list of option values'),
        );
    }
    for (const optionValue of values) {
        const checked = toDynamicsChoice(mapping, optionValue);
        if (!checked.ok) {
            return checked;
        }
    }
    return converted(formatOptionValueList(values));
}

export function toAirtableChoice(
    mapping: FieldMapping,
    value: CanonicalValue,
): Conversion<SelectChoiceCell | null> {
    if (value === null) {
        return converted(null);
    }
    if (typeof value !== 'number') {
        return rejected(
            'wrongType',
            mapping,
            describeWrongValueForAirtable(mapping, value, 'an option value'),
        );
    }
    const option = getOptionIfExists(mapping.column, value);
    if (option === null) {
        return rejected(
            'unknownOption',
            mapping,
            `Option ${value} of the ${columnLabel(mapping)} is not in the option set the sync ` +
                `loaded, so the ${fieldLabel(mapping)} can't show it. Load the column's options ` +
                `again in the settings and sync again.`,
        );
    }
    return toChoiceCell(mapping, option);
}

export function toAirtableChoices(
    mapping: FieldMapping,
    value: CanonicalValue,
): Conversion<SelectChoiceCell[]> {
    const values = parseCanonicalChoices(value);
    if (values === null) {
        return rejected(
            'wrongType',
            mapping,
            describeWrongValueForAirtable(mapping, value, 'a list of option values'),
        );
    }
    const cells: SelectChoiceCell[] = [];
    for (const optionValue of values) {
        const cell = toAirtableChoice(mapping, optionValue);
        if (!cell.ok) {
            return cell;
        }
        if (cell.value !== null && !cells.some(other => other.name === cell.value?.name)) {
            cells.push(cell.value);
        }
    }
    return converted(cells);
}

function toChoiceCell(mapping: FieldMapping, option: ColumnOption): Conversion<SelectChoiceCell> {
    const name = getAirtableName(mapping.column, option);
    if (!(mapping.field.choices ?? []).includes(name)) {
        return rejected(
            'unknownOption',
            mapping,
            `${describeValue(name)} (option ${option.value}) of the ${columnLabel(mapping)} is ` +
                `not a choice of the ${fieldLabel(mapping)}. Add the choice to the field in ` +
                `Airtable, or map option ${option.value} to an existing choice in the column's ` +
                `option map, and sync again.`,
        );
    }
    return converted({name});
}

/** Reads the canonical value of a multi-select column back into its option values. */
function parseCanonicalChoices(value: CanonicalValue): number[] | null {
    if (value === null) {
        return [];
    }
    if (typeof value === 'number' && Number.isInteger(value)) {
        return [value];
    }
    return typeof value === 'string' ? parseOptionValueList(value) : null;
}

/** Returns the name of a select cell: `{id, name, color}` as read, or `{name}` as written. */
export function getChoiceName(cell: unknown): string | null {
    if (typeof cell !== 'object' || cell === null || !('name' in cell)) {
        return null;
    }
    return typeof cell.name === 'string' ? cell.name : null;
}

function isText(value: string | null): value is string {
    return value !== null;
}
