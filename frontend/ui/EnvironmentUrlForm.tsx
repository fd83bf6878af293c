/**
 * The first screen of a new installation: an editor enters the address of the Dynamics 365
 * environment to sync with. Other collaborators see who can set it instead of a form.
 */
import {Box, Button, FormField, Heading, Input, Text} from '@airtable/blocks/ui';
import {useState, type FormEvent} from 'react';
import type {CheckResult} from '../airtable/checkResult';
import {validateEnvironmentUrl, type ConnectionValidationOptions} from '../settings/connection';
import {describeError} from './describeError';
import {ErrorText} from './ErrorText';

interface EnvironmentUrlFormProps {
    readonly canEdit: CheckResult;
    /** Why the saved settings are unusable, shown until a valid address is saved. */
    readonly settingsMessage: string | null;
    readonly validation: ConnectionValidationOptions;
    onSaveAsync(environmentUrl: string): Promise<void>;
    /** Leaves the form without saving; absent while no address is set. */
    readonly onCancel?: () => void;
}

const INPUT_ID = 'environment-url';

export function EnvironmentUrlForm(props: EnvironmentUrlFormProps) {
    const [text, setText] = useState('');
    const [message, setMessage] = useState<string | null>(null);
    const [isSaving, setIsSaving] = useState(false);

    if (!props.canEdit.ok) {
        return (
            <Box>
                <Heading size="small">Connect to Dynamics 365</Heading>
                <Text>
                    An editor of this base needs to enter the Dynamics 365 environment address
                    before anyone can sync. {props.canEdit.reason}
                </Text>
            </Box>
        );
    }

    const saveAsync = async (event: FormEvent) => {
        event.preventDefault();
        const result = validateEnvironmentUrl(text, props.validation);
        if (!result.isValid) {
            setMessage(result.message);
            return;
        }

        setIsSaving(true);
        setMessage(null);
        try {
            await props.onSaveAsync(result.value);
        } catch (error) {
            // Only a failed save keeps the form on screen; a saved address replaces it.
            setMessage(`Couldn't save the environment address: ${describeError(error)}`);
            setIsSaving(false);
        }
    };

    return (
        <form onSubmit={event => void saveAsync(event)}>
            <Heading size="small">Connect to Dynamics 365</Heading>
            <FormField
                label="Environment address"
                htmlFor={INPUT_ID}
                description="Copy it from the Power Platform admin center, for example https://contoso.crm.dynamics.com."
            >
                <Input
                    id={INPUT_ID}
                    value={text}
                    placeholder="https://contoso.crm.dynamics.com"
                    onChange={event => setText(event.target.value)}
                />
            </FormField>
            <Button type="submit" variant="primary" disabled={isSaving}>
                Save
            </Button>
            {props.onCancel === undefined ? null : (
                <Button marginLeft={2} onClick={props.onCancel}>
                    Cancel
                </Button>
            )}
            {message === null && props.settingsMessage !== null ? (
                <Text marginTop={2}>{props.settingsMessage}</Text>
            ) : null}
            {message === null ? null : <ErrorText>{message}</ErrorText>}
        </form>
    );
}
