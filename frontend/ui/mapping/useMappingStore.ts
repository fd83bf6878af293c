/**
 * The stored mapping as the panel edits it: read (and migrated) by `useStoredMapping`, with edits
 * applied to the latest mapping so that an edit finishing after an await keeps the others.
 */
import {useCallback, useMemo, useRef} from 'react';
import {CHECK_OK, type CheckResult} from '../../airtable/checkResult';
import type {MappingProblem} from '../../settings/mapping/mappingProblems';
import type {StoredMapping} from '../../settings/mapping/storedMapping';
import {useStoredMapping} from '../../settings/mapping/useStoredMapping';

export type MappingUpdate = (mapping: StoredMapping) => StoredMapping;

export interface MappingStore {
    readonly mapping: StoredMapping;
    /** Problems found while reading the stored mapping, such as dropped entries. */
    readonly readProblems: readonly MappingProblem[];
    readonly canEdit: CheckResult;
    /** Saves `update` applied to the mapping as last rendered. */
    updateAsync(update: MappingUpdate): Promise<void>;
}

export function useMappingStore(): MappingStore {
    const stored = useStoredMapping();
    const latestRef = useRef(stored);
    latestRef.current = stored;

    const denialReason = stored.canEdit.ok ? null : stored.canEdit.reason;
    // Stable while the permission stays the same, so memoised rows skip re-rendering.
    const canEdit = useMemo(
        (): CheckResult => (denialReason === null ? CHECK_OK : {ok: false, reason: denialReason}),
        [denialReason],
    );
    const updateAsync = useCallback(async (update: MappingUpdate) => {
        const latest = latestRef.current;
        await latest.saveAsync(update(latest.mapping));
    }, []);

    return {mapping: stored.mapping, readProblems: stored.problems, canEdit, updateAsync};
}
