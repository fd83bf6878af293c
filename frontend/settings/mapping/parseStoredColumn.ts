/**
 * Narrows the stored copy of a column's metadata, and of a table's names, from the JSON in
 * globalConfig. Optional properties that are present but unusable make the whole column invalid,
 * because a wrong length, range or option set would let the sync write values Dynamics rejects.
 */
import {isJsonObject, type JsonObject} from '../../dataverse/json';
import {entitySetName, logicalName, type EntitySetName, type LogicalName} from '../../sync/ids';
import type {
    ColumnOption,
    ColumnSpec,
    ColumnType,
    DateTimeBehavior,
    EntityRef,
    LookupTarget,
    OptionMapEntry,
    StringFormat,
} from '../../sync/mapping';

const COLUMN_TYPES: readonly ColumnType[] = [
    'string',
    'memo',
    'integer',
    'decimal',
    'double',
    'money',
    'boolean',
    'picklist',
    'multiselectpicklist',
    'datetime',
    'dateonly',
    'lookup',
];
const STRING_FORMATS: readonly StringFormat[] = ['text', 'email', 'url', 'phone'];
const DATE_TIME_BEHAVIORS: readonly DateTimeBehavior[] = ['UserLocal', 'TimeZoneIndependent'];

/** A property that is missing (undefined), or present and valid (the value), or invalid. */
const INVALID = Symbol('invalid');
type Optional<T> = T | undefined | typeof INVALID;

export function parseLogicalNameIfValid(value: unknown): LogicalName | null {
    return typeof value === 'string' ? tryBrand(() => logicalName(value)) : null;
}

function parseEntitySetNameIfValid(value: unknown): EntitySetName | null {
    return typeof value === 'string' ? tryBrand(() => entitySetName(value)) : null;
}

function tryBrand<T>(build: () => T): T | null {
    try {
        return build();
    } catch {
        return null;
    }
}

/** Reads a table's names, or returns null when one is missing or not a valid name. */
export function parseEntityRefIfValid(value: unknown): EntityRef | null {
    if (!isJsonObject(value)) {
        return null;
    }
    const name = parseLogicalNameIfValid(value.logicalName);
    const setName = parseEntitySetNameIfValid(value.entitySetName);
    const primaryId = parseLogicalNameIfValid(value.primaryIdAttribute);
    const primaryName = parseLogicalNameIfValid(value.primaryNameAttribute);
    if (name === null || setName === null || primaryId === null || primaryName === null) {
        return null;
    }
    return {
        logicalName: name,
        entitySetName: setName,
        primaryIdAttribute: primaryId,
        primaryNameAttribute: primaryName,
        displayName: typeof value.displayName === 'string' ? value.displayName : name,
    };
}

/** Reads a column's metadata, or returns null when a property is missing or invalid. */
export function parseColumnSpecIfValid(value: unknown): ColumnSpec | null {
    if (!isJsonObject(value)) {
        return null;
    }
    const name = parseLogicalNameIfValid(value.logicalName);
    const type = COLUMN_TYPES.find(candidate => candidate === value.type);
    const isValidForCreate = value.isValidForCreate;
    const isValidForUpdate = value.isValidForUpdate;
    if (
        name === null ||
        type === undefined ||
        typeof isValidForCreate !== 'boolean' ||
        typeof isValidForUpdate !== 'boolean'
    ) {
        return null;
    }

    const optional = readOptionalProperties(value);
    if (Object.values(optional).some(property => property === INVALID)) {
        return null;
    }
    const column: Record<string, unknown> = {
        logicalName: name,
        displayName: typeof value.displayName === 'string' ? value.displayName : name,
        type,
        isValidForCreate,
        isValidForUpdate,
    };
    for (const [key, property] of Object.entries(optional)) {
        if (property !== undefined) {
            column[key] = property;
        }
    }
    return column as unknown as ColumnSpec;
}

function readOptionalProperties(value: JsonObject): Record<string, Optional<unknown>> {
    return {
        format: readOptional(value.format, item => STRING_FORMATS.find(f => f === item)),
        maxLength: readOptional(value.maxLength, readNonNegativeInteger),
        minValue: readOptional(value.minValue, readFiniteNumber),
        maxValue: readOptional(value.maxValue, readFiniteNumber),
        precision: readOptional(value.precision, readNonNegativeInteger),
        isRequired: readOptional(value.isRequired, item =>
            typeof item === 'boolean' ? item : undefined,
        ),
        targets: readOptional(value.targets, item => readList(item, parseLookupTargetIfValid)),
        options: readOptional(value.options, item => readList(item, parseOptionIfValid)),
        optionMap: readOptional(value.optionMap, item =>
            readList(item, parseOptionMapEntryIfValid),
        ),
        dateTimeBehavior: readOptional(value.dateTimeBehavior, item =>
            DATE_TIME_BEHAVIORS.find(behavior => behavior === item),
        ),
    };
}

/** Returns undefined for a missing property, the value when `read` accepts it, else INVALID. */
function readOptional<T>(value: unknown, read: (value: unknown) => T | undefined): Optional<T> {
    if (value === undefined) {
        return undefined;
    }
    return read(value) ?? INVALID;
}

function readFiniteNumber(value: unknown): number | undefined {
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function readNonNegativeInteger(value: unknown): number | undefined {
    return Number.isInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
}

/** Reads every item of an array, or returns undefined when any item is invalid. */
function readList<T>(value: unknown, read: (item: unknown) => T | null): T[] | undefined {
    if (!Array.isArray(value)) {
        return undefined;
    }
    const items = value.map(read);
    return items.every((item): item is T => item !== null) ? items : undefined;
}

function parseLookupTargetIfValid(value: unknown): LookupTarget | null {
    if (!isJsonObject(value)) {
        return null;
    }
    const name = parseLogicalNameIfValid(value.logicalName);
    const setName = parseEntitySetNameIfValid(value.entitySetName);
    const navigationProperty = value.navigationProperty;
    if (name === null || setName === null || typeof navigationProperty !== 'string') {
        return null;
    }
    return {logicalName: name, entitySetName: setName, navigationProperty};
}

function parseOptionIfValid(value: unknown): ColumnOption | null {
    if (!isJsonObject(value) || !Number.isInteger(value.value)) {
        return null;
    }
    return typeof value.label === 'string'
        ? {value: value.value as number, label: value.label}
        : null;
}

function parseOptionMapEntryIfValid(value: unknown): OptionMapEntry | null {
    if (!isJsonObject(value) || !Number.isInteger(value.value)) {
        return null;
    }
    return typeof value.airtableName === 'string'
        ? {value: value.value as number, airtableName: value.airtableName}
        : null;
}
