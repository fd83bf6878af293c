/**
 * Maps a Web API path (the part after `/api/data/v9.2/`) to a route. Segment names are
 * case-sensitive, as in Dataverse, and an unknown first segment is the service's 404
 * "Resource not found for the segment".
 */
import type {EntityRegistry} from './entities/registry';
import type {EntityDefinition} from './entities/types';
import {queryError, segmentNotFound} from './errors';
import {parseGuidIfValid} from './guid';

/** The key of an `EntityDefinitions(…)` or `Attributes(…)` segment: a logical name or a MetadataId. */
export type MetadataKey =
    | {readonly by: 'logicalName'; readonly value: string}
    | {readonly by: 'metadataId'; readonly value: string};

export type Route =
    | {readonly kind: 'whoAmI'}
    | {readonly kind: 'batch'}
    | {readonly kind: 'totalRecordCount'; readonly entityNames: string}
    | {readonly kind: 'closeOpportunity'; readonly action: 'WinOpportunity' | 'LoseOpportunity'}
    | {readonly kind: 'collection'; readonly entity: EntityDefinition}
    | {readonly kind: 'count'; readonly entity: EntityDefinition}
    | {readonly kind: 'record'; readonly entity: EntityDefinition; readonly id: string}
    | {
          readonly kind: 'property';
          readonly entity: EntityDefinition;
          readonly id: string;
          readonly property: string;
      }
    | {
          readonly kind: 'reference';
          readonly entity: EntityDefinition;
          readonly id: string;
          readonly navigationProperty: string;
      }
    | {readonly kind: 'entityDefinitions'}
    | {readonly kind: 'entityDefinition'; readonly key: MetadataKey}
    | {
          readonly kind: 'attributes';
          readonly entityKey: MetadataKey;
          readonly cast: string | null;
      }
    | {
          readonly kind: 'relationships';
          readonly entityKey: MetadataKey;
          readonly direction: 'OneToMany' | 'ManyToOne';
      }
    | {
          readonly kind: 'optionSet';
          readonly entityKey: MetadataKey;
          readonly attributeKey: MetadataKey;
          readonly cast: string;
      }
    | {
          readonly kind: 'attribute';
          readonly entityKey: MetadataKey;
          readonly attributeKey: MetadataKey;
          readonly cast: string | null;
      };

interface Segment {
    readonly name: string;
    /** The text between the parentheses, or null when the segment has none. */
    readonly key: string | null;
}

const SEGMENT = /^([A-Za-z_$][\w.$]*)(?:\((.*)\))?$/s;
const CAST_PREFIX = 'Microsoft.Dynamics.CRM.';

function parseSegment(text: string): Segment {
    const match = SEGMENT.exec(text);
    if (match === null) {
        throw segmentNotFound(text);
    }
    return {name: match[1] ?? '', key: match[2] ?? null};
}

function parseMetadataKey(key: string): MetadataKey {
    const named = /^LogicalName='([^']*)'$/.exec(key);
    if (named !== null) {
        return {by: 'logicalName', value: named[1] ?? ''};
    }
    const id = parseGuidIfValid(key.replace(/^MetadataId=/, ''));
    if (id === null) {
        throw queryError('Bad Request - Error in query syntax.');
    }
    return {by: 'metadataId', value: id};
}

function castOf(segment: Segment | undefined): string | null {
    if (segment === undefined) {
        return null;
    }
    if (!segment.name.startsWith(CAST_PREFIX) || segment.key !== null) {
        throw segmentNotFound(segment.name);
    }
    return segment.name;
}

function routeMetadata(segments: readonly Segment[]): Route {
    const [definitions, attributes, cast, extra, beyond] = segments;
    if (beyond !== undefined) {
        throw segmentNotFound(beyond.name);
    }
    if (definitions?.key === null || definitions === undefined) {
        if (attributes !== undefined) {
            throw segmentNotFound(attributes.name);
        }
        return {kind: 'entityDefinitions'};
    }
    const entityKey = parseMetadataKey(definitions.key);
    if (attributes === undefined) {
        return {kind: 'entityDefinition', key: entityKey};
    }
    if (
        (attributes.name === 'OneToManyRelationships' ||
            attributes.name === 'ManyToOneRelationships') &&
        attributes.key === null &&
        cast === undefined
    ) {
        const direction = attributes.name === 'OneToManyRelationships' ? 'OneToMany' : 'ManyToOne';
        return {kind: 'relationships', entityKey, direction};
    }
    if (attributes.name !== 'Attributes') {
        throw segmentNotFound(attributes.name);
    }
    if (extra !== undefined) {
        const castName = castOf(cast);
        if (extra.name !== 'OptionSet' || attributes.key === null || castName === null) {
            throw segmentNotFound(extra.name);
        }
        const attributeKey = parseMetadataKey(attributes.key);
        return {kind: 'optionSet', entityKey, attributeKey, cast: castName};
    }
    if (attributes.key === null) {
        return {kind: 'attributes', entityKey, cast: castOf(cast)};
    }
    const attributeKey = parseMetadataKey(attributes.key);
    return {kind: 'attribute', entityKey, attributeKey, cast: castOf(cast)};
}

function routeEntitySet(entity: EntityDefinition, segments: readonly Segment[]): Route {
    const [first, second, third, beyond] = segments;
    if (first?.key === null || first === undefined) {
        if (second?.name === '$count' && segments.length === 2) {
            return {kind: 'count', entity};
        }
        if (second !== undefined) {
            throw segmentNotFound(second.name);
        }
        return {kind: 'collection', entity};
    }
    const id = parseGuidIfValid(first.key);
    if (id === null) {
        throw queryError('Bad Request - Error in query syntax.');
    }
    if (second === undefined) {
        return {kind: 'record', entity, id};
    }
    if (second.key !== null || beyond !== undefined) {
        throw segmentNotFound(beyond?.name ?? second.name);
    }
    if (third === undefined) {
        return {kind: 'property', entity, id, property: second.name};
    }
    if (third.name !== '$ref' || third.key !== null) {
        throw segmentNotFound(third.name);
    }
    return {kind: 'reference', entity, id, navigationProperty: second.name};
}

/** Routes `path`, which is relative to the service root and still percent-encoded. */
export function routeApiPath(path: string, registry: EntityRegistry): Route {
    const segments = path
        .split('/')
        .filter(text => text !== '')
        .map(text => parseSegment(decodeURIComponent(text)));
    const first = segments[0];
    if (first === undefined) {
        throw segmentNotFound('');
    }
    if (
        first.name === 'WhoAmI' &&
        (first.key === null || first.key === '') &&
        segments.length === 1
    ) {
        return {kind: 'whoAmI'};
    }
    const countParameter = /^EntityNames=(.+)$/s.exec(first.key ?? '')?.[1];
    if (first.name === 'RetrieveTotalRecordCount' && countParameter !== undefined) {
        return {kind: 'totalRecordCount', entityNames: countParameter};
    }
    const isAction = first.key === null && segments.length === 1;
    if (isAction && (first.name === 'WinOpportunity' || first.name === 'LoseOpportunity')) {
        return {kind: 'closeOpportunity', action: first.name};
    }
    if (first.name === '$batch' && first.key === null && segments.length === 1) {
        return {kind: 'batch'};
    }
    if (first.name === 'EntityDefinitions') {
        return routeMetadata(segments);
    }
    const entity = registry.getBySetNameIfExists(first.name);
    if (entity === null) {
        throw segmentNotFound(first.name);
    }
    return routeEntitySet(entity, segments);
}
