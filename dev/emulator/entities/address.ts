/**
 * The `address1_*` columns that account and contact share, and the read-only composite the platform
 * builds from them. Lengths are those of a new org's account and contact tables.
 */
import {READ_ONLY, memoColumn, numberColumn, stringColumn} from './columns';
import type {AttributeDefinition, Row} from './types';

export function addressColumns(): AttributeDefinition[] {
    return [
        stringColumn(['address1_line1', 'Address1_Line1', 'Address 1: Street 1'], 250),
        stringColumn(['address1_line2', 'Address1_Line2', 'Address 1: Street 2'], 250),
        stringColumn(['address1_line3', 'Address1_Line3', 'Address 1: Street 3'], 250),
        stringColumn(['address1_city', 'Address1_City', 'Address 1: City'], 80),
        stringColumn(
            ['address1_stateorprovince', 'Address1_StateOrProvince', 'Address 1: State/Province'],
            50,
        ),
        stringColumn(
            ['address1_postalcode', 'Address1_PostalCode', 'Address 1: ZIP/Postal Code'],
            20,
        ),
        stringColumn(['address1_country', 'Address1_Country', 'Address 1: Country/Region'], 80),
        memoColumn(['address1_composite', 'Address1_Composite', 'Address 1'], 1000, READ_ONLY),
        numberColumn(['address1_latitude', 'Address1_Latitude', 'Address 1: Latitude'], 'Double', {
            min: -90,
            max: 90,
            precision: 5,
        }),
        numberColumn(
            ['address1_longitude', 'Address1_Longitude', 'Address 1: Longitude'],
            'Double',
            {min: -180, max: 180, precision: 5},
        ),
    ];
}

function textOf(row: Row, column: string): string | null {
    const value = row[column];
    return typeof value === 'string' ? value : null;
}

/** Builds `address1_composite` the way the platform shows an address: one part per line. */
export function composeAddress(row: Row): string | null {
    const region = [textOf(row, 'address1_stateorprovince'), textOf(row, 'address1_postalcode')]
        .filter(part => part !== null)
        .join(' ');
    const cityLine = [textOf(row, 'address1_city'), region || null]
        .filter(part => part !== null)
        .join(', ');
    const lines = [
        textOf(row, 'address1_line1'),
        textOf(row, 'address1_line2'),
        textOf(row, 'address1_line3'),
        cityLine || null,
        textOf(row, 'address1_country'),
    ].filter(line => line !== null);
    return lines.length > 0 ? lines.join('\r\n') : null;
}
