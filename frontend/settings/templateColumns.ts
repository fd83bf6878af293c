/**
 * Builders for the column specs of the default mapping templates. Each spec describes a standard
 * Dataverse column as a new org ships it, with the lengths and ranges the templates give.
 */
import {entitySetName, logicalName} from '../sync/ids';
import type {ColumnSpec, LookupTarget, StringFormat, SyncDirection} from '../sync/mapping';
import type {TemplateColumn, TemplateField} from './mappingTemplate';

const WRITABLE = {isValidForCreate: true, isValidForUpdate: true} as const;

export function stringColumn(
    name: string,
    displayName: string,
    maxLength: number,
    format: StringFormat = 'text',
): ColumnSpec {
    return {
        logicalName: logicalName(name),
        displayName,
        type: 'string',
        format,
        maxLength,
        ...WRITABLE,
    };
}

export function memoColumn(name: string, displayName: string, maxLength: number): ColumnSpec {
    return {logicalName: logicalName(name), displayName, type: 'memo', maxLength, ...WRITABLE};
}

/** Builds a lookup column limited to the targets the template maps, each with its navigation property. */
export function lookupColumn(
    name: string,
    displayName: string,
    targets: readonly LookupTarget[],
): ColumnSpec {
    return {logicalName: logicalName(name), displayName, type: 'lookup', targets, ...WRITABLE};
}

/** Builds one table a lookup may point at: `lookupTarget('account', 'accounts', 'customerid_account')`. */
export function lookupTarget(
    name: string,
    setName: string,
    navigationProperty: string,
): LookupTarget {
    return {
        logicalName: logicalName(name),
        entitySetName: entitySetName(setName),
        navigationProperty,
    };
}

export function column(
    spec: ColumnSpec,
    field: TemplateField,
    direction: SyncDirection = 'both',
): TemplateColumn {
    return {column: spec, field, direction};
}

/** Builds a linked-record field that links to the template table named `linkedTableName`. */
export function linkField(name: string, linkedTableName: string): TemplateField {
    return {name, type: 'multipleRecordLinks', linkedTableName};
}
