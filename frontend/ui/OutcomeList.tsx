import type {Table} from '@airtable/blocks/models';
import {Box, Heading} from '@airtable/blocks/ui';
import type {CheckResult} from '../airtable/checkResult';
import type {RecordOutcome} from '../sync';
import {OutcomeRow, type AttentionOutcome} from './OutcomeRow';

/** Lists failures first, then conflicts and skipped records; other outcomes need no attention. */
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
    const listed: AttentionOutcome[] = [...failed, ...conflicts, ...skipped];
    if (listed.length === 0) {
        return null;
    }

    return (
        <Box marginTop={3}>
            <Heading size="xsmall">Records to look at in {table.name}</Heading>
            <Box as="ul" padding={0} margin={0} style={{listStyle: 'none'}}>
                {listed.map((outcome, index) => (
                    <OutcomeRow
                        key={`${outcome.ref.airtableRecordId ?? outcome.ref.dynamicsId ?? ''}-${index}`}
                        table={table}
                        outcome={outcome}
                        canOpenRecords={canOpenRecords}
                    />
                ))}
            </Box>
        </Box>
    );
}

function isStatus<Status extends AttentionOutcome['status']>(status: Status) {
    return (outcome: RecordOutcome): outcome is Extract<RecordOutcome, {status: Status}> =>
        outcome.status === status;
}
