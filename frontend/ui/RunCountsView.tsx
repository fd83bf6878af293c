import {Box, Text} from '@airtable/blocks/ui';
import type {RunCounts} from '../sync';

/**
 * The label of every count, in the order shown. A record type keyed on every count makes the
 * compiler reject a count added to `RunCounts` without a label here.
 */
const COUNT_LABELS: Readonly<Record<keyof RunCounts, string>> = {
    createdInAirtable: 'Created in Airtable',
    updatedInAirtable: 'Updated in Airtable',
    deletedInAirtable: 'Deleted in Airtable',
    restored: 'Restored in Airtable',
    createdInDynamics: 'Created in Dynamics',
    updatedInDynamics: 'Updated in Dynamics',
    deletedInDynamics: 'Deleted in Dynamics',
    unchanged: 'Unchanged',
    conflicts: 'Conflicts',
    skipped: 'Skipped',
    failed: 'Failed',
};

const COUNT_KEYS = Object.keys(COUNT_LABELS) as ReadonlyArray<keyof RunCounts>;

/** The run's record counts, one line each, zeros included so every run reads the same way. */
export function RunCountsView({counts}: {readonly counts: RunCounts}) {
    return (
        <Box display="flex" flexWrap="wrap">
            {COUNT_KEYS.map(key => (
                <Text key={key} width="50%" paddingY="2px">
                    {COUNT_LABELS[key]}: {counts[key]}
                </Text>
            ))}
        </Box>
    );
}
