/**
 * The "Clean up" panel. Another sync tool can leave rows behind whose synced fields are all empty,
 * such as the Contacts and Opportunities of a deleted Account. Rows with a value in a synced field
 * are never listed. Clean up reads every synced table, lists such rows with the reason for each,
 * offers them as a CSV download, and deletes the ticked rows. People who may not delete records
 * see the button disabled with the reason.
 */
import type {Base} from '@airtable/blocks/models';
import {Box, Button, Heading, Loader, Text} from '@airtable/blocks/ui';
import type {CheckResult} from '../airtable/checkResult';
import {assertNever} from '../sync/assertNever';
import {
    toCleanupCsv,
    type AirtableSide,
    type CleanupCandidate,
    type Clock,
    type DataverseSide,
    type Logger,
    type TableMapping,
} from '../sync';
import {CheckboxLine} from './CheckboxLine';
import {checkCanCleanUp} from './cleanupPermission';
import {DisabledReason} from './DisabledReason';
import {ErrorText} from './ErrorText';
import {shortenText, WRAP_LONG_TEXT_STYLE} from './shortenText';
import {getSelectedCandidates, useCleanup, type Cleanup, type CleanupState} from './useCleanup';

/** Whether Dynamics can be read now, with the factory for one read's Dynamics side. */
export type DynamicsAccess =
    | {readonly ok: true; readonly createSide: (runId: string) => DataverseSide}
    | {readonly ok: false; readonly reason: string};

export interface CleanupPanelProps {
    readonly base: Base;
    /** The synced tables; Clean up looks at these only. */
    readonly mappings: readonly TableMapping[];
    readonly airtable: AirtableSide;
    readonly dynamics: DynamicsAccess;
    readonly clock: Clock;
    readonly logger?: Logger;
}

const CSV_FILE_NAME = 'clean-up-rows.csv';

export function CleanupPanel(props: CleanupPanelProps) {
    const cleanup = useCleanup(props);
    const canStart = checkCanStart(props);
    const {state} = cleanup;
    const dynamics = props.dynamics;

    return (
        <Box marginTop={4} borderTop="thick" paddingTop={3} style={WRAP_LONG_TEXT_STYLE}>
            <Heading size="small">Clean up emptied rows</Heading>
            {state.status === 'idle' || state.status === 'failed' || state.status === 'deleted' ? (
                <Box>
                    <Button
                        icon="trash"
                        disabled={!canStart.ok}
                        onClick={() => {
                            if (dynamics.ok) {
                                void cleanup.findRowsAsync(dynamics.createSide);
                            }
                        }}
                    >
                        Clean up
                    </Button>
                    <DisabledReason check={canStart} />
                </Box>
            ) : null}
            <CleanupStateView cleanup={cleanup} state={state} />
        </Box>
    );
}

function checkCanStart(props: CleanupPanelProps): CheckResult {
    const canDelete = checkCanCleanUp(props.base, props.mappings);
    if (!canDelete.ok) {
        return canDelete;
    }
    if (!props.dynamics.ok) {
        return props.dynamics;
    }
    return props.mappings.length === 0
        ? {ok: false, reason: 'No table syncs yet, so there is nothing to clean up.'}
        : canDelete;
}

function CleanupStateView({
    cleanup,
    state,
}: {
    readonly cleanup: Cleanup;
    readonly state: CleanupState;
}) {
    switch (state.status) {
        case 'idle':
            return null;
        case 'reading':
            return (
                <Box display="flex" alignItems="center">
                    <Loader scale={0.3} />
                    <Text marginLeft={2}>Looking for emptied rows…</Text>
                </Box>
            );
        case 'listed':
            return <CandidateList cleanup={cleanup} state={state} />;
        case 'deleting':
            return (
                <Text role="status">
                    Deleted {state.deletedCount} of {state.totalCount} rows…
                </Text>
            );
        case 'deleted':
            return (
                <Box>
                    <Text role="status" marginTop={2}>
                        Deleted {state.deletedCount} {state.deletedCount === 1 ? 'row' : 'rows'}.
                    </Text>
                    {state.error === null ? null : <ErrorText>{state.error}</ErrorText>}
                </Box>
            );
        case 'failed':
            return <ErrorText>{state.message}</ErrorText>;
        default:
            return assertNever(state);
    }
}

interface CandidateListProps {
    readonly cleanup: Cleanup;
    readonly state: Extract<CleanupState, {status: 'listed'}>;
}

function CandidateList({cleanup, state}: CandidateListProps) {
    if (state.candidates.length === 0) {
        return (
            <Box>
                <Text marginTop={2}>No rows to clean up: every row has a filled synced field.</Text>
                <Button marginTop={2} onClick={cleanup.close}>
                    Close
                </Button>
            </Box>
        );
    }
    const selected = getSelectedCandidates(state);
    const canDelete: CheckResult =
        selected.length === 0 ? {ok: false, reason: 'Tick the rows to delete.'} : {ok: true};

    return (
        <Box marginTop={2}>
            <Text marginBottom={2}>{describeCandidateCount(state.candidates.length)}</Text>
            <Box as="ul" paddingLeft={0} maxHeight="50vh" overflowY="auto">
                {state.candidates.map(candidate => (
                    <Box as="li" key={candidate.rowId} marginBottom={2} style={LIST_ITEM_STYLE}>
                        <CheckboxLine
                            label={`${candidate.tableName}: ${describeCandidateRow(candidate)}`}
                            isChecked={state.selectedRowIds.has(candidate.rowId)}
                            onToggle={() => cleanup.toggleRow(candidate.rowId)}
                        />
                        <Text size="small" textColor="light" marginLeft={4}>
                            {candidate.description}
                        </Text>
                    </Box>
                ))}
            </Box>
            <Box display="flex" alignItems="center" marginTop={2}>
                <Button
                    variant="danger"
                    disabled={!canDelete.ok}
                    onClick={() => void cleanup.deleteSelectedAsync()}
                >
                    Delete {selected.length} {selected.length === 1 ? 'row' : 'rows'}
                </Button>
                <a
                    href={toCsvDataUrl(selected)}
                    download={CSV_FILE_NAME}
                    style={DOWNLOAD_LINK_STYLE}
                >
                    Download CSV
                </a>
                <Button marginLeft={2} onClick={cleanup.close}>
                    Cancel
                </Button>
            </Box>
            <DisabledReason check={canDelete} />
        </Box>
    );
}

function describeCandidateCount(count: number): string {
    return count === 1
        ? '1 row looks emptied. Download it before deleting if you may need it again.'
        : `${count} rows look emptied. Download them before deleting if you may need them again.`;
}

/**
 * Names a row for the list. A row without a name is shown with its record id. A name appears only
 * when the primary field is not synced. An over-long name is shortened, and the CSV keeps it in
 * full.
 */
function describeCandidateRow(candidate: CleanupCandidate): string {
    return candidate.name === candidate.rowId
        ? `(empty row, ${candidate.rowId})`
        : shortenText(candidate.name);
}

/** Encodes the rows as a CSV data URL, which needs no server and no object URL to revoke. */
function toCsvDataUrl(candidates: readonly CleanupCandidate[]): string {
    return `data:text/csv;charset=utf-8,${encodeURIComponent(toCleanupCsv(candidates))}`;
}

const LIST_ITEM_STYLE = {listStyle: 'none'} as const;
const DOWNLOAD_LINK_STYLE = {marginLeft: 12} as const;
