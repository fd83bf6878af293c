/**
 * One Dynamics column of a table's mapping: its metadata, the Airtable field it syncs with, the
 * direction, and "Create field" while it is unmapped. Only fields of a compatible type are
 * offered, and only the directions that the column and the field both allow.
 */
import type {Table} from '@airtable/blocks/models';
import {Box, Button, Select, Text} from '@airtable/blocks/ui';
import {memo} from 'react';
import type {CheckResult} from '../../airtable/checkResult';
import type {StoredFieldMapping} from '../../settings/mapping/storedMapping';
import type {FieldSchema} from '../../settings/tableSchema';
import {airtableFieldId} from '../../sync/ids';
import type {ColumnSpec} from '../../sync/mapping';
import {DisabledReason} from '../DisabledReason';
import {DIRECTION_LABELS, getAllowedDirections, isColumnWritable} from './fieldDirections';
import type {NewFieldOptions} from '../../settings/mapping/suggestNewFields';
import {checkCanCreateField, suggestFieldToCreate} from './newFields';

const NOT_SYNCED = '';

export interface ColumnMappingRowProps {
    readonly table: Table;
    readonly column: ColumnSpec;
    readonly mapping: StoredFieldMapping | null;
    /** Every field of the table, the same array while the table's schema stays the same. */
    readonly fields: readonly FieldSchema[];
    /** The table's fields whose type fits the column. */
    readonly compatibleFields: readonly FieldSchema[];
    /** The messages of the problems found in this row's mapping, or null when there are none. */
    readonly problem: string | null;
    /** Whether every problem is a warning, which lets the table sync. */
    readonly isWarning: boolean;
    /** The tables that sync, which a new link field for a lookup column may link to. */
    readonly newFieldOptions: NewFieldOptions;
    readonly canEdit: CheckResult;
    /** Whether the host can add fields. The panel shows the reason once, so rows do not. */
    readonly canCreateFields: CheckResult;
    onMap(column: ColumnSpec, mapping: StoredFieldMapping | null): void;
    onCreateField(column: ColumnSpec, options: NewFieldOptions): void;
}

/**
 * Memoised, so editing one row of a 150-column table re-renders that row only. The stored
 * mapping is read anew on every change, so a row's mapping is compared by value.
 */
export const ColumnMappingRow = memo(function ColumnMappingRow(props: ColumnMappingRowProps) {
    const {column, mapping, compatibleFields, canEdit} = props;
    const mappedField =
        mapping === null
            ? null
            : (props.fields.find(field => field.id === mapping.airtableFieldId) ?? null);
    // Columns such as statuscode exist in several Dynamics tables, so the id names the table too.
    const fieldSelectId = `mapping-field-${props.table.id}-${column.logicalName}`;

    const fieldOptions = [
        {value: NOT_SYNCED, label: 'Not synced'},
        ...compatibleFields.map(field => ({value: field.id as string, label: field.name})),
        ...(mappedField !== null && !compatibleFields.includes(mappedField)
            ? [{value: mappedField.id as string, label: mappedField.name}]
            : []),
        ...(mapping !== null && mappedField === null
            ? [{value: mapping.airtableFieldId as string, label: 'Deleted field'}]
            : []),
    ];

    const onFieldChange = (value: unknown) => {
        const field = compatibleFields.find(candidate => candidate.id === value);
        if (field === undefined) {
            props.onMap(column, null);
            return;
        }
        const directions = getAllowedDirections(column, field.type);
        const direction =
            mapping !== null && directions.includes(mapping.direction)
                ? mapping.direction
                : (directions[0] ?? 'toAirtable');
        props.onMap(column, {column, airtableFieldId: airtableFieldId(field.id), direction});
    };

    return (
        <Box
            display="flex"
            flexWrap="wrap"
            alignItems="center"
            paddingY={1}
            borderBottom="thick"
            role="group"
            aria-label={column.displayName}
        >
            <Box flex="1 1 200px" minWidth="160px" marginRight={2}>
                <Text fontWeight="strong">{column.displayName}</Text>
                <Text size="small" textColor="light">
                    {describeColumn(column)}
                </Text>
            </Box>
            <Box flex="1 1 160px" marginRight={2}>
                <label htmlFor={fieldSelectId} style={VISUALLY_HIDDEN_STYLE}>
                    Airtable field for {column.displayName}
                </label>
                <Select
                    id={fieldSelectId}
                    size="small"
                    value={mapping === null ? NOT_SYNCED : mapping.airtableFieldId}
                    options={fieldOptions}
                    disabled={!canEdit.ok}
                    onChange={onFieldChange}
                />
            </Box>
            <Box flex="1 1 160px">
                {mapping === null ? (
                    <CreateFieldButton {...props} />
                ) : (
                    <DirectionSelect
                        {...props}
                        mapping={mapping}
                        fieldType={mappedField?.type ?? null}
                    />
                )}
            </Box>
            {props.problem === null ? null : (
                <Text
                    width="100%"
                    size="small"
                    textColor={props.isWarning ? 'orange' : 'red'}
                    role="alert"
                >
                    {props.problem}
                </Text>
            )}
        </Box>
    );
}, areRowPropsEqual);

function areRowPropsEqual(previous: ColumnMappingRowProps, next: ColumnMappingRowProps): boolean {
    const keys = Object.keys(next) as Array<keyof ColumnMappingRowProps>;
    return keys.every(key =>
        key === 'mapping' || key === 'column'
            ? JSON.stringify(previous[key]) === JSON.stringify(next[key])
            : previous[key] === next[key],
    );
}

function DirectionSelect(
    props: ColumnMappingRowProps & {
        readonly mapping: StoredFieldMapping;
        readonly fieldType: string | null;
    },
) {
    const {column, mapping, fieldType} = props;
    const directions =
        fieldType === null ? [mapping.direction] : getAllowedDirections(column, fieldType);
    const selectId = `mapping-direction-${props.table.id}-${column.logicalName}`;
    return (
        <>
            <label htmlFor={selectId} style={VISUALLY_HIDDEN_STYLE}>
                Direction for {column.displayName}
            </label>
            <Select
                id={selectId}
                size="small"
                value={mapping.direction}
                options={directions.map(direction => ({
                    value: direction,
                    label: DIRECTION_LABELS[direction],
                }))}
                disabled={!props.canEdit.ok || directions.length < 2}
                onChange={value => {
                    const direction = directions.find(candidate => candidate === value);
                    if (direction !== undefined) {
                        props.onMap(column, {...mapping, direction});
                    }
                }}
            />
        </>
    );
}

function CreateFieldButton(props: ColumnMappingRowProps) {
    const {table, column} = props;
    const suggestion = suggestFieldToCreate(table, column, props.newFieldOptions);
    // The panel shows the reason of these two checks once, above the tables.
    const panelCheck = props.canEdit.ok ? props.canCreateFields : props.canEdit;
    let check = panelCheck;
    if (panelCheck.ok) {
        check =
            'reason' in suggestion
                ? {ok: false, reason: suggestion.reason}
                : checkCanCreateField(table, suggestion);
    }
    return (
        <Box>
            <Button
                size="small"
                icon="plus"
                disabled={!check.ok}
                aria-label={`Create field for ${column.displayName}`}
                onClick={() => props.onCreateField(column, props.newFieldOptions)}
            >
                Create field
            </Button>
            {panelCheck.ok ? <DisabledReason check={check} /> : null}
        </Box>
    );
}

/** Describes the column's metadata in one line: logical name, type, length, writability. */
export function describeColumn(column: ColumnSpec): string {
    const parts: string[] = [column.logicalName, column.type];
    if (column.maxLength !== undefined) {
        parts.push(`max ${column.maxLength} characters`);
    }
    if (!isColumnWritable(column)) {
        parts.push('read-only in Dynamics');
    } else if (!column.isValidForCreate) {
        parts.push('set on update only');
    } else if (!column.isValidForUpdate) {
        parts.push('set on create only');
    } else {
        parts.push('can be created and updated');
    }
    if (column.isRequired === true) {
        parts.push('required');
    }
    return parts.join(' · ');
}

/** Hides a label from sight but not from screen readers, which name the select by it. */
const VISUALLY_HIDDEN_STYLE = {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
} as const;
