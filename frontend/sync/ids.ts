/**
 * Branded identifiers. Each kind of id is a plain string at run time, but the compiler keeps them
 * apart, so an Airtable field id cannot be passed where a record id or a Dataverse GUID is
 * expected. Build them only through the validating constructors below.
 */
declare const brand: unique symbol;
type Brand<T, Name extends string> = T & {readonly [brand]: Name};

/** A Dataverse row id, always lower case and without braces. */
export type Guid = Brand<string, 'Guid'>;
/** A Dataverse table's logical name (`account`) or a column's (`telephone1`). */
export type LogicalName = Brand<string, 'LogicalName'>;
/** A Dataverse entity set name, the collection segment of a Web API URL (`accounts`). */
export type EntitySetName = Brand<string, 'EntitySetName'>;
export type AirtableRecordId = Brand<string, 'AirtableRecordId'>;
export type AirtableFieldId = Brand<string, 'AirtableFieldId'>;
export type AirtableTableId = Brand<string, 'AirtableTableId'>;

const GUID_PATTERN = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
const LOGICAL_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
// Airtable ids are alphanumeric; the simulated base issues them without the `rec`/`fld` prefix.
const AIRTABLE_ID_PATTERN = /^[A-Za-z0-9]+$/;

/** Returns the GUID in canonical form, or null when `text` is not a GUID. */
export function parseGuidIfValid(text: string): Guid | null {
    const match = GUID_PATTERN.exec(text.trim());
    return match?.[1] ? (match[1].toLowerCase() as Guid) : null;
}

export function parseGuid(text: string): Guid {
    const guid = parseGuidIfValid(text);
    if (guid === null) {
        throw new TypeError(
            `"${text}" is not a GUID; expected the form 00000000-0000-0000-0000-000000000000.`,
        );
    }
    return guid;
}

export function logicalName(text: string): LogicalName {
    if (!LOGICAL_NAME_PATTERN.test(text)) {
        throw new TypeError(
            `"${text}" is not a Dataverse logical name; expected lower-case letters, digits and _.`,
        );
    }
    return text as LogicalName;
}

export function entitySetName(text: string): EntitySetName {
    if (!LOGICAL_NAME_PATTERN.test(text)) {
        throw new TypeError(`"${text}" is not a Dataverse entity set name.`);
    }
    return text as EntitySetName;
}

function airtableId<T extends string>(kind: string, text: string): T {
    if (!AIRTABLE_ID_PATTERN.test(text)) {
        throw new TypeError(`"${text}" is not an Airtable ${kind} id.`);
    }
    return text as T;
}

export const airtableRecordId = (text: string) => airtableId<AirtableRecordId>('record', text);
export const airtableFieldId = (text: string) => airtableId<AirtableFieldId>('field', text);
export const airtableTableId = (text: string) => airtableId<AirtableTableId>('table', text);
