/**
 * A recursive-descent parser for the `$filter` subset Dataverse supports: comparisons, `and`,
 * `or`, `not`, parentheses, property paths, literals and function calls. Precedence follows
 * OData 4.0: `not` binds tightest, then comparisons, then `and`, then `or`.
 */
import {queryError, syntaxError} from '../errors';
import {tokenize, type Token} from './lexer';

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type Literal =
    | {readonly type: 'string'; readonly value: string}
    | {readonly type: 'number'; readonly value: number; readonly isInteger: boolean}
    | {readonly type: 'boolean'; readonly value: boolean}
    | {readonly type: 'null'}
    | {readonly type: 'guid'; readonly value: string}
    | {readonly type: 'dateTimeOffset'; readonly value: number}
    | {readonly type: 'date'; readonly value: string}
    | {readonly type: 'enum'; readonly typeName: string; readonly value: string};

export type FilterExpression =
    | {
          readonly kind: 'logical';
          readonly operator: 'and' | 'or';
          readonly left: FilterExpression;
          readonly right: FilterExpression;
      }
    | {readonly kind: 'not'; readonly operand: FilterExpression}
    | {
          readonly kind: 'comparison';
          readonly operator: ComparisonOperator;
          readonly left: FilterExpression;
          readonly right: FilterExpression;
      }
    | {
          readonly kind: 'call';
          readonly name: string;
          readonly args: readonly FilterExpression[];
          /** Arguments passed by name, as query functions take them: `PropertyName='name'`. */
          readonly namedArgs: ReadonlyMap<string, FilterExpression>;
      }
    | {readonly kind: 'array'; readonly items: readonly Literal[]}
    | {readonly kind: 'property'; readonly path: readonly string[]}
    | {readonly kind: 'literal'; readonly literal: Literal};

const COMPARISON_OPERATORS: readonly string[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

class FilterParser {
    private index = 0;

    constructor(
        private readonly text: string,
        private readonly tokens: readonly Token[],
        private readonly aliases: ReadonlyMap<string, string>,
    ) {}

    parse(): FilterExpression {
        const expression = this.parseOr();
        const next = this.peek();
        if (next.kind !== 'end') {
            throw syntaxError(next.position, this.text);
        }
        return expression;
    }

    private peek(): Token {
        return this.tokens[this.index] ?? {kind: 'end', position: this.text.length};
    }

    private advance(): Token {
        const token = this.peek();
        this.index += 1;
        return token;
    }

    private isKeyword(word: string): boolean {
        const token = this.peek();
        return token.kind === 'identifier' && token.text === word;
    }

    private expect(kind: Token['kind']): Token {
        const token = this.advance();
        if (token.kind !== kind) {
            throw syntaxError(token.position, this.text);
        }
        return token;
    }

    private parseOr(): FilterExpression {
        let left = this.parseAnd();
        while (this.isKeyword('or')) {
            this.advance();
            left = {kind: 'logical', operator: 'or', left, right: this.parseAnd()};
        }
        return left;
    }

    private parseAnd(): FilterExpression {
        let left = this.parseComparison();
        while (this.isKeyword('and')) {
            this.advance();
            left = {kind: 'logical', operator: 'and', left, right: this.parseComparison()};
        }
        return left;
    }

    private parseComparison(): FilterExpression {
        const left = this.parseUnary();
        const next = this.peek();
        if (next.kind !== 'identifier' || !COMPARISON_OPERATORS.includes(next.text)) {
            return left;
        }
        this.advance();
        const operator = next.text as ComparisonOperator;
        return {kind: 'comparison', operator, left, right: this.parseUnary()};
    }

    private parseUnary(): FilterExpression {
        if (this.isKeyword('not')) {
            this.advance();
            return {kind: 'not', operand: this.parseUnary()};
        }
        return this.parsePrimary();
    }

    private parsePrimary(): FilterExpression {
        const token = this.advance();
        switch (token.kind) {
            case 'openParen': {
                const inner = this.parseOr();
                this.expect('closeParen');
                return inner;
            }
            case 'identifier':
                return this.parseIdentifier(token.text);
            case 'string':
                return literal({type: 'string', value: token.value});
            case 'number':
                return literal({
                    type: 'number',
                    value: token.value,
                    isInteger: /^-?\d+[lL]?$/.test(token.text),
                });
            case 'guid':
                return literal({type: 'guid', value: token.value});
            case 'dateTimeOffset':
                return literal({type: 'dateTimeOffset', value: token.value});
            case 'date':
                return literal({type: 'date', value: token.value});
            case 'enum':
                return literal({type: 'enum', typeName: token.typeName, value: token.value});
            case 'openBracket':
                return this.parseArray();
            case 'closeParen':
            case 'comma':
            case 'slash':
            case 'equals':
            case 'closeBracket':
            case 'end':
                throw syntaxError(token.position, this.text);
        }
    }

    private parseIdentifier(name: string): FilterExpression {
        switch (name) {
            case 'true':
            case 'false':
                return literal({type: 'boolean', value: name === 'true'});
            case 'null':
                return literal({type: 'null'});
        }
        if (name.startsWith('@')) {
            return this.parseAlias(name);
        }
        if (this.peek().kind === 'openParen') {
            return this.parseCall(name);
        }
        const path = [name];
        while (this.peek().kind === 'slash') {
            this.advance();
            const segment = this.expect('identifier');
            path.push(segment.kind === 'identifier' ? segment.text : '');
        }
        return {kind: 'property', path};
    }

    /** Parses the value of a parameter alias such as `@p1`, given in the query as `@p1='x'`. */
    private parseAlias(name: string): FilterExpression {
        const value = this.aliases.get(name);
        if (value === undefined) {
            throw queryError(`The parameter alias '${name}' has no value in the query string.`);
        }
        // An alias stands for one value, so it may not refer to further aliases.
        return new FilterParser(value, tokenize(value), new Map()).parse();
    }

    private parseCall(name: string): FilterExpression {
        this.expect('openParen');
        const args: FilterExpression[] = [];
        const namedArgs = new Map<string, FilterExpression>();
        while (this.peek().kind !== 'closeParen') {
            if (args.length + namedArgs.size > 0) {
                this.expect('comma');
            }
            const next = this.peek();
            if (next.kind === 'identifier' && this.tokens[this.index + 1]?.kind === 'equals') {
                this.index += 2;
                namedArgs.set(next.text, this.parseOr());
            } else {
                args.push(this.parseOr());
            }
        }
        this.expect('closeParen');
        return {kind: 'call', name, args, namedArgs};
    }

    /** Parses `[item, …]` after its opening bracket; items must be literals. */
    private parseArray(): FilterExpression {
        const items: Literal[] = [];
        while (this.peek().kind !== 'closeBracket') {
            if (items.length > 0) {
                this.expect('comma');
            }
            const position = this.peek().position;
            const item = this.parsePrimary();
            if (item.kind !== 'literal') {
                throw syntaxError(position, this.text);
            }
            items.push(item.literal);
        }
        this.expect('closeBracket');
        return {kind: 'array', items};
    }
}

function literal(value: Literal): FilterExpression {
    return {kind: 'literal', literal: value};
}

/**
 * Parses a `$filter` value; throws Dataverse's `0x80060888` syntax errors. `aliases` maps the
 * query's parameter aliases (`@p1`) and their values.
 */
export function parseFilter(
    text: string,
    aliases: ReadonlyMap<string, string> = new Map(),
): FilterExpression {
    if (text.trim() === '') {
        throw queryError('The $filter expression must not be empty.');
    }
    return new FilterParser(text, tokenize(text), aliases).parse();
}
