/**
 * The Dataverse query functions the emulator evaluates: `Microsoft.Dynamics.CRM.In`, `NotIn`,
 * `Between` and `NotBetween`, written as
 * `Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=['a','b'])`. Values arrive as
 * strings and are read as the property's type.
 */
import {propertyNotFound, queryError} from '../errors';
import type {FilterExpression, Literal} from './filter';
import {compareValues, type EdmType, type FilterValue} from './values';

export const QUERY_FUNCTION_PREFIX = 'Microsoft.Dynamics.CRM.';

interface PropertyReader<T> {
    readonly edmType: EdmType;
    read(item: T): FilterValue;
}

type Evaluator<T> = (item: T) => boolean | null;

/** Reads a value written in a query function's PropertyValues as the property's type. */
function convertValue(edmType: EdmType, literal: Literal): FilterValue {
    if (literal.type === 'null' || literal.type === 'enum') {
        return null;
    }
    const text = String(
        literal.type === 'dateTimeOffset' ? new Date(literal.value).toISOString() : literal.value,
    );
    switch (edmType) {
        case 'Edm.Int32':
        case 'Edm.Int64':
        case 'Edm.Decimal':
        case 'Edm.Double':
            return Number(text);
        case 'Edm.Boolean':
            return text === 'true';
        case 'Edm.Guid':
            return text.toLowerCase();
        default:
            return text;
    }
}

function readPropertyName(name: string, namedArgs: ReadonlyMap<string, FilterExpression>): string {
    const argument = namedArgs.get('PropertyName');
    if (argument?.kind !== 'literal' || argument.literal.type !== 'string') {
        throw queryError(`${name} needs PropertyName='<column>'.`);
    }
    return argument.literal.value;
}

function readPropertyValues(
    name: string,
    namedArgs: ReadonlyMap<string, FilterExpression>,
): readonly Literal[] {
    const argument = namedArgs.get('PropertyValues');
    if (argument?.kind !== 'array' || argument.items.length === 0) {
        throw queryError(`${name} needs PropertyValues=['<value>',…] with at least one value.`);
    }
    return argument.items;
}

function inEvaluator<T>(property: PropertyReader<T>, values: readonly FilterValue[]): Evaluator<T> {
    return item => {
        const value = property.read(item);
        return value === null
            ? null
            : values.some(
                  candidate =>
                      candidate !== null && compareValues(property.edmType, value, candidate) === 0,
              );
    };
}

function betweenEvaluator<T>(
    name: string,
    property: PropertyReader<T>,
    values: readonly FilterValue[],
): Evaluator<T> {
    const [low, high] = values;
    if (
        values.length !== 2 ||
        low === null ||
        low === undefined ||
        high === null ||
        high === undefined
    ) {
        throw queryError(`${name} needs exactly two PropertyValues: the lower and upper bound.`);
    }
    return item => {
        const value = property.read(item);
        if (value === null) {
            return null;
        }
        return (
            compareValues(property.edmType, value, low) >= 0 &&
            compareValues(property.edmType, value, high) <= 0
        );
    };
}

function negate<T>(evaluator: Evaluator<T>): Evaluator<T> {
    return item => {
        const result = evaluator(item);
        return result === null ? null : !result;
    };
}

/** Compiles a query function call into a three-valued predicate. */
export function compileQueryFunction<T>(
    name: string,
    namedArgs: ReadonlyMap<string, FilterExpression>,
    getPropertyIfExists: (path: readonly string[]) => PropertyReader<T> | null,
    typeName: string,
): Evaluator<T> {
    const shortName = name.slice(QUERY_FUNCTION_PREFIX.length);
    if (!['In', 'NotIn', 'Between', 'NotBetween'].includes(shortName)) {
        // TODO: the date-relative functions (LastXDays, ThisMonth, …) and the hierarchy functions.
        throw queryError(
            `The query function '${name}' is not supported by the Dataverse emulator.`,
        );
    }
    const propertyName = readPropertyName(name, namedArgs);
    const property = getPropertyIfExists([propertyName]);
    if (property === null) {
        throw propertyNotFound(typeName, propertyName);
    }
    const values = readPropertyValues(name, namedArgs).map(literal =>
        convertValue(property.edmType, literal),
    );
    switch (shortName) {
        case 'In':
            return inEvaluator(property, values);
        case 'NotIn':
            return negate(inEvaluator(property, values));
        case 'Between':
            return betweenEvaluator(name, property, values);
        default:
            return negate(betweenEvaluator(name, property, values));
    }
}
