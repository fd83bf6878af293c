/**
 * Decides whether a run needs a person's approval before it writes. Some runs always do: the first
 * sync of a table, any delete in Dynamics, a delete of a row with edits not yet synced to Dynamics,
 * and a run that deletes more than a set share of a table. The others need it only while "Preview
 * every run" is on.
 */
import {assertNever} from '../assertNever';
import type {
    ApprovalReason,
    PreviewDelete,
    PreviewSide,
    RunPreview,
    SidePreview,
    TablePreview,
} from './types';

/**
 * The share of a table's rows or records a run may delete without approval, from 0 to 1. A
 * product default: an empty or filtered read on one side would otherwise turn into a mass delete.
 */
export const DEFAULT_MAX_DELETE_SHARE = 0.1;

export interface ApprovalSettings {
    /** When true, every run that writes anything waits for approval. */
    readonly shouldPreviewEveryRun: boolean;
    /** The share of a table, from 0 to 1, above which a run's deletes always need approval. */
    readonly maxDeleteShare: number;
}

export const DEFAULT_APPROVAL_SETTINGS: ApprovalSettings = {
    shouldPreviewEveryRun: true,
    maxDeleteShare: DEFAULT_MAX_DELETE_SHARE,
};

/** Returns why the run needs approval, or an empty list when it may apply without asking. */
export function getApprovalReasons(
    tables: readonly TablePreview[],
    settings: ApprovalSettings,
): ApprovalReason[] {
    if (!hasWrites(tables)) {
        return [];
    }
    const reasons: ApprovalReason[] = [];
    const firstSyncTables = tables.filter(table => table.isFirstSync);
    if (firstSyncTables.length > 0) {
        reasons.push({
            kind: 'firstSync',
            tableNames: firstSyncTables.map(table => table.tableName),
        });
    }
    const dynamicsDeletes = tables.reduce((sum, table) => sum + table.dynamics.deletes.length, 0);
    if (dynamicsDeletes > 0) {
        reasons.push({kind: 'dynamicsDeletes', count: dynamicsDeletes});
    }
    const unsyncedRowDeletes = tables.reduce(
        (sum, table) => sum + table.airtable.deletes.filter(hasUnsyncedChanges).length,
        0,
    );
    if (unsyncedRowDeletes > 0) {
        reasons.push({kind: 'unsyncedRowDeletes', count: unsyncedRowDeletes});
    }
    for (const table of tables) {
        reasons.push(...getLargeDeleteReasons(table, settings.maxDeleteShare));
    }
    if (reasons.length === 0 && settings.shouldPreviewEveryRun) {
        reasons.push({kind: 'previewEveryRun'});
    }
    return reasons;
}

/** Returns whether the run writes anything, or has a blocked delete a person may restore. */
export function hasWrites(tables: readonly TablePreview[]): boolean {
    return tables.some(
        table =>
            !isSideEmpty(table.airtable) ||
            !isSideEmpty(table.dynamics) ||
            table.blockedDeletes.length > 0,
    );
}

export function isRunPreviewEmpty(preview: RunPreview): boolean {
    return !hasWrites(preview.tables);
}

/** Returns whether deleting the row loses edits made in Airtable that never reached Dynamics. */
export function hasUnsyncedChanges(deleted: PreviewDelete): boolean {
    return deleted.unsyncedFieldNames.length > 0;
}

function isSideEmpty(side: SidePreview): boolean {
    return side.creates.length === 0 && side.updates.length === 0 && side.deletes.length === 0;
}

function getLargeDeleteReasons(table: TablePreview, maxShare: number): ApprovalReason[] {
    const sides: ReadonlyArray<{side: PreviewSide; count: number; total: number}> = [
        {side: 'airtable', count: table.airtable.deletes.length, total: table.rowCount},
        {side: 'dynamics', count: table.dynamics.deletes.length, total: table.recordCount},
    ];
    return sides
        .filter(({count, total}) => count > 0 && count > total * maxShare)
        .map(({side, count, total}) => ({
            kind: 'largeDelete',
            tableName: table.tableName,
            side,
            count,
            total,
            maxShare,
        }));
}

/** Describes a reason for a person, such as "Deletes 3 of 20 rows of Contacts in Airtable, …". */
export function describeApprovalReason(reason: ApprovalReason): string {
    switch (reason.kind) {
        case 'firstSync':
            return `First sync of ${reason.tableNames.join(', ')}: the first run of a table is always previewed.`;
        case 'dynamicsDeletes':
            return `Deletes ${countText(reason.count, 'record')} in Dynamics: deletes in Dynamics are always previewed.`;
        case 'unsyncedRowDeletes':
            return (
                `Deletes ${countText(reason.count, 'row')} in Airtable with changes not yet synced ` +
                `to Dynamics. Such deletes are always previewed, so no edit is lost unseen.`
            );
        case 'largeDelete': {
            const noun = reason.side === 'airtable' ? 'row' : 'record';
            const place = reason.side === 'airtable' ? 'Airtable' : 'Dynamics';
            const percent = Math.round(reason.maxShare * 1000) / 10;
            return (
                `Deletes ${reason.count} of ${countText(reason.total, noun)} of ${reason.tableName} ` +
                `in ${place}, more than the ${percent} % a run may delete without approval.`
            );
        }
        case 'previewEveryRun':
            return '"Preview every run" is on.';
        default:
            return assertNever(reason);
    }
}

function countText(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
