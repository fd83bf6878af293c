/** Formats a run summary as terminal lines: counts each way, then conflicts, skips and failures. */
import {assertNever} from '../../frontend/sync/assertNever';
import type {FieldConflict, RecordOutcome, RunSummary} from '../../frontend/sync';
import {describeValue} from '../../frontend/sync/values';

const INDENT = '  ';

export function formatRunSummary(title: string, summary: RunSummary): string[] {
    const {counts} = summary;
    const seconds = (Math.max(0, summary.endedAtMs - summary.startedAtMs) / 1000).toFixed(1);
    const lines = [
        `${title} (run ${summary.runId}, ${seconds} s)`,
        `${INDENT}Airtable -> Dynamics: ${counts.createdInDynamics} created, ` +
            `${counts.updatedInDynamics} updated, ${counts.deletedInDynamics} deleted`,
        `${INDENT}Dynamics -> Airtable: ${counts.createdInAirtable} created, ` +
            `${counts.updatedInAirtable} updated, ${counts.deletedInAirtable} deleted, ` +
            `${counts.restored} restored`,
        `${INDENT}Unchanged: ${counts.unchanged}, conflicts: ${counts.conflicts}, ` +
            `skipped: ${counts.skipped}, failed: ${counts.failed}`,
    ];

    for (const outcome of summary.outcomes) {
        lines.push(...formatNotableOutcome(outcome));
    }
    if (summary.error !== null) {
        lines.push(`${INDENT}The run stopped early: ${summary.error.message}`);
    }
    return lines;
}

/** Lines for an outcome a person should look at: none for creates, updates and unchanged rows. */
function formatNotableOutcome(outcome: RecordOutcome): string[] {
    const name = outcome.ref.name;
    switch (outcome.status) {
        case 'created':
        case 'updated':
        case 'unchanged':
            return [];
        case 'conflict':
            return outcome.conflicts.map(conflict => formatConflict(name, conflict));
        case 'skipped':
            return [`${INDENT}Skipped "${name}": ${outcome.message}`];
        case 'failed':
            return [`${INDENT}Failed "${name}": ${outcome.message}`];
        case 'deleted':
            return [`${INDENT}Deleted "${name}" in ${describeSide(outcome.side)}`];
        case 'restored':
            return [`${INDENT}Restored "${name}": ${outcome.message}`];
        default:
            return assertNever(outcome);
    }
}

function describeSide(side: 'airtable' | 'dynamics'): string {
    return side === 'airtable' ? 'Airtable' : 'Dynamics';
}

function formatConflict(recordName: string, conflict: FieldConflict): string {
    const keptSide = conflict.kept === 'airtable' ? 'Airtable' : 'Dynamics';
    return (
        `${INDENT}Conflict on "${recordName}", ${conflict.fieldName}: Airtable has ` +
        `${describeValue(conflict.airtableValue)}, Dynamics has ` +
        `${describeValue(conflict.dynamicsValue)}; kept the ${keptSide} value`
    );
}
