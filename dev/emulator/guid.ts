/** GUID text as the Web API accepts it in keys and bodies: 8-4-4-4-12 hex digits, no braces. */
const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns the GUID in lower case, or null when `text` is not a GUID. */
export function parseGuidIfValid(text: string): string | null {
    return GUID_PATTERN.test(text) ? text.toLowerCase() : null;
}
