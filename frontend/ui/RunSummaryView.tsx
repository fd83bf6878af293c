import type {Table} from '@airtable/blocks/models';
import {Box, Heading, Text} from '@airtable/blocks/ui';
import type {CheckResult} from '../airtable/checkResult';
import type {RunError, RunSummary} from '../sync';
import {ErrorText} from './ErrorText';
import {FailureWithDetails} from './FailureWithDetails';
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
            <Heading size="xsmall">{describeOutcome(summary.error)}</Heading>
            <Text size="small" textColor="light" marginBottom={2}>
                {describeDuration(summary, decisionWaitMs)}
            </Text>
            <RunCountsView counts={summary.counts} />
            <RunErrorText error={summary.error} />
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

/** Returns the summary's heading. A cancel is the person's choice, so it is not called a stop. */
function describeOutcome(error: RunError | null): string {
    if (error === null) {
        return 'Sync finished';
    }
    return error.code === 'cancelled' ? 'Sync cancelled' : 'Sync stopped';
}

/** Why the run ended early: in red when it failed, in plain text when it was cancelled. */
function RunErrorText({error}: {readonly error: RunError | null}) {
    if (error === null) {
        return null;
    }
    if (error.code === 'cancelled') {
        return <Text>{error.message}</Text>;
    }
    // The detail is the side's own error, such as the 503 Dynamics returned after the retries.
    if (error.detail !== null && error.detail !== '' && error.detail !== error.message) {
        return <FailureWithDetails message={error.message} detail={error.detail} />;
    }
    return <ErrorText>{error.message}</ErrorText>;
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
