/**
 * Which Airtable field types can hold the values of a Dataverse column, following the conversions
 * the sync engine implements. A field of another type is reported instead of mapped, because its
 * values could not cross without loss.
 */
import type {AirtableFieldType, ColumnSpec, ColumnType, StringFormat} from '../sync/mapping';

const NUMBER_FIELD_TYPES: readonly AirtableFieldType[] = ['number', 'currency', 'percent'];

const FIELD_TYPES_BY_COLUMN_TYPE: Readonly<Record<ColumnType, readonly AirtableFieldType[]>> = {
    string: ['singleLineText', 'multilineText'],
    memo: ['multilineText', 'richText', 'singleLineText'],
    integer: NUMBER_FIELD_TYPES,
    decimal: NUMBER_FIELD_TYPES,
    double: NUMBER_FIELD_TYPES,
    money: NUMBER_FIELD_TYPES,
    boolean: ['checkbox'],
    picklist: ['singleSelect'],
    datetime: ['dateTime'],
    dateonly: ['date'],
};

/** The Airtable type that matches a formatted String column, on top of the plain text types. */
const FIELD_TYPE_BY_STRING_FORMAT: Readonly<Record<StringFormat, AirtableFieldType | null>> = {
    text: null,
    email: 'email',
    url: 'url',
    phone: 'phoneNumber',
};

export function listCompatibleFieldTypes(column: ColumnSpec): readonly AirtableFieldType[] {
    const types = FIELD_TYPES_BY_COLUMN_TYPE[column.type];
    const formatType =
        column.type === 'string' ? FIELD_TYPE_BY_STRING_FORMAT[column.format ?? 'text'] : null;
    return formatType === null ? types : [...types, formatType];
}

/** Whether a field of `fieldType` (any SDK `FieldType` value) can hold the column's values. */
export function isCompatibleFieldType(column: ColumnSpec, fieldType: string): boolean {
    return listCompatibleFieldTypes(column).some(type => type === fieldType);
}
