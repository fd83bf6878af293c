/**
 * JSON output with Dataverse's number formatting: Money and Decimal values carry a fixed number of
 * digits after the point (`"revenue": 5000000.0000`), which `JSON.stringify` cannot write.
 */

/** A number written with exactly `digits` digits after the decimal point. */
export class FixedDecimal {
    constructor(
        readonly value: number,
        readonly digits: number,
    ) {}
}

export type WireValue =
    | string
    | number
    | boolean
    | null
    | FixedDecimal
    | readonly WireValue[]
    | {readonly [key: string]: WireValue};

export function writeJson(value: WireValue): string {
    if (value instanceof FixedDecimal) {
        return value.value.toFixed(value.digits);
    }
    if (Array.isArray(value)) {
        return `[${value.map(writeJson).join(',')}]`;
    }
    if (typeof value === 'object' && value !== null) {
        const members = Object.entries(value).map(
            ([key, member]) => `${JSON.stringify(key)}:${writeJson(member)}`,
        );
        return `{${members.join(',')}}`;
    }
    return JSON.stringify(value);
}
