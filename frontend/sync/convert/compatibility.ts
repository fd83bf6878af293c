import type {
    AirtableFieldType,
    ColumnType,
    ComputedAirtableFieldType,
    FieldMapping,
    SyncDirection,
} from '../mapping';
import {getAirtableName, getOptionIfExists} from './options';

type Check = {readonly ok: true} | {readonly ok: false; readonly reason: string};

const TEXT_FIELD_TYPES: readonly AirtableFieldType[] = [
    'singleLineText',
    'multilineText',
    'email',
    'url',
    'phoneNumber',
];
const NUMBER_FIELD_TYPES: readonly AirtableFieldType[] = ['number', 'currency', 'percent'];

const COMPUTED_FIELD_TYPES: readonly ComputedAirtableFieldType[] = [
    'formula',
    'rollup',
    'multipleLookupValues',
    'count',
    'createdTime',
    'lastModifiedTime',
    'autoNumber',
];
/** Computed fields whose result may have any type, so they can fill most columns. */
const RESULT_FIELD_TYPES: readonly AirtableFieldType[] = [
    'formula',
    'rollup',
    'multipleLookupValues',
];
const COUNTER_FIELD_TYPES: readonly AirtableFieldType[] = ['count', 'autoNumber'];
const TIMESTAMP_FIELD_TYPES: readonly AirtableFieldType[] = ['createdTime', 'lastModifiedTime'];

/** The Airtable field types each column type converts to or from, writable ones first. */
const FIELD_TYPES_BY_COLUMN_TYPE: Readonly<Record<ColumnType, readonly AirtableFieldType[]>> = {
    // Rich text is Markdown, kept as text, so a String column stores it as typed.
    string: [...TEXT_FIELD_TYPES, 'richText', ...RESULT_FIELD_TYPES, ...COUNTER_FIELD_TYPES],
    memo: ['multilineText', 'richText', 'singleLineText', ...RESULT_FIELD_TYPES],
    integer: [...NUMBER_FIELD_TYPES, ...RESULT_FIELD_TYPES, ...COUNTER_FIELD_TYPES],
    decimal: [...NUMBER_FIELD_TYPES, ...RESULT_FIELD_TYPES, ...COUNTER_FIELD_TYPES],
    double: [...NUMBER_FIELD_TYPES, ...RESULT_FIELD_TYPES, ...COUNTER_FIELD_TYPES],
    money: [...NUMBER_FIELD_TYPES, ...RESULT_FIELD_TYPES, ...COUNTER_FIELD_TYPES],
    boolean: ['checkbox', ...RESULT_FIELD_TYPES],
    picklist: ['singleSelect', ...RESULT_FIELD_TYPES],
    multiselectpicklist: ['multipleSelects', ...RESULT_FIELD_TYPES],
    // A date field takes a date-time column one way only; see checkCanSyncDirection.
    datetime: ['dateTime', 'date', ...RESULT_FIELD_TYPES, ...TIMESTAMP_FIELD_TYPES],
    dateonly: ['date', ...RESULT_FIELD_TYPES],
    // Lookups travel as linked records, which the engine resolves through its link index.
    lookup: ['multipleRecordLinks'],
};

const DIRECTION_NAMES: Readonly<Record<SyncDirection, string>> = {
    both: 'both ways',
    toAirtable: 'from Dynamics to Airtable only',
    toDynamics: 'from Airtable to Dynamics only',
};

/**
 * Returns the Airtable field types that can hold a column of the type when values travel in the
 * direction: computed fields only from Airtable to Dynamics, and a date field for a date-time
 * column only from Dynamics to Airtable.
 */
export function getCompatibleFieldTypes(
    columnType: ColumnType,
    direction: SyncDirection = 'both',
): readonly AirtableFieldType[] {
    return FIELD_TYPES_BY_COLUMN_TYPE[columnType].filter(fieldType => {
        const onlyDirection = getOnlyDirectionOfTypes(columnType, fieldType);
        return onlyDirection === null || onlyDirection === direction;
    });
}

/** Returns whether Airtable computes the field's values, so the sync may read but never write it. */
export function isComputedFieldType(type: AirtableFieldType): type is ComputedAirtableFieldType {
    return (COMPUTED_FIELD_TYPES as readonly AirtableFieldType[]).includes(type);
}

/**
 * Returns the one direction a mapping's values may travel in, or null when they may travel both
 * ways. Computed fields can only be read. A date field can show a date-time column's date, but
 * writing it back would replace the time of day with midnight.
 */
export function getOnlyDirectionIfExists(mapping: FieldMapping): SyncDirection | null {
    return getOnlyDirectionOfTypes(mapping.column.type, mapping.field.type);
}

function getOnlyDirectionOfTypes(
    columnType: ColumnType,
    fieldType: AirtableFieldType,
): SyncDirection | null {
    if (isComputedFieldType(fieldType)) {
        return 'toDynamics';
    }
    if (columnType === 'datetime' && fieldType === 'date') {
        return 'toAirtable';
    }
    return null;
}

/** Checks that the engine can convert values between the field and the column of a mapping. */
export function checkCanSyncField(mapping: FieldMapping): Check {
    const typeCheck = checkCanPairTypes(mapping);
    if (!typeCheck.ok) {
        return typeCheck;
    }
    const directionCheck = checkCanSyncDirection(mapping);
    if (!directionCheck.ok) {
        return directionCheck;
    }
    return checkCanMatchOptions(mapping);
}

function checkCanPairTypes(mapping: FieldMapping): Check {
    if (!FIELD_TYPES_BY_COLUMN_TYPE[mapping.column.type].includes(mapping.field.type)) {
        const compatibleTypes = getCompatibleFieldTypes(mapping.column.type, mapping.direction);
        return {
            ok: false,
            reason:
                `The Airtable field '${mapping.field.name}' is a ${mapping.field.type} field, which ` +
                `can't hold ${describeColumn(mapping)}. Map it to a field of type ${compatibleTypes.join(', ')}.`,
        };
    }
    const isUserLocalDate =
        mapping.column.type === 'datetime' &&
        mapping.field.type === 'date' &&
        mapping.column.dateTimeBehavior !== 'TimeZoneIndependent';
    if (isUserLocalDate) {
        return {
            ok: false,
            reason:
                `The date field '${mapping.field.name}' can't show ${describeColumn(mapping)}, ` +
                `because each Dynamics user sees its date in their own time zone. Map it to a ` +
                `date and time field.`,
        };
    }
    return {ok: true};
}

function checkCanSyncDirection(mapping: FieldMapping): Check {
    const onlyDirection = getOnlyDirectionIfExists(mapping);
    if (onlyDirection === null || mapping.direction === onlyDirection) {
        return {ok: true};
    }
    const reason = isComputedFieldType(mapping.field.type)
        ? `Airtable computes the values of the ${mapping.field.type} field '${mapping.field.name}'`
        : `writing the date field '${mapping.field.name}' back would set the time of day of ` +
          `${describeColumn(mapping)} to midnight`;
    return {
        ok: false,
        reason:
            `The field '${mapping.field.name}' can't sync ${DIRECTION_NAMES[mapping.direction]}, ` +
            `because ${reason}. Sync it ${DIRECTION_NAMES[onlyDirection]}.`,
    };
}

/**
 * Checks that a choice mapping has the option set, the field's choices where values are written
 * to Airtable, and an option map that lets each Airtable name stand for one option where values
 * are written to Dynamics. Names missing on either side are problems of single records instead.
 */
function checkCanMatchOptions(mapping: FieldMapping): Check {
    const {column, field, direction} = mapping;
    if (column.type !== 'picklist' && column.type !== 'multiselectpicklist') {
        return {ok: true};
    }
    const reload = 'Load the mapping again in the settings.';
    if (column.options === undefined || column.options.length === 0) {
        return {
            ok: false,
            reason: `The options of ${describeColumn(mapping)} are missing. ${reload}`,
        };
    }
    if (direction !== 'toDynamics' && field.choices === undefined) {
        return {
            ok: false,
            reason: `The choices of the Airtable field '${field.name}' are missing. ${reload}`,
        };
    }
    const strayEntry = column.optionMap?.find(
        entry => getOptionIfExists(column, entry.value) === null,
    );
    if (strayEntry !== undefined) {
        return {
            ok: false,
            reason:
                `The option map of ${describeColumn(mapping)} names option ${strayEntry.value}, ` +
                `which the column doesn't have. Remove it from the option map.`,
        };
    }
    const sharedName = direction === 'toAirtable' ? null : findSharedAirtableName(mapping);
    if (sharedName !== null) {
        return {
            ok: false,
            reason:
                `Several options of ${describeColumn(mapping)} appear as '${sharedName}' in ` +
                `Airtable, so that name can't be written back to Dynamics. Give each option its ` +
                `own name in the option map, or sync ${DIRECTION_NAMES.toAirtable}.`,
        };
    }
    return {ok: true};
}

function findSharedAirtableName(mapping: FieldMapping): string | null {
    const seen = new Set<string>();
    for (const option of mapping.column.options ?? []) {
        const name = getAirtableName(mapping.column, option);
        if (seen.has(name)) {
            return name;
        }
        seen.add(name);
    }
    return null;
}

function describeColumn(mapping: FieldMapping): string {
    const {displayName, logicalName, type} = mapping.column;
    return `the Dynamics column '${displayName}' (${logicalName}, ${type})`;
}
