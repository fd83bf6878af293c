/**
 * Lists what is wrong with the synced table's fields and offers to create the missing ones when
 * the user may create fields and the host can. A field of the wrong type needs a person, so it is
 * only described. A failed creation is reported in words, with the SDK's error under "Show
 * details".
 */
import type {Table} from '@airtable/blocks/models';
import {Box, Button, Heading, Text} from '@airtable/blocks/ui';
import {useState} from 'react';
import type {CheckResult} from '../airtable/checkResult';
import {checkCanCreateFields, createFieldsAsync} from '../airtable/fieldCreation';
import type {TemplateField} from '../settings/mappingTemplate';
import {
    describeSchemaProblem,
    listMissingFields,
    type SchemaProblem,
} from '../settings/schemaProblems';
import {describeError} from './describeError';
import {DisabledReason} from './DisabledReason';
import {FailureWithDetails} from './FailureWithDetails';

interface SchemaNoticeProps {
    readonly table: Table;
    readonly problems: readonly SchemaProblem[];
    /** Whether the host can add fields at all. The sandbox's simulated base cannot. */
    readonly canCreateFields: CheckResult;
}

interface CreationFailure {
    readonly message: string;
    readonly detail: string;
}

export function SchemaNotice({table, problems, canCreateFields}: SchemaNoticeProps) {
    const [isCreating, setIsCreating] = useState(false);
    const [failure, setFailure] = useState<CreationFailure | null>(null);
    const missingFields = listMissingFields(problems);
    const canCreate = canCreateFields.ok
        ? checkCanCreateFields(table, missingFields)
        : canCreateFields;

    const createAsync = async () => {
        setIsCreating(true);
        setFailure(null);
        try {
            await createFieldsAsync(table, missingFields);
        } catch (caught) {
            // Only a failure keeps the notice on screen; once every field exists, it is replaced.
            setFailure({
                message: describeCreationFailure(table, missingFields),
                detail: describeError(caught),
            });
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
            {failure === null ? null : (
                <FailureWithDetails message={failure.message} detail={failure.detail} />
            )}
        </Box>
    );
}

/**
 * Names the fields still missing after a failed creation. Fields are created one at a time, so
 * those before the failure may exist now.
 */
function describeCreationFailure(table: Table, fields: readonly TemplateField[]): string {
    const missing = fields.filter(field => table.getFieldByNameIfExists(field.name) === null);
    const names = (missing.length === 0 ? fields : missing).map(field => `"${field.name}"`);
    const isOne = names.length === 1;
    const subject = isOne ? `the field ${names[0]}` : `the fields ${names.join(', ')}`;
    return (
        `Couldn't create ${subject} in table "${table.name}". Add ${isOne ? 'it' : 'them'} in ` +
        `Airtable with the type listed above, or try again.`
    );
}
