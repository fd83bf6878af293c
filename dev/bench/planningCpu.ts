/**
 * Measures the CPU time of the engine's planning alone on the rows and records of a resync where
 * nothing changed. It reads every row and record first, with the columns the resync read. Then it
 * plans the tables in the run's order with the run's link index, and the deferred links, as
 * `runSyncAsync` does.
 */
import {
    parseGuid,
    planTable,
    type AirtableRow,
    type DataverseRecord,
    type PlanStep,
    type TableMapping,
    type TablePlan,
} from '../../frontend/sync';
import {
    getLinkGroups,
    type LinkGroup,
    type TableDirectory,
} from '../../frontend/sync/links/linkGroups';
import {LinkIndex} from '../../frontend/sync/links/linkIndex';
import {planDeferredLinks} from '../../frontend/sync/links/planDeferredLinks';
import {orderTables} from '../../frontend/sync/links/tableOrder';
import type {BenchSession} from './benchSession';

export interface PlanningReport {
    readonly recordCount: number;
    readonly cpuMs: number;
    readonly stepsByKind: Readonly<Partial<Record<PlanStep['kind'], number>>>;
}

interface TableInput {
    readonly rows: readonly AirtableRow[];
    readonly records: readonly DataverseRecord[];
}

export async function measurePlanningAsync(
    session: BenchSession,
    lastSyncedAt: Readonly<Record<string, string>>,
): Promise<PlanningReport> {
    const inputs = new Map<string, TableInput>();
    for (const table of session.base.mappings) {
        inputs.set(table.table.id, await readInputAsync(session, table));
    }

    const before = process.cpuUsage();
    const plans = planLikeRun(session.base.mappings, inputs, lastSyncedAt);
    const used = process.cpuUsage(before);

    const stepsByKind: Partial<Record<PlanStep['kind'], number>> = {};
    for (const step of plans.flatMap(plan => plan.steps)) {
        stepsByKind[step.kind] = (stepsByKind[step.kind] ?? 0) + 1;
    }
    return {
        recordCount: [...inputs.values()].reduce((total, input) => total + input.records.length, 0),
        cpuMs: (used.user + used.system) / 1000,
        stepsByKind,
    };
}

/** Plans every table's first pass and then the deferred links, in the run's order. */
function planLikeRun(
    mappings: readonly TableMapping[],
    inputs: ReadonlyMap<string, TableInput>,
    lastSyncedAt: Readonly<Record<string, string>>,
): TablePlan[] {
    const order = orderTables(mappings);
    const directory: TableDirectory = new Map(mappings.map(table => [table.table.id, table]));
    const index = new LinkIndex();
    const plans: TablePlan[] = [];
    for (const table of order.tables) {
        const deferred = order.deferredColumns.get(table.table.id) ?? new Set<string>();
        const plan = planTable({
            table,
            ...getInput(inputs, table),
            conflictPolicy: 'dynamicsWins',
            newGuid: () => parseGuid(crypto.randomUUID()),
            lastSyncedAt: lastSyncedAt[table.table.id] ?? null,
            links: {
                index,
                groups: getLinkGroups(table, directory),
                isPlanned: (group: LinkGroup) => !deferred.has(group.column),
            },
        });
        addPairs(index, table, plan);
        plans.push(plan);
    }
    for (const table of order.tables) {
        const deferred = order.deferredColumns.get(table.table.id) ?? new Set<string>();
        if (deferred.size === 0) {
            continue;
        }
        const links = {
            index,
            groups: getLinkGroups(table, directory),
            isPlanned: (group: LinkGroup) => deferred.has(group.column),
        };
        const input = getInput(inputs, table);
        plans.push(planDeferredLinks({table, ...input, links, conflictPolicy: 'dynamicsWins'}));
    }
    return plans;
}

/** Adds the planned pairs to the index, as the run adds them from the applied outcomes. */
function addPairs(index: LinkIndex, table: TableMapping, plan: TablePlan): void {
    for (const step of plan.steps) {
        const {airtableRecordId, dynamicsId} = step.ref;
        if (airtableRecordId !== null && dynamicsId !== null && step.kind !== 'fail') {
            index.addPair(table.table.id, airtableRecordId, dynamicsId);
        }
    }
}

function getInput(inputs: ReadonlyMap<string, TableInput>, table: TableMapping): TableInput {
    const input = inputs.get(table.table.id);
    if (input === undefined) {
        throw new Error(`No rows and records of ${table.table.name} to plan with.`);
    }
    return input;
}

async function readInputAsync(session: BenchSession, table: TableMapping): Promise<TableInput> {
    const side = session.base.createSide();
    try {
        const rows = await side.readRowsAsync(table);
        const columns = session.dataverse.getReadColumnsIfExists(table.entity.logicalName);
        if (columns === null) {
            throw new Error(
                `The resync did not read ${table.entity.logicalName}, so no columns to plan with.`,
            );
        }
        const records = await session.dataverse.readAllAsync(table.entity, columns);
        return {rows, records};
    } finally {
        side.unloadAll();
    }
}
