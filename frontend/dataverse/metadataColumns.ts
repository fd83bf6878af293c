/**
 * Turns a table's column metadata into the engine's `ColumnSpec`s. The Web API spreads it over
 * several responses: the common properties of every attribute, the type-specific properties of
 * each metadata type (read through a cast segment), option sets, and the many-to-one
 * relationships that name each lookup's navigation properties. This module only narrows and joins
 * them; `metadataCatalog.ts` sends the requests.
 */
import {assertNever} from '../sync/assertNever';
import {entitySetName, logicalName, type EntitySetName, type LogicalName} from '../sync/ids';
import type {
    ColumnOption,
    ColumnSpec,
    ColumnType,
    LookupTarget,
    StringFormat,
} from '../sync/mapping';
import {getNumberIfExists, getStringIfExists, isJsonObject, type JsonObject} from './json';
import {
    getLabelIfExists,
    parseAttributeDefinitionsIfValid,
    type AttributeDefinition,
} from './metadata';

/** The metadata types whose own properties the catalog reads, each with those properties. */
export const TYPED_ATTRIBUTE_QUERIES = [
    {metadataType: 'StringAttributeMetadata', properties: ['MaxLength', 'FormatName']},
    {metadataType: 'MemoAttributeMetadata', properties: ['MaxLength']},
    {metadataType: 'IntegerAttributeMetadata', properties: ['MinValue', 'MaxValue']},
    {metadataType: 'DecimalAttributeMetadata', properties: ['MinValue', 'MaxValue', 'Precision']},
    {metadataType: 'DoubleAttributeMetadata', properties: ['MinValue', 'MaxValue', 'Precision']},
    {metadataType: 'MoneyAttributeMetadata', properties: ['MinValue', 'MaxValue', 'Precision']},
    {metadataType: 'DateTimeAttributeMetadata', properties: ['DateTimeBehavior', 'Format']},
    {metadataType: 'LookupAttributeMetadata', properties: ['Targets']},
] as const;

/** The metadata types of choice columns, read with `$expand=OptionSet($select=Options)`. */
export const CHOICE_METADATA_TYPES = [
    'PicklistAttributeMetadata',
    'StateAttributeMetadata',
    'StatusAttributeMetadata',
    'MultiSelectPicklistAttributeMetadata',
] as const;

/** A column the sync cannot map, with the reason for the settings panel to show. */
export interface UnsupportedColumn {
    readonly logicalName: LogicalName;
    readonly displayName: string;
    readonly reason: string;
}

export interface TableColumns {
    /** The columns the sync can map, in the order Dynamics lists them. */
    readonly columns: readonly ColumnSpec[];
    readonly unsupported: readonly UnsupportedColumn[];
}

/** One lookup's navigation property towards one target table, from a many-to-one relationship. */
export interface LookupNavigation {
    readonly referencingAttribute: string;
    readonly referencedEntity: string;
    readonly navigationProperty: string;
}

/** The responses `toTableColumns` joins, each as read from the Web API. */
export interface ColumnMetadataResponses {
    /** The `Attributes` collection with the common properties and `AttributeOf`. */
    readonly attributes: unknown;
    /** The type-specific properties of every column, keyed by logical name. */
    readonly details: ReadonlyMap<string, JsonObject>;
    readonly navigations: readonly LookupNavigation[];
    /** The entity set name of every table a lookup may point at. */
    readonly entitySetNames: ReadonlyMap<string, string>;
}

/** Attribute types, as `AttributeTypeName.Value`, that map to one column type. */
const SIMPLE_TYPES: Readonly<Record<string, ColumnType>> = {
    StringType: 'string',
    MemoType: 'memo',
    IntegerType: 'integer',
    DecimalType: 'decimal',
    DoubleType: 'double',
    MoneyType: 'money',
    BooleanType: 'boolean',
    PicklistType: 'picklist',
    StateType: 'picklist',
    StatusType: 'picklist',
    MultiSelectPicklistType: 'multiselectpicklist',
    LookupType: 'lookup',
    CustomerType: 'lookup',
};

const STRING_FORMATS: Readonly<Record<string, StringFormat>> = {
    Email: 'email',
    Url: 'url',
    Phone: 'phone',
};

const REQUIRED_LEVELS: ReadonlySet<string> = new Set(['ApplicationRequired', 'SystemRequired']);

/** Reads every value item of an `Attributes` response, or null when it has no value array. */
export function readValueItems(body: unknown): JsonObject[] | null {
    const items = isJsonObject(body) ? body.value : undefined;
    return Array.isArray(items) ? items.filter(isJsonObject) : null;
}

/** Reads the many-to-one relationships' navigation properties, skipping incomplete items. */
export function parseLookupNavigations(items: readonly JsonObject[]): LookupNavigation[] {
    return items.flatMap(item => {
        const referencingAttribute = getStringIfExists(item, 'ReferencingAttribute');
        const referencedEntity = getStringIfExists(item, 'ReferencedEntity');
        const navigationProperty = getStringIfExists(
            item,
            'ReferencingEntityNavigationPropertyName',
        );
        return referencingAttribute === null ||
            referencedEntity === null ||
            navigationProperty === null
            ? []
            : [{referencingAttribute, referencedEntity, navigationProperty}];
    });
}

/**
 * Joins the responses into column specs. It leaves out columns that cannot be read, columns
 * derived from another (`AttributeOf`, such as a lookup's name column) and the primary key. It
 * lists columns of types the sync does not convert as unsupported.
 */
export function toTableColumns(
    responses: ColumnMetadataResponses,
    primaryIdAttribute: LogicalName,
): TableColumns | null {
    const definitions = parseAttributeDefinitionsIfValid(responses.attributes);
    const items = readValueItems(responses.attributes);
    if (definitions === null || items === null) {
        return null;
    }
    const derived = new Set(
        items.flatMap(item =>
            getStringIfExists(item, 'AttributeOf') === null
                ? []
                : [getStringIfExists(item, 'LogicalName')],
        ),
    );

    const columns: ColumnSpec[] = [];
    const unsupported: UnsupportedColumn[] = [];
    for (const definition of definitions) {
        if (
            !definition.isValidForRead ||
            derived.has(definition.logicalName) ||
            definition.logicalName === primaryIdAttribute
        ) {
            continue;
        }
        const result = toColumnSpec(definition, responses);
        if ('reason' in result) {
            unsupported.push(result);
        } else {
            columns.push(result);
        }
    }
    return {columns, unsupported};
}

function toColumnSpec(
    definition: AttributeDefinition,
    responses: ColumnMetadataResponses,
): ColumnSpec | UnsupportedColumn {
    const typeName = definition.attributeTypeName ?? `${definition.attributeType ?? ''}Type`;
    const details = responses.details.get(definition.logicalName) ?? {};
    const displayName = definition.displayName ?? definition.logicalName;
    const unsupported = (reason: string): UnsupportedColumn => ({
        logicalName: definition.logicalName,
        displayName,
        reason,
    });

    const type = typeName === 'DateTimeType' ? readDateTimeType(details) : SIMPLE_TYPES[typeName];
    if (type === undefined) {
        return unsupported(describeUnsupportedType(typeName));
    }
    const base: ColumnSpec = {
        logicalName: definition.logicalName,
        displayName,
        type,
        isValidForCreate: definition.isValidForCreate,
        isValidForUpdate: definition.isValidForUpdate,
        ...(REQUIRED_LEVELS.has(definition.requiredLevel ?? '') ? {isRequired: true} : {}),
    };
    const specific = readTypeSpecificProperties(base, details, responses);
    return specific ?? unsupported(describeMissingDetails(type));
}

function readDateTimeType(details: JsonObject): ColumnType {
    const behavior = isJsonObject(details.DateTimeBehavior)
        ? getStringIfExists(details.DateTimeBehavior, 'Value')
        : null;
    return behavior === 'DateOnly' ? 'dateonly' : 'datetime';
}

/** Adds the properties of the column's type, or returns null when required ones are missing. */
function readTypeSpecificProperties(
    column: ColumnSpec,
    details: JsonObject,
    responses: ColumnMetadataResponses,
): ColumnSpec | null {
    switch (column.type) {
        case 'string': {
            const formatName = isJsonObject(details.FormatName)
                ? getStringIfExists(details.FormatName, 'Value')
                : null;
            const format = STRING_FORMATS[formatName ?? ''] ?? 'text';
            return withNumbers({...column, format}, details, {maxLength: 'MaxLength'});
        }
        case 'memo':
            return withNumbers(column, details, {maxLength: 'MaxLength'});
        case 'integer':
            return withNumbers(column, details, {minValue: 'MinValue', maxValue: 'MaxValue'});
        case 'decimal':
        case 'double':
        case 'money':
            return withNumbers(column, details, {
                minValue: 'MinValue',
                maxValue: 'MaxValue',
                precision: 'Precision',
            });
        case 'boolean':
        case 'dateonly':
            return column;
        case 'datetime': {
            const behavior = isJsonObject(details.DateTimeBehavior)
                ? getStringIfExists(details.DateTimeBehavior, 'Value')
                : null;
            return behavior === 'TimeZoneIndependent'
                ? {...column, dateTimeBehavior: 'TimeZoneIndependent'}
                : {...column, dateTimeBehavior: 'UserLocal'};
        }
        case 'picklist':
        case 'multiselectpicklist': {
            const options = readOptions(details);
            return options === null ? null : {...column, options};
        }
        case 'lookup': {
            const targets = readLookupTargets(column.logicalName, details, responses);
            return targets.length === 0 ? null : {...column, targets};
        }
        default:
            return assertNever(column.type);
    }
}

/** Copies the numeric properties that are present; a missing one leaves the bound open. */
function withNumbers(
    column: ColumnSpec,
    details: JsonObject,
    names: Partial<Record<'maxLength' | 'minValue' | 'maxValue' | 'precision', string>>,
): ColumnSpec {
    const numbers: Record<string, number> = {};
    for (const [key, property] of Object.entries(names)) {
        const value = getNumberIfExists(details, property);
        if (value !== null) {
            numbers[key] = value;
        }
    }
    return {...column, ...numbers};
}

function readOptions(details: JsonObject): ColumnOption[] | null {
    const optionSet = isJsonObject(details.OptionSet) ? details.OptionSet : null;
    const items = optionSet !== null && Array.isArray(optionSet.Options) ? optionSet.Options : null;
    if (items === null) {
        return null;
    }
    return items.filter(isJsonObject).flatMap(item => {
        const value = getNumberIfExists(item, 'Value');
        if (value === null || !Number.isInteger(value)) {
            return [];
        }
        return [{value, label: getLabelIfExists(item.Label) ?? String(value)}];
    });
}

/** Returns each target with its entity set and navigation property, leaving out those lacking one. */
function readLookupTargets(
    column: LogicalName,
    details: JsonObject,
    responses: ColumnMetadataResponses,
): LookupTarget[] {
    const targets = Array.isArray(details.Targets) ? details.Targets : [];
    return targets.flatMap((target: unknown) => {
        const navigation = responses.navigations.find(
            candidate =>
                candidate.referencingAttribute === column && candidate.referencedEntity === target,
        );
        const setName =
            typeof target === 'string' ? responses.entitySetNames.get(target) : undefined;
        const names = parseNamesIfValid(target, setName);
        return navigation === undefined || names === null
            ? []
            : [{...names, navigationProperty: navigation.navigationProperty}];
    });
}

function parseNamesIfValid(
    target: unknown,
    setName: string | undefined,
): {logicalName: LogicalName; entitySetName: EntitySetName} | null {
    if (typeof target !== 'string' || setName === undefined) {
        return null;
    }
    try {
        return {logicalName: logicalName(target), entitySetName: entitySetName(setName)};
    } catch {
        return null;
    }
}

function describeUnsupportedType(typeName: string): string {
    if (typeName === 'OwnerType') {
        return 'The sync does not set owners yet; Dynamics makes the signed-in user the owner.';
    }
    const name = typeName.replace(/Type$/, '');
    return `The sync can't convert ${name || 'unknown'} columns.`;
}

function describeMissingDetails(type: ColumnType): string {
    return type === 'lookup'
        ? 'Dynamics did not report the tables this lookup points at or how to set it.'
        : 'Dynamics did not report the options of this choice column.';
}
