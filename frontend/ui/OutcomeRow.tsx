/**
 * One record that needs a person's attention after a sync: a conflict, a skip or a failure.
 * Clicking a row that exists in Airtable opens it, so the person can fix it and sync again.
 */
import type {Table} from '@airtable/blocks/models';
import {Box, Text, TextButton} from '@airtable/blocks/ui';
import {useState, type KeyboardEvent} from 'react';
import {assertNever} from '../sync/assertNever';
import type {RecordOutcome} from '../sync';
import {ConflictDetails} from './ConflictDetails';
import {describeError} from './describeError';
import {openRecordAsync} from './openRecord';

/** The outcomes the list shows: those a person may want to look at. */
export type AttentionOutcome = Extract<RecordOutcome, {status: 'conflict' | 'skipped' | 'failed'}>;

interface OutcomeRowProps {
    readonly table: Table;
    readonly outcome: AttentionOutcome;
}

export function OutcomeRow({table, outcome}: OutcomeRowProps) {
    const [isDetailShown, setIsDetailShown] = useState(false);
    const [openError, setOpenError] = useState<string | null>(null);
    const recordId = outcome.ref.airtableRecordId;

    const openAsync = async () => {
        if (recordId === null) {
            return;
        }
        try {
            const isOpened = await openRecordAsync(table, recordId);
            setOpenError(isOpened ? null : `The row "${outcome.ref.name}" no longer exists.`);
        } catch (error) {
            setOpenError(`Couldn't open "${outcome.ref.name}": ${describeError(error)}`);
        }
    };
    const openOnKey = (event: KeyboardEvent) => {
        if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            void openAsync();
        }
    };
    const openProps =
        recordId === null
            ? {}
            : {
                  role: 'button',
                  tabIndex: 0,
                  onClick: () => void openAsync(),
                  onKeyDown: openOnKey,
                  style: {cursor: 'pointer'},
              };

    return (
        <Box as="li" borderBottom="thick" paddingY={2} data-status={outcome.status}>
            <Box
                {...openProps}
                aria-label={recordId === null ? undefined : `Open ${outcome.ref.name}`}
            >
                <Text fontWeight="strong">
                    {describeStatus(outcome)}: {outcome.ref.name}
                </Text>
                <OutcomeMessage outcome={outcome} />
            </Box>
            {outcome.status === 'failed' && outcome.detail !== null ? (
                <TextButton size="small" onClick={() => setIsDetailShown(shown => !shown)}>
                    {isDetailShown ? 'Hide details' : 'Show details'}
                </TextButton>
            ) : null}
            {isDetailShown && outcome.status === 'failed' ? (
                <Text size="small" textColor="light">
                    {outcome.detail}
                </Text>
            ) : null}
            {openError === null ? null : <Text textColor="red">{openError}</Text>}
        </Box>
    );
}

function OutcomeMessage({outcome}: {readonly outcome: AttentionOutcome}) {
    switch (outcome.status) {
        case 'conflict':
            return <ConflictDetails conflicts={outcome.conflicts} />;
        case 'skipped':
        case 'failed':
            return <Text>{outcome.message}</Text>;
        default:
            return assertNever(outcome);
    }
}

function describeStatus(outcome: AttentionOutcome): string {
    switch (outcome.status) {
        case 'conflict':
            return 'Conflict';
        case 'skipped':
            return 'Skipped';
        case 'failed':
            return 'Failed';
        default:
            return assertNever(outcome);
    }
}
