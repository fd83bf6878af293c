/**
 * What a person expects of the sync, tracked per account while a case runs. Each account is one
 * entity, whichever side created it, with its Airtable row and Dynamics record once they exist.
 *
 * Values: per field, the value both sides last agreed on (seen after a sync with a matching
 * baseline hash) and the last edit on each side since. An edit back to the agreed value is no
 * change, as in the engine's three-way merge. The expected survivor is the only side's edit, or
 * the common value, or the conflict policy's side when both changed to different values.
 *
 * Deletes: a record deleted in Dynamics takes its row with it. A row deleted in Airtable takes
 * its record, unless someone changed the record in Dynamics since the last complete sync, which
 * must keep it and bring the row back. When the record has not changed since a complete sync read
 * it, the delete must go through. Otherwise either outcome is allowed, because the engine also
 * keeps a record that an incomplete run wrote to.
 */
import type {CanonicalValue, ConflictPolicy} from '../../frontend/sync';
import {hashValue, type SyncState} from '../../frontend/sync/syncState';
import {ACCOUNT_COLUMNS, type AccountColumn} from './accountValues';

export type CanonicalValues = Readonly<Record<AccountColumn, CanonicalValue>>;

export interface ObservedRow {
    readonly id: string;
    /** The Dynamics ID cell as a lower-case GUID, or null when it contains none. */
    readonly dynamicsId: string | null;
    /** The parsed Sync state cell, or null when it is empty or does not parse. */
    readonly syncState: SyncState | null;
    readonly values: CanonicalValues;
}

export interface ObservedRecord {
    readonly id: string;
    /** The record's row version, which every write changes. */
    readonly version: number;
    readonly values: CanonicalValues;
}

export interface Observation {
    readonly rows: readonly ObservedRow[];
    readonly records: readonly ObservedRecord[];
}

/** A row deleted in Airtable whose record a sync has not yet deleted or kept. */
interface PendingRowDelete {
    /** The record changed in Dynamics since the last complete sync, so it must stay. */
    mustKeep: boolean;
    /** The record is as the last complete sync read it, so it must go. */
    mustDelete: boolean;
}

class Entity {
    rowId: string | null = null;
    dynamicsId: string | null = null;
    isGone = false;
    isRecordDeleted = false;
    pendingRowDelete: PendingRowDelete | null = null;
    readonly agreed = new Map<AccountColumn, CanonicalValue>();
    readonly airtableEdits = new Map<AccountColumn, CanonicalValue>();
    readonly dynamicsEdits = new Map<AccountColumn, CanonicalValue>();
    /** The record's version when the last complete sync ended, or null if none read it. */
    completeSyncVersion: number | null = null;
    hasDynamicsChangeSinceCompleteSync = false;

    constructor(
        readonly key: number,
        readonly origin: string,
    ) {}

    describe(): string {
        const row = this.rowId ?? 'no row';
        const record = this.dynamicsId ?? 'no record';
        return `account #${this.key} (${this.origin}; ${row}; ${record})`;
    }

    recordDynamicsChange(): void {
        this.hasDynamicsChangeSinceCompleteSync = true;
        if (this.pendingRowDelete !== null) {
            this.pendingRowDelete = {mustKeep: true, mustDelete: false};
        }
    }

    /** Returns the value the field must end with. */
    getExpectedValue(column: AccountColumn, policy: ConflictPolicy): CanonicalValue {
        const agreed = this.agreed.get(column) ?? null;
        const inAirtable = this.airtableEdits.get(column);
        const inDynamics = this.dynamicsEdits.get(column);
        const isAirtableChanged = inAirtable !== undefined && inAirtable !== agreed;
        const isDynamicsChanged = inDynamics !== undefined && inDynamics !== agreed;
        if (isAirtableChanged && isDynamicsChanged && inAirtable !== inDynamics) {
            return policy === 'airtableWins' ? inAirtable : inDynamics;
        }
        if (isAirtableChanged) {
            return inAirtable;
        }
        if (isDynamicsChanged) {
            return inDynamics;
        }
        return agreed;
    }
}

export class EntityModel {
    private readonly entities: Entity[] = [];
    private readonly violations: string[] = [];

    constructor(private readonly policy: ConflictPolicy) {}

    /** Problems found so far, each naming the account and what went wrong. */
    getViolations(): readonly string[] {
        return this.violations;
    }

    /** Lists the records whose rows were deleted in Airtable and that no sync has deleted or kept. */
    listPendingRowDeletes(): string[] {
        return this.listLiveEntities().flatMap(entity =>
            entity.pendingRowDelete === null || entity.dynamicsId === null
                ? []
                : [entity.dynamicsId],
        );
    }

    addRow(rowId: string, values: CanonicalValues, origin: string): void {
        const entity = this.createEntity(origin);
        entity.rowId = rowId;
        setEdits(entity.airtableEdits, values);
    }

    addRecord(dynamicsId: string, values: CanonicalValues, origin: string): void {
        const entity = this.createEntity(origin);
        entity.dynamicsId = dynamicsId;
        entity.hasDynamicsChangeSinceCompleteSync = true;
        setEdits(entity.dynamicsEdits, values);
    }

    /** Links a row that carries a record's Dynamics ID but no sync state, so both sides' values count. */
    linkRowToRecord(rowId: string, dynamicsId: string, rowValues: CanonicalValues): void {
        const entity = this.getLiveEntityIfExists(candidate => candidate.dynamicsId === dynamicsId);
        if (entity === null) {
            throw new Error(`No account has the record ${dynamicsId} to link row ${rowId} to.`);
        }
        entity.rowId = rowId;
        setEdits(entity.airtableEdits, rowValues);
    }

    editRow(rowId: string, column: AccountColumn, value: CanonicalValue): void {
        const entity = this.getLiveEntityIfExists(candidate => candidate.rowId === rowId);
        entity?.airtableEdits.set(column, value);
    }

    /** `getRecordVersion` returns the current version of a record, or null once it is gone. */
    deleteRow(rowId: string, getRecordVersion: (dynamicsId: string) => number | null): void {
        const entity = this.getLiveEntityIfExists(candidate => candidate.rowId === rowId);
        if (entity === null) {
            return;
        }
        entity.rowId = null;
        entity.airtableEdits.clear();
        if (entity.dynamicsId === null || entity.isRecordDeleted) {
            entity.isGone = true;
            return;
        }
        entity.pendingRowDelete = {
            mustKeep: entity.hasDynamicsChangeSinceCompleteSync,
            mustDelete:
                !entity.hasDynamicsChangeSinceCompleteSync &&
                entity.completeSyncVersion !== null &&
                entity.completeSyncVersion === getRecordVersion(entity.dynamicsId),
        };
    }

    editRecord(dynamicsId: string, column: AccountColumn, value: CanonicalValue): void {
        const entity = this.getLiveEntityIfExists(candidate => candidate.dynamicsId === dynamicsId);
        entity?.dynamicsEdits.set(column, value);
        entity?.recordDynamicsChange();
    }

    /** Records a change in Dynamics to a column the mapping does not sync, such as the parent account. */
    touchRecord(dynamicsId: string): void {
        const entity = this.getLiveEntityIfExists(candidate => candidate.dynamicsId === dynamicsId);
        entity?.recordDynamicsChange();
    }

    deleteRecord(dynamicsId: string): void {
        const entity = this.getLiveEntityIfExists(candidate => candidate.dynamicsId === dynamicsId);
        if (entity === null) {
            return;
        }
        entity.isRecordDeleted = true;
        entity.pendingRowDelete = null;
        entity.dynamicsEdits.clear();
        if (entity.rowId === null) {
            entity.isGone = true;
        }
    }

    /** Updates every account from both sides as a sync left them. */
    observe(observation: Observation, isCompleteSync: boolean): void {
        const rowsById = new Map(observation.rows.map(row => [row.id, row]));
        const recordsById = new Map(observation.records.map(record => [record.id, record]));
        const rowsByDynamicsId = groupRowsByDynamicsId(observation.rows);

        for (const entity of this.listLiveEntities()) {
            this.matchRow(entity, rowsById, rowsByDynamicsId);
            const record =
                entity.dynamicsId === null ? null : (recordsById.get(entity.dynamicsId) ?? null);
            this.resolveDeletes(entity, record);
            if (entity.isGone) {
                continue;
            }
            const row = entity.rowId === null ? null : (rowsById.get(entity.rowId) ?? null);
            if (row !== null && record !== null) {
                this.settleAgreedFields(entity, row, record);
            }
            if (isCompleteSync) {
                entity.completeSyncVersion = record?.version ?? null;
                entity.hasDynamicsChangeSinceCompleteSync = false;
            }
        }
    }

    /** Checks the converged sides against every account's expected existence and values. */
    checkFinal(observation: Observation): void {
        const live = this.listLiveEntities();
        const rowsById = new Map(observation.rows.map(row => [row.id, row]));
        const recordsById = new Map(observation.records.map(record => [record.id, record]));
        for (const entity of live) {
            this.checkEntity(entity, rowsById, recordsById);
        }

        const rowIds = new Set(live.map(entity => entity.rowId));
        for (const row of observation.rows.filter(candidate => !rowIds.has(candidate.id))) {
            this.report(`Row ${row.id} (Dynamics ID ${row.dynamicsId}) belongs to no account.`);
        }
        const recordIds = new Set(live.map(entity => entity.dynamicsId));
        for (const record of observation.records.filter(({id}) => !recordIds.has(id))) {
            this.report(`Record ${record.id} (${record.values.name}) belongs to no account.`);
        }
    }

    private checkEntity(
        entity: Entity,
        rowsById: ReadonlyMap<string, ObservedRow>,
        recordsById: ReadonlyMap<string, ObservedRecord>,
    ): void {
        if (entity.isRecordDeleted) {
            this.report(`${entity.describe()} keeps its row after its record was deleted.`);
            return;
        }
        if (entity.pendingRowDelete !== null) {
            this.report(`${entity.describe()} still waits for the delete of its row to sync.`);
            return;
        }
        const row = entity.rowId === null ? undefined : rowsById.get(entity.rowId);
        const record = entity.dynamicsId === null ? undefined : recordsById.get(entity.dynamicsId);
        if (row === undefined || record === undefined) {
            this.report(`${entity.describe()} is missing on one side.`);
            return;
        }
        for (const column of ACCOUNT_COLUMNS) {
            const expected = entity.getExpectedValue(column, this.policy);
            const actual = record.values[column];
            if (row.values[column] !== actual) {
                this.report(
                    `${entity.describe()} differs in ${column}: ` +
                        `${JSON.stringify(row.values[column])} in Airtable, ` +
                        `${JSON.stringify(actual)} in Dynamics.`,
                );
            } else if (actual !== expected) {
                this.report(
                    `${entity.describe()} ends with ${column} = ${JSON.stringify(actual)}, ` +
                        `expected ${this.describeExpected(entity, column)}.`,
                );
            }
        }
    }

    /**
     * Takes each field on which the row, the record and the row's baseline hash agree as the new
     * agreed value and clears both sides' edits of it, because the engine's next merge starts from
     * there. The value must be the one the edits since the last agreement call for. A row still
     * marked as waiting for its create has no hashes yet, but once its record exists, the values
     * it was created with are agreed on both sides as well.
     */
    private settleAgreedFields(entity: Entity, row: ObservedRow, record: ObservedRecord): void {
        const state = row.syncState;
        if (state === null) {
            return;
        }
        for (const column of ACCOUNT_COLUMNS) {
            const value = row.values[column];
            const isBaseline =
                state.isPendingCreate || state.fieldHashes[column] === hashValue(value);
            if (value !== record.values[column] || !isBaseline) {
                continue;
            }
            if (value !== entity.getExpectedValue(column, this.policy)) {
                this.report(
                    `${entity.describe()} settled on ${column} = ${JSON.stringify(value)}, ` +
                        `expected ${this.describeExpected(entity, column)}.`,
                );
            }
            entity.agreed.set(column, value);
            entity.airtableEdits.delete(column);
            entity.dynamicsEdits.delete(column);
        }
    }

    private describeExpected(entity: Entity, column: AccountColumn): string {
        return (
            `${JSON.stringify(entity.getExpectedValue(column, this.policy))} ` +
            `(agreed ${JSON.stringify(entity.agreed.get(column) ?? null)}, ` +
            `Airtable edit ${JSON.stringify(entity.airtableEdits.get(column))}, ` +
            `Dynamics edit ${JSON.stringify(entity.dynamicsEdits.get(column))}, ${this.policy})`
        );
    }

    private matchRow(
        entity: Entity,
        rowsById: ReadonlyMap<string, ObservedRow>,
        rowsByDynamicsId: ReadonlyMap<string, readonly ObservedRow[]>,
    ): void {
        const row = entity.rowId === null ? null : (rowsById.get(entity.rowId) ?? null);
        if (row === null) {
            entity.rowId = null;
        } else if (entity.dynamicsId === null) {
            entity.dynamicsId = row.dynamicsId;
        }
        if (entity.rowId !== null || entity.dynamicsId === null) {
            return;
        }
        const [newRow, ...others] = rowsByDynamicsId.get(entity.dynamicsId) ?? [];
        if (newRow === undefined || others.length > 0) {
            return;
        }
        entity.rowId = newRow.id;
        if (entity.pendingRowDelete?.mustDelete === true) {
            this.report(
                `${entity.describe()} got its row back although its record had not changed ` +
                    'since a complete sync when the row was deleted in Airtable.',
            );
        }
        entity.pendingRowDelete = null;
    }

    private resolveDeletes(entity: Entity, record: ObservedRecord | null): void {
        if (record !== null || entity.rowId !== null) {
            return;
        }
        if (entity.pendingRowDelete?.mustKeep === true) {
            this.report(
                `${entity.describe()} was deleted in Dynamics although it changed there after ` +
                    'its row was last synced; the record must stay and its row come back.',
            );
        }
        if (entity.pendingRowDelete !== null || entity.isRecordDeleted) {
            entity.isGone = true;
        }
    }

    private createEntity(origin: string): Entity {
        const entity = new Entity(this.entities.length + 1, origin);
        this.entities.push(entity);
        return entity;
    }

    private listLiveEntities(): Entity[] {
        return this.entities.filter(entity => !entity.isGone);
    }

    private getLiveEntityIfExists(predicate: (entity: Entity) => boolean): Entity | null {
        return this.listLiveEntities().find(predicate) ?? null;
    }

    private report(violation: string): void {
        this.violations.push(violation);
    }
}

function setEdits(edits: Map<AccountColumn, CanonicalValue>, values: CanonicalValues): void {
    for (const column of ACCOUNT_COLUMNS) {
        edits.set(column, values[column]);
    }
}

function groupRowsByDynamicsId(rows: readonly ObservedRow[]): Map<string, ObservedRow[]> {
    const groups = new Map<string, ObservedRow[]>();
    for (const row of rows) {
        if (row.dynamicsId !== null) {
            groups.set(row.dynamicsId, [...(groups.get(row.dynamicsId) ?? []), row]);
        }
    }
    return groups;
}
