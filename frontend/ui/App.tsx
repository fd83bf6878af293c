/**
 * The extension's root: shows the connection settings until they are valid (and whenever
 * Airtable's settings button opens them), then the user's sign-in, "Test connection", the check
 * that the Accounts table has every field the mapping needs, and the Sync panel.
 */
import type {Base} from '@airtable/blocks/models';
import {Box, Heading, Text, useBase, useSettingsButton} from '@airtable/blocks/ui';
import {useState} from 'react';
import {readTableSchema, getTableByNameIfExists} from '../airtable/tableSchema';
import {ACCOUNTS_TEMPLATE} from '../settings/accountsTemplate';
import {PRODUCTION_VALIDATION, type ConnectionSettings} from '../settings/connection';
import {resolveMapping} from '../settings/resolveMapping';
import {useConnectionSettings} from '../settings/useConnectionSettings';
import {useSettings, type SettingsState} from '../settings/useSettings';
import {ConnectionLine} from './ConnectionLine';
import {ConnectionSettingsPanel} from './ConnectionSettingsPanel';
import {ConnectionTest} from './ConnectionTest';
import type {ExtensionEnvironment} from './environment';
import {SchemaNotice} from './SchemaNotice';
import {SignInBar} from './SignInBar';
import {SyncPanel} from './SyncPanel';
import {TableMissingNotice} from './TableMissingNotice';
import {useSignInSession, type SignInSessionStatus} from './useSignInSession';

export interface AppProps {
    readonly environment: ExtensionEnvironment;
}

export function App({environment}: AppProps) {
    return (
        <Box padding={3}>
            <Heading size="default" marginBottom={2}>
                {ACCOUNTS_TEMPLATE.tableName} and Dynamics 365
            </Heading>
            <AppContent environment={environment} />
        </Box>
    );
}

function AppContent({environment}: AppProps) {
    const validation = environment.connectionValidation ?? PRODUCTION_VALIDATION;
    const connection = useConnectionSettings(validation);
    const [isSettingsOpen, setIsSettingsOpen] = useState(false);
    useSettingsButton(() => setIsSettingsOpen(isOpen => !isOpen));

    if (isSettingsOpen || !connection.validation.isValid) {
        return (
            <ConnectionSettingsPanel
                connection={connection}
                validation={validation}
                redirectUri={environment.redirectUri}
                onClose={() => setIsSettingsOpen(false)}
            />
        );
    }
    return (
        <ConnectedView
            environment={environment}
            connection={connection.validation.value}
            onOpenSettings={() => setIsSettingsOpen(true)}
        />
    );
}

interface ConnectedViewProps {
    readonly environment: ExtensionEnvironment;
    readonly connection: ConnectionSettings;
    onOpenSettings(): void;
}

function ConnectedView({environment, connection, onOpenSettings}: ConnectedViewProps) {
    const base = useBase();
    const settings = useSettings(environment.connectionValidation ?? PRODUCTION_VALIDATION);
    const signIn = useSignInSession(environment, connection);
    const environmentUrl = connection.environmentUrl;

    return (
        <Box>
            <ConnectionLine environmentUrl={environmentUrl} onOpenSettings={onOpenSettings} />
            <SignInBar status={signIn} />
            <ConnectionTest
                signIn={signIn}
                environmentUrl={environmentUrl}
                environment={environment}
            />
            {settings.validation.isValid ? null : (
                <Text textColor="red" marginBottom={2}>
                    {settings.validation.message}
                </Text>
            )}
            <TableSync
                base={base}
                environment={environment}
                environmentUrl={environmentUrl}
                settings={settings}
                signIn={signIn}
            />
        </Box>
    );
}

interface TableSyncProps {
    readonly base: Base;
    readonly environment: ExtensionEnvironment;
    readonly environmentUrl: string;
    readonly settings: SettingsState;
    readonly signIn: SignInSessionStatus;
}

/** The Sync panel once the Accounts table exists with every mapped field, else what is missing. */
function TableSync(props: TableSyncProps) {
    const table = getTableByNameIfExists(props.base, ACCOUNTS_TEMPLATE.tableName);
    if (table === null) {
        return <TableMissingNotice base={props.base} template={ACCOUNTS_TEMPLATE} />;
    }

    const resolution = resolveMapping(ACCOUNTS_TEMPLATE, readTableSchema(table));
    if (!resolution.ok) {
        return <SchemaNotice table={table} problems={resolution.problems} />;
    }
    return <SyncPanel {...props} table={table} mapping={resolution.mapping} />;
}
