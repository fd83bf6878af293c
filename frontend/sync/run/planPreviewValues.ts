/**
 * Plans the values of every table for the run preview. When either pass of a table read through a
 * delta link needs the values of records the delta left out, the table is read in full. The run is
 * then planned again, because the table's pairs resolve the links of the tables after it.
 */
import type {DeletePlan} from '../deletes/planDeletes';
import type {Guid} from '../ids';
import {planRunValues, type RunValuesPlan} from '../preview/planRunValues';
import {readTableAsync, type TableSnapshot} from './readTable';
import type {RunContext} from './runContext';
import {hasUnreadRecords} from './valuePass';

export interface PreviewValues {
    /** The snapshots the values were planned from, in the order of the run's tables. */
    readonly snapshots: readonly TableSnapshot[];
    readonly values: RunValuesPlan;
}

export async function planPreviewValuesAsync(
    context: RunContext,
    firstSnapshots: readonly TableSnapshot[],
    deletePlan: DeletePlan,
): Promise<PreviewValues> {
    const snapshots = [...firstSnapshots];
    const guids = new GuidReplay(context.input.newGuid);
    for (;;) {
        const values = planRunValues({
            snapshots,
            deletePlan,
            order: context.order,
            directory: context.directory,
            conflictPolicy: context.input.conflictPolicy,
            newGuid: () => guids.next(),
            getLastSyncedAt: tableId => context.input.lastSyncedAt?.[tableId] ?? null,
        });
        const unreadPositions = values.plans.flatMap((plan, position) => {
            const secondPass = values.secondPassPlans[position] ?? null;
            const isUnread =
                hasUnreadRecords(plan) || (secondPass !== null && hasUnreadRecords(secondPass));
            return isUnread ? [position] : [];
        });
        if (unreadPositions.length === 0) {
            return {snapshots, values};
        }

        // A full read leaves no unread records, so every round reads at least one table in full
        // that had none, and the loop ends after at most one round per table.
        for (const position of unreadPositions) {
            const snapshot = snapshots[position];
            if (snapshot === undefined) {
                continue;
            }
            context.logger.info('Reading in full', {
                table: snapshot.table.table.id,
                reason: 'rows need the values of records the delta read left out',
            });
            snapshots[position] = await readTableAsync(context.read, snapshot.table, []);
        }
        guids.rewind();
    }
}

/**
 * A GUID source that gives the same GUIDs again, in the same order, after `rewind`. A plan made
 * again then reserves the same ids for the rows it creates in Dynamics as the plan before it.
 */
class GuidReplay {
    private readonly drawn: Guid[] = [];
    private position = 0;

    constructor(private readonly newGuid: () => Guid) {}

    next(): Guid {
        let guid = this.drawn[this.position];
        if (guid === undefined) {
            guid = this.newGuid();
            this.drawn.push(guid);
        }
        this.position += 1;
        return guid;
    }

    rewind(): void {
        this.position = 0;
    }
}
