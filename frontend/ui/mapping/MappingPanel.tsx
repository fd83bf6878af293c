/**
 * The field mapping settings, under the connection settings: per Dynamics table, whether it
 * syncs, the Airtable table and the field of each column, with suggestions, match keys and the
 * conflict policy. Editors edit; read-only collaborators see every control disabled with the
 * reason. Each problem that keeps a table from syncing is shown next to its control.
 */
import type {Base} from '@airtable/blocks/models';
import {Box, Heading, Text, useBase} from '@airtable/blocks/ui';
import {useCallback, useMemo, useState} from 'react';
import type {CheckResult} from '../../airtable/checkResult';
import {readBaseSchema} from '../../settings/mapping/readBaseSchema';
import type {StoredTableMapping} from '../../settings/mapping/storedMapping';
import type {NewFieldOptions} from '../../settings/mapping/suggestNewFields';
import {validateMapping, type LiveColumns} from '../../settings/mapping/validateMapping';
import type {SettingsState} from '../../settings/useSettings';
import type {LogicalName} from '../../sync/ids';
import type {ColumnSpec, EntityRef} from '../../sync/mapping';
import {ConflictPolicyPicker} from '../ConflictPolicyPicker';
import {describeError} from '../describeError';
import {DisabledReason} from '../DisabledReason';
import {ErrorText} from '../ErrorText';
import {AddTablePicker} from './AddTablePicker';
import {addTableMapping, updateTableMapping} from './mappingEdits';
import type {MappingMetadataSource} from './mappingMetadata';
import {groupProblems, listSyncedTableIds, NO_TABLE_PROBLEMS} from './mappingView';
import {TableMappingSection} from './TableMappingSection';
import {useMappingMetadata, type MappingMetadata} from './useMappingMetadata';
import {useMappingStore, type MappingStore} from './useMappingStore';
import {useRefreshStoredColumns} from './useRefreshStoredColumns';

export interface MappingPanelProps {
    /** Reads the Dynamics tables and columns, or null until the user signs in. */
    readonly metadataSource: MappingMetadataSource | null;
    readonly settings: SettingsState;
    /**
     * Whether the host can add fields to a table. When it cannot, "Create field" and "Create sync
     * fields" are disabled, and the reason is shown once above the tables.
     */
    readonly canCreateFields: CheckResult;
}

export function MappingPanel({metadataSource, settings, canCreateFields}: MappingPanelProps) {
    const base = useBase();
    const store = useMappingStore();
    const entities = store.mapping.tables.map(table => table.entity);
    return (
        <Box marginTop={4}>
            <Heading size="small">Field mapping</Heading>
            <DisabledReason check={store.canEdit} />
            {store.canEdit.ok ? <DisabledReason check={canCreateFields} /> : null}
            <ConflictPolicyPicker settings={settings} />
            {metadataSource === null ? (
                <>
                    <Text marginBottom={2}>Sign in to load the Dynamics columns.</Text>
                    <MappingTables
                        base={base}
                        store={store}
                        metadata={null}
                        canCreateFields={canCreateFields}
                    />
                </>
            ) : (
                <LoadedMappingTables
                    base={base}
                    store={store}
                    source={metadataSource}
                    entities={entities}
                    canCreateFields={canCreateFields}
                />
            )}
        </Box>
    );
}

function LoadedMappingTables(props: {
    readonly base: Base;
    readonly store: MappingStore;
    readonly source: MappingMetadataSource;
    readonly entities: readonly EntityRef[];
    readonly canCreateFields: CheckResult;
}) {
    const metadata = useMappingMetadata(props.source, props.entities);
    return (
        <MappingTables
            base={props.base}
            store={props.store}
            metadata={metadata}
            canCreateFields={props.canCreateFields}
        />
    );
}

interface MappingTablesProps {
    readonly base: Base;
    readonly store: MappingStore;
    readonly metadata: MappingMetadata | null;
    readonly canCreateFields: CheckResult;
}

function MappingTables({base, store, metadata, canCreateFields}: MappingTablesProps) {
    const [saveError, setSaveError] = useState<string | null>(null);
    const {updateAsync} = store;
    const liveColumns = listLiveColumns(store.mapping.tables, metadata);
    const problems = groupProblems(store.mapping, [
        ...store.readProblems,
        ...validateMapping(store.mapping, readBaseSchema(base), liveColumns),
    ]);
    const newFieldOptions = useNewFieldOptions(store);
    useRefreshStoredColumns(store, liveColumns, error =>
        setSaveError(
            `Couldn't save the current Dynamics column details: ${describeError(error)} ` +
                'Open the settings again to retry.',
        ),
    );

    const save = useCallback(
        (update: Parameters<MappingStore['updateAsync']>[0]) => {
            setSaveError(null);
            updateAsync(update).catch((error: unknown) =>
                setSaveError(`Couldn't save the field mapping: ${describeError(error)}`),
            );
        },
        [updateAsync],
    );
    const onEdit = useCallback(
        (entity: LogicalName, update: (entry: StoredTableMapping) => StoredTableMapping) =>
            save(mapping => updateTableMapping(mapping, entity, update)),
        [save],
    );

    return (
        <Box>
            {saveError === null ? null : <ErrorText>{saveError}</ErrorText>}
            {problems.general.map(problem => (
                <ErrorText key={problem.message}>{problem.message}</ErrorText>
            ))}
            {store.mapping.tables.map(entry => (
                <TableMappingSection
                    key={entry.entity.logicalName}
                    base={base}
                    entry={entry}
                    columns={
                        metadata === null ? null : metadata.getColumns(entry.entity.logicalName)
                    }
                    problems={problems.byTable.get(entry.entity.logicalName) ?? NO_TABLE_PROBLEMS}
                    newFieldOptions={newFieldOptions}
                    canEdit={store.canEdit}
                    canCreateFields={canCreateFields}
                    onEdit={onEdit}
                />
            ))}
            {metadata === null ? null : (
                <AddTablePicker
                    tables={metadata.tables}
                    listed={store.mapping.tables.map(entry => entry.entity)}
                    canEdit={store.canEdit}
                    onAdd={entity => save(mapping => addTableMapping(mapping, entity))}
                />
            )}
        </Box>
    );
}

function listLiveColumns(
    entries: readonly StoredTableMapping[],
    metadata: MappingMetadata | null,
): LiveColumns | undefined {
    if (metadata === null) {
        return undefined;
    }
    const live = new Map<LogicalName, readonly ColumnSpec[]>();
    for (const {entity} of entries) {
        const columns = metadata.getColumns(entity.logicalName);
        if (columns.status === 'loaded') {
            live.set(entity.logicalName, columns.value);
        }
    }
    return live;
}

/** Returns the synced tables for new link fields, the same object while they stay the same. */
function useNewFieldOptions(store: MappingStore): NewFieldOptions {
    const syncedTableIds = listSyncedTableIds(store.mapping);
    const key = [...syncedTableIds].map(pair => pair.join('=')).join(',');
    // `key` changes exactly when `syncedTableIds` does, which is a new map on every render.
    return useMemo(() => ({syncedTableIds}), [key]);
}
