/**
 * An in-memory Dataverse behind the engine's `DataverseSide` port. It keeps a version per row,
 * checks `If-Match`, gives creates create-only semantics, stamps `createdon` from the clock, and
 * rejects unknown columns and text over a column's MaxLength the way the Web API does.
 */
import type {Guid} from '../../../frontend/sync/ids';
import type {ColumnSpec, EntityRef, TableMapping} from '../../../frontend/sync/mapping';
import type {
    CascadeDeleteRule,
    Clock,
    DataverseRecord,
    DataverseSide,
    DataverseWrite,
    DataverseWriteResult,
} from '../../../frontend/sync/ports';

interface StoredRow {
    values: Record<string, unknown>;
    versionNumber: number;
}

interface FakeEntity {
    readonly columns: ReadonlyMap<string, ColumnSpec>;
    readonly rows: Map<Guid, StoredRow>;
}

export class FakeDataverseSide implements DataverseSide {
    readonly writeCalls: Array<readonly DataverseWrite[]> = [];
    /** When set, the next port call throws this error instead of running. */
    failNextCallWith: Error | null = null;
    /** When set, the next `writeAsync` call throws this error instead of running. */
    failNextWriteWith: Error | null = null;
    /** Runs before each write is applied, to change rows behind the engine's back. */
    beforeWrite: ((write: DataverseWrite) => void) | null = null;
    /** Rows whose next write fails with this Dynamics message. */
    readonly rejectWrites = new Map<Guid, string>();
    /** The relationships' delete behaviours, as relationship metadata reports them. */
    readonly cascadeDeleteRules: CascadeDeleteRule[] = [];

    private readonly clock: Clock;
    private readonly entities = new Map<string, FakeEntity>();
    private nextVersion = 1200000;

    constructor(clock: Clock) {
        this.clock = clock;
    }

    addEntity(mapping: TableMapping): void {
        const columns = new Map(
            mapping.fields.map(field => [field.column.logicalName, field.column]),
        );
        this.entities.set(mapping.entity.logicalName, {columns, rows: new Map()});
    }

    /** Adds a row directly, as a person in Dynamics would; returns its version. */
    insertRecord(entity: EntityRef, id: Guid, values: Record<string, unknown>): string {
        const stored = {
            values: {...values, createdon: this.nowIso()},
            versionNumber: this.bumpVersion(),
        };
        this.getEntity(entity).rows.set(id, stored);
        return formatVersion(stored.versionNumber);
    }

    editRecord(entity: EntityRef, id: Guid, values: Record<string, unknown>): void {
        const row = this.getRow(entity, id);
        Object.assign(row.values, values);
        row.versionNumber = this.bumpVersion();
    }

    deleteRecord(entity: EntityRef, id: Guid): void {
        this.getEntity(entity).rows.delete(id);
    }

    getValues(entity: EntityRef, id: Guid): Record<string, unknown> {
        return {...this.getRow(entity, id).values};
    }

    getRecordCount(entity: EntityRef): number {
        return this.getEntity(entity).rows.size;
    }

    async readAllAsync(entity: EntityRef, columns: readonly string[]): Promise<DataverseRecord[]> {
        this.throwIfFailing();
        const fakeEntity = this.getEntity(entity);
        for (const column of columns) {
            if (column !== 'createdon' && !fakeEntity.columns.has(column)) {
                throw new Error(`Could not find a property named '${column}' on type 'account'.`);
            }
        }
        return [...fakeEntity.rows].map(([id, row]) => ({
            id,
            version: formatVersion(row.versionNumber),
            values: Object.fromEntries(columns.map(column => [column, row.values[column] ?? null])),
        }));
    }

    async writeAsync(writes: readonly DataverseWrite[]): Promise<DataverseWriteResult[]> {
        this.throwIfFailing();
        const writeError = this.failNextWriteWith;
        if (writeError !== null) {
            this.failNextWriteWith = null;
            throw writeError;
        }
        if (writes.length === 0) {
            throw new Error('writeAsync was called with no writes.');
        }
        this.writeCalls.push(writes);
        return writes.map(write => {
            this.beforeWrite?.(write);
            return this.applyWrite(write);
        });
    }

    async readCascadeDeleteRulesAsync(entity: EntityRef): Promise<CascadeDeleteRule[]> {
        this.throwIfFailing();
        return this.cascadeDeleteRules.filter(rule => rule.referencedEntity === entity.logicalName);
    }

    private applyWrite(write: DataverseWrite): DataverseWriteResult {
        const entity = this.getEntity(write.entity);
        const rejection = this.rejectWrites.get(write.id);
        if (rejection !== undefined) {
            this.rejectWrites.delete(write.id);
            return {status: 'failed', message: rejection, code: '0x80040216', httpStatus: 400};
        }

        const existing = entity.rows.get(write.id);
        switch (write.kind) {
            case 'create': {
                if (existing !== undefined) {
                    return {status: 'alreadyExists'};
                }
                const invalid = this.checkValues(entity, write.values);
                if (invalid !== null) {
                    return invalid;
                }
                const versionNumber = this.bumpVersion();
                entity.rows.set(write.id, {
                    values: {...write.values, createdon: this.nowIso()},
                    versionNumber,
                });
                return {status: 'ok', version: formatVersion(versionNumber)};
            }
            case 'update': {
                if (existing === undefined) {
                    return {status: 'notFound'};
                }
                if (
                    write.ifMatch !== null &&
                    write.ifMatch !== formatVersion(existing.versionNumber)
                ) {
                    return {status: 'versionMismatch'};
                }
                const invalid = this.checkValues(entity, write.values);
                if (invalid !== null) {
                    return invalid;
                }
                Object.assign(existing.values, write.values);
                existing.versionNumber = this.bumpVersion();
                return {status: 'ok', version: formatVersion(existing.versionNumber)};
            }
            case 'delete':
                if (existing === undefined) {
                    return {status: 'notFound'};
                }
                if (
                    write.ifMatch !== null &&
                    write.ifMatch !== formatVersion(existing.versionNumber)
                ) {
                    return {status: 'versionMismatch'};
                }
                entity.rows.delete(write.id);
                return {status: 'ok', version: null};
        }
    }

    private checkValues(
        entity: FakeEntity,
        values: Readonly<Record<string, unknown>>,
    ): DataverseWriteResult | null {
        for (const [name, value] of Object.entries(values)) {
            const column = entity.columns.get(name);
            if (column === undefined) {
                return failed(
                    `Invalid property '${name}' was found in entity 'Microsoft.Dynamics.CRM.account'.`,
                    '0x80048d19',
                );
            }
            if (
                typeof value === 'string' &&
                column.maxLength !== undefined &&
                value.length > column.maxLength
            ) {
                return failed(
                    `A validation error occurred. The length of the '${name}' attribute exceeded the maximum allowed length.`,
                    '0x80044331',
                );
            }
            if (column.type === 'integer' && value !== null && !Number.isInteger(value)) {
                return failed(
                    `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Int32'.`,
                    '0x80048d19',
                );
            }
        }
        return null;
    }

    private getEntity(entity: EntityRef): FakeEntity {
        const fakeEntity = this.entities.get(entity.logicalName);
        if (fakeEntity === undefined) {
            throw new Error(`Unknown entity ${entity.logicalName}.`);
        }
        return fakeEntity;
    }

    private getRow(entity: EntityRef, id: Guid): StoredRow {
        const row = this.getEntity(entity).rows.get(id);
        if (row === undefined) {
            throw new Error(`${entity.logicalName} With Id = ${id} Does Not Exist`);
        }
        return row;
    }

    private bumpVersion(): number {
        this.nextVersion += 1;
        return this.nextVersion;
    }

    private nowIso(): string {
        return new Date(this.clock.nowMs()).toISOString().replace('.000Z', 'Z');
    }

    private throwIfFailing(): void {
        const error = this.failNextCallWith;
        if (error !== null) {
            this.failNextCallWith = null;
            throw error;
        }
    }
}

function formatVersion(versionNumber: number): string {
    return `W/"${versionNumber}"`;
}

function failed(message: string, code: string): DataverseWriteResult {
    return {status: 'failed', message, code, httpStatus: 400};
}
