import {Box, Text, TextButton} from '@airtable/blocks/ui';

interface ConnectionLineProps {
    readonly environmentUrl: string;
    onOpenSettings(): void;
}

/**
 * Shows the connected environment and opens the connection settings, which Airtable's settings
 * button also opens. Everyone may open them; only editors may change them there.
 */
export function ConnectionLine({environmentUrl, onOpenSettings}: ConnectionLineProps) {
    return (
        <Box display="flex" alignItems="center" marginBottom={3}>
            <Text size="small" textColor="light">
                Dynamics 365 environment: {environmentUrl}
            </Text>
            <TextButton size="small" marginLeft={2} onClick={onOpenSettings}>
                Connection settings
            </TextButton>
        </Box>
    );
}
