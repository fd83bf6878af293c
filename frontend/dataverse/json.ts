/** Narrowing helpers for JSON that arrives from the network as `unknown`. */

export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getStringIfExists(object: JsonObject, key: string): string | null {
    const value = object[key];
    return typeof value === 'string' ? value : null;
}

export function getBooleanIfExists(object: JsonObject, key: string): boolean | null {
    const value = object[key];
    return typeof value === 'boolean' ? value : null;
}

export function getNumberIfExists(object: JsonObject, key: string): number | null {
    const value = object[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
