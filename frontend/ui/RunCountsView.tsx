import {Box, Text} from '@airtable/blocks/ui';
import type {RunCounts} from '../sync';

const COUNT_LABELS: ReadonlyArray<readonly [keyof RunCounts, string]> = [
    ['createdInAirtable', 'Created in Airtable'],
    ['updatedInAirtable', 'Updated in Airtable'],
    ['createdInDynamics', 'Created in Dynamics'],
    ['updatedInDynamics', 'Updated in Dynamics'],
    ['unchanged', 'Unchanged'],
    ['conflicts', 'Conflicts'],
    ['skipped', 'Skipped'],
    ['failed', 'Failed'],
];

/** The run's record counts, one line each, zeros included so every run reads the same way. */
export function RunCountsView({counts}: {readonly counts: RunCounts}) {
    return (
        <Box display="flex" flexWrap="wrap">
            {COUNT_LABELS.map(([key, label]) => (
                <Text key={key} width="50%" paddingY="2px">
                    {label}: {counts[key]}
                </Text>
            ))}
        </Box>
    );
}
