/**
 * The two actions the sandbox page cannot take where Airtable can, because Airtable's TestDriver
 * (from `@airtable/blocks-testing` 0.0.6) simulates neither. The UI disables or explains them with
 * the reasons below instead of failing with the TestDriver's errors.
 */
import type {CheckResult} from '../../frontend/airtable/checkResult';

/** The TestDriver only emits an event for `expandRecord`, because it has no record view. */
export const SANDBOX_CAN_OPEN_RECORDS: CheckResult = {
    ok: false,
    reason:
        'Opening records works inside Airtable. The sandbox has no expanded record view, so ' +
        'find the row in the simulated base below the extension.',
};

/**
 * The TestDriver does not apply a field creation, so `createFieldAsync` then fails to find the new
 * field, with "No field with ID … in table …".
 */
export const SANDBOX_CAN_CREATE_FIELDS: CheckResult = {
    ok: false,
    reason:
        "Creating fields works only in a real Airtable base. The sandbox's simulated base " +
        'cannot add fields, so add the field to the sandbox base in dev/sandbox/fixture.ts.',
};
