/**
 * The metadata endpoints: `EntityDefinitions`, `EntityDefinitions(LogicalName='x')` (a bare
 * object), its `Attributes` collection and single attributes, each optionally under a type cast
 * such as `/Microsoft.Dynamics.CRM.StringAttributeMetadata`. Metadata queries are not paged.
 */
import {
    jsonResponse,
    serviceRoot,
    type ApiRequest,
    type ApiResponse,
    type EmulatorContext,
} from '../context';
import type {AttributeDefinition, EntityDefinition} from '../entities/types';
import {queryError, segmentNotFound} from '../errors';
import {
    COMMON_ATTRIBUTE_PROPERTIES,
    METADATA_NAMESPACE,
    attributeMetadataOf,
    castPropertiesOf,
    entityMetadataOf,
    isKnownAttributeCast,
    metadataIdOf,
    metadataTypeOf,
    type MetadataObject,
} from '../metadata';
import {compileFilter} from '../odata/evaluate';
import {parseQueryOptions} from '../odata/queryOptions';
import {optionSetOf} from '../optionSetMetadata';
import type {MetadataKey} from '../router';
import {
    checkSelect,
    findEntity,
    metadataNotFound,
    metadataSchema,
    project,
    selectSuffix,
} from './metadataQuery';

const ENTITY_TYPE = `${METADATA_NAMESPACE}EntityMetadata`;
const ATTRIBUTE_TYPE = `${METADATA_NAMESPACE}AttributeMetadata`;
const OPTION_SET_TYPE = `${METADATA_NAMESPACE}OptionSetMetadata`;

function findAttribute(entity: EntityDefinition, key: MetadataKey): AttributeDefinition {
    const attribute = entity.attributes.find(candidate =>
        key.by === 'logicalName'
            ? candidate.logicalName === key.value
            : metadataIdOf(entity.logicalName, candidate.logicalName) === key.value,
    );
    if (attribute === undefined) {
        throw metadataNotFound('attribute', key);
    }
    return attribute;
}

export function getEntityDefinitions(context: EmulatorContext, request: ApiRequest): ApiResponse {
    const options = parseQueryOptions(request.url.searchParams, ['$select', '$filter']);
    const items = context.registry.all().map(entityMetadataOf);
    const allowed = Object.keys(items[0] ?? {});
    checkSelect(options.select, allowed, ENTITY_TYPE);
    const predicate =
        options.filter === null
            ? null
            : compileFilter(options.filter, metadataSchema(ENTITY_TYPE, items, allowed));
    const matched = predicate === null ? items : items.filter(predicate);
    return jsonResponse(200, {
        '@odata.context': `${serviceRoot(context)}$metadata#EntityDefinitions${selectSuffix(options.select)}`,
        value: matched.map(item => project(item, options.select, false)),
    });
}

export function getEntityDefinition(
    context: EmulatorContext,
    request: ApiRequest,
    key: MetadataKey,
): ApiResponse {
    const options = parseQueryOptions(request.url.searchParams, ['$select']);
    const item = entityMetadataOf(findEntity(context, key));
    checkSelect(options.select, Object.keys(item), ENTITY_TYPE);
    return jsonResponse(200, {
        '@odata.context': `${serviceRoot(context)}$metadata#EntityDefinitions${selectSuffix(options.select)}/$entity`,
        ...project(item, options.select, false),
    });
}

/**
 * Properties a `$select` may name: the common ones, plus the cast type's own, which Dataverse
 * accepts even when the table has no column of that type.
 */
function allowedAttributeProperties(cast: string | null): string[] {
    if (cast === null) {
        return [...COMMON_ATTRIBUTE_PROPERTIES];
    }
    return [...new Set([...COMMON_ATTRIBUTE_PROPERTIES, ...castPropertiesOf(cast)])];
}

function attributesContext(
    context: EmulatorContext,
    entity: EntityDefinition,
    cast: string | null,
    select: readonly string[] | null,
): string {
    const castSegment = cast === null ? '' : `/${cast}`;
    return `${serviceRoot(context)}$metadata#EntityDefinitions('${entity.logicalName}')/Attributes${castSegment}${selectSuffix(select)}`;
}

function checkCast(cast: string | null): void {
    if (cast !== null && !isKnownAttributeCast(cast)) {
        throw segmentNotFound(cast);
    }
}

export function getAttributes(
    context: EmulatorContext,
    request: ApiRequest,
    entityKey: MetadataKey,
    cast: string | null,
): ApiResponse {
    checkCast(cast);
    const {params, optionSetSelect} = takeOptionSetExpand(request.url.searchParams);
    const options = parseQueryOptions(params, ['$select', '$filter']);
    const entity = findEntity(context, entityKey);
    const allowed = allowedAttributeProperties(cast);
    checkSelect(options.select, allowed, cast ?? ATTRIBUTE_TYPE);

    const attributes = entity.attributes.filter(
        attribute => cast === null || metadataTypeOf(attribute) === cast,
    );
    const items = attributes.map(attribute => attributeMetadataOf(entity, attribute));
    const schema = metadataSchema(cast ?? ATTRIBUTE_TYPE, items, allowed);
    const predicate = options.filter === null ? null : compileFilter(options.filter, schema);
    const matched = predicate === null ? items : items.filter(predicate);
    return jsonResponse(200, {
        '@odata.context': attributesContext(context, entity, cast, options.select),
        value: matched.map(item => {
            const projected = project(item, options.select, cast === null);
            const attribute = attributes[items.indexOf(item)];
            return optionSetSelect === undefined || attribute === undefined
                ? projected
                : withOptionSet(entity, attribute, projected, optionSetSelect);
        }),
    });
}

/** The `$expand` values the attribute endpoints accept: the option set of choice columns. */
const OPTION_SET_EXPAND = /^OptionSet(?:\(\$select=([\w,]+)\))?$/;

/**
 * Reads `$expand=OptionSet` or `$expand=OptionSet($select=…)` and returns the query options
 * without it, plus the selected option-set properties (null for all, undefined for no expand).
 */
function takeOptionSetExpand(params: URLSearchParams): {
    params: URLSearchParams;
    optionSetSelect: readonly string[] | null | undefined;
} {
    const expand = params.get('$expand');
    if (expand === null) {
        return {params, optionSetSelect: undefined};
    }
    const match = OPTION_SET_EXPAND.exec(expand);
    if (match === null) {
        throw queryError(`The metadata endpoints can expand only OptionSet, not '${expand}'.`);
    }
    const rest = new URLSearchParams(params);
    rest.delete('$expand');
    return {params: rest, optionSetSelect: match[1]?.split(',') ?? null};
}

function withOptionSet(
    entity: EntityDefinition,
    attribute: AttributeDefinition,
    item: MetadataObject,
    optionSetSelect: readonly string[] | null,
): MetadataObject {
    const optionSet = optionSetOf(entity, attribute);
    return {
        ...item,
        OptionSet: optionSet === null ? null : project(optionSet, optionSetSelect, false),
    };
}

export function getOptionSet(
    context: EmulatorContext,
    request: ApiRequest,
    route: {
        readonly entityKey: MetadataKey;
        readonly attributeKey: MetadataKey;
        readonly cast: string;
    },
): ApiResponse {
    checkCast(route.cast);
    const options = parseQueryOptions(request.url.searchParams, ['$select']);
    const entity = findEntity(context, route.entityKey);
    const attribute = findAttribute(entity, route.attributeKey);
    const optionSet = optionSetOf(entity, attribute);
    if (metadataTypeOf(attribute) !== route.cast || optionSet === null) {
        throw segmentNotFound(route.cast);
    }
    checkSelect(options.select, Object.keys(optionSet), OPTION_SET_TYPE);
    const attributeSegment = `Attributes(LogicalName='${attribute.logicalName}')/${route.cast}`;
    const contextUrl =
        `${serviceRoot(context)}$metadata#EntityDefinitions('${entity.logicalName}')/` +
        `${attributeSegment}/OptionSet${selectSuffix(options.select)}/$entity`;
    return jsonResponse(200, {
        '@odata.context': contextUrl,
        ...project(optionSet, options.select, false),
    });
}

export function getAttribute(
    context: EmulatorContext,
    request: ApiRequest,
    route: {
        readonly entityKey: MetadataKey;
        readonly attributeKey: MetadataKey;
        readonly cast: string | null;
    },
): ApiResponse {
    checkCast(route.cast);
    const options = parseQueryOptions(request.url.searchParams, ['$select']);
    const entity = findEntity(context, route.entityKey);
    const attribute = findAttribute(entity, route.attributeKey);
    if (route.cast !== null && metadataTypeOf(attribute) !== route.cast) {
        throw segmentNotFound(route.cast);
    }
    const allowed = allowedAttributeProperties(route.cast);
    checkSelect(options.select, allowed, route.cast ?? ATTRIBUTE_TYPE);
    return jsonResponse(200, {
        '@odata.context': `${attributesContext(context, entity, route.cast, options.select)}/$entity`,
        ...project(attributeMetadataOf(entity, attribute), options.select, route.cast === null),
    });
}
