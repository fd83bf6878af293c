/**
 * Chooses the Airtable table a Dynamics table syncs with: an existing one, or "Create a new
 * table", which lists the suggested fields and creates the table with them and the sync fields.
 */
import type {Base} from '@airtable/blocks/models';
import {Box, Button, FormField, Input, Select, Text} from '@airtable/blocks/ui';
import {useState} from 'react';
import type {CheckResult} from '../../airtable/checkResult';
import type {StoredTableMapping} from '../../settings/mapping/storedMapping';
import type {ColumnSpec} from '../../sync/mapping';
import {DisabledReason} from '../DisabledReason';
import {
    suggestedFieldsForNewTable,
    type NewFieldOptions,
    type NewFieldSuggestion,
} from '../../settings/mapping/suggestNewFields';
import {checkCanCreateTable} from './newFields';
import type {Loadable} from './useMappingMetadata';

const NO_TABLE = '';
const NEW_TABLE = 'new';

interface AirtableTableChooserProps {
    readonly base: Base;
    readonly entry: StoredTableMapping;
    readonly columns: Loadable<readonly ColumnSpec[]> | null;
    readonly canEdit: CheckResult;
    readonly newFieldOptions: NewFieldOptions;
    onChooseTable(tableId: string | null): void;
    onCreateTable(name: string, fields: readonly NewFieldSuggestion[]): void;
}

export function AirtableTableChooser(props: AirtableTableChooserProps) {
    const {base, entry, canEdit} = props;
    const [isCreating, setIsCreating] = useState(false);
    const selectId = `mapping-table-${entry.entity.logicalName}`;
    const value = isCreating ? NEW_TABLE : (entry.airtableTableId ?? NO_TABLE);
    const isMissing =
        entry.airtableTableId !== null && base.getTableByIdIfExists(entry.airtableTableId) === null;

    const options = [
        {value: NO_TABLE, label: 'Choose a table'},
        ...base.tables.map(table => ({value: table.id, label: table.name})),
        ...(isMissing ? [{value: entry.airtableTableId ?? '', label: 'Deleted table'}] : []),
        {value: NEW_TABLE, label: 'Create a new table'},
    ];

    return (
        <Box>
            <FormField
                label={`Airtable table for ${entry.entity.displayName} records`}
                htmlFor={selectId}
                marginBottom={1}
            >
                <Select
                    id={selectId}
                    value={value}
                    options={options}
                    disabled={!canEdit.ok}
                    onChange={chosen => {
                        setIsCreating(chosen === NEW_TABLE);
                        if (chosen !== NEW_TABLE) {
                            props.onChooseTable(
                                typeof chosen === 'string' && chosen !== NO_TABLE ? chosen : null,
                            );
                        }
                    }}
                />
            </FormField>
            {isCreating ? (
                <NewTableForm
                    {...props}
                    onCreated={(name, fields) => {
                        setIsCreating(false);
                        props.onCreateTable(name, fields);
                    }}
                />
            ) : null}
        </Box>
    );
}

function NewTableForm(
    props: AirtableTableChooserProps & {
        onCreated(name: string, fields: readonly NewFieldSuggestion[]): void;
    },
) {
    const {base, entry, columns} = props;
    const [name, setName] = useState(entry.entity.displayName);
    if (columns === null) {
        return <Text>Sign in to load the Dynamics columns.</Text>;
    }
    if (columns.status !== 'loaded') {
        return (
            <Text>{columns.status === 'loading' ? 'Loading the columns…' : columns.message}</Text>
        );
    }
    const suggestion = suggestedFieldsForNewTable(
        entry.entity,
        columns.value,
        props.newFieldOptions,
    );
    const {fields} = suggestion;
    const trimmed = name.trim();
    const check: CheckResult =
        trimmed === ''
            ? {ok: false, reason: 'Enter a name for the new table.'}
            : checkCanCreateTable(base, trimmed, fields);
    const inputId = `new-table-${entry.entity.logicalName}`;
    return (
        <Box padding={2} border="default" borderRadius="default" marginBottom={2}>
            <FormField label="Name of the new table" htmlFor={inputId} marginBottom={1}>
                <Input id={inputId} value={name} onChange={event => setName(event.target.value)} />
            </FormField>
            <Text size="small" textColor="light">
                Fields:{' '}
                {[...fields.map(({field}) => field), ...suggestion.bookkeepingFields]
                    .map(field => field.name)
                    .join(', ')}
            </Text>
            <Button
                marginTop={2}
                variant="primary"
                disabled={!check.ok}
                onClick={() => props.onCreated(trimmed, fields)}
            >
                Create table
            </Button>
            <DisabledReason check={check} />
        </Box>
    );
}
