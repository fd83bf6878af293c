import type {AirtableFieldId, AirtableTableId, EntitySetName, LogicalName} from './ids';

/** The Dataverse attribute types the engine converts. */
export type ColumnType =
    | 'string'
    | 'memo'
    | 'integer'
    | 'decimal'
    | 'double'
    | 'money'
    | 'boolean'
    | 'picklist'
    | 'datetime'
    | 'dateonly'
    | 'lookup';

/** The `FormatName` of a Dataverse String column, which decides how Dynamics validates it. */
export type StringFormat = 'text' | 'email' | 'url' | 'phone';

/** Airtable field types the engine reads and writes, spelled as the SDK's `FieldType` values. */
export type AirtableFieldType =
    | 'singleLineText'
    | 'multilineText'
    | 'richText'
    | 'email'
    | 'url'
    | 'phoneNumber'
    | 'number'
    | 'currency'
    | 'percent'
    | 'checkbox'
    | 'singleSelect'
    | 'date'
    | 'dateTime'
    | 'multipleRecordLinks';

/** What Dataverse metadata says about one column, as far as conversion and validation need it. */
export interface ColumnSpec {
    readonly logicalName: LogicalName;
    readonly displayName: string;
    readonly type: ColumnType;
    readonly format?: StringFormat;
    /** Maximum length in characters, for String and Memo columns. */
    readonly maxLength?: number;
    readonly minValue?: number;
    readonly maxValue?: number;
    /** Digits after the decimal point, for Decimal, Double and Money columns. */
    readonly precision?: number;
    readonly isValidForCreate: boolean;
    readonly isValidForUpdate: boolean;
    /** The tables a Lookup or Customer column may point at; more than one for Customer columns. */
    readonly targets?: readonly LookupTarget[];
}

/** One table a lookup column may point at, with the navigation property used to set it. */
export interface LookupTarget {
    readonly logicalName: LogicalName;
    readonly entitySetName: EntitySetName;
    /** Single-valued navigation property, such as `parentcustomerid_account`. */
    readonly navigationProperty: string;
}

export interface AirtableFieldSpec {
    readonly id: AirtableFieldId;
    readonly name: string;
    readonly type: AirtableFieldType;
    /** Digits after the decimal point, for number, currency and percent fields. */
    readonly precision?: number;
    /** The table a linked-record field links to. */
    readonly linkedTableId?: AirtableTableId;
}

/** Which way values of one mapped field may travel. */
export type SyncDirection = 'both' | 'toAirtable' | 'toDynamics';

export interface FieldMapping {
    readonly column: ColumnSpec;
    readonly field: AirtableFieldSpec;
    readonly direction: SyncDirection;
}

export interface EntityRef {
    readonly logicalName: LogicalName;
    readonly entitySetName: EntitySetName;
    readonly primaryIdAttribute: LogicalName;
    readonly primaryNameAttribute: LogicalName;
    /** The singular name people see in Dynamics, such as "Account". */
    readonly displayName: string;
}

/**
 * One Dataverse table paired with one Airtable table, with every id resolved against the live
 * schemas. The two bookkeeping fields hold the per-row sync state described in docs/architecture.md.
 */
export interface TableMapping {
    readonly entity: EntityRef;
    readonly table: {readonly id: AirtableTableId; readonly name: string};
    readonly dynamicsIdFieldId: AirtableFieldId;
    readonly syncStateFieldId: AirtableFieldId;
    readonly fields: readonly FieldMapping[];
}

/** Which side's value is kept when one field changed on both sides to different values. */
export type ConflictPolicy = 'dynamicsWins' | 'airtableWins';
