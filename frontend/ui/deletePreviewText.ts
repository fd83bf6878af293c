/**
 * The sentences the delete preview shows, built from the engine's preview. Names come from
 * Dynamics and Airtable as plain strings, and React renders them as text, never as markup.
 */
import type {
    BlockedDelete,
    CascadedRecord,
    ClearedLink,
    DeletePreview,
    DeletePreviewTable,
    PlannedDynamicsDelete,
    PlannedRowDelete,
} from '../sync';

/** Such as "Deleting Account 'Coho Winery' in Dynamics also deletes 2 Contacts and 1 Opportunity." */
export function describeDynamicsDelete(
    table: DeletePreviewTable,
    planned: PlannedDynamicsDelete,
): string {
    const consequence = planned.cascade.description;
    const record = `${table.entityDisplayName} '${planned.ref.name}'`;
    return consequence === null
        ? `Deleting ${record} in Dynamics.`
        : `Deleting ${record} in Dynamics ${consequence}.`;
}

export function describeRowDelete(table: DeletePreviewTable, planned: PlannedRowDelete): string {
    return (
        `Deleting the row '${planned.ref.name}' from ${table.tableName}, because its ` +
        `${table.entityDisplayName} was deleted in Dynamics.`
    );
}

/**
 * Describes the edits a row's delete loses because they never reached Dynamics, such as "This row
 * has changes not yet synced to Dynamics, in Description and Phone. Approving the delete loses
 * them. Untick it to keep the row and its edits." Returns null when the row has none.
 */
export function describeUnsyncedChangesIfExists(planned: PlannedRowDelete): string | null {
    const fieldNames = planned.unsyncedFieldNames ?? [];
    if (fieldNames.length === 0) {
        return null;
    }
    return (
        `This row has changes not yet synced to Dynamics, in ${joinNames(fieldNames)}. ` +
        'Approving the delete loses them. Untick it to keep the row and its edits.'
    );
}

function joinNames(names: readonly string[]): string {
    const last = names[names.length - 1] ?? '';
    return names.length < 2 ? last : `${names.slice(0, -1).join(', ')} and ${last}`;
}

export function describeCascadedRecord(record: CascadedRecord): string {
    const row = record.ref.airtableRecordId === null ? '' : ` and its row in ${record.tableName}`;
    return `${record.entityDisplayName} '${record.ref.name}'${row}`;
}

export function describeClearedLink(link: ClearedLink): string {
    // A null table name means the record is in a Dynamics table this base does not sync.
    const place = link.tableName === null ? 'in Dynamics' : `in ${link.tableName}`;
    return `The ${link.column} link of '${link.ref.name}' ${place} is cleared; the record stays.`;
}

export function describeBlockedDelete(table: DeletePreviewTable, blocked: BlockedDelete): string {
    return `${table.entityDisplayName} '${blocked.ref.name}' stays in Dynamics: ${blocked.reason}`;
}

/** Such as "Approving deletes 3 records in Dynamics (2 of them by cascade) and 1 row in Airtable." */
export function describePreviewCounts(preview: DeletePreview): string {
    const {counts} = preview;
    const parts: string[] = [];
    const dynamicsTotal = counts.dynamicsDeletes + counts.cascadedRecords;
    if (dynamicsTotal > 0) {
        const cascaded =
            counts.cascadedRecords === 0 ? '' : ` (${counts.cascadedRecords} of them by cascade)`;
        parts.push(`${pluralize(dynamicsTotal, 'record')} in Dynamics${cascaded}`);
    }
    if (counts.airtableDeletes > 0) {
        parts.push(`${pluralize(counts.airtableDeletes, 'row')} in Airtable`);
    }
    const blocked =
        counts.blockedDeletes === 0
            ? ''
            : ` ${pluralize(counts.blockedDeletes, 'delete')} can't be made.`;
    const deleted =
        parts.length === 0
            ? 'Nothing will be deleted.'
            : `Approving deletes ${parts.join(' and ')}.`;
    return deleted + blocked;
}

/** Counts the deletes the person decides on: the cascades and blocked deletes come with them. */
export function countPreviewDeletes(preview: DeletePreview): number {
    return preview.tables.reduce(
        (sum, table) => sum + table.dynamicsDeletes.length + table.airtableDeletes.length,
        0,
    );
}

export function pluralize(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
