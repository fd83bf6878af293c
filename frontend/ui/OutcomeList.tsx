import type {Table} from '@airtable/blocks/models';
import {Box, Heading, Switch, Text, TextButton} from '@airtable/blocks/ui';
import {useState} from 'react';
import type {CheckResult} from '../airtable/checkResult';
import type {RecordOutcome} from '../sync';
import {OutcomeRow, type AttentionOutcome} from './OutcomeRow';

/**
 * The rows shown at first and added by each "Show more" click, so that the panel stays quick to
 * open after a run that failed thousands of records.
 */
export const OUTCOME_PAGE_SIZE = 50;

/**
 * Lists failures first, then conflicts and skipped records; other outcomes need no attention.
 * A switch narrows the list to failures, and "Show more" reveals rows beyond the first page.
 */
export function OutcomeList({
    table,
    outcomes,
    canOpenRecords,
}: {
    readonly table: Table;
    readonly outcomes: readonly RecordOutcome[];
    readonly canOpenRecords: CheckResult;
}) {
    const failed = outcomes.filter(isStatus('failed'));
    const conflicts = outcomes.filter(isStatus('conflict'));
    const skipped = outcomes.filter(isStatus('skipped'));
    const [isFailuresOnly, setIsFailuresOnly] = useState(false);
    const [shownCount, setShownCount] = useState(OUTCOME_PAGE_SIZE);
    const all: AttentionOutcome[] = [...failed, ...conflicts, ...skipped];
    if (all.length === 0) {
        return null;
    }
    const listed = isFailuresOnly ? failed : all;
    const hiddenCount = Math.max(0, listed.length - shownCount);

    return (
        <Box marginTop={3}>
            <Heading size="xsmall">Records to look at in {table.name}</Heading>
            {failed.length > 0 && failed.length < all.length ? (
                <Switch
                    value={isFailuresOnly}
                    onChange={setIsFailuresOnly}
                    label={`Show only failures (${failed.length})`}
                    size="small"
                    width="auto"
                    backgroundColor="transparent"
                />
            ) : null}
            <Box as="ul" padding={0} margin={0} style={{listStyle: 'none'}}>
                {listed.slice(0, shownCount).map((outcome, index) => (
                    <OutcomeRow
                        key={`${outcome.ref.airtableRecordId ?? outcome.ref.dynamicsId ?? ''}-${index}`}
                        table={table}
                        outcome={outcome}
                        canOpenRecords={canOpenRecords}
                    />
                ))}
            </Box>
            {hiddenCount === 0 ? null : (
                <Box display="flex" alignItems="center" marginTop={2}>
                    <Text size="small" marginRight={2}>
                        And {hiddenCount} more.
                    </Text>
                    <TextButton
                        size="small"
                        onClick={() => setShownCount(count => count + OUTCOME_PAGE_SIZE)}
                    >
                        Show {Math.min(hiddenCount, OUTCOME_PAGE_SIZE)} more
                    </TextButton>
                </Box>
            )}
        </Box>
    );
}

function isStatus<Status extends AttentionOutcome['status']>(status: Status) {
    return (outcome: RecordOutcome): outcome is Extract<RecordOutcome, {status: Status}> =>
        outcome.status === status;
}
