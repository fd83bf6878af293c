/**
 * The lookup ↔ linked-record pairing in both directions, through the link index the engine
 * resolves rows with. Link cells become the binding that sets the lookup, and a lookup value
 * becomes link cells. The links that can't cross are rejected, and a property checks the round
 * trip. Both a single-target lookup (Company Name to Accounts) and a Customer column with two
 * targets (Potential Customer to Accounts and Contacts) are covered.
 */
import fc from 'fast-check';
import {airtableRecordId, parseGuid, type Guid} from '../../frontend/sync/ids';
import {getLinkGroups, type LinkGroup} from '../../frontend/sync/links/linkGroups';
import {LinkIndex} from '../../frontend/sync/links/linkIndex';
import {
    readLinkCells,
    readLookupValue,
    toLinkCells,
    toLookupBinding,
    type LinkConversion,
} from '../../frontend/sync/links/linkValues';
import type {ValueProblemCode} from '../../frontend/sync/convert';
import type {TableMapping} from '../../frontend/sync/mapping';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    COMPANY,
    CONTACT,
    CONTACTS_TABLE,
    CUSTOMER_ACCOUNT,
    CUSTOMER_CONTACT,
    accountsTable,
    contactsTable,
    opportunitiesTable,
} from './relationFixtures';

const CONTOSO = parseGuid('00000000-0000-4000-8000-00000000c050');
const ANA = parseGuid('00000000-0000-4000-8000-000000000a4a');
const GONE = parseGuid('00000000-0000-4000-8000-00000000dead');
const CONTOSO_ROW = airtableRecordId('recContoso');
const ANA_ROW = airtableRecordId('recAna');
const FAILED_ROW = airtableRecordId('recFailed');
const UNSYNCED_ROW = airtableRecordId('recUnsynced');

function createIndex(): LinkIndex {
    const index = new LinkIndex();
    index.addPair(ACCOUNTS_TABLE, CONTOSO_ROW, CONTOSO);
    index.addPair(CONTACTS_TABLE, ANA_ROW, ANA);
    index.markRowFailed(ACCOUNTS_TABLE, FAILED_ROW);
    return index;
}

function getOnlyGroup(table: TableMapping, tables: readonly TableMapping[]): LinkGroup {
    const directory = new Map(tables.map(mapped => [mapped.table.id, mapped]));
    const [group] = getLinkGroups(table, directory);
    if (group === undefined) {
        throw new Error(`The table ${table.table.name} maps no lookup.`);
    }
    return group;
}

const COMPANY_GROUP = getOnlyGroup(contactsTable([COMPANY]), [accountsTable([]), contactsTable()]);
const CUSTOMER_GROUP = getOnlyGroup(opportunitiesTable([CUSTOMER_ACCOUNT, CUSTOMER_CONTACT]), [
    accountsTable([]),
    contactsTable([]),
    opportunitiesTable(),
]);

const COMPANY_FIELD = COMPANY.field.id;
const CUSTOMER_ACCOUNT_FIELD = CUSTOMER_ACCOUNT.field.id;
const CUSTOMER_CONTACT_FIELD = CUSTOMER_CONTACT.field.id;

function linksTo(...rowIds: string[]) {
    return rowIds.map(id => ({id, name: `Row ${id}`}));
}

/** Converts link cells to the lookup binding, as a create or update to Dynamics does. */
function toBinding(group: LinkGroup, cells: Record<string, unknown>, index = createIndex()) {
    const canonical = readLinkCells(group, cells, index);
    return canonical.ok ? toLookupBinding(group, canonical.value, null) : canonical;
}

/** Converts a lookup value to link cells, as a create or update to Airtable does. */
function toCells(group: LinkGroup, raw: unknown, index = createIndex()) {
    const canonical = readLookupValue(group, raw);
    return canonical.ok ? toLinkCells(group, canonical.value, index) : canonical;
}

function getCode(result: LinkConversion<unknown>): ValueProblemCode | null {
    return result.ok ? null : result.problem.code;
}

function getMessage(result: LinkConversion<unknown>): string {
    return result.ok ? '' : result.problem.message;
}

describe('lookup ↔ linked record', () => {
    test.each([
        ['a linked account', {[COMPANY_FIELD]: linksTo(CONTOSO_ROW)}, CONTOSO],
        ['no link', {[COMPANY_FIELD]: []}, null],
        ['an empty cell', {[COMPANY_FIELD]: null}, null],
    ])('binds %s', (_title, cells, id) => {
        const result = toBinding(COMPANY_GROUP, cells);

        expect(result).toEqual({
            ok: true,
            value: {
                kind: 'lookupBinding',
                navigationProperty: 'parentcustomerid_account',
                entitySetName: ACCOUNT.entitySetName,
                id,
            },
        });
    });

    test.each([
        [
            'a referenced account',
            {logicalName: ACCOUNT.logicalName, id: CONTOSO},
            [{id: CONTOSO_ROW}],
        ],
        ['no reference', null, []],
    ])('links %s', (_title, raw, cell) => {
        expect(toCells(COMPANY_GROUP, raw)).toEqual({ok: true, value: {[COMPANY_FIELD]: cell}});
    });

    test.each<readonly [string, Record<string, unknown>, ValueProblemCode, string]>([
        [
            'two links',
            {[COMPANY_FIELD]: linksTo(CONTOSO_ROW, ANA_ROW)},
            'tooManyLinks',
            'Keep one link',
        ],
        [
            'a failed row',
            {[COMPANY_FIELD]: linksTo(FAILED_ROW)},
            'unresolvedLink',
            'Fix that row first',
        ],
        [
            'an unsynced row',
            {[COMPANY_FIELD]: linksTo(UNSYNCED_ROW)},
            'unresolvedLink',
            'Sync again',
        ],
        ['a text cell', {[COMPANY_FIELD]: 'Contoso'}, 'wrongType', 'still a linked-record field'],
    ])('rejects %s toward Dynamics', (_title, cells, code, fix) => {
        const result = toBinding(COMPANY_GROUP, cells);

        expect(getCode(result)).toBe(code);
        expect(getMessage(result)).toContain(fix);
    });

    test.each<readonly [string, unknown, ValueProblemCode, string]>([
        [
            'a record without row',
            {logicalName: ACCOUNT.logicalName, id: GONE},
            'unresolvedLink',
            GONE,
        ],
        ['a bare GUID', CONTOSO, 'wrongType', 'not a reference'],
        ['a number', 7, 'wrongType', "Check the column's type"],
    ])('rejects %s toward Airtable', (_title, raw, code, mention) => {
        const result = toCells(COMPANY_GROUP, raw);

        expect(getCode(result)).toBe(code);
        expect(getMessage(result)).toContain(mention);
    });

    test('round-trips any linked pair', () => {
        const pairs = fc.record({
            id: fc.uuid({version: 4}).map(text => parseGuid(text)),
            rowId: fc.stringMatching(/^rec[A-Za-z0-9]{14}$/).map(airtableRecordId),
        });

        fc.assert(
            fc.property(pairs, ({id, rowId}) => {
                const index = new LinkIndex();
                index.addPair(ACCOUNTS_TABLE, rowId, id);
                const cells = {[COMPANY_FIELD]: [{id: rowId, name: 'Any'}]};

                const binding = toBinding(COMPANY_GROUP, cells, index);
                const bound: Guid | null = binding.ok ? binding.value.id : null;
                const back = toCells(
                    COMPANY_GROUP,
                    {logicalName: ACCOUNT.logicalName, id: bound},
                    index,
                );

                expect(bound).toBe(id);
                expect(back).toEqual({ok: true, value: {[COMPANY_FIELD]: [{id: rowId}]}});
            }),
        );
    });
});

describe('Customer lookup ↔ two link fields', () => {
    test('binds a linked contact', () => {
        const result = toBinding(CUSTOMER_GROUP, {
            [CUSTOMER_ACCOUNT_FIELD]: [],
            [CUSTOMER_CONTACT_FIELD]: linksTo(ANA_ROW),
        });

        expect(result).toEqual({
            ok: true,
            value: {
                kind: 'lookupBinding',
                navigationProperty: 'customerid_contact',
                entitySetName: CONTACT.entitySetName,
                id: ANA,
            },
        });
    });

    test('links a referenced contact', () => {
        const result = toCells(CUSTOMER_GROUP, {logicalName: CONTACT.logicalName, id: ANA});

        expect(result).toEqual({
            ok: true,
            value: {[CUSTOMER_ACCOUNT_FIELD]: [], [CUSTOMER_CONTACT_FIELD]: [{id: ANA_ROW}]},
        });
    });

    test('rejects links in both fields', () => {
        const result = toBinding(CUSTOMER_GROUP, {
            [CUSTOMER_ACCOUNT_FIELD]: linksTo(CONTOSO_ROW),
            [CUSTOMER_CONTACT_FIELD]: linksTo(ANA_ROW),
        });

        expect(getCode(result)).toBe('tooManyLinks');
        expect(getMessage(result)).toContain("'Potential Customer'");
    });

    test('rejects a table without field', () => {
        const group = getOnlyGroup(opportunitiesTable([CUSTOMER_ACCOUNT]), [
            accountsTable([]),
            opportunitiesTable(),
        ]);

        const result = toCells(group, {logicalName: CONTACT.logicalName, id: ANA});

        expect(group.isPolymorphic).toBe(false);
        expect(getCode(result)).toBe('unresolvedLink');
    });

    test('keeps the table in the value', () => {
        const canonical = readLookupValue(CUSTOMER_GROUP, {
            logicalName: CONTACT.logicalName,
            id: ANA,
        });

        expect(canonical).toEqual({ok: true, value: `contact:${ANA}`});
    });
});
