/**
 * Reads the extension's settings from globalConfig and re-renders when any collaborator changes
 * them. Read-only collaborators can read globalConfig but not write it, so controls that call the
 * setters are disabled with the reason from `canEditSettings`.
 */
import {useGlobalConfig} from '@airtable/blocks/ui';
import {fromPermissionCheck, type CheckResult} from '../airtable/checkResult';
import type {TableDeltaState} from '../sync';
import type {AirtableTableId} from '../sync/ids';
import type {ConflictPolicy} from '../sync/mapping';
import {ConfigKeys} from './configKeys';
import type {ConnectionValidationOptions} from './connection';
import {readStoredConflictPolicy} from './mapping/legacyConflictPolicy';
import {
    readDeltaStates,
    readSettings,
    validateSettings,
    type Settings,
    type SettingsValidation,
} from './settings';

export interface SettingsState {
    readonly settings: Settings;
    readonly validation: SettingsValidation;
    /** Whether the user may change settings; only editors and above may. */
    readonly canEditSettings: CheckResult;
    /** Saves an environment address that `validateEnvironmentUrl` normalised. */
    setEnvironmentUrlAsync(url: string): Promise<void>;
    setConflictPolicyAsync(policy: ConflictPolicy): Promise<void>;
    setLastSyncedAtAsync(tableId: AirtableTableId, isoTime: string): Promise<void>;
    /** Per Airtable table id, the delta state of the table's last successful sync. */
    readonly deltaStates: Readonly<Record<string, TableDeltaState>>;
    setDeltaStateAsync(tableId: AirtableTableId, state: TableDeltaState): Promise<void>;
}

/**
 * @param validation whether loopback addresses are accepted: only the sandbox and tests, which
 *     talk to the local Dataverse emulator, accept them.
 */
export function useSettings(validation: ConnectionValidationOptions): SettingsState {
    const globalConfig = useGlobalConfig();
    const stored = {
        environmentUrl: globalConfig.get(ConfigKeys.environmentUrl),
        conflictPolicy: readStoredConflictPolicy(
            globalConfig.get(ConfigKeys.conflictPolicy),
            globalConfig.get(ConfigKeys.mapping),
        ),
        lastSyncedAt: globalConfig.get(ConfigKeys.lastSyncedAt),
    };

    return {
        settings: readSettings(stored, validation),
        validation: validateSettings(stored, validation),
        canEditSettings: fromPermissionCheck(globalConfig.checkPermissionsForSet()),
        setEnvironmentUrlAsync: url => globalConfig.setAsync(ConfigKeys.environmentUrl, url),
        setConflictPolicyAsync: policy => globalConfig.setAsync(ConfigKeys.conflictPolicy, policy),
        setLastSyncedAtAsync: (tableId, isoTime) =>
            globalConfig.setPathsAsync([
                {path: [ConfigKeys.lastSyncedAt, tableId], value: isoTime},
            ]),
        deltaStates: readDeltaStates(globalConfig.get(ConfigKeys.deltaStates)),
        setDeltaStateAsync: (tableId, state) =>
            globalConfig.setPathsAsync([
                {path: [ConfigKeys.deltaStates, tableId], value: {...state}},
            ]),
    };
}
