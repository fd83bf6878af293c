import type {AirtableFieldType, ColumnType, FieldMapping} from '../mapping';

const TEXT_FIELD_TYPES: readonly AirtableFieldType[] = [
    'singleLineText',
    'multilineText',
    'email',
    'url',
    'phoneNumber',
];
const NUMBER_FIELD_TYPES: readonly AirtableFieldType[] = ['number', 'currency', 'percent'];

/** The Airtable field types each column type converts to and from; an empty list is not synced yet. */
const FIELD_TYPES_BY_COLUMN_TYPE: Readonly<Record<ColumnType, readonly AirtableFieldType[]>> = {
    string: TEXT_FIELD_TYPES,
    memo: ['multilineText', 'richText', 'singleLineText'],
    integer: NUMBER_FIELD_TYPES,
    decimal: NUMBER_FIELD_TYPES,
    double: NUMBER_FIELD_TYPES,
    money: NUMBER_FIELD_TYPES,
    boolean: ['checkbox'],
    // TODO: choice and date columns need option-label and time-zone handling; until then a mapping
    // that uses them is rejected before any record is read.
    picklist: [],
    datetime: [],
    dateonly: [],
    // Lookups travel as linked records, which the engine resolves through its link index.
    lookup: ['multipleRecordLinks'],
};

export function getCompatibleFieldTypes(columnType: ColumnType): readonly AirtableFieldType[] {
    return FIELD_TYPES_BY_COLUMN_TYPE[columnType];
}

/** Checks that the engine can convert values between the field and the column of a mapping. */
export function checkCanSyncField(
    mapping: FieldMapping,
): {readonly ok: true} | {readonly ok: false; readonly reason: string} {
    const compatibleTypes = getCompatibleFieldTypes(mapping.column.type);
    if (compatibleTypes.includes(mapping.field.type)) {
        return {ok: true};
    }

    const column = `the Dynamics column '${mapping.column.displayName}' (${mapping.column.logicalName}, ${mapping.column.type})`;
    if (compatibleTypes.length === 0) {
        return {
            ok: false,
            reason: `The sync can't convert ${column} yet. Remove it from the mapping.`,
        };
    }
    return {
        ok: false,
        reason:
            `The Airtable field '${mapping.field.name}' is a ${mapping.field.type} field, which ` +
            `can't hold ${column}. Map it to a field of type ${compatibleTypes.join(', ')}.`,
    };
}
