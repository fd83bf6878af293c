/**
 * Reads the field mapping from globalConfig, migrating from the built-in templates when none is
 * stored, and re-renders when any collaborator changes it or the base's schema. Only editors may
 * save it, and no one may save over a mapping written by a newer extension. `canEdit` gives the
 * reason in both cases.
 *
 * @example
 * const {mapping, problems, status, canEdit, saveAsync} = useStoredMapping();
 */
import {useBase, useGlobalConfig} from '@airtable/blocks/ui';
import {useEffect, useRef} from 'react';
import {fromPermissionCheck, type CheckResult} from '../../airtable/checkResult';
import {ConfigKeys} from '../configKeys';
import {getMappingConflictPolicyIfExists} from './legacyConflictPolicy';
import type {MappingProblem} from './mappingProblems';
import {parseStoredMapping, type MappingParseStatus} from './parseStoredMapping';
import {readBaseSchema} from './readBaseSchema';
import type {StoredMapping} from './storedMapping';
import {checkCanStoreMapping, toGlobalConfigValue} from './storeMapping';

export interface StoredMappingState {
    /** The mapping to show and sync: as stored, or migrated from the templates. */
    readonly mapping: StoredMapping;
    /** Problems found while reading it, such as dropped entries or a newer version. */
    readonly problems: readonly MappingProblem[];
    /** `migrated` means the mapping is not saved yet; see `parseStoredMapping`. */
    readonly status: MappingParseStatus;
    /** Whether the user may save the mapping. */
    readonly canEdit: CheckResult;
    /**
     * Saves the whole mapping; it rejects a mapping too large for globalConfig. A conflict policy
     * the stored mapping still carries moves to `ConfigKeys.conflictPolicy` in the same write,
     * unless a policy is stored there already.
     */
    saveAsync(mapping: StoredMapping): Promise<void>;
}

export function useStoredMapping(): StoredMappingState {
    const base = useBase();
    const globalConfig = useGlobalConfig();
    const stored = globalConfig.get(ConfigKeys.mapping);
    const parse = parseStoredMapping(stored, {tables: readBaseSchema(base)});
    const policySetting = globalConfig.get(ConfigKeys.conflictPolicy);
    const movedPolicy =
        policySetting === undefined || policySetting === null
            ? getMappingConflictPolicyIfExists(stored)
            : null;
    const policyUpdates =
        movedPolicy === null ? [] : [{path: [ConfigKeys.conflictPolicy], value: movedPolicy}];

    const newerVersion = parse.problems.find(problem => problem.code === 'newerSchemaVersion');
    const canEdit: CheckResult =
        newerVersion === undefined
            ? fromPermissionCheck(
                  globalConfig.checkPermissionsForSetPaths([
                      {path: [ConfigKeys.mapping]},
                      ...policyUpdates,
                  ]),
              )
            : {ok: false, reason: newerVersion.message};

    return {
        ...parse,
        canEdit,
        saveAsync: async mapping => {
            const sizeCheck = checkCanStoreMapping(mapping);
            if (!sizeCheck.ok) {
                throw new Error(sizeCheck.reason);
            }
            await globalConfig.setPathsAsync([
                {path: [ConfigKeys.mapping], value: toGlobalConfigValue(mapping)},
                ...policyUpdates,
            ]);
        },
    };
}

/**
 * Saves a mapping that `useStoredMapping` migrated from the templates, once per distinct mapping,
 * when the user may edit it. Read-only users keep syncing with the migrated mapping in memory.
 * A failed save is passed to `onFailure` and tried again when the mapping next changes.
 */
export function useSaveMigratedMapping(
    state: StoredMappingState,
    onFailure: (error: unknown) => void,
): void {
    const savedJson = useRef<string | null>(null);
    const shouldSave = state.status === 'migrated' && state.canEdit.ok;
    const json = shouldSave ? JSON.stringify(state.mapping) : null;

    useEffect(() => {
        if (json === null || savedJson.current === json) {
            return;
        }
        savedJson.current = json;
        state.saveAsync(state.mapping).catch(onFailure);
        // The JSON stands for the mapping, which is a new object on every render, so it alone
        // decides when to save.
    }, [json]);
}
