/**
 * The Accounts columns the property edits and the values it writes. Every value is one that both
 * Airtable and Dynamics accept (valid e-mail addresses and URLs, numbers in range and within the
 * column's precision), so a case that does not converge points at the sync, not at a rejected value.
 * Small pools make the two sides often write the same value, which exercises the "agree" merge.
 *
 * The name and account number are the Accounts match keys: a first sync links a row without a
 * Dynamics ID to a record with no row when they share one, and sets aside both when several do.
 * Each account therefore carries its own tag in both (`Contoso #3`, `AC-100#3`), so accounts created
 * apart are never taken for one another, while the two sides of one account can still agree.
 */
import fc from 'fast-check';

export const ACCOUNT_COLUMNS = [
    'name',
    'accountnumber',
    'telephone1',
    'emailaddress1',
    'websiteurl',
    'address1_city',
    'address1_country',
    'revenue',
    'numberofemployees',
    'description',
] as const;

export type AccountColumn = (typeof ACCOUNT_COLUMNS)[number];

/** A cell or column value: text, a number, or null for empty. */
export type FieldValue = string | number | null;

export type AccountValues = Readonly<Partial<Record<AccountColumn, FieldValue>>>;

export type Side = 'airtable' | 'dynamics';

const SHARED_VALUES: Readonly<Record<AccountColumn, readonly FieldValue[]>> = {
    // Never empty, because the engine rejects a create or update that leaves the required name empty.
    name: ['Adatum', 'Contoso', 'Fabrikam', 'Litware'],
    accountnumber: ['AC-100', 'AC-200', null],
    telephone1: ['+1 425 555 0100', '+351 21 000 0000', null],
    emailaddress1: ['info@contoso.example', 'sales@fabrikam.example', null],
    websiteurl: ['https://contoso.example', 'www.fabrikam.example/about', null],
    address1_city: ['Lisbon', 'Oslo', 'Zürich', null],
    address1_country: ['Portugal', 'Norway', null],
    revenue: [0, 1250.5, 99999.99, null],
    numberofemployees: [0, 12, 5000, null],
    description: ['Key account', 'First line\nSecond line', null],
};

/**
 * Values a person can type in Airtable but Dynamics stores differently: an empty text cell, which
 * Dynamics stores as null, and a revenue with a third decimal, which Dynamics rounds to cents.
 */
const AIRTABLE_ONLY_VALUES: Readonly<Partial<Record<AccountColumn, readonly FieldValue[]>>> = {
    address1_city: [''],
    revenue: [10.125],
};

export function getValuePool(column: AccountColumn, side: Side): readonly FieldValue[] {
    const extra = side === 'airtable' ? (AIRTABLE_ONLY_VALUES[column] ?? []) : [];
    return [...SHARED_VALUES[column], ...extra];
}

export function valueArbitrary(column: AccountColumn, side: Side): fc.Arbitrary<FieldValue> {
    return fc.constantFrom(...getValuePool(column, side));
}

/** Generates one column set to one value, as a single edit makes it. */
export function columnEditArbitrary(
    side: Side,
): fc.Arbitrary<{readonly column: AccountColumn; readonly value: FieldValue}> {
    return fc
        .constantFrom(...ACCOUNT_COLUMNS)
        .chain(column => valueArbitrary(column, side).map(value => ({column, value})));
}

/** Generates the values of a new row or record, with some columns left empty. */
export function accountValuesArbitrary(side: Side): fc.Arbitrary<AccountValues> {
    const columns = Object.fromEntries(
        ACCOUNT_COLUMNS.map(column => [column, valueArbitrary(column, side)]),
    ) as Record<AccountColumn, fc.Arbitrary<FieldValue>>;
    return fc.record(columns, {requiredKeys: ['name']});
}

/** The match key columns, whose values carry the account's tag. */
const TAGGED_COLUMNS: ReadonlySet<AccountColumn> = new Set(['name', 'accountnumber']);
const TAG_PATTERN = /#(\d+)$/;

/** Adds the account's tag to a match key value. Other values and empty ones stay as they are. */
export function tagValue(column: AccountColumn, value: FieldValue, tag: number): FieldValue {
    if (!TAGGED_COLUMNS.has(column) || typeof value !== 'string' || value === '') {
        return value;
    }
    return column === 'name' ? `${value} #${tag}` : `${value}#${tag}`;
}

export function tagValues(values: AccountValues, tag: number): AccountValues {
    const tagged: Partial<Record<AccountColumn, FieldValue>> = {};
    for (const [column, value] of Object.entries(values) as Array<[AccountColumn, FieldValue]>) {
        tagged[column] = tagValue(column, value, tag);
    }
    return tagged;
}

/** Reads the tag from a tagged name, or returns null when the value carries none. */
export function readTagIfExists(name: unknown): number | null {
    const match = typeof name === 'string' ? TAG_PATTERN.exec(name) : null;
    return match?.[1] === undefined ? null : Number(match[1]);
}
