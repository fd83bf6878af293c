/**
 * Finds the two bookkeeping fields of a synced table: by the stored id, else by their standard
 * names ("Dynamics ID", "Sync state"), so a field the extension has just created is used before
 * its id is saved.
 */
import type {AirtableFieldId} from '../../sync/ids';
import {DYNAMICS_ID_FIELD, SYNC_STATE_FIELD} from '../bookkeepingFields';
import type {TemplateField} from '../mappingTemplate';
import {
    getFieldByIdIfExists,
    getFieldByNameIfExists,
    type FieldSchema,
    type TableSchema,
} from '../tableSchema';
import type {StoredTableMapping} from './storedMapping';

export type BookkeepingRole = 'dynamicsId' | 'syncState';

export interface BookkeepingFieldLookup {
    readonly role: BookkeepingRole;
    /** The field as the extension creates it: its standard name and type. */
    readonly template: TemplateField;
    /** The field found, or null when the table has neither the stored id nor the name. */
    readonly field: FieldSchema | null;
}

export const BOOKKEEPING_TEMPLATES: Readonly<Record<BookkeepingRole, TemplateField>> = {
    dynamicsId: DYNAMICS_ID_FIELD,
    syncState: SYNC_STATE_FIELD,
};

export function findBookkeepingFields(
    entry: StoredTableMapping,
    table: TableSchema,
): BookkeepingFieldLookup[] {
    return [
        lookUp('dynamicsId', entry.dynamicsIdFieldId, table),
        lookUp('syncState', entry.syncStateFieldId, table),
    ];
}

function lookUp(
    role: BookkeepingRole,
    storedId: AirtableFieldId | null,
    table: TableSchema,
): BookkeepingFieldLookup {
    const template = BOOKKEEPING_TEMPLATES[role];
    const byId = storedId === null ? null : getFieldByIdIfExists(table, storedId);
    return {role, template, field: byId ?? getFieldByNameIfExists(table, template.name)};
}
