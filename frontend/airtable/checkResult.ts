import type {PermissionCheckResult} from '@airtable/blocks/types';

/** Whether a person may do something, and if not, why, in words written for them. */
export type CheckResult = {readonly ok: true} | {readonly ok: false; readonly reason: string};

export const CHECK_OK: CheckResult = {ok: true};

/** Converts the SDK's permission check into a `CheckResult`. */
export function fromPermissionCheck(check: PermissionCheckResult): CheckResult {
    return check.hasPermission ? CHECK_OK : {ok: false, reason: check.reasonDisplayString};
}
