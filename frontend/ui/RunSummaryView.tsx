import type {Table} from '@airtable/blocks/models';
import {Box, Heading, Text} from '@airtable/blocks/ui';
import type {RunSummary} from '../sync';
import {ErrorText} from './ErrorText';
import {OutcomeList} from './OutcomeList';
import {RunCountsView} from './RunCountsView';

/** What the last run did: its counts, why it stopped if it did, and the records to look at. */
export function RunSummaryView({
    table,
    summary,
}: {
    readonly table: Table;
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
            <OutcomeList table={table} outcomes={summary.outcomes} />
        </Box>
    );
}
