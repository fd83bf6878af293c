/**
 * Chooses the keys that pair existing rows and records on a table's first sync: a first key of
 * one or more mapped columns, and a fallback key tried for rows whose first key is empty.
 */
import {Box, Button, FormField, Select, Text} from '@airtable/blocks/ui';
import type {CheckResult} from '../../airtable/checkResult';
import type {LogicalName} from '../../sync/ids';
import type {ColumnSpec, MatchKey} from '../../sync/mapping';

const KEY_LABELS = ['First-sync match key', 'Fallback key'] as const;
const ADD_PLACEHOLDER = '';

interface MatchKeyPickerProps {
    readonly tableName: string;
    readonly matchKeys: readonly MatchKey[];
    /** The mapped columns, which are the only ones a key may name. */
    readonly columns: readonly ColumnSpec[];
    readonly canEdit: CheckResult;
    onChange(matchKeys: readonly MatchKey[]): void;
}

export function MatchKeyPicker(props: MatchKeyPickerProps) {
    const setKey = (index: number, key: MatchKey) => {
        const keys = KEY_LABELS.map((_, position) =>
            position === index ? key : (props.matchKeys[position] ?? []),
        );
        props.onChange(keys);
    };
    return (
        <Box marginTop={2}>
            {KEY_LABELS.map((label, index) => (
                <MatchKeyEditor
                    key={label}
                    id={`match-key-${props.tableName}-${index}`}
                    label={label}
                    matchKey={props.matchKeys[index] ?? []}
                    columns={props.columns}
                    canEdit={props.canEdit}
                    onChange={key => setKey(index, key)}
                />
            ))}
        </Box>
    );
}

interface MatchKeyEditorProps {
    readonly id: string;
    readonly label: string;
    readonly matchKey: MatchKey;
    readonly columns: readonly ColumnSpec[];
    readonly canEdit: CheckResult;
    onChange(key: MatchKey): void;
}

function MatchKeyEditor({id, label, matchKey, columns, canEdit, onChange}: MatchKeyEditorProps) {
    const nameOf = (logicalName: LogicalName) =>
        columns.find(column => column.logicalName === logicalName)?.displayName ?? logicalName;
    const addable = columns.filter(column => !matchKey.includes(column.logicalName));
    return (
        <FormField label={label} htmlFor={id} marginBottom={1}>
            <Box display="flex" flexWrap="wrap" alignItems="center">
                {matchKey.length === 0 ? (
                    <Text textColor="light" marginRight={2}>
                        None
                    </Text>
                ) : null}
                {matchKey.map(logicalName => (
                    <Button
                        key={logicalName}
                        size="small"
                        icon="x"
                        marginRight={1}
                        disabled={!canEdit.ok}
                        aria-label={`Remove ${nameOf(logicalName)} from the ${label.toLowerCase()}`}
                        onClick={() => onChange(matchKey.filter(name => name !== logicalName))}
                    >
                        {nameOf(logicalName)}
                    </Button>
                ))}
                <Select
                    id={id}
                    size="small"
                    width="auto"
                    value={ADD_PLACEHOLDER}
                    disabled={!canEdit.ok || addable.length === 0}
                    options={[
                        {value: ADD_PLACEHOLDER, label: 'Add a column…'},
                        ...addable.map(column => ({
                            value: column.logicalName as string,
                            label: column.displayName,
                        })),
                    ]}
                    onChange={value => {
                        const column = addable.find(candidate => candidate.logicalName === value);
                        if (column !== undefined) {
                            onChange([...matchKey, column.logicalName]);
                        }
                    }}
                />
            </Box>
        </FormField>
    );
}
