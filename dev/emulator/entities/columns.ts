/**
 * Builders that keep table definitions short. Each returns a column that is valid for create,
 * update and read unless its options change that.
 */
import type {
    AttributeDefinition,
    BooleanAttribute,
    DateTimeAttribute,
    LookupAttribute,
    MemoAttribute,
    NavigationProperty,
    NumberAttribute,
    OptionDefinition,
    PicklistAttribute,
    RequiredLevel,
    StateOption,
    StatusOption,
    StringAttribute,
    UniqueidentifierAttribute,
} from './types';

interface ColumnOptions {
    readonly requiredLevel?: RequiredLevel;
    readonly isValidForCreate?: boolean;
    readonly isValidForUpdate?: boolean;
}

/** Options for system-maintained columns that no create or update may set. */
export const READ_ONLY: ColumnOptions = {isValidForCreate: false, isValidForUpdate: false};

function common(
    logicalName: string,
    schemaName: string,
    displayName: string,
    options: ColumnOptions,
) {
    return {
        logicalName,
        schemaName,
        displayName,
        requiredLevel: options.requiredLevel ?? 'None',
        isValidForCreate: options.isValidForCreate ?? true,
        isValidForUpdate: options.isValidForUpdate ?? true,
    };
}

export function stringColumn(
    names: [logicalName: string, schemaName: string, displayName: string],
    maxLength: number,
    options: ColumnOptions & {readonly format?: StringAttribute['format']} = {},
): StringAttribute {
    return {
        ...common(...names, options),
        type: 'String',
        maxLength,
        format: options.format ?? 'Text',
    };
}

/** Builds the table's primary key column, which a create may supply and no update may change. */
export function idColumn(
    names: [logicalName: string, schemaName: string, displayName: string],
): UniqueidentifierAttribute {
    return {
        ...common(...names, {requiredLevel: 'SystemRequired', isValidForUpdate: false}),
        type: 'Uniqueidentifier',
    };
}

export function memoColumn(
    names: [logicalName: string, schemaName: string, displayName: string],
    maxLength: number,
    options: ColumnOptions = {},
): MemoAttribute {
    return {...common(...names, options), type: 'Memo', maxLength};
}

export function numberColumn(
    names: [logicalName: string, schemaName: string, displayName: string],
    type: NumberAttribute['type'],
    range: {readonly min: number; readonly max: number; readonly precision?: number},
    options: ColumnOptions = {},
): NumberAttribute {
    return {
        ...common(...names, options),
        type,
        minValue: range.min,
        maxValue: range.max,
        precision: range.precision ?? 0,
    };
}

export function booleanColumn(
    names: [logicalName: string, schemaName: string, displayName: string],
    labels: {readonly trueLabel: string; readonly falseLabel: string},
    options: ColumnOptions = {},
): BooleanAttribute {
    return {...common(...names, options), type: 'Boolean', ...labels};
}

export function dateTimeColumn(
    names: [logicalName: string, schemaName: string, displayName: string],
    behavior: DateTimeAttribute['behavior'],
    options: ColumnOptions = {},
): DateTimeAttribute {
    return {...common(...names, options), type: 'DateTime', behavior};
}

export function picklistColumn(
    names: [logicalName: string, schemaName: string, displayName: string],
    options: readonly OptionDefinition[],
    columnOptions: ColumnOptions = {},
): PicklistAttribute {
    return {...common(...names, columnOptions), type: 'Picklist', options};
}

export function lookupColumn(
    names: [logicalName: string, schemaName: string, displayName: string],
    type: LookupAttribute['type'],
    navigationProperties: readonly NavigationProperty[],
    options: ColumnOptions = {},
): LookupAttribute {
    return {
        ...common(...names, options),
        type,
        targets: navigationProperties.map(property => property.target),
        navigationProperties,
    };
}

/** Builds the `statecode` and `statuscode` pair that every user-owned table has. */
export function stateStatusColumns(
    states: readonly StateOption[],
    statuses: readonly StatusOption[],
): AttributeDefinition[] {
    return [
        {
            ...common('statecode', 'StateCode', 'Status', {
                requiredLevel: 'SystemRequired',
                isValidForCreate: false,
            }),
            type: 'State',
            options: states,
        },
        {
            ...common('statuscode', 'StatusCode', 'Status Reason', {}),
            type: 'Status',
            options: statuses,
        },
    ];
}

/** Builds `createdon`, `modifiedon`, `overriddencreatedon` and `versionnumber`, which every table has. */
export function auditColumns(): AttributeDefinition[] {
    return [
        dateTimeColumn(['createdon', 'CreatedOn', 'Created On'], 'UserLocal', READ_ONLY),
        dateTimeColumn(['modifiedon', 'ModifiedOn', 'Modified On'], 'UserLocal', READ_ONLY),
        dateTimeColumn(
            ['overriddencreatedon', 'OverriddenCreatedOn', 'Record Created On'],
            'UserLocal',
            {
                isValidForUpdate: false,
            },
        ),
        numberColumn(
            ['versionnumber', 'VersionNumber', 'Version Number'],
            'BigInt',
            {min: -9223372036854775808, max: 9223372036854775807},
            READ_ONLY,
        ),
    ];
}
