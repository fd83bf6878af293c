import {migrateFromTemplates} from '../../../frontend/settings/mapping/migrateTemplates';
import {refreshColumns} from '../../../frontend/settings/mapping/refreshColumns';
import {SYNC_TEMPLATES} from '../../../frontend/settings/syncTemplates';
import {entitySetName, logicalName} from '../../../frontend/sync/ids';
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
