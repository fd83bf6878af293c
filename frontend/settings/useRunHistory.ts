/**
 * Reads the run history from globalConfig, re-rendering when any collaborator's run adds to it,
 * and saves new runs for collaborators who may write globalConfig. Read-only collaborators see
 * the history, and their runs are not saved.
 */
import {useGlobalConfig, useSession} from '@airtable/blocks/ui';
import type {GlobalConfigValue} from '@airtable/blocks/types';
import {fromPermissionCheck, type CheckResult} from '../airtable/checkResult';
import {ConfigKeys} from './configKeys';
import {
    appendRunHistoryEntry,
    parseRunHistory,
    type RunHistoryEntry,
    type StoredRunHistory,
} from './runHistory';

export interface RunHistoryState {
    /** The runs, oldest first. */
    readonly entries: readonly RunHistoryEntry[];
    /** Whether this collaborator's runs are saved, and if not, why. */
    readonly canSave: CheckResult;
    /** The current collaborator's name, which new entries record. */
    readonly userName: string | null;
    /**
     * Adds a run to the history as it is stored now, not as it was at the last render, so a run
     * that another collaborator saved meanwhile is kept. Does nothing when `canSave` is not ok.
     */
    saveRunAsync(entry: RunHistoryEntry): Promise<void>;
}

export function useRunHistory(): RunHistoryState {
    const globalConfig = useGlobalConfig();
    const session = useSession();
    const history = parseRunHistory(globalConfig.get(ConfigKeys.runHistory));
    const canSave = checkCanSave(
        fromPermissionCheck(globalConfig.checkPermissionsForSet(ConfigKeys.runHistory)),
        history.isFromNewerVersion,
    );

    return {
        entries: history.entries,
        canSave,
        userName: session.currentUser?.name ?? null,
        // NOTE: two collaborators whose runs end at the same moment both read, append and write
        // the whole list, so one of the two entries can be lost. No run data depends on it.
        saveRunAsync: async entry => {
            const stored = parseRunHistory(globalConfig.get(ConfigKeys.runHistory));
            if (!canSave.ok || stored.isFromNewerVersion) {
                return;
            }
            const next = appendRunHistoryEntry(stored.entries, entry);
            await globalConfig.setAsync(ConfigKeys.runHistory, toConfigValue(next));
        },
    };
}

function checkCanSave(permission: CheckResult, isFromNewerVersion: boolean): CheckResult {
    if (!permission.ok) {
        return permission;
    }
    if (isFromNewerVersion) {
        return {
            ok: false,
            reason: 'A newer version of the extension saved the run history. Update the extension to add runs to it.',
        };
    }
    return permission;
}

/** Converts the history to globalConfig's JSON value type, field by field. */
function toConfigValue(history: StoredRunHistory): GlobalConfigValue {
    return {
        version: history.version,
        entries: history.entries.map(entry => ({
            startedAt: entry.startedAt,
            durationMs: entry.durationMs,
            outcome: {...entry.outcome},
            counts: Object.fromEntries(Object.entries(entry.counts)),
            ranBy: entry.ranBy,
        })),
    };
}
