import type {AirtableTableId, Guid} from '../ids';
import type {TableMapping} from '../mapping';
import {combineOutcomes, type RecordOutcome, type TableResult} from '../outcomes';
import {buildDeltaStateIfSafe, type IssuedDeltaLink} from './deltaState';

/** The outcomes and table results a run collects, per table in the order the tables synced. */
export class RunState {
    private readonly outcomesByTable = new Map<AirtableTableId, RecordOutcome[]>();
    private readonly results = new Map<AirtableTableId, TableResult>();
    private readonly unsettledTableIds = new Set<AirtableTableId>();
    /** Position of each record's outcome, built for the tables whose second pass has begun. */
    private readonly positionsByTable = new Map<AirtableTableId, Map<string, number>>();

    addOutcome(outcome: RecordOutcome): void {
        const outcomes = this.getTableOutcomes(outcome.tableId);
        const positions = this.positionsByTable.get(outcome.tableId);
        if (positions !== undefined && !positions.has(refKey(outcome))) {
            positions.set(refKey(outcome), outcomes.length);
        }
        outcomes.push(outcome);
    }

    /** Adds a second-pass outcome, combined with the record's first-pass outcome if it has one. */
    addSecondPassOutcome(outcome: RecordOutcome): void {
        const outcomes = this.getTableOutcomes(outcome.tableId);
        const positions = this.getPositionsByRef(outcome.tableId, outcomes);
        const key = refKey(outcome);
        const index = positions.get(key);
        const first = index === undefined ? undefined : outcomes[index];
        if (index === undefined || first === undefined) {
            positions.set(key, outcomes.length);
            outcomes.push(outcome);
        } else {
            outcomes[index] = combineOutcomes(first, outcome);
        }
    }

    /**
     * Indexes the table's outcomes by record once, when its second pass begins, so combining
     * each of its outcomes is a lookup rather than a scan of every first-pass outcome.
     */
    private getPositionsByRef(
        tableId: AirtableTableId,
        outcomes: readonly RecordOutcome[],
    ): Map<string, number> {
        let positions = this.positionsByTable.get(tableId);
        if (positions === undefined) {
            positions = new Map();
            outcomes.forEach((outcome, index) => {
                const key = refKey(outcome);
                if (!positions?.has(key)) {
                    positions?.set(key, index);
                }
            });
            this.positionsByTable.set(tableId, positions);
        }
        return positions;
    }

    /** Reports the rows created for restored records as restored, with the reason. */
    markRestored(table: TableMapping, restored: ReadonlyMap<Guid, string>): void {
        if (restored.size === 0) {
            return;
        }
        const outcomes = this.getTableOutcomes(table.table.id);
        outcomes.forEach((outcome, index) => {
            const message =
                outcome.ref.dynamicsId === null ? undefined : restored.get(outcome.ref.dynamicsId);
            if (message !== undefined && outcome.status === 'created') {
                outcomes[index] = {...outcome, status: 'restored', message};
            }
        });
    }

    getTableOutcomes(tableId: AirtableTableId): RecordOutcome[] {
        let outcomes = this.outcomesByTable.get(tableId);
        if (outcomes === undefined) {
            outcomes = [];
            this.outcomesByTable.set(tableId, outcomes);
        }
        return outcomes;
    }

    /** Keeps the table from counting as complete, because matching left rows or records unlinked. */
    markUnsettled(tableId: AirtableTableId): void {
        this.unsettledTableIds.add(tableId);
    }

    setTableResult(
        table: TableMapping,
        isFinished: boolean,
        watermark: string | null,
        link: IssuedDeltaLink | null,
    ): void {
        const outcomes = this.getTableOutcomes(table.table.id);
        const isComplete =
            isFinished &&
            !this.unsettledTableIds.has(table.table.id) &&
            outcomes.every(outcome => outcome.status !== 'failed');
        this.results.set(table.table.id, {
            tableId: table.table.id,
            tableName: table.table.name,
            isComplete,
            watermark: isFinished ? watermark : null,
            deltaState: isComplete && link !== null ? buildDeltaStateIfSafe(link, outcomes) : null,
        });
    }

    getOutcomes(): RecordOutcome[] {
        return [...this.outcomesByTable.values()].flat();
    }

    getTableResults(): TableResult[] {
        return [...this.results.values()];
    }
}

/** Identifies an outcome's record by both ids, either of which may be null. */
function refKey(outcome: RecordOutcome): string {
    return `${outcome.ref.airtableRecordId ?? ''}|${outcome.ref.dynamicsId ?? ''}`;
}
