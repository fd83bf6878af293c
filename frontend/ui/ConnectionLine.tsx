import {Box, Text, TextButton} from '@airtable/blocks/ui';
import type {CheckResult} from '../airtable/checkResult';

interface ConnectionLineProps {
    readonly environmentUrl: string;
    readonly canEdit: CheckResult;
    onChange(): void;
}

/** Shows the connected environment, with a "Change" action for people who may edit settings. */
export function ConnectionLine({environmentUrl, canEdit, onChange}: ConnectionLineProps) {
    return (
        <Box display="flex" alignItems="center" marginBottom={3}>
            <Text size="small" textColor="light">
                Dynamics 365 environment: {environmentUrl}
            </Text>
            {canEdit.ok ? (
                <TextButton size="small" marginLeft={2} onClick={onChange}>
                    Change
                </TextButton>
            ) : null}
        </Box>
    );
}
