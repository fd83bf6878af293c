/**
 * Reads Airtable cells and Dynamics column values of the Accounts mapping as canonical values, the
 * form in which the engine compares the two sides. Empty text is null and money is rounded to
 * cents, so `''` in Airtable equals null in Dynamics, and 10.125 equals 10.13.
 */
import {
    readAirtableValue,
    readDynamicsValue,
    type CanonicalValue,
    type Conversion,
    type FieldMapping,
    type TableMapping,
} from '../../frontend/sync';
import {ACCOUNT_COLUMNS, type AccountColumn} from './accountValues';

export interface Canonicalizer {
    fromAirtable(column: AccountColumn, cell: unknown): CanonicalValue;
    fromDynamics(column: AccountColumn, raw: unknown): CanonicalValue;
    /** The Airtable field id of the column's mapped field. */
    getFieldId(column: AccountColumn): string;
}

export function createCanonicalizer(mapping: TableMapping): Canonicalizer {
    const byColumn = new Map<string, FieldMapping>(
        mapping.fields.map(field => [field.column.logicalName, field]),
    );
    const getFieldMapping = (column: AccountColumn): FieldMapping => {
        const field = byColumn.get(column);
        if (field === undefined) {
            throw new Error(`The Accounts mapping has no field for the '${column}' column.`);
        }
        return field;
    };
    for (const column of ACCOUNT_COLUMNS) {
        getFieldMapping(column);
    }

    return {
        fromAirtable: (column, cell) =>
            unwrap(column, 'Airtable cell', cell, readAirtableValue(getFieldMapping(column), cell)),
        fromDynamics: (column, raw) =>
            unwrap(column, 'Dynamics value', raw, readDynamicsValue(getFieldMapping(column), raw)),
        getFieldId: column => getFieldMapping(column).field.id,
    };
}

function unwrap(
    column: AccountColumn,
    source: string,
    input: unknown,
    conversion: Conversion<CanonicalValue>,
): CanonicalValue {
    if (!conversion.ok) {
        throw new Error(
            `The ${source} ${JSON.stringify(input)} of '${column}' has no canonical value: ` +
                conversion.problem.message,
        );
    }
    return conversion.value;
}
