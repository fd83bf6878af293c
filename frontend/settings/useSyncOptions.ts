/**
 * Reads the approval and automatic sync settings from globalConfig, and re-renders when any
 * collaborator changes them. Only people who may change settings get working setters, so the
 * panel disables its controls with the reason from `canEditOptions`.
 */
import {useGlobalConfig} from '@airtable/blocks/ui';
import {fromPermissionCheck, type CheckResult} from '../airtable/checkResult';
import {ConfigKeys} from './configKeys';
import {readSyncOptions, type AutoSyncMinutes, type SyncOptions} from './syncOptions';

export interface SyncOptionsState {
    readonly options: SyncOptions;
    readonly canEditOptions: CheckResult;
    setPreviewEveryRunAsync(shouldPreview: boolean): Promise<void>;
    /** Saves a percentage that `validateMaxDeletePercent` accepted. */
    setMaxDeletePercentAsync(percent: number): Promise<void>;
    setAutoSyncMinutesAsync(minutes: AutoSyncMinutes | null): Promise<void>;
}

export function useSyncOptions(): SyncOptionsState {
    const globalConfig = useGlobalConfig();
    const options = readSyncOptions({
        previewEveryRun: globalConfig.get(ConfigKeys.previewEveryRun),
        maxDeletePercent: globalConfig.get(ConfigKeys.maxDeletePercent),
        autoSyncMinutes: globalConfig.get(ConfigKeys.autoSyncMinutes),
    });

    return {
        options,
        canEditOptions: fromPermissionCheck(globalConfig.checkPermissionsForSet()),
        setPreviewEveryRunAsync: shouldPreview =>
            globalConfig.setAsync(ConfigKeys.previewEveryRun, shouldPreview),
        setMaxDeletePercentAsync: percent =>
            globalConfig.setAsync(ConfigKeys.maxDeletePercent, percent),
        setAutoSyncMinutesAsync: minutes =>
            globalConfig.setAsync(ConfigKeys.autoSyncMinutes, minutes),
    };
}
