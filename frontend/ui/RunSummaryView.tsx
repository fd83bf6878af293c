import type {Table} from '@airtable/blocks/models';
import {Box, Heading, Text} from '@airtable/blocks/ui';
import type {RunSummary} from '../sync';
import {ErrorText} from './ErrorText';
import {OutcomeList} from './OutcomeList';
import {RunCountsView} from './RunCountsView';

/**
 * Shows what the last run did: its counts, why it stopped if it did, and the records to look at,
 * per synced table.
 */
export function RunSummaryView({
    tables,
    summary,
}: {
    readonly tables: readonly Table[];
    readonly summary: RunSummary;
}) {
    const seconds = Math.max(0, summary.endedAtMs - summary.startedAtMs) / 1000;
    return (
        <Box marginTop={3}>
            <Heading size="xsmall">
                {summary.error === null ? 'Sync finished' : 'Sync stopped'}
            </Heading>
            <Text size="small" textColor="light" marginBottom={2}>
                Took {seconds.toFixed(1)} s.
            </Text>
            <RunCountsView counts={summary.counts} />
            {summary.error === null ? null : <ErrorText>{summary.error.message}</ErrorText>}
            {tables.map(table => (
                <OutcomeList
                    key={table.id}
                    table={table}
                    outcomes={summary.outcomes.filter(outcome => outcome.tableId === table.id)}
                />
            ))}
        </Box>
    );
}
