/**
 * Lists what is wrong with the synced table's fields and offers to create the missing ones when
 * the user may create fields. A field of the wrong type needs a person, so it is only described.
 */
import type {Table} from '@airtable/blocks/models';
import {Box, Button, Heading, Text} from '@airtable/blocks/ui';
import {useState} from 'react';
import {checkCanCreateFields, createFieldsAsync} from '../airtable/fieldCreation';
import {
    describeSchemaProblem,
    listMissingFields,
    type SchemaProblem,
} from '../settings/schemaProblems';
import {describeError} from './describeError';
import {DisabledReason} from './DisabledReason';
import {ErrorText} from './ErrorText';

interface SchemaNoticeProps {
    readonly table: Table;
    readonly problems: readonly SchemaProblem[];
}

export function SchemaNotice({table, problems}: SchemaNoticeProps) {
    const [isCreating, setIsCreating] = useState(false);
    const [error, setError] = useState<string | null>(null);
    const missingFields = listMissingFields(problems);
    const canCreate = checkCanCreateFields(table, missingFields);

    const createAsync = async () => {
        setIsCreating(true);
        setError(null);
        try {
            await createFieldsAsync(table, missingFields);
        } catch (caught) {
            // Only a failure keeps the notice on screen; once every field exists, it is replaced.
            setError(`Couldn't create the missing fields: ${describeError(caught)}`);
            setIsCreating(false);
        }
    };

    return (
        <Box>
            <Heading size="small">
                The table "{table.name}" needs changes before it can sync
            </Heading>
            <Box as="ul" paddingLeft={3}>
                {problems.map(problem => (
                    <Text as="li" key={problem.field.name} marginBottom={1}>
                        {describeSchemaProblem(problem, table.name)}
                    </Text>
                ))}
            </Box>
            {missingFields.length === 0 ? null : (
                <Box marginTop={2}>
                    <Button
                        variant="primary"
                        disabled={!canCreate.ok || isCreating}
                        onClick={() => void createAsync()}
                    >
                        {isCreating ? 'Creating fields…' : 'Create missing fields'}
                    </Button>
                    <DisabledReason check={canCreate} />
                </Box>
            )}
            {error === null ? null : <ErrorText>{error}</ErrorText>}
        </Box>
    );
}
