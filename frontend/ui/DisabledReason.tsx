import {Text} from '@airtable/blocks/ui';
import type {CheckResult} from '../airtable/checkResult';

/** Shows why a control is disabled, next to it, or nothing when the check passed. */
export function DisabledReason({check}: {readonly check: CheckResult}) {
    if (check.ok) {
        return null;
    }
    return (
        <Text size="small" textColor="light" marginTop={1} role="note">
            {check.reason}
        </Text>
    );
}
