/**
 * The recent runs of every collaborator, newest first, one line each: when, how it ended, how
 * long it took and who ran it. A click on a line shows its record counts. Collaborators who may
 * not write globalConfig see the list, with the reason their own runs are not added.
 */
import {Box, Heading, Text} from '@airtable/blocks/ui';
import {useState} from 'react';
import type {RunHistoryEntry} from '../settings/runHistory';
import {useRunHistory} from '../settings/useRunHistory';
import {assertNever} from '../sync/assertNever';
import {DisabledReason} from './DisabledReason';
import {RowButton} from './RowButton';
import {RunCountsView} from './RunCountsView';
import {WRAP_LONG_TEXT_STYLE} from './shortenText';

export function RunHistoryView() {
    const {entries, canSave} = useRunHistory();
    const newestFirst = [...entries].reverse();

    return (
        <Box marginTop={3}>
            <Heading size="xsmall">Recent syncs</Heading>
            {newestFirst.length === 0 ? (
                <Text size="small" textColor="light">
                    No sync has run yet.
                </Text>
            ) : (
                <Box
                    as="ul"
                    aria-label="Recent syncs"
                    padding={0}
                    margin={0}
                    style={{listStyle: 'none'}}
                >
                    {newestFirst.map((entry, index) => (
                        <RunHistoryRow key={`${entry.startedAt}-${index}`} entry={entry} />
                    ))}
                </Box>
            )}
            <DisabledReason
                check={
                    canSave.ok
                        ? canSave
                        : {ok: false, reason: `Your syncs are not added here. ${canSave.reason}`}
                }
            />
        </Box>
    );
}

function RunHistoryRow({entry}: {readonly entry: RunHistoryEntry}) {
    const [isExpanded, setIsExpanded] = useState(false);
    const line = describeEntry(entry);

    return (
        <Box as="li" borderBottom="thick" paddingY={1} style={WRAP_LONG_TEXT_STYLE}>
            <RowButton
                label={`${isExpanded ? 'Hide' : 'Show'} counts of the sync on ${line}`}
                onClick={() => setIsExpanded(expanded => !expanded)}
            >
                <Text size="small">{line}</Text>
            </RowButton>
            {isExpanded ? (
                <Box paddingX={1} paddingBottom={1}>
                    {entry.outcome.status === 'stopped' ? (
                        <Text size="small" textColor="light">
                            Error code: {entry.outcome.code}
                        </Text>
                    ) : null}
                    <RunCountsView counts={entry.counts} />
                </Box>
            ) : null}
        </Box>
    );
}

/** Such as "4 Mar 2026, 09:00 · Finished, 2 failed · 3.4 s · Eda Editor". */
export function describeEntry(entry: RunHistoryEntry): string {
    const parts = [
        formatStartTime(entry.startedAt),
        describeOutcome(entry),
        `${(entry.durationMs / 1000).toFixed(1)} s`,
    ];
    if (entry.ranBy !== null) {
        parts.push(entry.ranBy);
    }
    return parts.join(' · ');
}

function describeOutcome(entry: RunHistoryEntry): string {
    const {outcome} = entry;
    switch (outcome.status) {
        case 'finished':
            return 'Finished';
        case 'finishedWithFailures':
            return `Finished, ${entry.counts.failed} failed`;
        case 'stopped':
            return `Stopped: ${outcome.message}`;
        case 'cancelled':
            return 'Cancelled';
        default:
            return assertNever(outcome);
    }
}

/** Formats the start time in the person's own locale and time zone. */
function formatStartTime(isoTime: string): string {
    return new Date(isoTime).toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'});
}
