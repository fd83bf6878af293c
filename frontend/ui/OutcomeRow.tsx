/**
 * One record that needs a person's attention after a sync: a conflict, a skip or a failure.
 * Clicking a row that exists in Airtable opens it, so the person can fix it and sync again. Where
 * rows cannot be opened, the click shows why. Over-long names are shortened on screen, and the
 * full text stays in the title and under "Show details".
 */
import type {Table} from '@airtable/blocks/models';
import {Box, Text, TextButton} from '@airtable/blocks/ui';
import {useState} from 'react';
import type {CheckResult} from '../airtable/checkResult';
import {assertNever} from '../sync/assertNever';
import type {RecordOutcome} from '../sync';
import {ConflictDetails} from './ConflictDetails';
import {describeError} from './describeError';
import {openRecordAsync} from './openRecord';
import {RowButton} from './RowButton';
import {shortenNameInMessage, shortenText, WRAP_LONG_TEXT_STYLE} from './shortenText';
import {useElementId} from './useElementId';

/** The outcomes the list shows: those a person may want to look at. */
export type AttentionOutcome = Extract<RecordOutcome, {status: 'conflict' | 'skipped' | 'failed'}>;

interface OutcomeRowProps {
    readonly table: Table;
    readonly outcome: AttentionOutcome;
    /** Whether rows can be opened where the extension runs. */
    readonly canOpenRecords: CheckResult;
}

export function OutcomeRow({table, outcome, canOpenRecords}: OutcomeRowProps) {
    const [isDetailShown, setIsDetailShown] = useState(false);
    const [openNote, setOpenNote] = useState<string | null>(null);
    const messageId = useElementId('outcome-message');
    const recordId = outcome.ref.airtableRecordId;
    const name = outcome.ref.name;
    const shownName = describeRecordName(outcome.ref);
    const details = listDetails(outcome);
    // A record without a row cannot be opened, so its Dynamics id is shown for finding it there.
    // A nameless record already shows the id as its name.
    const dynamicsOnlyId =
        recordId === null && name !== outcome.ref.dynamicsId ? outcome.ref.dynamicsId : null;

    const openAsync = async (id: string) => {
        if (!canOpenRecords.ok) {
            setOpenNote(canOpenRecords.reason);
            return;
        }
        try {
            const isOpened = await openRecordAsync(table, id);
            setOpenNote(isOpened ? null : `The row "${shownName}" no longer exists.`);
        } catch (error) {
            setOpenNote(`Couldn't open "${shownName}": ${describeError(error)}`);
        }
    };
    const summary = (
        <>
            <Text fontWeight="strong">
                <span title={shownName === name ? undefined : name}>
                    {describeStatus(outcome)}: {shownName}
                </span>
            </Text>
            <OutcomeMessage outcome={outcome} id={messageId} />
            {dynamicsOnlyId === null ? null : (
                <Text size="small" textColor="light">
                    Only in Dynamics, ID {dynamicsOnlyId}
                </Text>
            )}
        </>
    );

    return (
        <Box
            as="li"
            borderBottom="thick"
            paddingY={2}
            data-status={outcome.status}
            style={WRAP_LONG_TEXT_STYLE}
        >
            {recordId === null ? (
                summary
            ) : (
                <RowButton
                    label={`Open ${shownName}`}
                    describedBy={messageId}
                    onClick={() => void openAsync(recordId)}
                >
                    {summary}
                </RowButton>
            )}
            {openNote === null ? null : (
                <Text role="status" size="small" textColor="light" marginTop={1}>
                    {openNote}
                </Text>
            )}
            {details.length === 0 ? null : (
                <TextButton size="small" onClick={() => setIsDetailShown(shown => !shown)}>
                    {isDetailShown ? 'Hide details' : 'Show details'}
                </TextButton>
            )}
            {isDetailShown
                ? details.map((detail, index) => (
                      <Text key={index} size="small" textColor="light">
                          {detail}
                      </Text>
                  ))
                : null}
        </Box>
    );
}

function OutcomeMessage({outcome, id}: {readonly outcome: AttentionOutcome; readonly id: string}) {
    switch (outcome.status) {
        case 'conflict':
            return (
                <Box id={id}>
                    <ConflictDetails conflicts={outcome.conflicts} />
                </Box>
            );
        case 'skipped':
        case 'failed':
            return <Text id={id}>{shortenNameInMessage(outcome.message, outcome.ref.name)}</Text>;
        default:
            return assertNever(outcome);
    }
}

/**
 * Lists what "Show details" reveals: the full message when the shown one had its name shortened,
 * and a failure's own detail.
 */
function listDetails(outcome: AttentionOutcome): string[] {
    const details: string[] = [];
    if (outcome.status !== 'conflict') {
        const shownMessage = shortenNameInMessage(outcome.message, outcome.ref.name);
        if (shownMessage !== outcome.message) {
            details.push(outcome.message);
        }
    }
    if (outcome.status === 'failed' && outcome.detail !== null) {
        details.push(outcome.detail);
    }
    return details;
}

/**
 * Shortens the record's name for display. The engine names a record without a name by its id,
 * which the list marks as such.
 */
function describeRecordName(ref: AttentionOutcome['ref']): string {
    if (ref.name === ref.airtableRecordId || ref.name === ref.dynamicsId) {
        return `(no name, ${ref.name})`;
    }
    return shortenText(ref.name);
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
