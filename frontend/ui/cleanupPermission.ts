import type {Base} from '@airtable/blocks/models';
import {CHECK_OK, type CheckResult} from '../airtable/checkResult';
import type {TableMapping} from '../sync';

/**
 * Checks that the user may delete rows in every synced table, which read-only and comment-only
 * collaborators may not.
 */
export function checkCanCleanUp(base: Base, mappings: readonly TableMapping[]): CheckResult {
    for (const mapping of mappings) {
        const table = base.getTableByIdIfExists(mapping.table.id);
        if (table === null) {
            continue;
        }
        const check = table.checkPermissionsForDeleteRecords();
        if (!check.hasPermission) {
            return {
                ok: false,
                reason: `Only people who can delete records in "${table.name}" can clean it up. ${check.reasonDisplayString}`,
            };
        }
    }
    return CHECK_OK;
}
