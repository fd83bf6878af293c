import {Box, Loader, ProgressBar, Text} from '@airtable/blocks/ui';
import {assertNever} from '../sync/assertNever';
import type {DeletePreview, SyncPhase, SyncProgress} from '../sync';
import {countPreviewDeletes, pluralize} from './deletePreviewText';

interface SyncProgressViewProps {
    readonly progress: SyncProgress | null;
    /** The delete preview the run waits on, or null while it runs. */
    readonly deletePreview?: DeletePreview | null;
}

/**
 * The running sync's phase, a bar for the share of records handled, and the current step. While
 * the delete preview is open, the run waits for the person, and the view shows that instead.
 */
export function SyncProgressView({progress, deletePreview = null}: SyncProgressViewProps) {
    if (deletePreview !== null) {
        return (
            <Box marginTop={3} role="status">
                <Text fontWeight="strong">
                    Waiting for your decision on{' '}
                    {pluralize(countPreviewDeletes(deletePreview), 'delete')}
                </Text>
                <Text size="small" textColor="light">
                    Approve or decline them in the dialog, and the sync goes on.
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
            <Text size="small" textColor="light">
                {progress.message}
            </Text>
        </Box>
    );
}

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
