/** Reads a column value in its Web API JSON form as a canonical value. */
import {assertNever} from '../assertNever';
import type {FieldMapping} from '../mapping';
import type {CanonicalValue} from '../values';
import {canonicalNumber, canonicalText} from './canonical';
import {readDynamicsChoice, readDynamicsChoices} from './choiceValues';
import {readDynamicsDate, readDynamicsDateTime} from './dateValues';
import {
    columnLabel,
    converted,
    describeWrongDynamicsValue,
    rejected,
    type Conversion,
} from './problems';

export function readDynamicsValue(mapping: FieldMapping, raw: unknown): Conversion<CanonicalValue> {
    const columnType = mapping.column.type;
    switch (columnType) {
        case 'string':
        case 'memo':
            return readText(mapping, raw);
        case 'integer':
        case 'decimal':
        case 'double':
        case 'money':
            return readNumber(mapping, raw);
        case 'boolean':
            return readBoolean(mapping, raw);
        case 'picklist':
            return readDynamicsChoice(mapping, raw);
        case 'multiselectpicklist':
            return readDynamicsChoices(mapping, raw);
        case 'dateonly':
            return readDynamicsDate(mapping, raw);
        case 'datetime':
            return readDynamicsDateTime(mapping, raw);
        case 'lookup':
            // Lookups are read by the link index, which resolves referenced records to rows.
            return rejected(
                'unsupportedMapping',
                mapping,
                `The ${columnLabel(mapping)} is a ${columnType} column, which the sync can't read yet. Remove it from the mapping.`,
            );
        default:
            return assertNever(columnType);
    }
}

function readText(mapping: FieldMapping, raw: unknown): Conversion<CanonicalValue> {
    if (raw === null || raw === undefined) {
        return converted(null);
    }
    if (typeof raw !== 'string') {
        return rejected('wrongType', mapping, describeWrongDynamicsValue(mapping, raw, 'text'));
    }
    return converted(canonicalText(raw));
}

function readNumber(mapping: FieldMapping, raw: unknown): Conversion<CanonicalValue> {
    if (raw === null || raw === undefined) {
        return converted(null);
    }
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
        return rejected('wrongType', mapping, describeWrongDynamicsValue(mapping, raw, 'a number'));
    }
    return converted(canonicalNumber(mapping.column, raw));
}

function readBoolean(mapping: FieldMapping, raw: unknown): Conversion<CanonicalValue> {
    // An Airtable checkbox cannot tell "no" from "empty", so a null Boolean reads as false.
    if (raw === null || raw === undefined) {
        return converted(false);
    }
    if (typeof raw !== 'boolean') {
        return rejected(
            'wrongType',
            mapping,
            describeWrongDynamicsValue(mapping, raw, 'true or false'),
        );
    }
    return converted(raw);
}
