/**
 * Reads the connection settings (environment, directory, application and, for local
 * development, the sign-in host) from globalConfig and re-renders when any collaborator changes
 * them. Only editors may save them. Everyone else reads them, and `canEdit` says why they cannot
 * change them.
 */
import {useGlobalConfig} from '@airtable/blocks/ui';
import {fromPermissionCheck, type CheckResult} from '../airtable/checkResult';
import {ConfigKeys} from './configKeys';
import {
    validateConnectionSettings,
    type ConnectionSettings,
    type ConnectionValidation,
    type ConnectionValidationOptions,
    type StoredConnectionSettings,
} from './connection';

export interface ConnectionSettingsState {
    /** The values as stored, unchecked, so the settings form can show what is there. */
    readonly stored: StoredConnectionSettings;
    readonly validation: ConnectionValidation;
    /** Whether the user may change the settings; only editors and above may. */
    readonly canEdit: CheckResult;
    /** Saves settings that `validateConnectionSettings` returned, all in one update. */
    saveAsync(settings: ConnectionSettings): Promise<void>;
}

export function useConnectionSettings(
    options: ConnectionValidationOptions,
): ConnectionSettingsState {
    const globalConfig = useGlobalConfig();
    const stored: StoredConnectionSettings = {
        environmentUrl: globalConfig.get(ConfigKeys.environmentUrl),
        tenantId: globalConfig.get(ConfigKeys.tenantId),
        clientId: globalConfig.get(ConfigKeys.clientId),
        authorityHost: globalConfig.get(ConfigKeys.authorityHost),
    };

    return {
        stored,
        validation: validateConnectionSettings(stored, options),
        canEdit: fromPermissionCheck(globalConfig.checkPermissionsForSet()),
        saveAsync: settings =>
            globalConfig.setPathsAsync([
                {path: [ConfigKeys.environmentUrl], value: settings.environmentUrl},
                {path: [ConfigKeys.tenantId], value: settings.tenantId},
                {path: [ConfigKeys.clientId], value: settings.clientId},
                // Removing the key, instead of storing null, leaves no trace of the local host.
                {path: [ConfigKeys.authorityHost], value: settings.authorityHost ?? undefined},
            ]),
    };
}
