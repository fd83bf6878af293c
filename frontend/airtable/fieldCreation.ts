/**
 * Creates the fields a mapping needs but the table lacks. Field creation needs the base
 * "creator" permission, so the check runs first and its reason is shown on the disabled control.
 */
import {FieldType, type Table} from '@airtable/blocks/models';
import {assertNever} from '../sync/assertNever';
import {isComputedFieldType} from '../sync/convert';
import type {TemplateField} from '../settings/mappingTemplate';
import type {AirtableTableId} from '../sync/ids';
import type {AirtableFieldType} from '../sync/mapping';
import {CHECK_OK, type CheckResult} from './checkResult';

type FieldOptions = Readonly<Record<string, unknown>> | null;

/** A template field, with the table it links to when it is a linked-record field. */
export type CreatableField = TemplateField & {readonly linkedTableId?: AirtableTableId};

interface FieldDefinition {
    readonly name: string;
    readonly type: FieldType;
    readonly options: FieldOptions;
}

export function checkCanCreateFields(table: Table, fields: readonly CreatableField[]): CheckResult {
    for (const field of fields) {
        if (isComputedFieldType(field.type)) {
            return {
                ok: false,
                reason: `Can't create field "${field.name}" in table "${table.name}": extensions can't create ${field.type} fields. Add it in Airtable.`,
            };
        }
        if (field.type === 'multipleRecordLinks' && field.linkedTableId === undefined) {
            return {
                ok: false,
                reason: `Can't create field "${field.name}" in table "${table.name}" until the table it links to exists.`,
            };
        }
        const definition = toFieldDefinition(field);
        const check = table.checkPermissionsForCreateField(
            definition.name,
            definition.type,
            definition.options,
        );
        if (!check.hasPermission) {
            return {
                ok: false,
                reason: `Can't create field "${field.name}" in table "${table.name}": ${check.reasonDisplayString}`,
            };
        }
    }
    return CHECK_OK;
}

/**
 * Creates the fields one after another. Field creation is not optimistic in the SDK, so each
 * field exists once its promise resolves.
 */
export async function createFieldsAsync(
    table: Table,
    fields: readonly CreatableField[],
): Promise<void> {
    for (const field of fields) {
        const definition = toFieldDefinition(field);
        await table.createFieldAsync(definition.name, definition.type, definition.options);
    }
}

export function toFieldDefinition(field: CreatableField): FieldDefinition {
    return {name: field.name, type: toSdkFieldType(field.type), options: toFieldOptions(field)};
}

function toFieldOptions(field: CreatableField): FieldOptions {
    const precision = field.precision ?? 0;
    switch (field.type) {
        case 'singleLineText':
        case 'multilineText':
        case 'richText':
        case 'email':
        case 'url':
        case 'phoneNumber':
            return null;
        case 'number':
        case 'percent':
            return {precision};
        case 'currency':
            // NOTE: Dynamics stores each amount in its record's own currency, so one symbol for
            // the whole field is right only while every synced account uses the same currency.
            return {precision, symbol: '$'};
        case 'checkbox':
            return {icon: 'check', color: 'greenBright'};
        case 'singleSelect':
        case 'multipleSelects':
            return {choices: []};
        case 'date':
            return {dateFormat: {name: 'iso'}};
        case 'dateTime':
            return {dateFormat: {name: 'iso'}, timeFormat: {name: '24hour'}, timeZone: 'utc'};
        case 'multipleRecordLinks':
            return {linkedTableId: getLinkedTableId(field)};
        case 'formula':
        case 'rollup':
        case 'multipleLookupValues':
        case 'count':
        case 'createdTime':
        case 'lastModifiedTime':
        case 'autoNumber':
            // Never created: checkCanCreateFields rejects computed fields first.
            return null;
        default:
            return assertNever(field.type);
    }
}

function getLinkedTableId(field: CreatableField): AirtableTableId {
    if (field.linkedTableId === undefined) {
        throw new TypeError(
            `The linked-record field "${field.name}" can't be created without the table it links to.`,
        );
    }
    return field.linkedTableId;
}

const SDK_FIELD_TYPES: Readonly<Record<AirtableFieldType, FieldType>> = {
    singleLineText: FieldType.SINGLE_LINE_TEXT,
    multilineText: FieldType.MULTILINE_TEXT,
    richText: FieldType.RICH_TEXT,
    email: FieldType.EMAIL,
    url: FieldType.URL,
    phoneNumber: FieldType.PHONE_NUMBER,
    number: FieldType.NUMBER,
    currency: FieldType.CURRENCY,
    percent: FieldType.PERCENT,
    checkbox: FieldType.CHECKBOX,
    singleSelect: FieldType.SINGLE_SELECT,
    date: FieldType.DATE,
    dateTime: FieldType.DATE_TIME,
    multipleRecordLinks: FieldType.MULTIPLE_RECORD_LINKS,
    multipleSelects: FieldType.MULTIPLE_SELECTS,
    formula: FieldType.FORMULA,
    rollup: FieldType.ROLLUP,
    multipleLookupValues: FieldType.MULTIPLE_LOOKUP_VALUES,
    count: FieldType.COUNT,
    createdTime: FieldType.CREATED_TIME,
    lastModifiedTime: FieldType.LAST_MODIFIED_TIME,
    autoNumber: FieldType.AUTO_NUMBER,
};

function toSdkFieldType(type: AirtableFieldType): FieldType {
    return SDK_FIELD_TYPES[type];
}
