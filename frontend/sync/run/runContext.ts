/** The state and tools every pass of a run shares, and the call each pass applies a plan with. */
import type {AirtableWriter} from '../apply/airtableWriter';
import {applyTablePlanAsync} from '../apply/applyTablePlan';
import type {AirtableTableId} from '../ids';
import type {TableDirectory} from '../links/linkGroups';
import type {LinkIndex} from '../links/linkIndex';
import type {TableOrder} from '../links/tableOrder';
import type {RunLogger} from '../logger';
import type {TableMapping} from '../mapping';
import type {RecordOutcome} from '../outcomes';
import type {TablePlan} from '../plan/types';
import type {DataverseSide} from '../ports';
import type {ProgressListener} from '../progress';
import type {IssuedDeltaLink} from './deltaState';
import type {ReadContext, TableSnapshot} from './readTable';
import type {RunState} from './runState';
import type {SyncInput} from './syncInput';

export interface RunTools {
    readonly logger: RunLogger;
    readonly onProgress: ProgressListener;
}

export interface RunContext extends RunTools {
    readonly input: SyncInput;
    /** The input's Dataverse side, with the time of every write added to the run's watermarks. */
    readonly dataverse: DataverseSide;
    readonly state: RunState;
    readonly writer: AirtableWriter;
    readonly order: TableOrder;
    readonly directory: TableDirectory;
    readonly index: LinkIndex;
    readonly read: ReadContext;
    /** The snapshot each table's first pass planned from, by table id. */
    readonly firstPassSnapshots: Map<AirtableTableId, FirstPassSnapshot>;
    /** The delta link each table's first read returned, by table id. */
    readonly deltaLinks: Map<AirtableTableId, IssuedDeltaLink>;
}

export interface FirstPassSnapshot {
    readonly snapshot: TableSnapshot;
    /** Whether the first pass wrote to the table, on either side. */
    readonly isWritten: boolean;
}

export function getDeferredColumns(context: RunContext, table: TableMapping): ReadonlySet<string> {
    return context.order.deferredColumns.get(table.table.id) ?? new Set();
}

export async function applyPlanAsync(
    context: RunContext,
    plan: TablePlan,
    addOutcome: (outcome: RecordOutcome) => void,
): Promise<void> {
    logPlan(context.logger, plan);
    await applyTablePlanAsync(plan, {
        airtable: context.writer,
        dataverse: context.dataverse,
        signal: context.input.signal,
        logger: context.logger,
        onProgress: context.onProgress,
        addOutcome,
    });
}

function logPlan(logger: RunLogger, plan: TablePlan): void {
    const counts: Record<string, number> = {};
    for (const step of plan.steps) {
        counts[step.kind] = (counts[step.kind] ?? 0) + 1;
    }
    logger.info('Table planned', {table: plan.table.table.id, ...counts});
}
