/**
 * The mapping panel as the settings view shows it: with the user's sign-in, through which it
 * reads the Dynamics metadata, and a "Sign in" button until the user has signed in.
 */
import {Box} from '@airtable/blocks/ui';
import {useMemo} from 'react';
import {CHECK_OK} from '../../airtable/checkResult';
import {createMetadataCatalog} from '../../dataverse/metadataCatalog';
import type {ConnectionSettings} from '../../settings/connection';
import {PRODUCTION_VALIDATION} from '../../settings/connection';
import {useSettings} from '../../settings/useSettings';
import type {ExtensionEnvironment} from '../environment';
import {SignInBar} from '../SignInBar';
import {useSignInSession} from '../useSignInSession';
import {createCatalogMetadataSource} from './catalogMetadataSource';
import {MappingPanel} from './MappingPanel';

interface MappingSettingsProps {
    readonly environment: ExtensionEnvironment;
    readonly connection: ConnectionSettings;
}

export function MappingSettings({environment, connection}: MappingSettingsProps) {
    const settings = useSettings(environment.connectionValidation ?? PRODUCTION_VALIDATION);
    const signIn = useSignInSession(environment, connection);
    const session =
        signIn.status === 'ready' && signIn.state.status === 'signedIn' ? signIn.session : null;
    const {environmentUrl} = connection;

    // One source per session, so the metadata is read once and not on every render.
    const metadataSource = useMemo(() => {
        if (session === null) {
            return null;
        }
        const catalog = createMetadataCatalog({
            environmentUrl,
            tokenProvider: session,
            fetch: environment.fetch,
            clock: environment.clock,
        });
        return createCatalogMetadataSource(catalog);
    }, [session, environmentUrl, environment]);

    return (
        <Box marginTop={4}>
            {session === null ? <SignInBar status={signIn} /> : null}
            <MappingPanel
                metadataSource={metadataSource}
                settings={settings}
                canCreateFields={environment.canCreateFields ?? CHECK_OK}
            />
        </Box>
    );
}
