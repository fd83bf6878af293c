/**
 * One Dynamics table of the mapping: whether it syncs, the Airtable table it syncs with, and,
 * once that table exists, its columns. Before the live columns load, the rows show the columns
 * the stored mapping syncs, as they were last read.
 */
import type {Base} from '@airtable/blocks/models';
import {Box, Heading, Switch, Text} from '@airtable/blocks/ui';
import {useCallback, useState} from 'react';
import type {CheckResult} from '../../airtable/checkResult';
import type {MappingProblem} from '../../settings/mapping/mappingProblems';
import type {StoredTableMapping} from '../../settings/mapping/storedMapping';
import type {NewFieldOptions, NewFieldSuggestion} from '../../settings/mapping/suggestNewFields';
import {airtableTableId, type LogicalName} from '../../sync/ids';
import type {ColumnSpec} from '../../sync/mapping';
import {describeError} from '../describeError';
import {ErrorText} from '../ErrorText';
import {AirtableTableChooser} from './AirtableTableChooser';
import {withAirtableTable} from './mappingEdits';
import type {TableProblems} from './mappingView';
import {createTableAsync, findSyncFieldIds} from './newFields';
import {TableColumns, type Failure, type TableUpdate} from './TableColumns';
import type {Loadable} from './useMappingMetadata';

export interface TableMappingSectionProps {
    readonly base: Base;
    readonly entry: StoredTableMapping;
    /** The live columns, or null until the user signs in. */
    readonly columns: Loadable<readonly ColumnSpec[]> | null;
    readonly problems: TableProblems;
    readonly canEdit: CheckResult;
    /** Whether the host can add fields. The panel shows the reason once, so rows do not. */
    readonly canCreateFields: CheckResult;
    /** The tables that sync, for link fields. It is the same object between renders. */
    readonly newFieldOptions: NewFieldOptions;
    onEdit(entity: LogicalName, update: TableUpdate): void;
}

export function TableMappingSection(props: TableMappingSectionProps) {
    const {base, entry, canEdit, onEdit} = props;
    const entity = entry.entity.logicalName;
    const [error, setError] = useState<string | null>(null);
    const table =
        entry.airtableTableId === null ? null : base.getTableByIdIfExists(entry.airtableTableId);
    const edit = useCallback((update: TableUpdate) => onEdit(entity, update), [onEdit, entity]);

    const runAsync = useCallback(
        async (failure: Failure, taskAsync: () => Promise<TableUpdate>) => {
            setError(null);
            try {
                edit(await taskAsync());
            } catch (caught) {
                const detail = describeError(caught).replace(/\.$/, '');
                setError(`Couldn't ${failure.action}: ${detail}. ${failure.fix}`);
            }
        },
        [edit],
    );

    const onCreateTable = (name: string, fields: readonly NewFieldSuggestion[]) =>
        void runAsync(
            {
                action: `create the table "${name}"`,
                fix: 'Create it in Airtable and choose it in the list, or try again.',
            },
            async () => {
                const created = await createTableAsync(base, entry, name, fields);
                return current => ({
                    ...current,
                    airtableTableId: created.airtableTableId,
                    dynamicsIdFieldId: created.dynamicsIdFieldId,
                    syncStateFieldId: created.syncStateFieldId,
                    fields: created.fields,
                });
            },
        );

    return (
        <Box marginBottom={3} padding={2} border="thick" borderRadius="large">
            <Box display="flex" alignItems="center" justifyContent="space-between">
                <Heading size="small" marginBottom={0}>
                    {entry.entity.displayName}{' '}
                    <Text as="span" textColor="light" size="small">
                        ({entity})
                    </Text>
                </Heading>
                <Switch
                    width="auto"
                    label="Sync"
                    aria-label={`Sync ${entry.entity.displayName} records`}
                    value={entry.isEnabled}
                    disabled={!canEdit.ok}
                    onChange={isEnabled => edit(current => ({...current, isEnabled}))}
                />
            </Box>
            <ProblemList problems={props.problems.table} />
            <AirtableTableChooser
                base={base}
                entry={entry}
                columns={props.columns}
                canEdit={canEdit}
                newFieldOptions={props.newFieldOptions}
                onChooseTable={tableId => edit(current => chooseTable(base, current, tableId))}
                onCreateTable={onCreateTable}
            />
            {error === null ? null : <ErrorText>{error}</ErrorText>}
            {table === null ? null : (
                <TableColumns {...props} table={table} edit={edit} runAsync={runAsync} />
            )}
        </Box>
    );
}

function chooseTable(
    base: Base,
    entry: StoredTableMapping,
    tableId: string | null,
): StoredTableMapping {
    const chosen = withAirtableTable(entry, tableId === null ? null : airtableTableId(tableId));
    const table = tableId === null ? null : base.getTableByIdIfExists(tableId);
    return table === null ? chosen : {...chosen, ...findSyncFieldIds(table, chosen)};
}

function ProblemList({problems}: {readonly problems: readonly MappingProblem[]}) {
    return (
        <>
            {problems.map(problem => (
                <Text
                    key={`${problem.code}:${problem.message}`}
                    textColor={problem.severity === 'error' ? 'red' : 'orange'}
                    marginY={1}
                    role="alert"
                >
                    {problem.message}
                </Text>
            ))}
        </>
    );
}
