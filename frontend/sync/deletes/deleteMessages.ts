/** Messages for deletes: the cascade a preview shows, and the outcome of each delete. */
import type {TableMapping} from '../mapping';
import type {RecordFailure, RecordRef, RecordSkip} from '../plan/types';
import type {CascadeEffects} from './cascade';

function describeRecord(table: TableMapping, ref: RecordRef): string {
    return `${table.entity.displayName} '${ref.name}'`;
}

/** Returns the plural of a table's display name: Contact → Contacts, Opportunity → Opportunities. */
export function pluralize(displayName: string, count: number): string {
    if (count === 1) {
        return displayName;
    }
    return /[^aeiou]y$/i.test(displayName) ? `${displayName.slice(0, -1)}ies` : `${displayName}s`;
}

/** Joins names as a person lists them: "Contacts", "Contacts and Tasks", "A, B and C". */
function joinNames(names: readonly string[]): string {
    return names.length <= 1
        ? names.join('')
        : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** Counts records per display name, in the order the names first appear: "12 Contacts and 3 Opportunities". */
function countByName(names: readonly string[]): string {
    const counts = new Map<string, number>();
    for (const name of names) {
        counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const parts = [...counts].map(([name, count]) => `${count} ${pluralize(name, count)}`);
    return joinNames(parts);
}

/** Describes what a delete takes with it, such as "also deletes 12 Contacts and 3 Opportunities". */
export function describeCascade(effects: CascadeEffects): string | null {
    const parts: string[] = [];
    if (effects.deletedRecords.length > 0) {
        const names = effects.deletedRecords.map(record => record.entityDisplayName);
        parts.push(`also deletes ${countByName(names)}`);
    }
    if (effects.clearedLinks.length > 0) {
        const count = effects.clearedLinks.length;
        parts.push(`clears the link on ${count} ${count === 1 ? 'record' : 'records'}`);
    }
    return parts.length === 0 ? null : parts.join(' and ');
}

export function describeRestriction(
    table: TableMapping,
    ref: RecordRef,
    effects: CascadeEffects,
): string {
    const children = effects.restrictingChildren;
    const [first] = children;
    const names = children.map(child => child.entityDisplayName);
    const column = first === undefined ? '' : ` through ${first.rule.referencingAttribute}`;
    const unsyncedNames = [
        ...new Set(children.filter(c => !c.isSynced).map(c => pluralize(c.entityDisplayName, 2))),
    ];
    const unsynced =
        unsyncedNames.length === 0
            ? ''
            : ` ${joinNames(unsyncedNames)} are not synced with this base, so change them in Dynamics.`;
    return (
        `${describeRecord(table, ref)} can't be deleted in Dynamics: ${countByName(names)} ` +
        `point at it${column}, and Dynamics keeps a record while such records point at it. ` +
        `Delete those records or link them elsewhere, or choose to restore the row.${unsynced}`
    );
}

/**
 * Describes why a delete is not made when the preview cannot list all it does: a table the delete
 * reaches could not be read, or the cascade goes deeper than the preview follows.
 */
export function describeUncheckedCascade(
    table: TableMapping,
    ref: RecordRef,
    effects: CascadeEffects,
    maxLevels: number,
): string {
    const names = [...new Set(effects.uncheckedTables.map(t => pluralize(t.entityDisplayName, 2)))];
    const isReadFailed = effects.uncheckedTables.some(unchecked => unchecked.message !== null);
    const cause = isReadFailed
        ? `reading them failed in Dynamics. Check that your security role can read ` +
          `${joinNames(names)} and sync again`
        : `the delete cascades more than ${maxLevels} levels deep. Delete the record in Dynamics`;
    return (
        `${describeRecord(table, ref)} was not deleted in Dynamics, because the preview could not ` +
        `list the ${joinNames(names)} that the delete may also delete or change: ${cause}, or ` +
        `choose to restore the row.`
    );
}

/** Returns Dynamics' messages for the tables that could not be read, or null when there are none. */
export function getUncheckedDetailIfExists(effects: CascadeEffects): string | null {
    const messages = effects.uncheckedTables.flatMap(unchecked =>
        unchecked.message === null ? [] : [`${unchecked.entityDisplayName}: ${unchecked.message}`],
    );
    return messages.length === 0 ? null : [...new Set(messages)].join('\n');
}

export function deleteBlockedFailure(reason: string, detail: string | null = null): RecordFailure {
    return {code: 'deleteBlocked', message: reason, detail, problems: []};
}

export function deleteRejectedFailure(
    table: TableMapping,
    ref: RecordRef,
    result: {
        readonly message: string;
        readonly code: string | null;
        readonly httpStatus: number | null;
    },
): RecordFailure {
    const status = result.httpStatus === null ? '' : ` (HTTP ${result.httpStatus})`;
    return {
        code: 'dynamicsRejected',
        message:
            `Dynamics rejected the delete of ${describeRecord(table, ref)}${status}, so it and ` +
            `its related records stay in Dynamics. Open the details for its message: a related ` +
            `record may block the delete, or your security role may not allow it.`,
        detail: result.code === null ? result.message : `${result.message} (code ${result.code})`,
        problems: [],
    };
}

export function deleteDeclinedSkip(
    table: TableMapping,
    ref: RecordRef,
    side: 'airtable' | 'dynamics',
): RecordSkip {
    const message =
        side === 'dynamics'
            ? `${describeRecord(table, ref)} was kept in Dynamics because its delete was ` +
              `declined. Its row stays deleted in ${table.table.name}; the next sync asks again.`
            : `The row of ${describeRecord(table, ref)} was kept in ${table.table.name} because ` +
              `its delete was declined, although its record is gone from Dynamics. The next ` +
              `sync asks again.`;
    return {reason: 'deleteDeclined', message};
}

/** Builds the skip of a delete that no one confirmed, because the run had no callback. */
export function deleteNotConfirmedSkip(
    table: TableMapping,
    ref: RecordRef,
    side: 'airtable' | 'dynamics',
): RecordSkip {
    if (side === 'dynamics') {
        return {
            reason: 'deletedInAirtable',
            message:
                `${describeRecord(table, ref)} existed at the last complete sync but has no row ` +
                `in ${table.table.name}, so its row was deleted in Airtable. The record was kept ` +
                `in Dynamics, because deletes are made only after a preview is approved. Sync ` +
                `from the extension to review the delete.`,
        };
    }
    return {
        reason: 'deletedInDynamics',
        message:
            `${describeRecord(table, ref)} was not found in Dynamics, so it was deleted there. ` +
            `Its row in ${table.table.name} was kept, because deletes are made only after a ` +
            `preview is approved. Sync from the extension to review the delete.`,
    };
}

export function changedBeforeDeleteMessage(table: TableMapping, ref: RecordRef): string {
    return (
        `The row of ${describeRecord(table, ref)} was deleted in Airtable, but the record ` +
        `changed in Dynamics during the sync, so it was kept and its row was added back. ` +
        `Delete the row again if the record should go.`
    );
}

export function changedAfterDeleteMessage(table: TableMapping, ref: RecordRef): string {
    return (
        `The row of ${describeRecord(table, ref)} was deleted in Airtable, but the record ` +
        `changed in Dynamics since the last sync, so it was kept and its row was added back. ` +
        `Delete the row again if the record should go.`
    );
}

export function restoredMessage(table: TableMapping, ref: RecordRef): string {
    return (
        `The row of ${describeRecord(table, ref)} was deleted in Airtable, and it was added ` +
        `back from Dynamics because the delete was not made.`
    );
}
