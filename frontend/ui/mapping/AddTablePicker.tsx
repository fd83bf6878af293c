/** Adds another Dynamics table to the mapping, chosen from a searchable list read from metadata. */
import {Box, Button, FormField, Input, Loader, Text} from '@airtable/blocks/ui';
import {useState} from 'react';
import type {CheckResult} from '../../airtable/checkResult';
import type {EntityRef} from '../../sync/mapping';
import {ErrorText} from '../ErrorText';
import type {Loadable} from './useMappingMetadata';

/** At most this many matches are listed, so a long table list stays short to scan. */
const MAX_LISTED_TABLES = 20;

interface AddTablePickerProps {
    readonly tables: Loadable<readonly EntityRef[]>;
    /** The tables the mapping lists already, which are not offered again. */
    readonly listed: readonly EntityRef[];
    readonly canEdit: CheckResult;
    onAdd(entity: EntityRef): void;
}

export function AddTablePicker({tables, listed, canEdit, onAdd}: AddTablePickerProps) {
    const [search, setSearch] = useState('');
    if (tables.status === 'loading') {
        return (
            <Box display="flex" alignItems="center" marginY={2} role="status">
                <Loader scale={0.3} />
                <Text marginLeft={2}>Loading the Dynamics tables…</Text>
            </Box>
        );
    }
    if (tables.status === 'failed') {
        return <ErrorText>{tables.message}</ErrorText>;
    }

    const listedNames = new Set<string>(listed.map(entity => entity.logicalName));
    const query = search.trim().toLowerCase();
    const matches = tables.value.filter(
        entity =>
            !listedNames.has(entity.logicalName) &&
            (entity.displayName.toLowerCase().includes(query) ||
                entity.logicalName.includes(query)),
    );
    return (
        <Box marginY={2}>
            <FormField label="Add a Dynamics table" htmlFor="mapping-add-table" marginBottom={1}>
                <Input
                    id="mapping-add-table"
                    type="search"
                    placeholder="Search by name"
                    value={search}
                    disabled={!canEdit.ok}
                    onChange={event => setSearch(event.target.value)}
                />
            </FormField>
            {matches.length === 0 ? <Text textColor="light">No other table matches.</Text> : null}
            {matches.slice(0, MAX_LISTED_TABLES).map(entity => (
                <Button
                    key={entity.logicalName}
                    size="small"
                    icon="plus"
                    marginRight={1}
                    marginBottom={1}
                    disabled={!canEdit.ok}
                    onClick={() => onAdd(entity)}
                >
                    {`${entity.displayName} (${entity.logicalName})`}
                </Button>
            ))}
        </Box>
    );
}
