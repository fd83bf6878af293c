/**
 * Turns a stored row into its Web API JSON: the `@odata.etag`, the selected columns with lookups
 * as `_<name>_value`, the requested annotations before each value, `_transactioncurrencyid_value`
 * whenever a money column is selected, and the primary key last.
 */
import {getAttributeByWireNameIfExists, getAttributeIfExists} from './entities/registry';
import {
    isEntityReference,
    isLookupAttribute,
    qualifiedTypeName,
    wireNameOf,
    type AttributeDefinition,
    type ColumnValue,
    type EntityDefinition,
    type Row,
} from './entities/types';
import {propertyNotFound} from './errors';
import {formatValue, type FormatLookups} from './formatting';
import {FixedDecimal, type WireValue} from './json';

export const FORMATTED_VALUE = 'OData.Community.Display.V1.FormattedValue';
export const NAVIGATION_PROPERTY = 'Microsoft.Dynamics.CRM.associatednavigationproperty';
export const LOOKUP_LOGICAL_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';

/** Digits Dataverse writes after the point for Money values, whatever the column's precision. */
const MONEY_WIRE_DIGITS = 4;

export interface SerializeOptions {
    readonly shouldInclude: (annotationTerm: string) => boolean;
    readonly lookups: FormatLookups;
}

/** Resolves `$select` names to columns; all columns when there is no `$select`. */
export function resolveSelection(
    entity: EntityDefinition,
    select: readonly string[] | null,
): AttributeDefinition[] {
    if (select === null) {
        return [...entity.attributes];
    }
    return select.map(name => {
        const attribute = getAttributeByWireNameIfExists(entity, name);
        if (attribute === null) {
            throw propertyNotFound(qualifiedTypeName(entity), name);
        }
        return attribute;
    });
}

export function etagOf(row: Row): string {
    return `W/"${String(row['versionnumber'] ?? 0)}"`;
}

function wireValueOf(attribute: AttributeDefinition, value: ColumnValue): WireValue {
    if (value === null) {
        return null;
    }
    if (isEntityReference(value)) {
        return value.id;
    }
    if (attribute.type === 'Money' && typeof value === 'number') {
        return new FixedDecimal(value, MONEY_WIRE_DIGITS);
    }
    if (attribute.type === 'Decimal' && typeof value === 'number') {
        return new FixedDecimal(value, attribute.precision);
    }
    return value;
}

function writeColumn(
    target: Record<string, WireValue>,
    attribute: AttributeDefinition,
    row: Row,
    options: SerializeOptions,
): void {
    const name = wireNameOf(attribute);
    const value = row[attribute.logicalName] ?? null;
    // Formatting is slow (toLocaleString), so it runs only when the annotation is requested.
    const formatted = options.shouldInclude(FORMATTED_VALUE)
        ? formatValue(attribute, value, row['transactioncurrencyid'], options.lookups)
        : null;
    if (formatted !== null) {
        target[`${name}@${FORMATTED_VALUE}`] = formatted;
    }
    if (isLookupAttribute(attribute) && isEntityReference(value)) {
        const navigation = attribute.navigationProperties.find(
            property => property.target === value.logicalName,
        );
        if (options.shouldInclude(NAVIGATION_PROPERTY)) {
            target[`${name}@${NAVIGATION_PROPERTY}`] = navigation?.name ?? attribute.logicalName;
        }
        if (options.shouldInclude(LOOKUP_LOGICAL_NAME)) {
            target[`${name}@${LOOKUP_LOGICAL_NAME}`] = value.logicalName;
        }
    }
    target[name] = wireValueOf(attribute, value);
}

/** Serializes one row with the given columns, in the order Dataverse writes them. */
export function serializeRow(
    entity: EntityDefinition,
    row: Row,
    selection: readonly AttributeDefinition[],
    options: SerializeOptions,
): Record<string, WireValue> {
    const wire: Record<string, WireValue> = {'@odata.etag': etagOf(row)};
    const columns = selection.filter(
        attribute => attribute.logicalName !== entity.primaryIdAttribute,
    );
    for (const attribute of columns) {
        writeColumn(wire, attribute, row, options);
    }

    const currency = getAttributeIfExists(entity, 'transactioncurrencyid');
    const hasMoney = columns.some(attribute => attribute.type === 'Money');
    if (hasMoney && currency !== null && !columns.includes(currency)) {
        writeColumn(wire, currency, row, options);
    }

    const primaryId = getAttributeIfExists(entity, entity.primaryIdAttribute);
    if (primaryId !== null) {
        writeColumn(wire, primaryId, row, options);
    }
    return wire;
}
