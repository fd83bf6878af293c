/**
 * A notice for a base with no table for the mapping. It names the expected table and offers to
 * create it with every field when the user may create tables. A failed creation is reported in
 * words, with the SDK's error under "Show details".
 */
import type {Base} from '@airtable/blocks/models';
import {Box, Button, Heading, Text} from '@airtable/blocks/ui';
import {useState} from 'react';
import {checkCanCreateTable, createTableAsync} from '../airtable/tableCreation';
import type {MappingTemplate} from '../settings/mappingTemplate';
import {describeError} from './describeError';
import {DisabledReason} from './DisabledReason';
import {FailureWithDetails} from './FailureWithDetails';

export function TableMissingNotice({
    base,
    template,
}: {
    readonly base: Base;
    readonly template: MappingTemplate;
}) {
    const [isCreating, setIsCreating] = useState(false);
    const [errorDetail, setErrorDetail] = useState<string | null>(null);
    const canCreate = checkCanCreateTable(base, template);

    const createAsync = async () => {
        setIsCreating(true);
        setErrorDetail(null);
        try {
            await createTableAsync(base, template);
        } catch (caught) {
            setErrorDetail(describeError(caught));
            setIsCreating(false);
        }
    };

    return (
        <Box>
            <Heading size="small">No "{template.tableName}" table</Heading>
            <Text marginBottom={2}>
                This base has no table named "{template.tableName}", which{' '}
                {template.entity.displayName} records sync to. Create it here, or rename an existing
                table to "{template.tableName}".
            </Text>
            <Button
                variant="primary"
                disabled={!canCreate.ok || isCreating}
                onClick={() => void createAsync()}
            >
                Create table "{template.tableName}"
            </Button>
            <DisabledReason check={canCreate} />
            {errorDetail === null ? null : (
                <FailureWithDetails
                    message={
                        `Couldn't create table "${template.tableName}". Try again, or create ` +
                        `it in Airtable, and this panel then lists the fields it needs.`
                    }
                    detail={errorDetail}
                />
            )}
        </Box>
    );
}
