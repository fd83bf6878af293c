/** The run's delete phase: plans the deletes of every table and applies the approved ones. */
import {callSideAsync} from '../apply/runStoppedError';
import {
    getDynamicsDeleteRoots,
    isPlanEmpty,
    planDeletes,
    type DeletePlan,
} from '../deletes/planDeletes';
import {readCascadeReferencesAsync} from '../deletes/readCascadeReferences';
import {syncDeletesAsync, type DeletePhaseResult} from '../deletes/syncDeletes';
import type {DeleteDecision} from '../deletes/types';
import type {AirtableTableId} from '../ids';
import {isLookupMapping} from '../links/linkGroups';
import type {TableMapping} from '../mapping';
import type {CascadeDeleteRule} from '../ports';
import {readRecordsAsync, type TableSnapshot} from './readTable';
import {readUnchangedRecordsAsync} from './readTableChanges';
import type {RunContext} from './runContext';

/**
 * Reads, for every mapped table, what deleting one of its records does to the records pointing at
 * it. Only runs that delete records in Dynamics need the rules, so other runs skip the requests.
 */
async function readCascadeRulesAsync(context: RunContext): Promise<CascadeDeleteRule[]> {
    const rules: CascadeDeleteRule[] = [];
    for (const table of context.order.tables) {
        const tableRules = await callSideAsync(
            'dynamics',
            'reading relationships',
            table.table.name,
            () => context.dataverse.readCascadeDeleteRulesAsync(table.entity),
        );
        rules.push(...tableRules);
    }
    return rules;
}

/** Returns the lookups of the table that cascade rules follow but the mapping does not sync. */
function getRuleLookups(table: TableMapping, rules: readonly CascadeDeleteRule[]): string[] {
    const mapped = new Set(
        table.fields.filter(isLookupMapping).map(mapping => mapping.column.logicalName),
    );
    const attributes = rules
        .filter(rule => rule.referencingEntity === table.entity.logicalName)
        .map(rule => rule.referencingAttribute)
        .filter(attribute => !mapped.has(attribute));
    return [...new Set(attributes)];
}

/**
 * Plans the run's deletes, reading the cascade rules and references when Dynamics deletes any, and
 * returns the snapshots the rest of the run starts from. When there is anything to delete, tables
 * read through a delta link are read in full first. Cascades follow the lookups of every record,
 * and only the Dynamics values tell a link emptied by a row delete apart from a person's edit.
 */
export async function planRunDeletesAsync(
    context: RunContext,
    firstSnapshots: readonly TableSnapshot[],
): Promise<{readonly plan: DeletePlan; readonly snapshots: readonly TableSnapshot[]}> {
    const getLastSyncedAt = (tableId: AirtableTableId) =>
        context.input.lastSyncedAt?.[tableId] ?? null;
    let snapshots = firstSnapshots;
    let plan = planDeletes({snapshots, rules: [], getWatermark: getLastSyncedAt});
    if (!isPlanEmpty(plan) && snapshots.some(snapshot => snapshot.unchangedIds !== undefined)) {
        snapshots = await readUnchangedRecordsAsync(context.read, snapshots);
        plan = planDeletes({snapshots, rules: [], getWatermark: getLastSyncedAt});
    }
    if (hasDynamicsDeletes(plan)) {
        const rules = await readCascadeRulesAsync(context);
        const withLookups = await readRuleLookupsAsync(context, snapshots, rules);
        const references = await readCascadeReferencesAsync({
            dataverse: context.dataverse,
            snapshots: withLookups,
            rules,
            roots: getDynamicsDeleteRoots(plan),
        });
        plan = planDeletes({
            snapshots: withLookups,
            rules,
            references,
            getWatermark: getLastSyncedAt,
        });
    }
    return {plan, snapshots};
}

/** Applies the planned deletes as the decision on the run's preview approved them. */
export async function applyRunDeletesAsync(
    context: RunContext,
    plan: DeletePlan,
    decision: DeleteDecision,
): Promise<DeletePhaseResult> {
    const result = await syncDeletesAsync(
        {
            writer: context.writer,
            dataverse: context.dataverse,
            signal: context.input.signal,
            logger: context.logger,
            onProgress: context.onProgress,
            addOutcome: outcome => context.state.addOutcome(outcome),
            confirmDeletesAsync: async () => decision,
        },
        plan,
    );
    for (const {tableId, id} of result.rowDeletedRecords) {
        context.index.markRowDeletedInAirtable(tableId, id);
    }
    return result;
}

function hasDynamicsDeletes(plan: DeletePlan): boolean {
    return plan.tables.some(table => table.dynamicsDeletes.length > 0);
}

/** Reads again the records of tables whose lookups the rules follow but the mapping does not sync. */
async function readRuleLookupsAsync(
    context: RunContext,
    snapshots: readonly TableSnapshot[],
    rules: readonly CascadeDeleteRule[],
): Promise<TableSnapshot[]> {
    const result: TableSnapshot[] = [];
    for (const snapshot of snapshots) {
        const extraLookups = getRuleLookups(snapshot.table, rules);
        const records =
            extraLookups.length === 0
                ? snapshot.records
                : await readRecordsAsync(context.read, snapshot.table, extraLookups);
        result.push({...snapshot, records});
    }
    return result;
}

/** Leaves out the rows and records the delete phase kept and already reported. */
export function withoutKept(snapshot: TableSnapshot, deletes: DeletePhaseResult): TableSnapshot {
    return {
        ...snapshot,
        rows: snapshot.rows.filter(row => !deletes.keptRowIds.has(row.id)),
        records: snapshot.records.filter(record => !deletes.keptRecordIds.has(record.id)),
    };
}
