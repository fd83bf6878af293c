/** Checks the default templates against the tables the Dataverse emulator serves. */
import {ACCOUNT} from '../../dev/emulator/entities/account';
import {CONTACT} from '../../dev/emulator/entities/contact';
import {OPPORTUNITY} from '../../dev/emulator/entities/opportunity';
import type {AttributeDefinition, EntityDefinition} from '../../dev/emulator/entities/types';
import type {MappingTemplate, TemplateColumn} from '../../frontend/settings/mappingTemplate';
import {SYNC_TEMPLATES} from '../../frontend/settings/syncTemplates';

const EMULATOR_TABLES: ReadonlyMap<string, EntityDefinition> = new Map(
    [ACCOUNT, CONTACT, OPPORTUNITY].map(entity => [entity.logicalName, entity]),
);

/** The emulator's type name for each column type the templates use. */
const EMULATOR_TYPES: Readonly<Record<string, readonly string[]>> = {
    string: ['String'],
    memo: ['Memo'],
    integer: ['Integer'],
    money: ['Money'],
    lookup: ['Lookup', 'Customer'],
};

function getEntity(template: MappingTemplate): EntityDefinition {
    const entity = EMULATOR_TABLES.get(template.entity.logicalName);
    if (entity === undefined) {
        throw new Error(`The emulator serves no ${template.entity.logicalName} table.`);
    }
    return entity;
}

function getAttribute(entity: EntityDefinition, column: TemplateColumn): AttributeDefinition {
    const attribute = entity.attributes.find(
        candidate => candidate.logicalName === column.column.logicalName,
    );
    if (attribute === undefined) {
        throw new Error(`${entity.logicalName} has no column ${column.column.logicalName}.`);
    }
    return attribute;
}

const COLUMNS = SYNC_TEMPLATES.flatMap(template =>
    template.columns.map(
        column => [template.tableName, column.column.logicalName, template, column] as const,
    ),
);

describe('default templates', () => {
    test.each(SYNC_TEMPLATES.map(template => [template.tableName, template] as const))(
        '%s entity matches the emulator',
        (_name, template) => {
            const entity = getEntity(template);

            expect(template.entity.entitySetName).toBe(entity.entitySetName);
            expect(template.entity.primaryIdAttribute).toBe(entity.primaryIdAttribute);
            expect(template.entity.primaryNameAttribute).toBe(entity.primaryNameAttribute);
            expect(template.entity.displayName).toBe(entity.displayName);
        },
    );

    test.each(COLUMNS)('%s %s matches the emulator', (_table, _column, template, column) => {
        const attribute = getAttribute(getEntity(template), column);

        expect(EMULATOR_TYPES[column.column.type]).toContain(attribute.type);
        expect(column.column.isValidForCreate).toBe(attribute.isValidForCreate);
        expect(column.column.isValidForUpdate).toBe(attribute.isValidForUpdate);
        if ('maxLength' in attribute) {
            expect(column.column.maxLength).toBe(attribute.maxLength);
        }
        if ('minValue' in attribute) {
            expect([column.column.minValue, column.column.maxValue]).toEqual([
                attribute.minValue,
                attribute.maxValue,
            ]);
        }
    });

    test.each(COLUMNS.filter(([, , , column]) => column.column.type === 'lookup'))(
        '%s %s binds a served navigation property',
        (_table, _column, template, column) => {
            const attribute = getAttribute(getEntity(template), column);
            const served =
                'navigationProperties' in attribute ? attribute.navigationProperties : [];

            for (const target of column.column.targets ?? []) {
                expect(served).toContainEqual({
                    name: target.navigationProperty,
                    target: target.logicalName,
                });
                expect(EMULATOR_TABLES.get(target.logicalName)?.entitySetName).toBe(
                    target.entitySetName,
                );
            }
        },
    );

    test('links name a template table', () => {
        const tableNames = SYNC_TEMPLATES.map(template => template.tableName);
        const linked = SYNC_TEMPLATES.flatMap(template =>
            template.columns.flatMap(column => column.field.linkedTableName ?? []),
        );

        expect(linked.length).toBeGreaterThan(0);
        for (const name of linked) {
            expect(tableNames).toContain(name);
        }
    });
});
