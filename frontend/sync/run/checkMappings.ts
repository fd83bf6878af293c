/** Rejects mappings the engine cannot run, before anything is read or written. */
import {checkCanSyncField} from '../convert';
import {isLookupMapping} from '../links/linkGroups';
import type {FieldMapping, TableMapping} from '../mapping';
import type {RunError} from '../outcomes';

type Check = {readonly ok: true} | {readonly ok: false; readonly reason: string};

export function checkCanSyncTables(tables: readonly TableMapping[]): RunError | null {
    for (const table of tables) {
        const check = checkCanSyncTable(table);
        if (!check.ok) {
            return {
                code: 'invalidMapping',
                message: `Nothing was synced: ${check.reason}`,
                detail: null,
                tableName: table.table.name,
            };
        }
    }
    return null;
}

function checkCanSyncTable(table: TableMapping): Check {
    const fieldIds = new Set<string>([table.dynamicsIdFieldId, table.syncStateFieldId]);
    const logicalNames = new Set<string>();
    if (fieldIds.size < 2) {
        return {
            ok: false,
            reason: `The Dynamics ID and Sync state of '${table.table.name}' use the same field. Give each its own field.`,
        };
    }
    for (const mapping of table.fields) {
        const check = checkCanSyncField(mapping);
        if (!check.ok) {
            return check;
        }
        const linkCheck = isLookupMapping(mapping) ? checkCanSyncLink(table, mapping) : null;
        if (linkCheck !== null && !linkCheck.ok) {
            return linkCheck;
        }
        // A lookup column may map to one link field per target table; any other column maps once.
        const isRepeatAllowed = isLookupMapping(mapping);
        if (
            fieldIds.has(mapping.field.id) ||
            (!isRepeatAllowed && logicalNames.has(mapping.column.logicalName))
        ) {
            return {
                ok: false,
                reason:
                    `The Airtable field '${mapping.field.name}' or the Dynamics column ` +
                    `'${mapping.column.logicalName}' appears twice in the mapping of ` +
                    `'${table.table.name}', or overlaps the Dynamics ID or Sync state field. ` +
                    `Map each field and column once.`,
            };
        }
        fieldIds.add(mapping.field.id);
        logicalNames.add(mapping.column.logicalName);
    }
    return {ok: true};
}

/** Checks that a lookup's link field names its table and agrees with the column's other fields. */
function checkCanSyncLink(table: TableMapping, mapping: FieldMapping): Check {
    const column = `'${mapping.column.displayName}' (${mapping.column.logicalName})`;
    if (mapping.field.linkedTableId === undefined) {
        return {
            ok: false,
            reason: `The link field '${mapping.field.name}' of '${table.table.name}' does not say which table it links to. Choose the field again in the mapping.`,
        };
    }
    const others = table.fields.filter(
        other => other !== mapping && other.column.logicalName === mapping.column.logicalName,
    );
    if (others.some(other => other.field.linkedTableId === mapping.field.linkedTableId)) {
        return {
            ok: false,
            reason: `Two link fields of '${table.table.name}' map the lookup ${column} to the same table. Keep one.`,
        };
    }
    if (others.some(other => other.direction !== mapping.direction)) {
        return {
            ok: false,
            reason: `The link fields of '${table.table.name}' that map the lookup ${column} sync in different directions. Give them the same direction.`,
        };
    }
    return {ok: true};
}
