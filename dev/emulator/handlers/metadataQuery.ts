/** Helpers the metadata endpoints share: lookups by key, `$select` projection and `$filter`. */
import type {EmulatorContext} from '../context';
import type {EntityDefinition} from '../entities/types';
import {DataverseError, ERROR_CODES, propertyNotFound} from '../errors';
import type {WireValue} from '../json';
import {metadataIdOf, type MetadataObject} from '../metadata';
import type {EdmType, FilterSchema} from '../odata/evaluate';
import type {MetadataKey} from '../router';

// NOTE: Dataverse's wording for a missing table or column in metadata queries is not documented.
export function metadataNotFound(kind: 'entity' | 'attribute', key: MetadataKey): DataverseError {
    const by = key.by === 'logicalName' ? 'logical name' : 'MetadataId';
    return new DataverseError(
        404,
        ERROR_CODES.objectDoesNotExist,
        `Could not find an ${kind} with the ${by} '${key.value}'.`,
    );
}

export function findEntity(context: EmulatorContext, key: MetadataKey): EntityDefinition {
    const entity = context.registry
        .all()
        .find(candidate =>
            key.by === 'logicalName'
                ? candidate.logicalName === key.value
                : metadataIdOf(candidate.logicalName) === key.value,
        );
    if (entity === undefined) {
        throw metadataNotFound('entity', key);
    }
    return entity;
}

function edmTypeOfValue(value: WireValue | undefined): EdmType {
    return typeof value === 'boolean'
        ? 'Edm.Boolean'
        : typeof value === 'number'
          ? 'Edm.Int32'
          : 'Edm.String';
}

function readPath(item: MetadataObject, path: readonly string[]): WireValue | undefined {
    let current: WireValue | undefined = item;
    for (const segment of path) {
        if (typeof current !== 'object' || current === null || Array.isArray(current)) {
            return undefined;
        }
        current = (current as Record<string, WireValue>)[segment];
    }
    return current;
}

/** Builds a filter schema over metadata objects, typing each property by its first non-null value. */
export function metadataSchema(
    typeName: string,
    items: readonly MetadataObject[],
    allowed: readonly string[],
): FilterSchema<MetadataObject> {
    return {
        typeName,
        getPropertyIfExists(path) {
            const [first] = path;
            if (first === undefined || !allowed.includes(first)) {
                return null;
            }
            const sample = items
                .map(item => readPath(item, path))
                .find(value => value !== undefined && value !== null);
            return {
                edmType: edmTypeOfValue(sample),
                read: item => {
                    const value = readPath(item, path);
                    return typeof value === 'string' ||
                        typeof value === 'number' ||
                        typeof value === 'boolean'
                        ? value
                        : null;
                },
            };
        },
    };
}

export function project(
    item: MetadataObject,
    select: readonly string[] | null,
    keepType: boolean,
): MetadataObject {
    if (select === null) {
        return keepType ? item : omitType(item);
    }
    const projected: MetadataObject = {};
    if (keepType && item['@odata.type'] !== undefined) {
        projected['@odata.type'] = item['@odata.type'];
    }
    for (const name of [...select, 'MetadataId']) {
        const value = item[name];
        if (value !== undefined) {
            projected[name] = value;
        }
    }
    return projected;
}

function omitType(item: MetadataObject): MetadataObject {
    const copy = {...item};
    delete copy['@odata.type'];
    return copy;
}

export function checkSelect(
    select: readonly string[] | null,
    allowed: readonly string[],
    typeName: string,
): void {
    const unknown = select?.find(name => !allowed.includes(name));
    if (unknown !== undefined) {
        throw propertyNotFound(typeName, unknown);
    }
}

export function selectSuffix(select: readonly string[] | null): string {
    return select === null ? '' : `(${select.join(',')})`;
}
