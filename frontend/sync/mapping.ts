import type {AirtableFieldId, AirtableTableId, EntitySetName, LogicalName} from './ids';

/**
 * The Dataverse attribute types the engine converts. `picklist` covers Choice, State and Status
 * columns, which all hold one integer option value. `datetime` is a DateTime column with the
 * UserLocal or TimeZoneIndependent behaviour, and `dateonly` one with the DateOnly behaviour.
 */
export type ColumnType =
    | 'string'
    | 'memo'
    | 'integer'
    | 'decimal'
    | 'double'
    | 'money'
    | 'boolean'
    | 'picklist'
    | 'multiselectpicklist'
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
    | 'multipleRecordLinks'
    | 'multipleSelects'
    | ComputedAirtableFieldType;

/** Airtable field types whose values Airtable computes, so the sync reads them but never writes them. */
export type ComputedAirtableFieldType =
    | 'formula'
    | 'rollup'
    | 'multipleLookupValues'
    | 'count'
    | 'createdTime'
    | 'lastModifiedTime'
    | 'autoNumber';

/**
 * The `DateTimeBehavior` of a `datetime` column. UserLocal values are instants in UTC, shown in each
 * user's time zone. TimeZoneIndependent values are wall-clock times that the Web API sends with a
 * `Z` but that no one's time zone shifts.
 */
export type DateTimeBehavior = 'UserLocal' | 'TimeZoneIndependent';

/** One option of a Choice, State, Status or multi-select Choice column. */
export interface ColumnOption {
    readonly value: number;
    /** The label in the organisation's base language. */
    readonly label: string;
}

/** The Airtable choice name for an option whose Dynamics label differs from it. */
export interface OptionMapEntry {
    readonly value: number;
    readonly airtableName: string;
}

/** The Dataverse metadata of one column that conversion and validation need. */
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
    /**
     * Whether the column must hold a value (Dataverse's ApplicationRequired or SystemRequired
     * level). Dataverse enforces only SystemRequired, so the engine itself keeps a create or an
     * update from leaving a required column empty. Missing means optional.
     */
    readonly isRequired?: boolean;
    /** The tables a Lookup or Customer column may point at; more than one for Customer columns. */
    readonly targets?: readonly LookupTarget[];
    /** The option set of a `picklist` or `multiselectpicklist` column. */
    readonly options?: readonly ColumnOption[];
    /** Airtable names for options whose label differs; other options use their label. */
    readonly optionMap?: readonly OptionMapEntry[];
    /** For a `datetime` column; UserLocal when missing, as Dataverse creates new columns. */
    readonly dateTimeBehavior?: DateTimeBehavior;
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
    /** The choice names of a singleSelect or multipleSelects field, in the field's order. */
    readonly choices?: readonly string[];
}

/** The direction in which values of one mapped field may travel. */
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
    /**
     * The keys that pair rows without a Dynamics ID with records no row points at, tried in order
     * (see `match/matchUnlinked.ts`). Without them, every such row and record is created again on
     * the other side.
     */
    readonly matchKeys?: readonly MatchKey[];
}

/**
 * One key a row and a record are matched by: the logical names of mapped columns whose values must
 * all be filled in and equal, such as `['firstname', 'lastname']`. A key naming a column the
 * mapping does not map never matches.
 */
export type MatchKey = readonly LogicalName[];

/** The side whose value is kept when one field changed on both sides to different values. */
export type ConflictPolicy = 'dynamicsWins' | 'airtableWins';
