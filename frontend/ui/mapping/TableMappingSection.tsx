/**
 * One Dynamics table of the mapping: whether it syncs, the Airtable table it syncs with, the
 * suggested fields, one row per column, and the first-sync match keys. Before the live columns
 * load, the rows show the columns the stored mapping syncs, as they were last read.
 */
import type {Base, Table} from '@airtable/blocks/models';
import {Box, Button, Heading, Loader, Switch, Text} from '@airtable/blocks/ui';
import {useCallback, useMemo, useState} from 'react';
import type {CheckResult} from '../../airtable/checkResult';
import {readTableSchema} from '../../airtable/tableSchema';
import type {MappingProblem} from '../../settings/mapping/mappingProblems';
import type {StoredFieldMapping, StoredTableMapping} from '../../settings/mapping/storedMapping';
import {suggestFieldMappings} from '../../settings/mapping/suggestFieldMappings';
import type {NewFieldOptions, NewFieldSuggestion} from '../../settings/mapping/suggestNewFields';
import type {FieldSchema} from '../../settings/tableSchema';
import {airtableTableId, type LogicalName} from '../../sync/ids';
import type {ColumnSpec, MatchKey} from '../../sync/mapping';
import {assertNever} from '../../sync/assertNever';
import {describeError} from '../describeError';
import {DisabledReason} from '../DisabledReason';
import {ErrorText} from '../ErrorText';
import {AirtableTableChooser} from './AirtableTableChooser';
import {ColumnMappingRow} from './ColumnMappingRow';
import {canMapFieldType, isColumnWritable} from './fieldDirections';
import {FieldSuggestions} from './FieldSuggestions';
import {
    withAirtableTable,
    withFieldMapping,
    withMatchKeys,
    withoutFieldMapping,
} from './mappingEdits';
import type {TableProblems} from './mappingView';
import {MatchKeyPicker} from './MatchKeyPicker';
import {
    checkCanCreateSyncFields,
    createFieldAsync,
    createSyncFieldsAsync,
    createTableAsync,
    findSyncFieldIds,
    suggestFieldToCreate,
} from './newFields';
import type {Loadable} from './useMappingMetadata';

type TableUpdate = (entry: StoredTableMapping) => StoredTableMapping;

/** The action of a failed creation, and the step the user can take instead. */
interface Failure {
    readonly action: string;
    readonly fix: string;
}

export interface TableMappingSectionProps {
    readonly base: Base;
    readonly entry: StoredTableMapping;
    /** The live columns, or null until the user signs in. */
    readonly columns: Loadable<readonly ColumnSpec[]> | null;
    readonly problems: TableProblems;
    readonly canEdit: CheckResult;
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

interface TableColumnsProps extends TableMappingSectionProps {
    readonly table: Table;
    edit(update: TableUpdate): void;
    runAsync(failure: Failure, taskAsync: () => Promise<TableUpdate>): Promise<void>;
}

function TableColumns(props: TableColumnsProps) {
    const {table, entry, columns, canEdit, edit, runAsync} = props;
    const schema = readTableSchema(table);
    const hasSyncFields =
        entry.dynamicsIdFieldId !== null &&
        entry.syncStateFieldId !== null &&
        table.getFieldByIdIfExists(entry.dynamicsIdFieldId) !== null &&
        table.getFieldByIdIfExists(entry.syncStateFieldId) !== null;
    const syncFieldIds = new Set<string>([
        entry.dynamicsIdFieldId ?? '',
        entry.syncStateFieldId ?? '',
    ]);
    const shownColumns = listShownColumns(columns, entry.fields);
    const {allFields, mappableFields, compatibleFieldsOf} = useTableFields(
        schema.fields,
        syncFieldIds,
    );

    const onMap = useCallback(
        (column: ColumnSpec, mapping: StoredFieldMapping | null) =>
            edit(current =>
                mapping === null
                    ? withoutFieldMapping(current, column.logicalName)
                    : withFieldMapping(current, mapping),
            ),
        [edit],
    );
    const onCreateField = useCallback(
        (column: ColumnSpec, options: NewFieldOptions) => {
            const suggestion = suggestFieldToCreate(table, column, options);
            if ('reason' in suggestion) {
                return;
            }
            const failure = {
                action: `create the field "${suggestion.field.name}" in "${table.name}"`,
                fix: 'Add it in Airtable and choose it in the list, or try again.',
            };
            void runAsync(failure, async () => {
                const mapping = await createFieldAsync(table, suggestion);
                return current => withFieldMapping(current, mapping);
            });
        },
        [table, runAsync],
    );

    const mappedByColumn = new Map(entry.fields.map(field => [field.column.logicalName, field]));
    const suggestions =
        columns?.status === 'loaded'
            ? suggestFieldMappings(columns.value, mappableFields, {
                  existing: entry,
                  ...props.newFieldOptions,
              })
            : [];

    return (
        <Box>
            {hasSyncFields ? null : <SyncFieldsButton {...props} />}
            <ColumnsStatus columns={columns} tableName={entry.entity.displayName} />
            <FieldSuggestions
                suggestions={suggestions}
                canEdit={canEdit}
                onAccept={mappings => edit(current => mappings.reduce(withFieldMapping, current))}
            />
            {shownColumns.map(column => {
                const mapping = mappedByColumn.get(column.logicalName) ?? null;
                return (
                    <ColumnMappingRow
                        key={column.logicalName}
                        table={table}
                        column={column}
                        mapping={mapping}
                        fields={allFields}
                        compatibleFields={compatibleFieldsOf(column)}
                        {...describeRowProblems(props.problems.byColumn.get(column.logicalName))}
                        canEdit={canEdit}
                        newFieldOptions={props.newFieldOptions}
                        onMap={onMap}
                        onCreateField={onCreateField}
                    />
                );
            })}
            <MatchKeyPicker
                tableName={entry.entity.logicalName}
                matchKeys={entry.matchKeys}
                columns={entry.fields.map(field => field.column)}
                canEdit={canEdit}
                onChange={(matchKeys: readonly MatchKey[]) =>
                    edit(current => withMatchKeys(current, matchKeys))
                }
            />
        </Box>
    );
}

const SYNC_FIELDS_FAILURE: Failure = {
    action: 'create the sync fields',
    fix: 'Add a single line text field "Dynamics ID" and a long text field "Sync state" in Airtable, or try again.',
};

function SyncFieldsButton({table, entry, canEdit, runAsync}: TableColumnsProps) {
    const check = canEdit.ok ? checkCanCreateSyncFields(table) : canEdit;
    return (
        <Box marginY={2}>
            <Button
                size="small"
                icon="plus"
                disabled={!check.ok}
                onClick={() =>
                    void runAsync(SYNC_FIELDS_FAILURE, async () => {
                        const ids = await createSyncFieldsAsync(table, entry);
                        return current => ({...current, ...ids});
                    })
                }
            >
                Create sync fields
            </Button>
            {canEdit.ok ? <DisabledReason check={check} /> : null}
        </Box>
    );
}

function ColumnsStatus(props: {
    readonly columns: Loadable<readonly ColumnSpec[]> | null;
    readonly tableName: string;
}) {
    // The panel shows the sign-in message once, above every table.
    if (props.columns === null) {
        return null;
    }
    switch (props.columns.status) {
        case 'loading':
            return (
                <Box display="flex" alignItems="center" marginY={2} role="status">
                    <Loader scale={0.3} />
                    <Text marginLeft={2}>Loading the columns of {props.tableName}…</Text>
                </Box>
            );
        case 'failed':
            return <ErrorText>{props.columns.message}</ErrorText>;
        case 'loaded':
            return null;
        default:
            return assertNever(props.columns);
    }
}

/**
 * Returns the live columns followed by stored columns the live metadata lacks, or only the stored
 * ones while the live columns are not loaded.
 */
function listShownColumns(
    columns: Loadable<readonly ColumnSpec[]> | null,
    stored: readonly StoredFieldMapping[],
): readonly ColumnSpec[] {
    const storedColumns = stored.map(field => field.column);
    if (columns?.status !== 'loaded') {
        return storedColumns;
    }
    const live = new Set<string>(columns.value.map(column => column.logicalName));
    return [...columns.value, ...storedColumns.filter(column => !live.has(column.logicalName))];
}

interface TableFields {
    /** Every field, the same array while the schema stays the same. */
    readonly allFields: readonly FieldSchema[];
    /** The fields a column may map to: all but the sync's bookkeeping fields. */
    readonly mappableFields: readonly FieldSchema[];
    compatibleFieldsOf(column: ColumnSpec): readonly FieldSchema[];
}

/**
 * Returns the table's fields and a lookup of those each column may map to, the same objects
 * while the schema stays the same, so memoised rows skip re-rendering. The compatible fields
 * depend only on a column's type and writability, so a table of 150 columns computes a dozen
 * lists, once per schema.
 */
function useTableFields(
    fields: readonly FieldSchema[],
    syncFieldIds: ReadonlySet<string>,
): TableFields {
    const key = [
        ...fields.map(field => `${field.id}:${field.name}:${field.type}`),
        ...syncFieldIds,
    ].join(',');
    return useMemo(() => {
        const mappableFields = fields.filter(field => !syncFieldIds.has(field.id));
        const cache = new Map<string, readonly FieldSchema[]>();
        const compatibleFieldsOf = (column: ColumnSpec) => {
            const cacheKey = `${column.type}:${isColumnWritable(column)}`;
            const cached = cache.get(cacheKey);
            if (cached !== undefined) {
                return cached;
            }
            const compatible = mappableFields.filter(field => canMapFieldType(column, field.type));
            cache.set(cacheKey, compatible);
            return compatible;
        };
        return {allFields: fields, mappableFields, compatibleFieldsOf};
        // `key` changes exactly when the fields or ids do, which are read anew on every render.
    }, [key]);
}

function describeRowProblems(problems: readonly MappingProblem[] | undefined): {
    readonly problem: string | null;
    readonly isWarning: boolean;
} {
    if (problems === undefined || problems.length === 0) {
        return {problem: null, isWarning: false};
    }
    return {
        problem: problems.map(problem => problem.message).join(' '),
        isWarning: problems.every(problem => problem.severity === 'warning'),
    };
}
