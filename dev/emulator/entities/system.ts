/**
 * System tables the emulator serves read-only, so a client can show "Connected to <org> as
 * <user>" and resolve the currency of money columns. Only the columns those uses need are defined.
 */
import {READ_ONLY, auditColumns, idColumn, numberColumn, stringColumn} from './columns';
import type {EntityDefinition} from './types';

export const SYSTEM_USER: EntityDefinition = {
    logicalName: 'systemuser',
    schemaName: 'SystemUser',
    entitySetName: 'systemusers',
    primaryIdAttribute: 'systemuserid',
    primaryNameAttribute: 'fullname',
    displayName: 'User',
    displayCollectionName: 'Users',
    objectTypeCode: 8,
    ownershipType: 'None',
    isChangeTrackingEnabled: true,
    isReadOnly: true,
    attributes: [
        idColumn(['systemuserid', 'SystemUserId', 'User']),
        stringColumn(['fullname', 'FullName', 'Full Name'], 200, READ_ONLY),
        stringColumn(['firstname', 'FirstName', 'First Name'], 64),
        stringColumn(['lastname', 'LastName', 'Last Name'], 64),
        stringColumn(['domainname', 'DomainName', 'User Name'], 1024),
        stringColumn(['internalemailaddress', 'InternalEMailAddress', 'Primary Email'], 100, {
            format: 'Email',
        }),
        ...auditColumns(),
    ],
};

export const ORGANIZATION: EntityDefinition = {
    logicalName: 'organization',
    schemaName: 'Organization',
    entitySetName: 'organizations',
    primaryIdAttribute: 'organizationid',
    primaryNameAttribute: 'name',
    displayName: 'Organization',
    displayCollectionName: 'Organizations',
    objectTypeCode: 1019,
    ownershipType: 'None',
    isChangeTrackingEnabled: false,
    isReadOnly: true,
    attributes: [
        idColumn(['organizationid', 'OrganizationId', 'Organization']),
        stringColumn(['name', 'Name', 'Name'], 160, READ_ONLY),
        ...auditColumns(),
    ],
};

export const TRANSACTION_CURRENCY: EntityDefinition = {
    logicalName: 'transactioncurrency',
    schemaName: 'TransactionCurrency',
    entitySetName: 'transactioncurrencies',
    primaryIdAttribute: 'transactioncurrencyid',
    primaryNameAttribute: 'currencyname',
    displayName: 'Currency',
    displayCollectionName: 'Currencies',
    objectTypeCode: 9105,
    ownershipType: 'OrganizationOwned',
    isChangeTrackingEnabled: false,
    isReadOnly: true,
    attributes: [
        idColumn(['transactioncurrencyid', 'TransactionCurrencyId', 'Transaction Currency']),
        stringColumn(['currencyname', 'CurrencyName', 'Currency Name'], 100),
        stringColumn(['isocurrencycode', 'ISOCurrencyCode', 'Currency Code'], 5),
        stringColumn(['currencysymbol', 'CurrencySymbol', 'Currency Symbol'], 13),
        numberColumn(['currencyprecision', 'CurrencyPrecision', 'Currency Precision'], 'Integer', {
            min: 0,
            max: 4,
        }),
        numberColumn(['exchangerate', 'ExchangeRate', 'Exchange Rate'], 'Decimal', {
            min: 0.0000000001,
            max: 100_000_000_000,
            precision: 10,
        }),
        ...auditColumns(),
    ],
};
