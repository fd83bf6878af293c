/**
 * Builds the `OData.Community.Display.V1.FormattedValue` text for a column value, as Dataverse
 * shows it to a user with English (United States) settings. The emulated user's time zone is UTC.
 */
import {
    isEntityReference,
    type AttributeDefinition,
    type ColumnValue,
    type EntityReference,
} from './entities/types';

/** Lookups into the rest of the org that formatting needs: referenced row names and currencies. */
export interface FormatLookups {
    /** The primary name of a referenced row, or null when it does not exist. */
    getNameIfExists(reference: EntityReference): string | null;
    /** The currency symbol for money on a row with the given currency. */
    getCurrencySymbol(currency: ColumnValue | undefined): string;
}

function formatNumber(value: number, digits: number): string {
    return value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
    });
}

function formatDate(isoText: string, withTime: boolean): string {
    const time = new Date(/^\d{4}-\d{2}-\d{2}$/.test(isoText) ? `${isoText}T00:00:00Z` : isoText);
    const date = `${time.getUTCMonth() + 1}/${time.getUTCDate()}/${time.getUTCFullYear()}`;
    if (!withTime) {
        return date;
    }
    const hours = time.getUTCHours();
    const minutes = String(time.getUTCMinutes()).padStart(2, '0');
    const hour12 = hours % 12 === 0 ? 12 : hours % 12;
    return `${date} ${hour12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** Returns the formatted value, or null for columns Dataverse sends no formatted value for. */
export function formatValue(
    attribute: AttributeDefinition,
    value: ColumnValue,
    currency: ColumnValue | undefined,
    lookups: FormatLookups,
): string | null {
    if (value === null) {
        return null;
    }
    switch (attribute.type) {
        case 'String':
        case 'Memo':
        case 'Uniqueidentifier':
        case 'BigInt':
            return null;
        case 'Integer':
        case 'Double':
        case 'Decimal':
            return typeof value === 'number' ? formatNumber(value, attribute.precision) : null;
        case 'Money': {
            if (typeof value !== 'number') {
                return null;
            }
            const symbol = lookups.getCurrencySymbol(currency);
            const amount = formatNumber(Math.abs(value), attribute.precision);
            return value < 0 ? `-${symbol}${amount}` : `${symbol}${amount}`;
        }
        case 'Boolean':
            return value === true ? attribute.trueLabel : attribute.falseLabel;
        case 'DateTime':
            return typeof value === 'string'
                ? formatDate(value, attribute.behavior !== 'DateOnly')
                : null;
        case 'Picklist':
        case 'State':
        case 'Status':
            return attribute.options.find(option => option.value === value)?.label ?? null;
        case 'Lookup':
        case 'Owner':
        case 'Customer':
            return isEntityReference(value) ? lookups.getNameIfExists(value) : null;
    }
}
