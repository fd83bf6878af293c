/**
 * The connection settings, opened with Airtable's settings button: the environment URL, the
 * directory (tenant) id and the application (client) id, plus the sign-in host of the local
 * provider in development builds. Editors edit and save; other collaborators read the values
 * with the reason they cannot change them. The panel stays open while the saved values are
 * invalid, and shows each validator message next to its field.
 */
import {Box, Button, FormField, Heading, Input, Text} from '@airtable/blocks/ui';
import {useState, type FormEvent} from 'react';
import {
    validateConnectionSettings,
    type ConnectionSettingName,
    type ConnectionValidationOptions,
    type StoredConnectionSettings,
} from '../settings/connection';
import type {ConnectionSettingsState} from '../settings/useConnectionSettings';
import {AppRegistrationHelp} from './AppRegistrationHelp';
import {describeError} from './describeError';
import {DisabledReason} from './DisabledReason';
import {ErrorText} from './ErrorText';

type Draft = Record<ConnectionSettingName, string>;
type Messages = Partial<Record<ConnectionSettingName, string>>;

interface FieldSpec {
    readonly name: ConnectionSettingName;
    readonly label: string;
    readonly description: string;
    readonly placeholder: string;
}

const FIELDS: readonly FieldSpec[] = [
    {
        name: 'environmentUrl',
        label: 'Environment URL',
        description:
            'In Power Apps, open Settings > Developer resources, or in the Power Platform admin ' +
            'center open the environment and copy its Environment URL.',
        placeholder: 'https://contoso.crm.dynamics.com',
    },
    {
        name: 'tenantId',
        label: 'Directory (tenant) ID',
        description: "On the app registration's Overview page in Microsoft Entra.",
        placeholder: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
    },
    {
        name: 'clientId',
        label: 'Application (client) ID',
        description: "On the app registration's Overview page in Microsoft Entra.",
        placeholder: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
    },
];

const AUTHORITY_HOST_FIELD: FieldSpec = {
    name: 'authorityHost',
    label: 'Sign-in host (local development only)',
    description: 'The local OpenID provider. Leave it empty to sign in with Microsoft Entra ID.',
    placeholder: 'https://127.0.0.1:8443',
};

interface ConnectionSettingsPanelProps {
    readonly connection: ConnectionSettingsState;
    readonly validation: ConnectionValidationOptions;
    readonly redirectUri: string;
    onClose(): void;
}

export function ConnectionSettingsPanel(props: ConnectionSettingsPanelProps) {
    const {connection, validation} = props;
    const [draft, setDraft] = useState<Draft>(() => toDraft(connection.stored));
    const [messages, setMessages] = useState<Messages>({});
    const [saveError, setSaveError] = useState<string | null>(null);
    const [isSaving, setIsSaving] = useState(false);
    const canEdit = connection.canEdit;
    // Read-only collaborators see the stored values, which an editor may change meanwhile.
    const shown = canEdit.ok ? draft : toDraft(connection.stored);
    // A stored host outside development still gets its field, so an editor can clear it.
    const hasAuthorityHostField = validation.allowLoopbackHosts || shown.authorityHost !== '';
    const fields = hasAuthorityHostField ? [...FIELDS, AUTHORITY_HOST_FIELD] : FIELDS;

    const saveAsync = async (event: FormEvent) => {
        event.preventDefault();
        const result = validateConnectionSettings(draft, validation);
        if (!result.isValid) {
            setMessages(result.messagesBySetting);
            return;
        }

        setMessages({});
        setSaveError(null);
        setIsSaving(true);
        try {
            await connection.saveAsync(result.value);
            props.onClose();
        } catch (error) {
            setSaveError(`Couldn't save the connection settings: ${describeError(error)}`);
            setIsSaving(false);
        }
    };

    const savedEnvironmentUrl = connection.validation.isValid
        ? connection.validation.value.environmentUrl
        : null;
    return (
        <form onSubmit={event => void saveAsync(event)}>
            <Heading size="small">Connection to Dynamics 365</Heading>
            {connection.validation.isValid ? null : (
                <Text marginBottom={2}>
                    Enter the connection settings before anyone can sign in and sync.
                </Text>
            )}
            {fields.map(field => (
                <SettingField
                    key={field.name}
                    field={field}
                    value={shown[field.name]}
                    message={messages[field.name] ?? null}
                    isDisabled={!canEdit.ok || isSaving}
                    onChange={value => setDraft(current => ({...current, [field.name]: value}))}
                />
            ))}
            <DisabledReason check={canEdit} />
            <Box display="flex" marginTop={2}>
                {canEdit.ok ? (
                    <Button type="submit" variant="primary" disabled={isSaving} marginRight={2}>
                        Save
                    </Button>
                ) : null}
                {connection.validation.isValid ? (
                    <Button onClick={props.onClose}>Close</Button>
                ) : null}
            </Box>
            {saveError === null ? null : <ErrorText>{saveError}</ErrorText>}
            <AppRegistrationHelp
                redirectUri={props.redirectUri}
                environmentUrl={savedEnvironmentUrl}
            />
        </form>
    );
}

interface SettingFieldProps {
    readonly field: FieldSpec;
    readonly value: string;
    readonly message: string | null;
    readonly isDisabled: boolean;
    onChange(value: string): void;
}

function SettingField({field, value, message, isDisabled, onChange}: SettingFieldProps) {
    const inputId = `connection-${field.name}`;
    const messageId = `${inputId}-message`;
    return (
        <FormField
            label={field.label}
            htmlFor={inputId}
            description={field.description}
            marginBottom={2}
        >
            <Input
                id={inputId}
                value={value}
                placeholder={field.placeholder}
                disabled={isDisabled}
                aria-describedby={message === null ? undefined : messageId}
                onChange={event => onChange(event.target.value)}
            />
            {message === null ? null : (
                <Text id={messageId} textColor="red" size="small" marginTop={1} role="alert">
                    {message}
                </Text>
            )}
        </FormField>
    );
}

function toDraft(stored: StoredConnectionSettings): Draft {
    const toText = (value: unknown) => (typeof value === 'string' ? value : '');
    return {
        environmentUrl: toText(stored.environmentUrl),
        tenantId: toText(stored.tenantId),
        clientId: toText(stored.clientId),
        authorityHost: toText(stored.authorityHost),
    };
}
