/**
 * How lookup columns travel through the Dataverse port. The Web API reads a lookup through its
 * `_<column>_value` property; the port hands the engine a LookupReference under the column's own
 * name instead, and takes a LookupBinding to set or clear it.
 */
import type {LookupBinding, LookupReference} from './ports';

const LOOKUP_VALUE_PROPERTY_PATTERN = /^_([a-z][a-z0-9_]*)_value$/;

/** Returns the property a read selects for a lookup column: `parentcustomerid` → `_parentcustomerid_value`. */
export function getLookupValueProperty(column: string): string {
    return `_${column}_value`;
}

/** Returns the lookup column a `_<column>_value` property reads, or null for any other property. */
export function getLookupColumnIfExists(property: string): string | null {
    return LOOKUP_VALUE_PROPERTY_PATTERN.exec(property)?.[1] ?? null;
}

export function isLookupReference(value: unknown): value is LookupReference {
    return (
        typeof value === 'object' &&
        value !== null &&
        typeof (value as {logicalName?: unknown}).logicalName === 'string' &&
        typeof (value as {id?: unknown}).id === 'string'
    );
}

export function isLookupBinding(value: unknown): value is LookupBinding {
    return (
        typeof value === 'object' &&
        value !== null &&
        (value as {kind?: unknown}).kind === 'lookupBinding'
    );
}
