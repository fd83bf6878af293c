/**
 * Type-checks a parsed `$filter` against a schema and compiles it to a predicate. Comparisons use
 * SQL's three-valued logic, as the query Dataverse runs does: a comparison with a null column is
 * unknown, so `revenue gt 5` and `name ne 'x'` both skip rows where the column is null.
 */
import {propertyNotFound, queryError} from '../errors';
import {foldText, likePatternToRegExp} from './collation';
import {QUERY_FUNCTION_PREFIX, compileQueryFunction} from './queryFunctions';
import type {ComparisonOperator, FilterExpression} from './filter';
import {
    areComparable,
    compareValues,
    literalType,
    literalValue,
    type EdmType,
    type FilterValue,
} from './values';

export type {EdmType, FilterValue} from './values';

export interface FilterProperty<T> {
    readonly edmType: EdmType;
    read(item: T): FilterValue;
}

/** The properties a filter may refer to in the items it tests. */
export interface FilterSchema<T> {
    /** The OData type name used in "Could not find a property" messages. */
    readonly typeName: string;
    getPropertyIfExists(path: readonly string[]): FilterProperty<T> | null;
}

interface Compiled<T> {
    /** The expression's type; `null` for the `null` literal. */
    readonly edmType: EdmType | null;
    evaluate(item: T): FilterValue;
}

const OPERATOR_KINDS: Readonly<Record<ComparisonOperator, string>> = {
    eq: 'Equal',
    ne: 'NotEqual',
    gt: 'GreaterThan',
    ge: 'GreaterThanOrEqual',
    lt: 'LessThan',
    le: 'LessThanOrEqual',
};

const STRING_FUNCTIONS = ['contains', 'startswith', 'endswith'] as const;
type StringFunction = (typeof STRING_FUNCTIONS)[number];
const LIKE_ANCHORS: Readonly<Record<StringFunction, 'contains' | 'start' | 'end'>> = {
    contains: 'contains',
    startswith: 'start',
    endswith: 'end',
};

function applyOperator(operator: ComparisonOperator, order: number): boolean {
    switch (operator) {
        case 'eq':
            return order === 0;
        case 'ne':
            return order !== 0;
        case 'gt':
            return order > 0;
        case 'ge':
            return order >= 0;
        case 'lt':
            return order < 0;
        case 'le':
            return order <= 0;
    }
}

class FilterCompiler<T> {
    constructor(private readonly schema: FilterSchema<T>) {}

    compile(expression: FilterExpression): Compiled<T> {
        switch (expression.kind) {
            case 'logical':
                return this.compileLogical(expression.operator, expression.left, expression.right);
            case 'not':
                return this.compileNot(expression.operand);
            case 'comparison':
                return this.compileComparison(
                    expression.operator,
                    expression.left,
                    expression.right,
                );
            case 'call':
                if (expression.name.startsWith(QUERY_FUNCTION_PREFIX)) {
                    return this.compileQueryFunction(expression.name, expression.namedArgs);
                }
                return this.compileCall(expression.name, expression.args);
            case 'array':
                throw queryError(
                    'An array of values may appear only as PropertyValues of a query function.',
                );
            case 'property':
                return this.compileProperty(expression.path);
            case 'literal': {
                const value = literalValue(expression.literal);
                return {edmType: literalType(expression.literal), evaluate: () => value};
            }
        }
    }

    private compileBoolean(expression: FilterExpression): Compiled<T> {
        const compiled = this.compile(expression);
        if (compiled.edmType !== 'Edm.Boolean') {
            throw queryError('The $filter expression must evaluate to a single boolean value.');
        }
        return compiled;
    }

    private compileLogical(
        operator: 'and' | 'or',
        leftExpression: FilterExpression,
        rightExpression: FilterExpression,
    ): Compiled<T> {
        const left = this.compileBoolean(leftExpression);
        const right = this.compileBoolean(rightExpression);
        const decisive = operator === 'or';
        return {
            edmType: 'Edm.Boolean',
            evaluate: item => {
                const a = left.evaluate(item);
                if (a === decisive) {
                    return decisive;
                }
                const b = right.evaluate(item);
                if (b === decisive) {
                    return decisive;
                }
                return a === null || b === null ? null : !decisive;
            },
        };
    }

    private compileQueryFunction(
        name: string,
        namedArgs: ReadonlyMap<string, FilterExpression>,
    ): Compiled<T> {
        const evaluate = compileQueryFunction(
            name,
            namedArgs,
            path => this.schema.getPropertyIfExists(path),
            this.schema.typeName,
        );
        return {edmType: 'Edm.Boolean', evaluate};
    }

    private compileNot(operandExpression: FilterExpression): Compiled<T> {
        if (
            operandExpression.kind === 'call' &&
            operandExpression.name.startsWith(QUERY_FUNCTION_PREFIX)
        ) {
            // NOTE: Dataverse documents that query functions cannot be negated; the wording is ours.
            throw queryError(
                `The query function '${operandExpression.name}' cannot be negated with 'not'.`,
            );
        }
        const operand = this.compile(operandExpression);
        if (operand.edmType !== 'Edm.Boolean') {
            throw queryError(
                `A unary operator with an incompatible type was detected. Found operand type ` +
                    `'${operand.edmType ?? 'null'}' for operator kind 'Not'.`,
            );
        }
        return {
            edmType: 'Edm.Boolean',
            evaluate: item => {
                const value = operand.evaluate(item);
                return value === null ? null : !value;
            },
        };
    }

    private compileComparison(
        operator: ComparisonOperator,
        leftExpression: FilterExpression,
        rightExpression: FilterExpression,
    ): Compiled<T> {
        const left = this.compile(leftExpression);
        const right = this.compile(rightExpression);
        if (!areComparable(left.edmType, right.edmType)) {
            throw queryError(
                `A binary operator with incompatible types was detected. Found operand types ` +
                    `'${left.edmType}' and '${right.edmType}' for operator kind ` +
                    `'${OPERATOR_KINDS[operator]}'.`,
            );
        }
        const type = left.edmType ?? right.edmType;
        return {
            edmType: 'Edm.Boolean',
            evaluate: item => {
                const a = left.evaluate(item);
                const b = right.evaluate(item);
                if (a === null || b === null) {
                    if (operator === 'eq' || operator === 'ne') {
                        return left.edmType === null || right.edmType === null
                            ? (a === b) === (operator === 'eq')
                            : null;
                    }
                    return null;
                }
                return applyOperator(operator, compareValues(type, a, b));
            },
        };
    }

    private compileCall(name: string, argExpressions: readonly FilterExpression[]): Compiled<T> {
        if (!(STRING_FUNCTIONS as readonly string[]).includes(name)) {
            throw queryError(
                `An unknown function with name '${name}' was found. This may also be a function ` +
                    'import or a key lookup on a navigation property, which is not allowed.',
            );
        }
        const [subjectExpression, patternExpression] = argExpressions;
        const subject = subjectExpression === undefined ? null : this.compile(subjectExpression);
        if (
            argExpressions.length !== 2 ||
            subject?.edmType !== 'Edm.String' ||
            patternExpression?.kind !== 'literal' ||
            patternExpression.literal.type !== 'string'
        ) {
            throw queryError(
                `No function signature for the function with name '${name}' matches the specified ` +
                    `arguments. The function signatures considered are: ${name}(Edm.String ` +
                    'Nullable=true, Edm.String Nullable=true).',
            );
        }
        const pattern = patternExpression.literal.value;
        return this.compileStringFunction(name as StringFunction, subject, pattern);
    }

    private compileStringFunction(
        name: StringFunction,
        subject: Compiled<T>,
        pattern: string,
    ): Compiled<T> {
        const regExp = likePatternToRegExp(pattern, LIKE_ANCHORS[name]);
        return {
            edmType: 'Edm.Boolean',
            evaluate: item => {
                const value = subject.evaluate(item);
                return value === null ? null : regExp.test(foldText(String(value)));
            },
        };
    }

    private compileProperty(path: readonly string[]): Compiled<T> {
        const property = this.schema.getPropertyIfExists(path);
        if (property === null) {
            throw propertyNotFound(this.schema.typeName, path.join('/'));
        }
        return {edmType: property.edmType, evaluate: item => property.read(item)};
    }
}

/**
 * Compiles a parsed filter into a predicate over the schema's items. Throws Dataverse's
 * `0x80060888` errors for unknown properties, type mismatches and unknown functions.
 */
export function compileFilter<T>(
    expression: FilterExpression,
    schema: FilterSchema<T>,
): (item: T) => boolean {
    const compiled = new FilterCompiler(schema).compile(expression);
    if (compiled.edmType !== 'Edm.Boolean') {
        throw queryError('The $filter expression must evaluate to a single boolean value.');
    }
    return item => compiled.evaluate(item) === true;
}
