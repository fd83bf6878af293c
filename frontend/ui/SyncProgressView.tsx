import {Box, Loader, ProgressBar, Text} from '@airtable/blocks/ui';
import {assertNever} from '../sync/assertNever';
import type {RunPreview, SyncPhase, SyncProgress} from '../sync';
import {describePreviewWait} from './runPreviewText';
import type {TableProgress} from './tableProgress';

interface SyncProgressViewProps {
    readonly progress: SyncProgress | null;
    /** Each table's latest phase and counts, in the order the run reached them. */
    readonly tables?: readonly TableProgress[];
    /** The run preview the run waits on, or null while it runs. */
    readonly runPreview?: RunPreview | null;
}

/**
 * The running sync's phase, a bar and the counts of records handled in it, the current step, and
 * each table's phase and counts so far. While the run preview is open, the run waits for the
 * person, and the view shows that instead, with the count of changes and deletes awaiting approval.
 */
export function SyncProgressView({
    progress,
    tables = [],
    runPreview = null,
}: SyncProgressViewProps) {
    if (runPreview !== null) {
        return (
            <Box marginTop={3} role="status">
                <Text fontWeight="strong">{describePreviewWait(runPreview)}</Text>
                <Text size="small" textColor="light">
                    Apply in the dialog to go on with the sync, or Cancel to stop it without
                    writing.
                </Text>
            </Box>
        );
    }
    if (progress === null) {
        return (
            <Box display="flex" alignItems="center" marginTop={3}>
                <Loader scale={0.3} />
                <Text marginLeft={2}>Starting the sync…</Text>
            </Box>
        );
    }

    const share = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
    return (
        <Box marginTop={3} role="status">
            <Text fontWeight="strong">
                {describePhase(progress.phase)}
                {progress.table === null ? '' : ` (${progress.table})`}
            </Text>
            <ProgressBar progress={share} marginY={2} />
            {progress.total > 0 ? <Text size="small">{describeCounts(progress)}</Text> : null}
            <Text size="small" textColor="light">
                {progress.message}
            </Text>
            <TableProgressList tables={tables} />
        </Box>
    );
}

/** Lists each table the run has reached, such as "Accounts: Writing to Dynamics, 5 / 20". */
function TableProgressList({tables}: {readonly tables: readonly TableProgress[]}) {
    if (tables.length === 0) {
        return null;
    }
    return (
        <Box
            as="ul"
            aria-label="Progress by table"
            padding={0}
            marginTop={2}
            style={{listStyle: 'none'}}
        >
            {tables.map(table => (
                <Text as="li" key={table.table} size="small">
                    {table.table}: {describePhase(table.phase)}
                    {table.total > 0 ? `, ${describeCounts(table)}` : ''}
                </Text>
            ))}
        </Box>
    );
}

/** Such as "5 / 20 records". */
function describeCounts({done, total}: {readonly done: number; readonly total: number}): string {
    return `${Math.min(done, total)} / ${total} records`;
}

// NOTE: the engine reports deletes under `writingDynamics` and `writingAirtable`, so a delete
// step shows as writing until `SyncPhase` gets a phase of its own for deletes.
function describePhase(phase: SyncPhase): string {
    switch (phase) {
        case 'reading':
            return 'Reading records';
        case 'planning':
            return 'Comparing records';
        case 'writingAirtable':
            return 'Writing to Airtable';
        case 'writingDynamics':
            return 'Writing to Dynamics';
        case 'done':
            return 'Finishing';
        default:
            return assertNever(phase);
    }
}
