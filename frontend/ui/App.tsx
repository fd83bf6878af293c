/**
 * The extension's root: shows the connection settings until they are valid (and whenever
 * Airtable's settings button opens them), then the user's sign-in and "Test connection". Below
 * them come the Sync panel for those of Accounts, Contacts and Opportunities that can sync, what
 * the other tables still need, and Clean up.
 */
import type {Base} from '@airtable/blocks/models';
import {Box, Heading, Text, useBase, useSettingsButton} from '@airtable/blocks/ui';
import {useState} from 'react';
import type {AirtableRunSide} from '../airtable/airtableSide';
import {CHECK_OK} from '../airtable/checkResult';
import {ACCOUNTS_TEMPLATE} from '../settings/accountsTemplate';
import {PRODUCTION_VALIDATION, type ConnectionSettings} from '../settings/connection';
import {readBaseSchema} from '../settings/mapping/readBaseSchema';
import {resolveStoredMapping} from '../settings/mapping/resolveStoredMapping';
import {toTemplateResolutions} from '../settings/mapping/templateNotices';
import {useSaveMigratedMapping, useStoredMapping} from '../settings/mapping/useStoredMapping';
import {useConnectionSettings} from '../settings/useConnectionSettings';
import {useSettings, type SettingsState} from '../settings/useSettings';
import {CleanupPanel} from './CleanupPanel';
import {ConnectionLine} from './ConnectionLine';
import {ConnectionSettingsPanel} from './ConnectionSettingsPanel';
import {ConnectionTest} from './ConnectionTest';
import {describeError} from './describeError';
import {getDynamicsAccess} from './dynamicsAccess';
import type {ExtensionEnvironment} from './environment';
import {MappingSettings} from './mapping/MappingSettings';
import {WRAP_LONG_TEXT_STYLE} from './shortenText';
import {SignInBar} from './SignInBar';
import {SyncPanel} from './SyncPanel';
import {TemplateNotices} from './TemplateNotices';
import {useAirtableSide} from './useAirtableSide';
import {useSignInSession, type SignInSessionStatus} from './useSignInSession';

export interface AppProps {
    readonly environment: ExtensionEnvironment;
}

export function App({environment}: AppProps) {
    return (
        <Box padding={3} style={WRAP_LONG_TEXT_STYLE}>
            <Heading size="default" marginBottom={2}>
                {ACCOUNTS_TEMPLATE.tableName} and Dynamics 365
            </Heading>
            <AppContent environment={environment} />
        </Box>
    );
}

function AppContent({environment}: AppProps) {
    // The adapter outlives the settings view, so opening the settings keeps its record queries
    // loaded: Airtable's TestDriver drops record updates of a table whose queries were unloaded.
    const airtable = useAirtableSide(useBase());
    const validation = environment.connectionValidation ?? PRODUCTION_VALIDATION;
    const connection = useConnectionSettings(validation);
    const [isSettingsOpen, setIsSettingsOpen] = useState(false);
    useSettingsButton(() => setIsSettingsOpen(isOpen => !isOpen));

    if (isSettingsOpen || !connection.validation.isValid) {
        return (
            <Box>
                <ConnectionSettingsPanel
                    connection={connection}
                    validation={validation}
                    redirectUri={environment.redirectUri}
                    onClose={() => setIsSettingsOpen(false)}
                />
                {connection.validation.isValid ? (
                    <MappingSettings
                        environment={environment}
                        connection={connection.validation.value}
                    />
                ) : null}
            </Box>
        );
    }
    return (
        <ConnectedView
            environment={environment}
            airtable={airtable}
            connection={connection.validation.value}
            onOpenSettings={() => setIsSettingsOpen(true)}
        />
    );
}

interface ConnectedViewProps {
    readonly environment: ExtensionEnvironment;
    readonly airtable: AirtableRunSide;
    readonly connection: ConnectionSettings;
    onOpenSettings(): void;
}

function ConnectedView({environment, airtable, connection, onOpenSettings}: ConnectedViewProps) {
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
                airtable={airtable}
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
    readonly airtable: AirtableRunSide;
    readonly environment: ExtensionEnvironment;
    readonly environmentUrl: string;
    readonly settings: SettingsState;
    readonly signIn: SignInSessionStatus;
}

/**
 * Renders the Sync and Clean up panels for the tables the stored mapping syncs, and notices for
 * the others. An installation without a stored mapping uses the one migrated from the built-in
 * templates, saved as soon as an editor opens the extension. Both panels share one Airtable
 * adapter, so each reads the rows the other wrote.
 */
function TableSync(props: TableSyncProps) {
    const {airtable} = props;
    const stored = useStoredMapping();
    const logger = props.environment.logger;
    useSaveMigratedMapping(stored, error =>
        logger?.log({
            level: 'warn',
            runId: 'settings',
            message: `Couldn't save the migrated field mapping: ${describeError(error)}`,
            fields: {},
        }),
    );
    const schemas = readBaseSchema(props.base);
    const resolution = resolveStoredMapping(stored.mapping, schemas);
    const {mappings} = resolution;
    const tables = mappings.flatMap(
        mapping => props.base.getTableByIdIfExists(mapping.table.id) ?? [],
    );

    // Problems of reading the stored mapping (a newer version, dropped entries) concern no one
    // table that syncs, so the notices below would not show them.
    return (
        <Box>
            {stored.problems.map(problem => (
                <Text
                    key={problem.message}
                    textColor={problem.severity === 'error' ? 'red' : undefined}
                    marginBottom={2}
                >
                    {problem.message}
                </Text>
            ))}
            {mappings.length === 0 ? null : (
                <SyncPanel {...props} tables={tables} mappings={mappings} airtable={airtable} />
            )}
            <TemplateNotices
                base={props.base}
                resolutions={toTemplateResolutions(resolution, schemas)}
                canCreateFields={props.environment.canCreateFields ?? CHECK_OK}
            />
            {mappings.length === 0 ? null : (
                <CleanupPanel
                    base={props.base}
                    mappings={mappings}
                    airtable={airtable}
                    dynamics={getDynamicsAccess(
                        props.signIn,
                        props.environmentUrl,
                        props.environment,
                    )}
                    clock={props.environment.clock}
                    logger={props.environment.logger}
                />
            )}
        </Box>
    );
}
