import {migrateFromTemplates} from '../../../frontend/settings/mapping/migrateTemplates';
import {refreshAllColumns, refreshColumns} from '../../../frontend/settings/mapping/refreshColumns';
import {SYNC_TEMPLATES} from '../../../frontend/settings/syncTemplates';
import {entitySetName, logicalName, type LogicalName} from '../../../frontend/sync/ids';
import type {ColumnSpec} from '../../../frontend/sync/mapping';
import {createRelatedSchemas} from '../relatedSchemas';

const SAMPLE = migrateFromTemplates(SYNC_TEMPLATES, createRelatedSchemas());

function liveColumnsOf(name: string): ColumnSpec[] {
    const entry = SAMPLE.tables.find(table => table.entity.logicalName === name);
    return entry?.fields.map(field => field.column) ?? [];
}

function getColumn(mapping: typeof SAMPLE, table: string, column: string) {
    return mapping.tables
        .find(entry => entry.entity.logicalName === table)
        ?.fields.find(field => field.column.logicalName === column)?.column;
}

describe('refreshColumns', () => {
    test('returns an unchanged mapping', () => {
        const refreshed = refreshColumns(SAMPLE, logicalName('account'), liveColumnsOf('account'));

        expect(refreshed).toBe(SAMPLE);
    });

    test('takes the live length', () => {
        const live = liveColumnsOf('account').map(column =>
            column.logicalName === 'name' ? {...column, maxLength: 200} : column,
        );

        const refreshed = refreshColumns(SAMPLE, logicalName('account'), live);

        expect(getColumn(refreshed, 'account', 'name')?.maxLength).toBe(200);
        expect(getColumn(SAMPLE, 'account', 'name')?.maxLength).toBe(160);
    });

    test('keeps columns gone from Dynamics', () => {
        const live = liveColumnsOf('account').filter(column => column.logicalName !== 'websiteurl');

        const refreshed = refreshColumns(SAMPLE, logicalName('account'), live);

        expect(getColumn(refreshed, 'account', 'websiteurl')).toBeDefined();
    });

    test('keeps the mapped lookup targets', () => {
        const contactTarget = {
            logicalName: logicalName('contact'),
            entitySetName: entitySetName('contacts'),
            navigationProperty: 'parentcustomerid_contact',
        };
        const live = liveColumnsOf('contact').map(column =>
            column.logicalName === 'parentcustomerid'
                ? {...column, isRequired: true, targets: [...(column.targets ?? []), contactTarget]}
                : column,
        );

        const refreshed = refreshColumns(SAMPLE, logicalName('contact'), live);

        const company = getColumn(refreshed, 'contact', 'parentcustomerid');
        expect(company?.isRequired).toBe(true);
        expect(company?.targets?.map(target => target.logicalName)).toEqual(['account']);
    });

    test('keeps the option map', () => {
        const optionMap = [{value: 2, airtableName: 'Farming'}];
        const withMap = {
            ...SAMPLE,
            tables: SAMPLE.tables.map(entry => ({
                ...entry,
                fields: entry.fields.map(field =>
                    field.column.logicalName === 'name'
                        ? {...field, column: {...field.column, optionMap}}
                        : field,
                ),
            })),
        };
        const live = liveColumnsOf('account').map(column =>
            column.logicalName === 'name' ? {...column, displayName: 'Company Name'} : column,
        );

        const refreshed = refreshColumns(withMap, logicalName('account'), live);

        expect(getColumn(refreshed, 'account', 'name')?.displayName).toBe('Company Name');
        expect(getColumn(refreshed, 'account', 'name')?.optionMap).toEqual(optionMap);
    });
});

describe('refreshAllColumns', () => {
    const customerTargets = (navigationPrefix: string) => [
        {
            logicalName: logicalName('account'),
            entitySetName: entitySetName('accounts'),
            navigationProperty: `${navigationPrefix}_account`,
        },
        {
            logicalName: logicalName('contact'),
            entitySetName: entitySetName('contacts'),
            navigationProperty: `${navigationPrefix}_contact`,
        },
    ];

    /** Reads the columns of each table as Dynamics lists them, with Customer columns' both targets. */
    function readLiveColumns(): Map<LogicalName, ColumnSpec[]> {
        const customerColumns = new Set(['parentcustomerid', 'customerid']);
        const live = new Map<LogicalName, ColumnSpec[]>();
        for (const name of ['account', 'contact', 'opportunity']) {
            const columns = liveColumnsOf(name).map(column =>
                customerColumns.has(column.logicalName)
                    ? {...column, targets: customerTargets(column.logicalName)}
                    : column,
            );
            live.set(logicalName(name), columns);
        }
        return live;
    }

    test('keeps the Customer targets of every table', () => {
        const refreshed = refreshAllColumns(SAMPLE, readLiveColumns());

        const names = (column: ColumnSpec | undefined) =>
            column?.targets?.map(target => target.logicalName);
        expect(names(getColumn(refreshed, 'contact', 'parentcustomerid'))).toEqual(['account']);
        expect(names(getColumn(refreshed, 'opportunity', 'customerid'))).toEqual(['account']);
        expect(refreshed).toBe(SAMPLE);
    });

    test('ignores the order of keys', () => {
        const live = new Map(
            [...readLiveColumns()].map(([name, columns]) => [
                name,
                columns.map(column => Object.fromEntries(Object.entries(column).reverse())),
            ]),
        ) as Map<LogicalName, ColumnSpec[]>;

        expect(refreshAllColumns(SAMPLE, live)).toBe(SAMPLE);
    });
});
