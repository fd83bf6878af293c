/** Describes a table's rows to the `$filter` and `$orderby` code: wire names and Edm types. */
import {getAttributeByWireNameIfExists} from './entities/registry';
import {
    isEntityReference,
    qualifiedTypeName,
    type AttributeDefinition,
    type ColumnValue,
    type EntityDefinition,
    type Row,
} from './entities/types';
import type {EdmType, FilterSchema, FilterValue} from './odata/evaluate';

export function edmTypeOf(attribute: AttributeDefinition): EdmType {
    switch (attribute.type) {
        case 'String':
        case 'Memo':
            return 'Edm.String';
        case 'Integer':
        case 'Picklist':
        case 'State':
        case 'Status':
            return 'Edm.Int32';
        case 'BigInt':
            return 'Edm.Int64';
        case 'Double':
            return 'Edm.Double';
        case 'Decimal':
        case 'Money':
            return 'Edm.Decimal';
        case 'Boolean':
            return 'Edm.Boolean';
        case 'DateTime':
            return attribute.behavior === 'DateOnly' ? 'Edm.Date' : 'Edm.DateTimeOffset';
        case 'Lookup':
        case 'Owner':
        case 'Customer':
        case 'Uniqueidentifier':
            return 'Edm.Guid';
    }
}

/** Returns the value filters and sorts compare: a lookup's referenced id, other values as stored. */
export function comparableValue(value: ColumnValue | undefined): FilterValue {
    if (value === undefined) {
        return null;
    }
    return isEntityReference(value) ? value.id : value;
}

export function createRowSchema(entity: EntityDefinition): FilterSchema<Row> {
    return {
        typeName: qualifiedTypeName(entity),
        getPropertyIfExists(path) {
            const [name] = path;
            const attribute =
                path.length === 1 && name !== undefined
                    ? getAttributeByWireNameIfExists(entity, name)
                    : null;
            if (attribute === null) {
                return null;
            }
            return {
                edmType: edmTypeOf(attribute),
                read: row => comparableValue(row[attribute.logicalName]),
            };
        },
    };
}
