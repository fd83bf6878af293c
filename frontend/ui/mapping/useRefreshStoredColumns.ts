/**
 * Saves the live metadata of the mapped columns over their stored copies once it loads, so a run,
 * which reads no metadata, converts values with the current lengths and option sets. Only editors
 * save. Other collaborators see the live columns in the panel, and runs use the stored copy until
 * an editor opens the settings.
 */
import {useEffect, useRef} from 'react';
import type {LiveColumns} from '../../settings/mapping/validateMapping';
import {withLiveColumns} from './mappingEdits';
import type {MappingStore} from './useMappingStore';

export function useRefreshStoredColumns(
    store: MappingStore,
    liveColumns: LiveColumns | undefined,
    onFailure: (error: unknown) => void,
): void {
    const refreshed =
        liveColumns === undefined ? store.mapping : withLiveColumns(store.mapping, liveColumns);
    const json = store.canEdit.ok && refreshed !== store.mapping ? JSON.stringify(refreshed) : null;
    const savedJsonRef = useRef<string | null>(null);
    const {updateAsync} = store;

    useEffect(() => {
        // Each distinct refresh is saved once, so a failing save is not retried on every render.
        if (json === null || liveColumns === undefined || savedJsonRef.current === json) {
            return;
        }
        savedJsonRef.current = json;
        updateAsync(mapping => withLiveColumns(mapping, liveColumns)).catch(onFailure);
        // `json` changes exactly when the refresh does, and the other values follow from it.
    }, [json]);
}
