import fc from 'fast-check';
import {
    buildPreferValues,
    buildQueryString,
    checkPropertyName,
    formatEntityPath,
    formatFilter,
    formatGuidLiteral,
    formatStringLiteral,
    getAssociatedNavigationPropertyIfExists,
    getColumnValues,
    getEtagIfExists,
    getFormattedValueIfExists,
    getLookupLogicalNameIfExists,
    getNextLinkIfExists,
    parseEntityIdIfValid,
    type FilterExpression,
} from '../../frontend/dataverse/odata';
import {entitySetName} from '../../frontend/sync/ids';

const GUID = '7d1f3a52-3e6b-4c87-8d5a-0000000000b1';

function nameEquals(value: string): FilterExpression {
    return {kind: 'comparison', column: 'name', operator: 'eq', value: {kind: 'string', value}};
}

/** Decodes the `$filter` parameter the way a server does. */
function decodeFilter(queryString: string): string | null {
    return new URLSearchParams(queryString.slice(1)).get('$filter');
}

describe('formatStringLiteral', () => {
    it('doubles a single quote', () => {
        expect(formatStringLiteral("O'Bryan")).toBe("'O''Bryan'");
    });

    it('doubles consecutive quotes', () => {
        expect(formatStringLiteral("''")).toBe("''''''");
    });

    it('keeps an unquoted literal parseable for any text', () => {
        fc.assert(
            fc.property(fc.string({unit: 'grapheme'}), text => {
                const literal = formatStringLiteral(text);
                const inner = literal.slice(1, -1);
                expect(inner.replace(/''/g, '')).not.toContain("'");
                expect(inner.replace(/''/g, "'")).toBe(text);
            }),
        );
    });
});

describe('formatGuidLiteral', () => {
    it('normalises case and braces', () => {
        expect(formatGuidLiteral(`{${GUID.toUpperCase()}}`)).toBe(GUID);
    });

    it.each([
        "7d1f3a52-3e6b-4c87-8d5a-0000000000b1') or (1 eq 1",
        'not-a-guid',
        '',
        '7d1f3a52-3e6b-4c87-8d5a-0000000000b',
    ])('rejects "%s"', text => {
        expect(() => formatGuidLiteral(text)).toThrow(TypeError);
    });
});

describe('formatEntityPath', () => {
    it('formats a row path', () => {
        expect(formatEntityPath(entitySetName('accounts'), GUID)).toBe(`accounts(${GUID})`);
    });

    it('rejects an id that is not a GUID', () => {
        expect(() => formatEntityPath(entitySetName('accounts'), "x'")).toThrow(TypeError);
    });
});

describe('checkPropertyName', () => {
    it.each(['name', '_parentcustomerid_value', 'new_Project'])('accepts %s', name => {
        expect(checkPropertyName(name)).toBe(name);
    });

    it.each(['name,revenue', 'name desc', '1name', 'na-me', '', 'näme', 'name&$top=1'])(
        'rejects "%s"',
        name => {
            expect(() => checkPropertyName(name)).toThrow(TypeError);
        },
    );
});

describe('formatFilter', () => {
    it('formats a string comparison', () => {
        expect(formatFilter(nameEquals("O'Bryan"))).toBe("name eq 'O''Bryan'");
    });

    it('formats an unquoted GUID', () => {
        const expression: FilterExpression = {
            kind: 'comparison',
            column: '_parentcustomerid_value',
            operator: 'eq',
            value: {kind: 'guid', value: GUID.toUpperCase()},
        };
        expect(formatFilter(expression)).toBe(`_parentcustomerid_value eq ${GUID}`);
    });

    it('rejects a GUID that is not one', () => {
        const expression: FilterExpression = {
            kind: 'comparison',
            column: 'accountid',
            operator: 'eq',
            value: {kind: 'guid', value: '1 or 1 eq 1'},
        };
        expect(() => formatFilter(expression)).toThrow(TypeError);
    });

    it('formats dates, numbers, booleans and null', () => {
        const expression: FilterExpression = {
            kind: 'and',
            operands: [
                {
                    kind: 'comparison',
                    column: 'modifiedon',
                    operator: 'ge',
                    value: {kind: 'dateTime', value: new Date(Date.UTC(2025, 5, 3, 16, 14, 7))},
                },
                {
                    kind: 'comparison',
                    column: 'revenue',
                    operator: 'gt',
                    value: {kind: 'number', value: 2.5},
                },
                {
                    kind: 'comparison',
                    column: 'donotemail',
                    operator: 'eq',
                    value: {kind: 'boolean', value: false},
                },
                {
                    kind: 'not',
                    operand: {
                        kind: 'comparison',
                        column: 'telephone1',
                        operator: 'eq',
                        value: {kind: 'null'},
                    },
                },
            ],
        };
        expect(formatFilter(expression)).toBe(
            '(modifiedon ge 2025-06-03T16:14:07.000Z) and (revenue gt 2.5) and (donotemail eq false) and (not (telephone1 eq null))',
        );
    });

    it('rejects a number that is not finite', () => {
        const expression: FilterExpression = {
            kind: 'comparison',
            column: 'revenue',
            operator: 'gt',
            value: {kind: 'number', value: Number.NaN},
        };
        expect(() => formatFilter(expression)).toThrow(TypeError);
    });

    it('rejects an empty "or"', () => {
        expect(() => formatFilter({kind: 'or', operands: []})).toThrow(TypeError);
    });

    it('rejects a column name with an operator', () => {
        const expression: FilterExpression = {
            kind: 'comparison',
            column: 'name eq name or name',
            operator: 'eq',
            value: {kind: 'null'},
        };
        expect(() => formatFilter(expression)).toThrow(TypeError);
    });
});

describe('buildQueryString', () => {
    it('returns an empty string without options', () => {
        expect(buildQueryString({})).toBe('');
    });

    it('joins select columns once each', () => {
        expect(buildQueryString({select: ['name', 'accountid', 'name']})).toBe(
            '?$select=name,accountid',
        );
    });

    it('assembles every option in order', () => {
        const query = buildQueryString({
            select: ['name'],
            filter: nameEquals('Contoso'),
            orderBy: [
                {column: 'createdon', direction: 'desc'},
                {column: 'name', direction: 'asc'},
            ],
            top: 3,
            count: true,
        });
        expect(query).toBe(
            "?$select=name&$filter=name%20eq%20'Contoso'&$orderby=createdon%20desc%2Cname%20asc&$top=3&$count=true",
        );
    });

    it.each(['Smith & Sons', 'Room #4', '100% pure', 'a+b', 'Ünïcødé 東京', "O'Hara?x=1&$top=1"])(
        'round-trips "%s" through URL decoding',
        name => {
            const query = buildQueryString({filter: nameEquals(name)});
            expect(decodeFilter(query)).toBe(`name eq ${formatStringLiteral(name)}`);
        },
    );

    it('encodes characters that would end the parameter', () => {
        const query = buildQueryString({filter: nameEquals('a&b#c%d+e')});
        expect(query).toBe("?$filter=name%20eq%20'a%26b%23c%25d%2Be'");
    });

    it('round-trips any text through URL decoding', () => {
        fc.assert(
            fc.property(fc.string({unit: 'grapheme'}), name => {
                const query = buildQueryString({filter: nameEquals(name)});
                expect(decodeFilter(query)).toBe(`name eq ${formatStringLiteral(name)}`);
            }),
        );
    });

    it.each([0, -1, 2.5])('rejects $top of %d', top => {
        expect(() => buildQueryString({top})).toThrow(RangeError);
    });

    it('rejects a select column with a comma', () => {
        expect(() => buildQueryString({select: ['name,revenue']})).toThrow(TypeError);
    });
});

describe('buildPreferValues', () => {
    it('returns no values without options', () => {
        expect(buildPreferValues({})).toEqual([]);
    });

    it('lists page size, annotations and representation', () => {
        expect(
            buildPreferValues({
                maxPageSize: 100,
                includeAnnotations: [
                    'OData.Community.Display.V1.FormattedValue',
                    'Microsoft.Dynamics.CRM.lookuplogicalname',
                ],
                returnRepresentation: true,
            }),
        ).toEqual([
            'odata.maxpagesize=100',
            'odata.include-annotations="OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname"',
            'return=representation',
        ]);
    });

    it.each([0, 5001, 1.5])('rejects page size %d', maxPageSize => {
        expect(() => buildPreferValues({maxPageSize})).toThrow(RangeError);
    });
});

describe('response readers', () => {
    const row = {
        '@odata.etag': 'W/"1200451"',
        fullname: 'Ada Lovelace',
        '_parentcustomerid_value@OData.Community.Display.V1.FormattedValue':
            'Analytical Engines Ltd',
        '_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty':
            'parentcustomerid_account',
        '_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
        _parentcustomerid_value: GUID,
        contactid: '1b5c0a1e-0d5a-4f0e-9a11-0000000000a1',
    };

    it('reads the ETag', () => {
        expect(getEtagIfExists(row)).toBe('W/"1200451"');
    });

    it('reads the formatted value', () => {
        expect(getFormattedValueIfExists(row, '_parentcustomerid_value')).toBe(
            'Analytical Engines Ltd',
        );
    });

    it('reads the lookup logical name', () => {
        expect(getLookupLogicalNameIfExists(row, '_parentcustomerid_value')).toBe('account');
    });

    it('reads the navigation property', () => {
        expect(getAssociatedNavigationPropertyIfExists(row, '_parentcustomerid_value')).toBe(
            'parentcustomerid_account',
        );
    });

    it('returns null for a missing annotation', () => {
        expect(getFormattedValueIfExists(row, 'fullname')).toBeNull();
    });

    it('returns null for a missing nextLink', () => {
        expect(getNextLinkIfExists({value: []})).toBeNull();
    });

    it('drops OData control information from values', () => {
        const values = getColumnValues({...row, '@odata.context': 'x'});
        expect(Object.keys(values)).not.toContain('@odata.etag');
        expect(Object.keys(values)).not.toContain('@odata.context');
        expect(values['_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe(
            'account',
        );
    });
});

describe('parseEntityIdIfValid', () => {
    it('reads the set and id', () => {
        const header =
            'https://contoso.crm.dynamics.com/api/data/v9.2/contacts(3F0E6C1B-9D2A-4A8E-B3C4-0000000000A3)';
        expect(parseEntityIdIfValid(header)).toEqual({
            entitySetName: 'contacts',
            id: '3f0e6c1b-9d2a-4a8e-b3c4-0000000000a3',
        });
    });

    it.each([
        null,
        '',
        'https://contoso.crm.dynamics.com/api/data/v9.2/contacts',
        'https://contoso.crm.dynamics.com/api/data/v9.2/contacts(not-a-guid)',
        "https://contoso.crm.dynamics.com/api/data/v9.2/accounts(accountnumber='A1')",
    ])('returns null for %p', header => {
        expect(parseEntityIdIfValid(header)).toBeNull();
    });
});
