import type {Table} from '@airtable/blocks/models';
import {CHECK_OK, type CheckResult} from './checkResult';

/**
 * Checks that the user may run a sync of the table: a sync creates rows for new Dynamics records
 * and updates rows, so it needs both permissions, which read-only and comment-only collaborators
 * lack.
 */
export function checkCanSync(table: Table): CheckResult {
    const checks = [
        table.checkPermissionsForCreateRecords(),
        table.checkPermissionsForUpdateRecords(),
    ];
    for (const check of checks) {
        if (!check.hasPermission) {
            return {
                ok: false,
                reason: `Only people who can edit records in "${table.name}" can sync it. ${check.reasonDisplayString}`,
            };
        }
    }
    return CHECK_OK;
}
