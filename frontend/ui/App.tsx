/**
 * The extension's root: asks for the Dynamics 365 environment when none is set, checks that the
 * Accounts table has every field the mapping needs, and then shows the Sync panel.
 */
import {Box, Heading, Text, useBase} from '@airtable/blocks/ui';
import {useState} from 'react';
import {readTableSchema, getTableByNameIfExists} from '../airtable/tableSchema';
import {ACCOUNTS_TEMPLATE} from '../settings/accountsTemplate';
import {PRODUCTION_VALIDATION} from '../settings/connection';
import {resolveMapping} from '../settings/resolveMapping';
import {useSettings} from '../settings/useSettings';
import {ConnectionLine} from './ConnectionLine';
import {EnvironmentUrlForm} from './EnvironmentUrlForm';
import type {ExtensionEnvironment} from './environment';
import {SchemaNotice} from './SchemaNotice';
import {SyncPanel} from './SyncPanel';
import {TableMissingNotice} from './TableMissingNotice';

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
    const base = useBase();
    const validation = environment.connectionValidation ?? PRODUCTION_VALIDATION;
    const settings = useSettings(validation);
    const [isEditingConnection, setIsEditingConnection] = useState(false);
    const environmentUrl = settings.settings.environmentUrl;

    if (environmentUrl === null || isEditingConnection) {
        return (
            <EnvironmentUrlForm
                canEdit={settings.canEditSettings}
                settingsMessage={settings.validation.message}
                validation={validation}
                onSaveAsync={async url => {
                    await settings.setEnvironmentUrlAsync(url);
                    setIsEditingConnection(false);
                }}
                onCancel={environmentUrl === null ? undefined : () => setIsEditingConnection(false)}
            />
        );
    }

    const table = getTableByNameIfExists(base, ACCOUNTS_TEMPLATE.tableName);
    if (table === null) {
        return <TableMissingNotice base={base} template={ACCOUNTS_TEMPLATE} />;
    }

    const resolution = resolveMapping(ACCOUNTS_TEMPLATE, readTableSchema(table));
    return (
        <Box>
            <ConnectionLine
                environmentUrl={environmentUrl}
                canEdit={settings.canEditSettings}
                onChange={() => setIsEditingConnection(true)}
            />
            {settings.validation.isValid ? null : (
                <Text textColor="red" marginBottom={2}>
                    {settings.validation.message}
                </Text>
            )}
            {resolution.ok ? (
                <SyncPanel
                    base={base}
                    table={table}
                    mapping={resolution.mapping}
                    environmentUrl={environmentUrl}
                    environment={environment}
                    settings={settings}
                />
            ) : (
                <SchemaNotice table={table} problems={resolution.problems} />
            )}
        </Box>
    );
}
