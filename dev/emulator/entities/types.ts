/**
 * Table definitions the emulator serves. Everything table-specific (columns, types, limits,
 * labels, which columns a create or update may set) is data in one definition per table, so adding
 * a table means adding a file under `entities/`, not changing the handlers.
 */

/** Dataverse's `AttributeType` codes for the column types the emulator implements. */
export type AttributeType =
    | 'String'
    | 'Memo'
    | 'Integer'
    | 'BigInt'
    | 'Double'
    | 'Decimal'
    | 'Money'
    | 'Boolean'
    | 'DateTime'
    | 'Picklist'
    | 'State'
    | 'Status'
    | 'Lookup'
    | 'Owner'
    | 'Customer'
    | 'Uniqueidentifier';

export type RequiredLevel = 'None' | 'SystemRequired' | 'ApplicationRequired' | 'Recommended';

interface AttributeCommon {
    readonly logicalName: string;
    readonly schemaName: string;
    readonly displayName: string;
    readonly requiredLevel: RequiredLevel;
    readonly isValidForCreate: boolean;
    readonly isValidForUpdate: boolean;
}

export interface StringAttribute extends AttributeCommon {
    readonly type: 'String';
    readonly maxLength: number;
    readonly format: 'Text' | 'Email' | 'Url' | 'Phone' | 'TextArea';
}

export interface MemoAttribute extends AttributeCommon {
    readonly type: 'Memo';
    readonly maxLength: number;
}

export interface NumberAttribute extends AttributeCommon {
    readonly type: 'Integer' | 'BigInt' | 'Double' | 'Decimal' | 'Money';
    readonly minValue: number;
    readonly maxValue: number;
    /** Digits after the decimal point; 0 for Integer and BigInt. */
    readonly precision: number;
}

export interface BooleanAttribute extends AttributeCommon {
    readonly type: 'Boolean';
    readonly trueLabel: string;
    readonly falseLabel: string;
}

export interface DateTimeAttribute extends AttributeCommon {
    readonly type: 'DateTime';
    readonly behavior: 'UserLocal' | 'DateOnly' | 'TimeZoneIndependent';
}

export interface OptionDefinition {
    readonly value: number;
    readonly label: string;
}

export interface PicklistAttribute extends AttributeCommon {
    readonly type: 'Picklist';
    readonly options: readonly OptionDefinition[];
}

export interface StateOption extends OptionDefinition {
    readonly defaultStatus: number;
    /** The state's name in `0x80048408` messages, such as `Active`. */
    readonly invariantName: string;
}

export interface StateAttribute extends AttributeCommon {
    readonly type: 'State';
    readonly options: readonly StateOption[];
}

export interface StatusOption extends OptionDefinition {
    readonly state: number;
}

export interface StatusAttribute extends AttributeCommon {
    readonly type: 'Status';
    readonly options: readonly StatusOption[];
}

/** A navigation property a client binds with `<name>@odata.bind` to set a lookup. */
export interface NavigationProperty {
    readonly name: string;
    readonly target: string;
}

export interface LookupAttribute extends AttributeCommon {
    readonly type: 'Lookup' | 'Owner' | 'Customer';
    readonly targets: readonly string[];
    readonly navigationProperties: readonly NavigationProperty[];
}

export interface UniqueidentifierAttribute extends AttributeCommon {
    readonly type: 'Uniqueidentifier';
}

export type AttributeDefinition =
    | StringAttribute
    | MemoAttribute
    | NumberAttribute
    | BooleanAttribute
    | DateTimeAttribute
    | PicklistAttribute
    | StateAttribute
    | StatusAttribute
    | LookupAttribute
    | UniqueidentifierAttribute;

/** A lookup value in the store: the referenced row's table and id. */
export interface EntityReference {
    readonly logicalName: string;
    readonly id: string;
}

/**
 * A column value as the store keeps it: strings for text and GUIDs, ISO 8601 UTC text for dates
 * (`yyyy-mm-dd` for date-only columns), numbers, booleans and references for lookups.
 */
export type ColumnValue = string | number | boolean | null | EntityReference;

export type Row = Readonly<Record<string, ColumnValue>>;

export interface EntityDefinition {
    readonly logicalName: string;
    readonly schemaName: string;
    readonly entitySetName: string;
    readonly primaryIdAttribute: string;
    readonly primaryNameAttribute: string;
    readonly displayName: string;
    readonly displayCollectionName: string;
    readonly objectTypeCode: number;
    readonly ownershipType: 'UserOwned' | 'OrganizationOwned' | 'None';
    readonly isChangeTrackingEnabled: boolean;
    /** True for system tables the emulator serves for reading only. */
    readonly isReadOnly: boolean;
    readonly attributes: readonly AttributeDefinition[];
    /**
     * States an update may not move a row into, and the actions that close a row instead, as for
     * an opportunity's Won and Lost states.
     */
    readonly statesSetByActionOnly?: {readonly states: readonly number[]; readonly actions: string};
    /**
     * The org's published duplicate detection rules: each lists the columns whose values, compared
     * case-insensitively, make two active rows duplicates.
     */
    readonly duplicateRules?: ReadonlyArray<readonly string[]>;
    /** Computes read-only columns (composites, base-currency copies) after each write. */
    readonly deriveColumns?: (row: Row) => Readonly<Record<string, ColumnValue>>;
}

export function isEntityReference(value: ColumnValue): value is EntityReference {
    return typeof value === 'object' && value !== null;
}

export function isLookupAttribute(attribute: AttributeDefinition): attribute is LookupAttribute {
    return (
        attribute.type === 'Lookup' || attribute.type === 'Owner' || attribute.type === 'Customer'
    );
}

/** Returns the column's name on the wire, where lookups appear as `_<name>_value`. */
export function wireNameOf(attribute: AttributeDefinition): string {
    return isLookupAttribute(attribute) ? `_${attribute.logicalName}_value` : attribute.logicalName;
}

/** Returns the OData type name used in error messages, such as `Microsoft.Dynamics.CRM.account`. */
export function qualifiedTypeName(entity: EntityDefinition): string {
    return `Microsoft.Dynamics.CRM.${entity.logicalName}`;
}
