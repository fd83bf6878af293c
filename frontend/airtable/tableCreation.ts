/**
 * Creates the table a mapping template needs, with every mapped and bookkeeping field, for a base
 * that has none. The template's primary field becomes the new table's primary field.
 */
import type {Base, Table} from '@airtable/blocks/models';
import {listTemplateFields, type MappingTemplate} from '../settings/mappingTemplate';
import {fromPermissionCheck, type CheckResult} from './checkResult';
import {toFieldDefinition} from './fieldCreation';

export function checkCanCreateTable(base: Base, template: MappingTemplate): CheckResult {
    const check = fromPermissionCheck(
        base.checkPermissionsForCreateTable(template.tableName, listTableFields(template)),
    );
    return check.ok
        ? check
        : {ok: false, reason: `Can't create table "${template.tableName}": ${check.reason}`};
}

/** Creates the table; the SDK resolves once it exists, because table creation is not optimistic. */
export async function createTableAsync(base: Base, template: MappingTemplate): Promise<Table> {
    return base.createTableAsync(template.tableName, listTableFields(template));
}

/** The template's fields with the primary one first, as `createTableAsync` requires. */
function listTableFields(template: MappingTemplate) {
    const fields = listTemplateFields(template);
    const ordered = [
        ...fields.filter(field => field.isPrimary === true),
        ...fields.filter(field => field.isPrimary !== true),
    ];
    return ordered.map(field => {
        const {name, type, options} = toFieldDefinition(field);
        return options === null ? {name, type} : {name, type, options};
    });
}
