/**
 * The help for registering the extension in Microsoft Entra so that sign-in works: the exact
 * redirect URI of this extension and the checklist of the registration's settings.
 */
import {Box, Heading, Text} from '@airtable/blocks/ui';
import {getAppRegistrationChecklist} from '../settings/connection';

interface AppRegistrationHelpProps {
    readonly redirectUri: string;
    /** The saved or entered environment URL, or null when there is none yet. */
    readonly environmentUrl: string | null;
}

export function AppRegistrationHelp({redirectUri, environmentUrl}: AppRegistrationHelpProps) {
    const steps = getAppRegistrationChecklist(
        {environmentUrl: environmentUrl ?? 'your Dynamics 365 environment'},
        redirectUri,
    );
    return (
        <Box marginTop={3}>
            <Heading size="xsmall">Register the extension in Microsoft Entra</Heading>
            <Text size="small" textColor="light">
                Redirect URI to register (Single-page application):
            </Text>
            <Text
                marginBottom={2}
                style={{fontFamily: 'monospace', userSelect: 'all', wordBreak: 'break-all'}}
            >
                {redirectUri}
            </Text>
            <Box as="ol" paddingLeft={3} marginY={1}>
                {steps.map(step => (
                    <Text as="li" key={step} size="small" marginBottom={1}>
                        {step}
                    </Text>
                ))}
            </Box>
        </Box>
    );
}
