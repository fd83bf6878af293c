/**
 * Checks a create or update payload the way Dataverse does and turns it into column values for the
 * store. Unknown properties and values of the wrong JSON type are payload errors (`0x80048d19`).
 * Strings over MaxLength, numbers out of range and unknown option values are validation errors.
 * Columns not valid for the operation are silently ignored, as documented for the Web API.
 */
import {getAttributeIfExists} from './entities/registry';
import {
    isLookupAttribute,
    qualifiedTypeName,
    type AttributeDefinition,
    type ColumnValue,
    type EntityDefinition,
    type EntityReference,
    type LookupAttribute,
} from './entities/types';
import {
    DataverseError,
    ERROR_CODES,
    invalidOptionValue,
    maxLengthExceeded,
    payloadError,
    recordNotFound,
    valueOutOfRange,
} from './errors';
import {parseGuidIfValid} from './guid';
import type {EntityRegistry} from './entities/registry';
import type {EmulatorStore} from './store';
import {formatDateTime} from './store';

export type WriteMode = 'create' | 'update';

export interface PayloadContext {
    readonly registry: EntityRegistry;
    readonly store: EmulatorStore;
}

/** The earliest date Dataverse stores (SQL Server `datetime`). */
const MIN_DATE = '1753-01-01';
const INT32_RANGE = {min: -2147483648, max: 2147483647};
const BIND_SUFFIX = '@odata.bind';

/** Parses the request body; it must be one JSON object. */
export function readPayload(entity: EntityDefinition, body: string): Record<string, unknown> {
    let parsed: unknown;
    try {
        parsed = JSON.parse(body);
    } catch {
        throw payloadError(entity.entitySetName, 'The request body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw payloadError(
            entity.entitySetName,
            'A JSON object was expected as the request body of a create or update.',
        );
    }
    return parsed as Record<string, unknown>;
}

function conversionError(
    entity: EntityDefinition,
    value: unknown,
    edmType: string,
): DataverseError {
    const literal = typeof value === 'string' ? value : JSON.stringify(value);
    return payloadError(
        entity.entitySetName,
        `Cannot convert the literal '${literal}' to the expected type '${edmType}'.`,
    );
}

function checkRange(
    entity: EntityDefinition,
    attribute: AttributeDefinition & {readonly minValue: number; readonly maxValue: number},
    value: number,
): void {
    if (value < attribute.minValue || value > attribute.maxValue) {
        throw valueOutOfRange(entity.logicalName, attribute.logicalName, value, {
            min: attribute.minValue,
            max: attribute.maxValue,
        });
    }
}

function roundTo(value: number, digits: number): number {
    const factor = 10 ** digits;
    return Math.round(value * factor) / factor;
}

function readDateTime(
    entity: EntityDefinition,
    attribute: AttributeDefinition,
    value: string,
): string {
    const isDateOnly = attribute.type === 'DateTime' && attribute.behavior === 'DateOnly';
    const pattern = isDateOnly
        ? /^\d{4}-\d{2}-\d{2}$/
        : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
    const time = Date.parse(isDateOnly ? `${value}T00:00:00Z` : value);
    if (!pattern.test(value) || Number.isNaN(time)) {
        throw conversionError(entity, value, isDateOnly ? 'Edm.Date' : 'Edm.DateTimeOffset');
    }
    const stored = isDateOnly ? value : formatDateTime(new Date(time));
    if (stored < MIN_DATE) {
        // NOTE: the wording is the emulator's; Dataverse rejects dates before 1753-01-01.
        throw new DataverseError(
            400,
            ERROR_CODES.validationError,
            `A validation error occurred.  The value ${value} of '${attribute.logicalName}' is ` +
                `before the earliest supported date, ${MIN_DATE}.`,
        );
    }
    return stored;
}

function readNumber(
    entity: EntityDefinition,
    attribute: AttributeDefinition,
    value: unknown,
): number {
    const isWhole =
        attribute.type === 'Integer' ||
        attribute.type === 'Picklist' ||
        attribute.type === 'State' ||
        attribute.type === 'Status';
    const edmType = isWhole
        ? 'Edm.Int32'
        : attribute.type === 'Double'
          ? 'Edm.Double'
          : 'Edm.Decimal';
    if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw conversionError(entity, value, edmType);
    }
    if (
        isWhole &&
        (!Number.isInteger(value) || value < INT32_RANGE.min || value > INT32_RANGE.max)
    ) {
        throw conversionError(entity, value, edmType);
    }
    return value;
}

/** Checks one value against its column and returns it in stored form. */
function readColumnValue(
    entity: EntityDefinition,
    attribute: AttributeDefinition,
    value: unknown,
): ColumnValue {
    if (value === null) {
        return null;
    }
    switch (attribute.type) {
        case 'String':
        case 'Memo': {
            if (typeof value !== 'string') {
                throw conversionError(entity, value, 'Edm.String');
            }
            if (value.length > attribute.maxLength) {
                throw maxLengthExceeded(
                    entity.logicalName,
                    attribute.logicalName,
                    attribute.maxLength,
                );
            }
            return value === '' ? null : value;
        }
        case 'Integer':
        case 'BigInt':
        case 'Double':
        case 'Decimal':
        case 'Money': {
            const number = readNumber(entity, attribute, value);
            checkRange(entity, attribute, number);
            // The platform stores decimals rounded to the column's precision.
            return roundTo(number, attribute.precision);
        }
        case 'Boolean':
            if (typeof value !== 'boolean') {
                throw conversionError(entity, value, 'Edm.Boolean');
            }
            return value;
        case 'DateTime':
            if (typeof value !== 'string') {
                throw conversionError(entity, value, 'Edm.DateTimeOffset');
            }
            return readDateTime(entity, attribute, value);
        case 'Picklist':
        case 'State':
        case 'Status': {
            const number = readNumber(entity, attribute, value);
            if (!attribute.options.some(option => option.value === number)) {
                throw invalidOptionValue(entity.logicalName, attribute.logicalName, number);
            }
            return number;
        }
        case 'Uniqueidentifier': {
            const id = typeof value === 'string' ? parseGuidIfValid(value) : null;
            if (id === null) {
                throw conversionError(entity, value, 'Edm.Guid');
            }
            return id;
        }
        case 'Lookup':
        case 'Owner':
        case 'Customer':
            throw payloadError(
                entity.entitySetName,
                "A 'PrimitiveValue' node with non-null value was found when trying to read the " +
                    'value of a navigation property; however, a null value or an entity reference ' +
                    `through '${attribute.logicalName}@odata.bind' was expected.`,
            );
    }
}

/** Parses an `@odata.bind` target: `/accounts(<id>)`, `accounts(<id>)` or an absolute URL. */
function parseBindTarget(value: string): {entitySetName: string; id: string} | null {
    const match = /(?:^|\/)([A-Za-z_]\w*)\(([^)]*)\)$/.exec(value);
    const id = match?.[2] === undefined ? null : parseGuidIfValid(match[2]);
    return match?.[1] === undefined || id === null ? null : {entitySetName: match[1], id};
}

function findNavigation(entity: EntityDefinition, name: string): LookupAttribute | null {
    for (const attribute of entity.attributes) {
        if (
            isLookupAttribute(attribute) &&
            attribute.navigationProperties.some(p => p.name === name)
        ) {
            return attribute;
        }
    }
    return null;
}

function readBind(
    context: PayloadContext,
    entity: EntityDefinition,
    attribute: LookupAttribute,
    navigationName: string,
    value: unknown,
): EntityReference | null {
    if (value === null) {
        return null;
    }
    const target = typeof value === 'string' ? parseBindTarget(value) : null;
    const targetEntity =
        target === null ? null : context.registry.getBySetNameIfExists(target.entitySetName);
    const allowed = attribute.navigationProperties
        .filter(p => p.name === navigationName)
        .map(p => p.target);
    if (target === null || targetEntity === null || !allowed.includes(targetEntity.logicalName)) {
        throw payloadError(
            entity.entitySetName,
            `The value '${String(value)}' of '${navigationName}${BIND_SUFFIX}' is not a URL of a ` +
                `${allowed.join(' or ')} record, such as '/${targetEntity?.entitySetName ?? 'accounts'}(<id>)'.`,
        );
    }
    if (context.store.getIfExists(targetEntity.logicalName, target.id) === null) {
        throw recordNotFound(targetEntity.logicalName, target.id);
    }
    return {logicalName: targetEntity.logicalName, id: target.id};
}

function isValidFor(attribute: AttributeDefinition, mode: WriteMode): boolean {
    return mode === 'create' ? attribute.isValidForCreate : attribute.isValidForUpdate;
}

function unknownProperty(entity: EntityDefinition, name: string): DataverseError {
    return payloadError(
        entity.entitySetName,
        `The property '${name}' does not exist on type '${qualifiedTypeName(entity)}'. Make sure to ` +
            'only use property names that are defined by the type or mark the type as open type.',
    );
}

/** Checks whether `name` is a lookup's read-only `_<column>_value` property. */
function isLookupValueProperty(entity: EntityDefinition, name: string): boolean {
    const column = /^_(\w+)_value$/.exec(name)?.[1];
    const attribute = column === undefined ? null : getAttributeIfExists(entity, column);
    return attribute !== null && isLookupAttribute(attribute);
}

// NOTE: the wording (grammar included) is the service's as widely reported; no Microsoft page
// quotes it.
function lookupValueNotWritable(entity: EntityDefinition): DataverseError {
    return payloadError(
        entity.entitySetName,
        'CRM do not support direct update of Entity Reference properties, Use Navigation ' +
            'properties instead.',
    );
}

/** Validates a payload and returns the column values to write, keyed by logical name. */
export function validatePayload(
    context: PayloadContext,
    entity: EntityDefinition,
    payload: Readonly<Record<string, unknown>>,
    mode: WriteMode,
): Record<string, ColumnValue> {
    const changes: Record<string, ColumnValue> = {};
    for (const [name, value] of Object.entries(payload)) {
        if (name.endsWith(BIND_SUFFIX)) {
            const navigationName = name.slice(0, -BIND_SUFFIX.length);
            const attribute = findNavigation(entity, navigationName);
            if (attribute === null) {
                throw payloadError(
                    entity.entitySetName,
                    `An undeclared property '${navigationName}' which only has property annotations ` +
                        'in the payload but no property value was found in the payload.',
                );
            }
            if (isValidFor(attribute, mode)) {
                changes[attribute.logicalName] = readBind(
                    context,
                    entity,
                    attribute,
                    navigationName,
                    value,
                );
            }
            continue;
        }
        if (name.startsWith('@') || name.includes('@')) {
            continue;
        }

        const navigation = findNavigation(entity, name);
        if (navigation !== null && value === null) {
            changes[navigation.logicalName] = null;
            continue;
        }
        const attribute = getAttributeIfExists(entity, name);
        if (attribute === null || (isLookupAttribute(attribute) && navigation === null)) {
            throw isLookupValueProperty(entity, name)
                ? lookupValueNotWritable(entity)
                : unknownProperty(entity, name);
        }
        if (isValidFor(attribute, mode)) {
            changes[attribute.logicalName] = readColumnValue(entity, attribute, value);
        }
    }
    return changes;
}
