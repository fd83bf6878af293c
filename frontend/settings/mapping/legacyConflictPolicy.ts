/**
 * Reads the conflict policy that earlier versions of the extension also saved in the stored
 * mapping, as a copy of the setting under `ConfigKeys.conflictPolicy`. That setting is the one the settings panel edits
 * and every run reads. The copy counts only while that setting is not stored, and the next save
 * of the mapping moves it there.
 */
import {isJsonObject} from '../../dataverse/json';
import type {ConflictPolicy} from '../../sync/mapping';

const CONFLICT_POLICIES: readonly ConflictPolicy[] = ['dynamicsWins', 'airtableWins'];

/** Returns the valid policy the stored mapping carries, or null when it carries none. */
export function getMappingConflictPolicyIfExists(storedMapping: unknown): ConflictPolicy | null {
    if (!isJsonObject(storedMapping)) {
        return null;
    }
    return CONFLICT_POLICIES.find(policy => policy === storedMapping.conflictPolicy) ?? null;
}

/** Returns whether the stored mapping still has a `conflictPolicy` entry, valid or not. */
export function hasMappingConflictPolicy(storedMapping: unknown): boolean {
    return isJsonObject(storedMapping) && 'conflictPolicy' in storedMapping;
}

/**
 * Returns the stored value of the conflict policy setting: the one under
 * `ConfigKeys.conflictPolicy`, or when that is not set, the stored mapping's copy.
 */
export function readStoredConflictPolicy(setting: unknown, storedMapping: unknown): unknown {
    if (setting !== undefined && setting !== null) {
        return setting;
    }
    return getMappingConflictPolicyIfExists(storedMapping) ?? setting;
}
