import type {Table} from '@airtable/blocks/models';
import {Box, Heading, Text} from '@airtable/blocks/ui';
import type {CheckResult} from '../airtable/checkResult';
import type {RunSummary} from '../sync';
import {ErrorText} from './ErrorText';
import {listDeletedRows} from './deletedRows';
import {OutcomeList} from './OutcomeList';
import {RecordList} from './RecordList';
import {RunCountsView} from './RunCountsView';

/**
 * Shows what the last run did: its counts, why it stopped if it did, and per synced table the rows
 * it deleted in Airtable and the records to look at. The duration leaves out the time the run preview waited for a decision.
 */
export function RunSummaryView({
    tables,
    summary,
    decisionWaitMs,
    canOpenRecords,
}: {
    readonly tables: readonly Table[];
    readonly summary: RunSummary;
    /** How long the run waited for the decision on its preview. */
    readonly decisionWaitMs: number;
    /** Whether a click on a listed record can open its row. */
    readonly canOpenRecords: CheckResult;
}) {
    return (
        <Box marginTop={3}>
            <Heading size="xsmall">
                {summary.error === null ? 'Sync finished' : 'Sync stopped'}
            </Heading>
            <Text size="small" textColor="light" marginBottom={2}>
                {describeDuration(summary, decisionWaitMs)}
            </Text>
            <RunCountsView counts={summary.counts} />
            {summary.error === null ? null : <ErrorText>{summary.error.message}</ErrorText>}
            {tables.map(table => {
                const outcomes = summary.outcomes.filter(outcome => outcome.tableId === table.id);
                return (
                    <Box key={table.id}>
                        <RecordList
                            title={`Rows deleted in ${table.name}`}
                            items={listDeletedRows(outcomes)}
                        />
                        <OutcomeList
                            table={table}
                            outcomes={outcomes}
                            canOpenRecords={canOpenRecords}
                        />
                    </Box>
                );
            })}
        </Box>
    );
}

/** Such as "Took 2.4 s, plus 12.0 s waiting for your decision on the preview." */
export function describeDuration(summary: RunSummary, decisionWaitMs: number): string {
    const totalMs = Math.max(0, summary.endedAtMs - summary.startedAtMs);
    const waitMs = Math.min(totalMs, Math.max(0, decisionWaitMs));
    const took = `Took ${formatSeconds(totalMs - waitMs)}`;
    return waitMs === 0
        ? `${took}.`
        : `${took}, plus ${formatSeconds(waitMs)} waiting for your decision on the preview.`;
}

function formatSeconds(ms: number): string {
    return `${(ms / 1000).toFixed(1)} s`;
}
