/**
 * The columns of one mapped table: the suggestions, one row per column, the "Create sync fields"
 * button while the bookkeeping fields are missing, and the first-sync match keys.
 */
import type {Table} from '@airtable/blocks/models';
import {Box, Button, FormField, Input, Loader, Text} from '@airtable/blocks/ui';
import {useCallback, useMemo, useState} from 'react';
import {readTableSchema} from '../../airtable/tableSchema';
import type {MappingProblem} from '../../settings/mapping/mappingProblems';
import type {StoredFieldMapping, StoredTableMapping} from '../../settings/mapping/storedMapping';
import {suggestFieldMappings} from '../../settings/mapping/suggestFieldMappings';
import type {NewFieldOptions} from '../../settings/mapping/suggestNewFields';
import type {FieldSchema} from '../../settings/tableSchema';
import {assertNever} from '../../sync/assertNever';
import type {ColumnSpec, MatchKey} from '../../sync/mapping';
import {DisabledReason} from '../DisabledReason';
import {ErrorText} from '../ErrorText';
import {ColumnMappingRow} from './ColumnMappingRow';
import {canMapFieldType, isColumnWritable} from './fieldDirections';
import {FieldSuggestions} from './FieldSuggestions';
import {withFieldMapping, withMatchKeys, withoutFieldMapping} from './mappingEdits';
import {MatchKeyPicker} from './MatchKeyPicker';
import {
    checkCanCreateSyncFields,
    createFieldAsync,
    createSyncFieldsAsync,
    suggestFieldToCreate,
} from './newFields';
import type {TableMappingSectionProps} from './TableMappingSection';
import type {Loadable} from './useMappingMetadata';

export type TableUpdate = (entry: StoredTableMapping) => StoredTableMapping;

/** The action of a failed creation, and the step the user can take instead. */
export interface Failure {
    readonly action: string;
    readonly fix: string;
}

export interface TableColumnsProps extends TableMappingSectionProps {
    readonly table: Table;
    edit(update: TableUpdate): void;
    runAsync(failure: Failure, taskAsync: () => Promise<TableUpdate>): Promise<void>;
}

export function TableColumns(props: TableColumnsProps) {
    const {table, entry, columns, canEdit, canCreateFields, edit, runAsync} = props;
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
    const [filter, setFilter] = useState('');
    const allColumns = listShownColumns(columns, entry.fields);
    const shownColumns = filterColumns(allColumns, filter);
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
            {allColumns.length < MIN_COLUMNS_FOR_FILTER ? null : (
                <FormField
                    label="Filter columns"
                    htmlFor={`column-filter-${entry.entity.logicalName}`}
                    marginBottom={1}
                >
                    <Input
                        id={`column-filter-${entry.entity.logicalName}`}
                        type="search"
                        placeholder="Display name or logical name"
                        value={filter}
                        onChange={event => setFilter(event.target.value)}
                    />
                </FormField>
            )}
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
                        canCreateFields={canCreateFields}
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

function SyncFieldsButton(props: TableColumnsProps) {
    const {table, entry, canEdit, canCreateFields, runAsync} = props;
    // The panel shows the reason of these two checks once, above the tables.
    const panelCheck = canEdit.ok ? canCreateFields : canEdit;
    const check = panelCheck.ok ? checkCanCreateSyncFields(table) : panelCheck;
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
            {panelCheck.ok ? <DisabledReason check={check} /> : null}
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

/** Tables with fewer columns than this fit on a screen or two, so they get no filter. */
const MIN_COLUMNS_FOR_FILTER = 20;

/** Returns the columns whose display name or logical name contains the filter, ignoring case. */
function filterColumns(columns: readonly ColumnSpec[], filter: string): readonly ColumnSpec[] {
    const query = filter.trim().toLowerCase();
    if (query === '') {
        return columns;
    }
    return columns.filter(
        column =>
            column.displayName.toLowerCase().includes(query) || column.logicalName.includes(query),
    );
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
