/**
 * Typed views of Dataverse table and column definitions, narrowed from the JSON of
 * `EntityDefinitions(LogicalName='…')` and its `Attributes` collection.
 */
import {entitySetName, logicalName, type LogicalName} from '../sync/ids';
import type {EntityRef} from '../sync/mapping';
import {getBooleanIfExists, getStringIfExists, isJsonObject, type JsonObject} from './json';

export const ENTITY_DEFINITION_PROPERTIES = [
    'LogicalName',
    'EntitySetName',
    'PrimaryIdAttribute',
    'PrimaryNameAttribute',
    'DisplayName',
    'ChangeTrackingEnabled',
    'IsOptimisticConcurrencyEnabled',
] as const;

export const ATTRIBUTE_PROPERTIES = [
    'LogicalName',
    'SchemaName',
    'AttributeType',
    'AttributeTypeName',
    'DisplayName',
    'IsValidForCreate',
    'IsValidForUpdate',
    'IsValidForRead',
    'RequiredLevel',
    'IsCustomAttribute',
] as const;

export interface EntityDefinition extends EntityRef {
    /** Whether `Prefer: odata.track-changes` works on the table, or null when not reported. */
    readonly isChangeTrackingEnabled: boolean | null;
    /** Whether `If-Match` with a row version is enforced, or null when not reported. */
    readonly isOptimisticConcurrencyEnabled: boolean | null;
}

export type RequiredLevel = 'None' | 'SystemRequired' | 'ApplicationRequired' | 'Recommended';

export interface AttributeDefinition {
    readonly logicalName: LogicalName;
    readonly schemaName: string | null;
    /** The legacy `AttributeType`, such as `String`, `Picklist` or `Lookup`. */
    readonly attributeType: string | null;
    /** `AttributeTypeName.Value`, such as `StringType`, which Microsoft prefers over `attributeType`. */
    readonly attributeTypeName: string | null;
    /** The metadata class, such as `#Microsoft.Dynamics.CRM.StringAttributeMetadata`. */
    readonly odataType: string | null;
    readonly displayName: string | null;
    readonly isValidForCreate: boolean;
    readonly isValidForUpdate: boolean;
    readonly isValidForRead: boolean;
    readonly requiredLevel: RequiredLevel | null;
    readonly isCustomAttribute: boolean | null;
}

const REQUIRED_LEVELS: ReadonlySet<string> = new Set([
    'None',
    'SystemRequired',
    'ApplicationRequired',
    'Recommended',
]);

/**
 * Reads an entity definition, or returns null when a required property is missing or invalid.
 * Accepts the bare object and, as one Microsoft example shows, the object wrapped in `value`.
 */
export function parseEntityDefinitionIfValid(body: unknown): EntityDefinition | null {
    const definition = unwrapSingleValue(body);
    if (definition === null) {
        return null;
    }
    try {
        const logical = logicalName(getStringIfExists(definition, 'LogicalName') ?? '');
        return {
            logicalName: logical,
            entitySetName: entitySetName(getStringIfExists(definition, 'EntitySetName') ?? ''),
            primaryIdAttribute: logicalName(
                getStringIfExists(definition, 'PrimaryIdAttribute') ?? '',
            ),
            primaryNameAttribute: logicalName(
                getStringIfExists(definition, 'PrimaryNameAttribute') ?? '',
            ),
            displayName: getLabelIfExists(definition.DisplayName) ?? logical,
            isChangeTrackingEnabled: getBooleanIfExists(definition, 'ChangeTrackingEnabled'),
            isOptimisticConcurrencyEnabled: getBooleanIfExists(
                definition,
                'IsOptimisticConcurrencyEnabled',
            ),
        };
    } catch {
        return null;
    }
}

/**
 * Reads the `value` array of an `Attributes` response, or returns null when there is none.
 * Items without a valid `LogicalName` are left out, so one odd column does not hide the others.
 */
export function parseAttributeDefinitionsIfValid(body: unknown): AttributeDefinition[] | null {
    const items = isJsonObject(body) ? body.value : undefined;
    if (!Array.isArray(items)) {
        return null;
    }
    const definitions: AttributeDefinition[] = [];
    for (const item of items) {
        const definition = isJsonObject(item) ? parseAttributeDefinitionIfValid(item) : null;
        if (definition !== null) {
            definitions.push(definition);
        }
    }
    return definitions;
}

function parseAttributeDefinitionIfValid(item: JsonObject): AttributeDefinition | null {
    const name = getStringIfExists(item, 'LogicalName');
    if (name === null || !/^[a-z][a-z0-9_]*$/.test(name)) {
        return null;
    }
    const typeName = isJsonObject(item.AttributeTypeName) ? item.AttributeTypeName : {};
    const requiredLevel = isJsonObject(item.RequiredLevel)
        ? getStringIfExists(item.RequiredLevel, 'Value')
        : null;
    return {
        logicalName: logicalName(name),
        schemaName: getStringIfExists(item, 'SchemaName'),
        attributeType: getStringIfExists(item, 'AttributeType'),
        attributeTypeName: getStringIfExists(typeName, 'Value'),
        odataType: getStringIfExists(item, '@odata.type'),
        displayName: getLabelIfExists(item.DisplayName),
        isValidForCreate: getBooleanIfExists(item, 'IsValidForCreate') ?? false,
        isValidForUpdate: getBooleanIfExists(item, 'IsValidForUpdate') ?? false,
        isValidForRead: getBooleanIfExists(item, 'IsValidForRead') ?? false,
        requiredLevel: isRequiredLevel(requiredLevel) ? requiredLevel : null,
        isCustomAttribute: getBooleanIfExists(item, 'IsCustomAttribute'),
    };
}

function isRequiredLevel(value: string | null): value is RequiredLevel {
    return value !== null && REQUIRED_LEVELS.has(value);
}

/** Returns the label in the user's language, else the first localized label, else null. */
export function getLabelIfExists(label: unknown): string | null {
    if (!isJsonObject(label)) {
        return null;
    }
    const userLabel = isJsonObject(label.UserLocalizedLabel)
        ? getStringIfExists(label.UserLocalizedLabel, 'Label')
        : null;
    if (userLabel !== null && userLabel !== '') {
        return userLabel;
    }
    const localized = Array.isArray(label.LocalizedLabels) ? label.LocalizedLabels : [];
    const first: unknown = localized[0];
    return isJsonObject(first) ? getStringIfExists(first, 'Label') : null;
}

function unwrapSingleValue(body: unknown): JsonObject | null {
    if (!isJsonObject(body)) {
        return null;
    }
    if (!Array.isArray(body.value)) {
        return body;
    }
    const first: unknown = body.value[0];
    return body.value.length === 1 && isJsonObject(first) ? first : null;
}
