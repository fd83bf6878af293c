/**
 * Builds `EntityMetadata` and `AttributeMetadata` objects from the table definitions, with the
 * property names and shapes of the Web API's metadata endpoints. Type-specific properties
 * (MaxLength, MinValue, Precision, Targets…) belong to the derived metadata types, so a `$select`
 * may name them only after a cast segment, as in Dataverse.
 */
import {createHash} from 'node:crypto';

import type {AttributeDefinition, EntityDefinition} from './entities/types';
import type {WireValue} from './json';

export type MetadataObject = Record<string, WireValue>;

/** Language code of the labels the emulator serves: English (United States). */
const LANGUAGE_CODE = 1033;

/** Properties every attribute has, selectable without a cast. */
export const COMMON_ATTRIBUTE_PROPERTIES = [
    'MetadataId',
    'LogicalName',
    'SchemaName',
    'EntityLogicalName',
    'AttributeType',
    'AttributeTypeName',
    'DisplayName',
    'RequiredLevel',
    'IsValidForCreate',
    'IsValidForUpdate',
    'IsValidForRead',
    'IsPrimaryId',
    'IsPrimaryName',
    'IsCustomAttribute',
    'AttributeOf',
] as const;

/** Metadata type names (without namespace) keyed by attribute type. */
const METADATA_TYPES: Readonly<Record<AttributeDefinition['type'], string>> = {
    String: 'StringAttributeMetadata',
    Memo: 'MemoAttributeMetadata',
    Integer: 'IntegerAttributeMetadata',
    BigInt: 'BigIntAttributeMetadata',
    Double: 'DoubleAttributeMetadata',
    Decimal: 'DecimalAttributeMetadata',
    Money: 'MoneyAttributeMetadata',
    Boolean: 'BooleanAttributeMetadata',
    DateTime: 'DateTimeAttributeMetadata',
    Picklist: 'PicklistAttributeMetadata',
    State: 'StateAttributeMetadata',
    Status: 'StatusAttributeMetadata',
    Lookup: 'LookupAttributeMetadata',
    Owner: 'LookupAttributeMetadata',
    Customer: 'LookupAttributeMetadata',
    Uniqueidentifier: 'UniqueIdentifierAttributeMetadata',
};

export const METADATA_NAMESPACE = 'Microsoft.Dynamics.CRM.';

/** Returns a stable GUID for a metadata item, so MetadataIds do not change between runs. */
export function metadataIdOf(...parts: string[]): string {
    const hex = createHash('sha1').update(parts.join('/')).digest('hex');
    const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
    return [
        hex.slice(0, 8),
        hex.slice(8, 12),
        `5${hex.slice(13, 16)}`,
        `${variant}${hex.slice(17, 20)}`,
        hex.slice(20, 32),
    ].join('-');
}

/** Builds a `Label`: the text in LocalizedLabels and as the UserLocalizedLabel. */
export function labelOf(text: string, metadataId: string): MetadataObject {
    const localized = {
        Label: text,
        LanguageCode: LANGUAGE_CODE,
        IsManaged: true,
        MetadataId: metadataId,
        HasChanged: null,
    };
    return {LocalizedLabels: [localized], UserLocalizedLabel: localized};
}

/** Returns the attribute's full metadata type name, such as `Microsoft.Dynamics.CRM.StringAttributeMetadata`. */
export function metadataTypeOf(attribute: AttributeDefinition): string {
    return `${METADATA_NAMESPACE}${METADATA_TYPES[attribute.type]}`;
}

/**
 * The properties each metadata type adds to the common ones, which a `$select` after its cast
 * segment may name whether or not the table has a column of that type.
 */
const CAST_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
    StringAttributeMetadata: ['MaxLength', 'DatabaseLength', 'Format', 'FormatName'],
    MemoAttributeMetadata: ['MaxLength', 'Format', 'FormatName'],
    IntegerAttributeMetadata: ['MinValue', 'MaxValue', 'Format'],
    BigIntAttributeMetadata: ['MinValue', 'MaxValue'],
    DoubleAttributeMetadata: ['MinValue', 'MaxValue', 'Precision'],
    DecimalAttributeMetadata: ['MinValue', 'MaxValue', 'Precision'],
    MoneyAttributeMetadata: ['MinValue', 'MaxValue', 'Precision', 'PrecisionSource'],
    BooleanAttributeMetadata: ['DefaultValue'],
    DateTimeAttributeMetadata: ['Format', 'DateTimeBehavior'],
    PicklistAttributeMetadata: ['DefaultFormValue'],
    StateAttributeMetadata: ['DefaultFormValue'],
    StatusAttributeMetadata: ['DefaultFormValue'],
    MultiSelectPicklistAttributeMetadata: ['DefaultFormValue'],
    LookupAttributeMetadata: ['Targets'],
};

/** Returns the properties a cast to the metadata type adds, such as `MaxLength` for strings. */
export function castPropertiesOf(typeName: string): readonly string[] {
    return CAST_PROPERTIES[typeName.replace(METADATA_NAMESPACE, '')] ?? [];
}

/**
 * Metadata types of Dataverse column kinds no emulated table has. A cast to one of them is valid
 * and returns no columns, as it does in an org without such columns.
 */
const ABSENT_METADATA_TYPES = [
    'MultiSelectPicklistAttributeMetadata',
    'EntityNameAttributeMetadata',
    'ImageAttributeMetadata',
    'FileAttributeMetadata',
    'ManagedPropertyAttributeMetadata',
] as const;

/** Checks whether a cast segment names a metadata type that Dataverse defines. */
export function isKnownAttributeCast(typeName: string): boolean {
    return [...Object.values(METADATA_TYPES), ...ABSENT_METADATA_TYPES].some(
        name => `${METADATA_NAMESPACE}${name}` === typeName,
    );
}

function typeSpecificProperties(attribute: AttributeDefinition): MetadataObject {
    switch (attribute.type) {
        case 'String':
            return {
                MaxLength: attribute.maxLength,
                DatabaseLength: attribute.maxLength * 2,
                Format: attribute.format,
                FormatName: {Value: attribute.format},
            };
        case 'Memo':
            return {
                MaxLength: attribute.maxLength,
                Format: 'TextArea',
                FormatName: {Value: 'TextArea'},
            };
        case 'Integer':
            return {MinValue: attribute.minValue, MaxValue: attribute.maxValue, Format: 'None'};
        case 'BigInt':
            return {MinValue: attribute.minValue, MaxValue: attribute.maxValue};
        case 'Double':
        case 'Decimal':
            return {
                MinValue: attribute.minValue,
                MaxValue: attribute.maxValue,
                Precision: attribute.precision,
            };
        case 'Money':
            return {
                MinValue: attribute.minValue,
                MaxValue: attribute.maxValue,
                Precision: attribute.precision,
                // 2 means the precision of the row's currency.
                PrecisionSource: 2,
            };
        case 'DateTime':
            return {
                Format: attribute.behavior === 'DateOnly' ? 'DateOnly' : 'DateAndTime',
                DateTimeBehavior: {Value: attribute.behavior},
            };
        case 'Boolean':
            return {DefaultValue: false};
        case 'Picklist':
        case 'State':
        case 'Status':
            return {DefaultFormValue: attribute.type === 'Picklist' ? -1 : null};
        case 'Lookup':
        case 'Owner':
        case 'Customer':
            return {Targets: [...attribute.targets]};
        case 'Uniqueidentifier':
            return {};
    }
}

export function attributeMetadataOf(
    entity: EntityDefinition,
    attribute: AttributeDefinition,
): MetadataObject {
    const metadataId = metadataIdOf(entity.logicalName, attribute.logicalName);
    return {
        '@odata.type': `#${metadataTypeOf(attribute)}`,
        MetadataId: metadataId,
        LogicalName: attribute.logicalName,
        SchemaName: attribute.schemaName,
        EntityLogicalName: entity.logicalName,
        AttributeType: attribute.type,
        AttributeTypeName: {Value: `${attribute.type}Type`},
        DisplayName: labelOf(attribute.displayName, metadataIdOf(metadataId, 'DisplayName')),
        RequiredLevel: {
            Value: attribute.requiredLevel,
            CanBeChanged: attribute.requiredLevel !== 'SystemRequired',
            ManagedPropertyLogicalName: 'canmodifyrequirementlevelsettings',
        },
        IsValidForCreate: attribute.isValidForCreate,
        IsValidForUpdate: attribute.isValidForUpdate,
        IsValidForRead: true,
        IsPrimaryId: attribute.logicalName === entity.primaryIdAttribute,
        IsPrimaryName: attribute.logicalName === entity.primaryNameAttribute,
        IsCustomAttribute: false,
        AttributeOf: null,
        ...typeSpecificProperties(attribute),
    };
}

export function entityMetadataOf(entity: EntityDefinition): MetadataObject {
    const metadataId = metadataIdOf(entity.logicalName);
    return {
        MetadataId: metadataId,
        LogicalName: entity.logicalName,
        SchemaName: entity.schemaName,
        EntitySetName: entity.entitySetName,
        LogicalCollectionName: entity.entitySetName,
        PrimaryIdAttribute: entity.primaryIdAttribute,
        PrimaryNameAttribute: entity.primaryNameAttribute,
        ObjectTypeCode: entity.objectTypeCode,
        OwnershipType: entity.ownershipType,
        IsCustomEntity: false,
        // The emulated tables are ordinary ones: none links two tables or is hidden from users.
        IsIntersect: false,
        IsPrivate: false,
        ChangeTrackingEnabled: entity.isChangeTrackingEnabled,
        IsOptimisticConcurrencyEnabled: true,
        DisplayName: labelOf(entity.displayName, metadataIdOf(metadataId, 'DisplayName')),
        DisplayCollectionName: labelOf(
            entity.displayCollectionName,
            metadataIdOf(metadataId, 'DisplayCollectionName'),
        ),
    };
}
