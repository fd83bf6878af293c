/**
 * An in-memory Dataverse behind the engine's `DataverseSide` port. It keeps a version per row,
 * checks `If-Match`, gives creates create-only semantics, stamps `createdon` and `modifiedon` in
 * whole seconds from its own clock on every change, returns the `modifiedon` of each create and
 * update with its result, and rejects unknown columns and text over a column's MaxLength the way the Web API
 * does. Lookups are stored as references, set through `@odata.bind`-style bindings to rows that
 * must exist, and a delete follows the cascade rules: Cascade deletes the children, RemoveLink
 * clears their lookup, and Restrict rejects the whole delete while a child exists. Tables that no
 * mapping syncs can be added too, so a delete cascades into them as it does in Dynamics, and
 * `readReferencingRecordsAsync` lists their rows per lookup.
 *
 * Change tracking: every change takes the next number of one counter, which is also the row's
 * version, and a delete stores the number it took. A delta link names the counter at the read, so
 * a read through it returns the rows changed and the ids removed since. After `expireDeltaLinks`,
 * a read through an older link returns every row, as the real Dataverse side does when Dynamics
 * rejects an expired link.
 */
import type {Guid, LogicalName} from '../../../frontend/sync/ids';
import {
    getLookupColumnIfExists,
    isLookupBinding,
    isLookupReference,
} from '../../../frontend/sync/lookupValues';
import type {ColumnSpec, EntityRef, TableMapping} from '../../../frontend/sync/mapping';
import type {
    ChangesResult,
    CascadeDeleteRule,
    Clock,
    DataverseRecord,
    DataverseSide,
    DataverseWrite,
    DataverseWriteResult,
    LookupReference,
    ReferencingRecord,
    ReferencingRecordsResult,
} from '../../../frontend/sync/ports';

interface StoredRow {
    values: Record<string, unknown>;
    versionNumber: number;
}

interface FakeEntity {
    readonly ref: EntityRef;
    readonly columns: Map<string, ColumnSpec>;
    readonly rows: Map<Guid, StoredRow>;
    /** The change number of each delete, for delta reads. */
    readonly removed: Map<Guid, number>;
}

/** One read of records, as the engine sent it. */
export interface FakeRead {
    readonly kind: 'readAll' | 'readChanges';
    readonly entity: string;
    readonly deltaLink: string | null;
    /** What a `readChanges` call returned; null for `readAll`. */
    readonly resultKind: 'all' | 'changes' | null;
}

const DELTA_LINK_PREFIX = 'https://fake.crm.dynamics.com/api/data/v9.2/delta?';

/**
 * How far the fake's clock runs ahead of the engine's. Dynamics stamps `createdon` and `modifiedon`
 * from its own clock, so a test fails if the engine compares those stamps with its own time.
 */
const SERVER_CLOCK_AHEAD_MS = 5 * 60 * 1000;

/** Columns every row has, which Dynamics stamps itself. */
const SYSTEM_COLUMNS: ReadonlySet<string> = new Set(['createdon', 'modifiedon']);

/** The code and message Dynamics returns when a Restrict relationship blocks a delete. */
const RESTRICTED_DELETE_CODE = '0x80040227';
const RESTRICTED_DELETE_MESSAGE =
    'The object you tried to delete is associated with another object and cannot be deleted.';

interface CascadeEffects {
    readonly deletes: Array<{readonly entity: string; readonly id: Guid}>;
    readonly clears: Array<{readonly entity: string; readonly id: Guid; readonly column: string}>;
    readonly restrictedBy: string | null;
}

export class FakeDataverseSide implements DataverseSide {
    readonly writeCalls: Array<readonly DataverseWrite[]> = [];
    /** Every read of records, in order. */
    readonly reads: FakeRead[] = [];
    /** When false, reads return no delta link, as for a table without change tracking. */
    isChangeTracked = true;
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
    /** How many times the engine read cascade rules. */
    cascadeRuleReadCount = 0;
    /** Every read of referencing records, in order. */
    readonly referencingReads: Array<{
        readonly rule: CascadeDeleteRule;
        readonly parentIds: readonly Guid[];
    }> = [];
    /** Tables whose referencing-record reads fail with this message, as without read access. */
    readonly rejectReferencingReads = new Map<LogicalName, string>();

    private readonly clock: Clock;
    private readonly entities = new Map<string, FakeEntity>();
    private nextVersion = 1200000;
    /** Links issued before this change number are expired. */
    private oldestValidLink = 0;

    constructor(clock: Clock) {
        this.clock = clock;
    }

    /** Adds the mapping's table, or its columns to a table added before; lookup targets merge. */
    addEntity(mapping: TableMapping): void {
        const entity = this.entities.get(mapping.entity.logicalName) ?? {
            ref: mapping.entity,
            columns: new Map<string, ColumnSpec>(),
            rows: new Map<Guid, StoredRow>(),
            removed: new Map<Guid, number>(),
        };
        for (const {column} of mapping.fields) {
            addColumn(entity.columns, column);
        }
        this.entities.set(mapping.entity.logicalName, entity);
    }

    /** Adds a table that no mapping syncs, with its columns, such as one a delete cascades to. */
    addUnmappedEntity(ref: EntityRef, columns: readonly ColumnSpec[]): void {
        const entity = {
            ref,
            columns: new Map<string, ColumnSpec>(),
            rows: new Map<Guid, StoredRow>(),
            removed: new Map<Guid, number>(),
        };
        for (const column of columns) {
            addColumn(entity.columns, column);
        }
        this.entities.set(ref.logicalName, entity);
    }

    /** Adds a lookup column that no mapping syncs, such as one a cascade rule follows. */
    addLookupColumn(entityName: LogicalName, column: ColumnSpec): void {
        const entity = this.entities.get(entityName);
        if (entity === undefined) {
            throw new Error(`Unknown entity ${entityName}.`);
        }
        addColumn(entity.columns, column);
    }

    /** Adds a row directly, as a person in Dynamics would; returns its version. */
    insertRecord(entity: EntityRef, id: Guid, values: Record<string, unknown>): string {
        const now = this.nowIso();
        const stored = {
            values: {...values, createdon: now, modifiedon: now},
            versionNumber: this.bumpVersion(),
        };
        this.getEntity(entity).rows.set(id, stored);
        return formatVersion(stored.versionNumber);
    }

    editRecord(entity: EntityRef, id: Guid, values: Record<string, unknown>): void {
        const row = this.getRow(entity, id);
        Object.assign(row.values, values, {modifiedon: this.nowIso()});
        row.versionNumber = this.bumpVersion();
    }

    hasRecord(entity: EntityRef, id: Guid): boolean {
        return this.getEntity(entity).rows.has(id);
    }

    /** Deletes a record as a person in Dynamics would, cascades included; throws when restricted. */
    deleteRecordWithCascade(entity: EntityRef, id: Guid): void {
        const effects = this.collectCascade(entity.logicalName, id);
        if (effects.restrictedBy !== null) {
            throw new Error(RESTRICTED_DELETE_MESSAGE);
        }
        this.applyCascade(effects);
    }

    deleteRecord(entity: EntityRef, id: Guid): void {
        this.removeRow(this.getEntity(entity), id);
    }

    /** Makes every delta link issued so far expired. */
    expireDeltaLinks(): void {
        this.oldestValidLink = this.bumpVersion();
    }

    getValues(entity: EntityRef, id: Guid): Record<string, unknown> {
        return {...this.getRow(entity, id).values};
    }

    getRecordCount(entity: EntityRef): number {
        return this.getEntity(entity).rows.size;
    }

    async readChangesAsync(
        entity: EntityRef,
        columns: readonly string[],
        deltaLink: string | null = null,
    ): Promise<ChangesResult> {
        this.throwIfFailing();
        const since = deltaLink === null ? null : this.parseDeltaLinkIfValid(entity, deltaLink);
        const nextLink = this.isChangeTracked ? this.issueDeltaLink(entity) : null;
        if (since === null || nextLink === null) {
            this.reads.push({
                kind: 'readChanges',
                entity: entity.logicalName,
                deltaLink,
                resultKind: 'all',
            });
            const records = this.readRecords(entity, columns);
            return {
                kind: 'all',
                records,
                deltaLink: nextLink,
                fallbackReason: this.getFallbackReason(deltaLink),
            };
        }

        this.reads.push({
            kind: 'readChanges',
            entity: entity.logicalName,
            deltaLink,
            resultKind: 'changes',
        });
        const fakeEntity = this.getEntity(entity);
        const changed = this.readRecords(entity, columns).filter(
            record => (fakeEntity.rows.get(record.id)?.versionNumber ?? 0) > since,
        );
        const removedIds = [...fakeEntity.removed]
            .filter(([id, number]) => number > since && !fakeEntity.rows.has(id))
            .map(([id]) => id);
        return {kind: 'changes', changed, removedIds, deltaLink: nextLink};
    }

    async readAllAsync(entity: EntityRef, columns: readonly string[]): Promise<DataverseRecord[]> {
        this.throwIfFailing();
        this.reads.push({
            kind: 'readAll',
            entity: entity.logicalName,
            deltaLink: null,
            resultKind: null,
        });
        return this.readRecords(entity, columns);
    }

    private readRecords(entity: EntityRef, columns: readonly string[]): DataverseRecord[] {
        const fakeEntity = this.getEntity(entity);
        for (const column of columns) {
            const lookup = getLookupColumnIfExists(column);
            const isKnown =
                SYSTEM_COLUMNS.has(column) ||
                (lookup === null
                    ? fakeEntity.columns.get(column)?.type !== 'lookup' &&
                      fakeEntity.columns.has(column)
                    : fakeEntity.columns.get(lookup)?.type === 'lookup');
            if (!isKnown) {
                throw new Error(
                    `Could not find a property named '${column}' on type '${entity.logicalName}'.`,
                );
            }
        }
        return [...fakeEntity.rows].map(([id, row]) => ({
            id,
            version: formatVersion(row.versionNumber),
            values: Object.fromEntries(columns.flatMap(column => readColumn(row, column))),
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
        this.cascadeRuleReadCount += 1;
        return this.cascadeDeleteRules.filter(rule => rule.referencedEntity === entity.logicalName);
    }

    async readReferencingRecordsAsync(
        rule: CascadeDeleteRule,
        parentIds: readonly Guid[],
    ): Promise<ReferencingRecordsResult> {
        this.throwIfFailing();
        this.referencingReads.push({rule, parentIds});
        const rejection = this.rejectReferencingReads.get(rule.referencingEntity);
        const entity = this.entities.get(rule.referencingEntity);
        if (rejection !== undefined || entity === undefined) {
            const message =
                rejection ?? `Could not find a table with the name ${rule.referencingEntity}.`;
            return {
                status: 'failed',
                entity: entity?.ref ?? null,
                message,
                code: '0x80040220',
                httpStatus: 403,
            };
        }
        const parents = new Set(parentIds);
        const recordsByParent = new Map<Guid, ReferencingRecord[]>();
        for (const [id, row] of entity.rows) {
            const reference = row.values[rule.referencingAttribute];
            if (
                !isLookupReference(reference) ||
                reference.logicalName !== rule.referencedEntity ||
                !parents.has(reference.id)
            ) {
                continue;
            }
            const name = row.values[entity.ref.primaryNameAttribute];
            const records = recordsByParent.get(reference.id) ?? [];
            records.push({id, name: typeof name === 'string' && name !== '' ? name : null});
            recordsByParent.set(reference.id, records);
        }
        return {status: 'ok', entity: entity.ref, recordsByParent};
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
                const now = this.nowIso();
                const values = this.toStoredValues(entity, write.values);
                entity.rows.set(write.id, {
                    values: {...values, createdon: now, modifiedon: now},
                    versionNumber,
                });
                return {status: 'ok', version: formatVersion(versionNumber), modifiedOn: now};
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
                const now = this.nowIso();
                Object.assign(existing.values, this.toStoredValues(entity, write.values), {
                    modifiedon: now,
                });
                existing.versionNumber = this.bumpVersion();
                return {
                    status: 'ok',
                    version: formatVersion(existing.versionNumber),
                    modifiedOn: now,
                };
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
                return this.deleteWithCascade(write.entity.logicalName, write.id);
        }
    }

    private deleteWithCascade(entityName: string, id: Guid): DataverseWriteResult {
        const effects = this.collectCascade(entityName, id);
        if (effects.restrictedBy !== null) {
            return {
                status: 'failed',
                message: RESTRICTED_DELETE_MESSAGE,
                code: RESTRICTED_DELETE_CODE,
                httpStatus: 405,
            };
        }
        this.applyCascade(effects);
        return {status: 'ok', version: null};
    }

    /** Collects what deleting the row does, following Cascade rules down to the grandchildren. */
    private collectCascade(entityName: string, id: Guid): CascadeEffects {
        const effects: CascadeEffects = {deletes: [], clears: [], restrictedBy: null};
        const pending = [{entity: entityName, id}];
        const seen = new Set<string>();
        let restrictedBy: string | null = null;
        for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
            const key = `${next.entity}:${next.id}`;
            if (seen.has(key)) {
                continue;
            }
            seen.add(key);
            effects.deletes.push(next);
            for (const child of this.findChildren(next.entity, next.id)) {
                switch (child.rule.onDelete) {
                    case 'Cascade':
                        pending.push({entity: child.rule.referencingEntity, id: child.id});
                        break;
                    case 'RemoveLink':
                        effects.clears.push({
                            entity: child.rule.referencingEntity,
                            id: child.id,
                            column: child.rule.referencingAttribute,
                        });
                        break;
                    case 'Restrict':
                        restrictedBy ??= `${child.rule.referencingEntity} ${child.id}`;
                        break;
                    case 'NoCascade':
                        break;
                }
            }
        }
        return {...effects, restrictedBy};
    }

    private findChildren(
        entityName: string,
        id: Guid,
    ): Array<{readonly rule: CascadeDeleteRule; readonly id: Guid}> {
        const children: Array<{readonly rule: CascadeDeleteRule; readonly id: Guid}> = [];
        for (const rule of this.cascadeDeleteRules) {
            const entity = this.entities.get(rule.referencingEntity);
            if (rule.referencedEntity !== entityName || entity === undefined) {
                continue;
            }
            for (const [childId, row] of entity.rows) {
                const reference = row.values[rule.referencingAttribute];
                if (
                    isLookupReference(reference) &&
                    reference.logicalName === entityName &&
                    reference.id === id
                ) {
                    children.push({rule, id: childId});
                }
            }
        }
        return children;
    }

    private applyCascade(effects: CascadeEffects): void {
        for (const {entity, id} of effects.deletes) {
            const fakeEntity = this.entities.get(entity);
            if (fakeEntity !== undefined) {
                this.removeRow(fakeEntity, id);
            }
        }
        for (const {entity, id, column} of effects.clears) {
            const row = this.entities.get(entity)?.rows.get(id);
            if (row !== undefined) {
                row.values[column] = null;
                row.values.modifiedon = this.nowIso();
                row.versionNumber = this.bumpVersion();
            }
        }
    }

    /** Turns each lookup binding into the reference Dynamics stores. */
    private toStoredValues(
        entity: FakeEntity,
        values: Readonly<Record<string, unknown>>,
    ): Record<string, unknown> {
        const stored: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(values)) {
            const column = entity.columns.get(name);
            if (column?.type === 'lookup' && isLookupBinding(value)) {
                const target = column.targets?.find(
                    candidate => candidate.navigationProperty === value.navigationProperty,
                );
                stored[name] =
                    value.id === null || target === undefined
                        ? null
                        : ({logicalName: target.logicalName, id: value.id} as LookupReference);
            } else {
                stored[name] = value;
            }
        }
        return stored;
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
            if (column.type === 'lookup') {
                const problem = this.checkBinding(column, value);
                if (problem !== null) {
                    return problem;
                }
                continue;
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

    /** Checks a lookup write like Dynamics: a binding through a known property to a row that exists. */
    private checkBinding(column: ColumnSpec, value: unknown): DataverseWriteResult | null {
        if (!isLookupBinding(value)) {
            return failed(
                `A lookup must be set through a navigation property; '${column.logicalName}' got a plain value.`,
                '0x80048d19',
            );
        }
        const target = column.targets?.find(
            candidate => candidate.navigationProperty === value.navigationProperty,
        );
        if (target === undefined) {
            return failed(
                `An undeclared property '${value.navigationProperty}' which only has property annotations in the payload but no property value was found in the payload.`,
                '0x80048d19',
            );
        }
        const exists =
            value.id === null || this.entities.get(target.logicalName)?.rows.has(value.id);
        if (exists !== true) {
            return {
                status: 'failed',
                message: `${target.logicalName} With Id = ${value.id ?? ''} Does Not Exist`,
                code: '0x80040217',
                httpStatus: 404,
            };
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

    private removeRow(entity: FakeEntity, id: Guid): void {
        if (entity.rows.delete(id)) {
            entity.removed.set(id, this.bumpVersion());
        }
    }

    private getFallbackReason(deltaLink: string | null): 'linkExpired' | 'notTracked' | null {
        if (deltaLink === null) {
            return null;
        }
        return this.isChangeTracked ? 'linkExpired' : 'notTracked';
    }

    private issueDeltaLink(entity: EntityRef): string {
        return `${DELTA_LINK_PREFIX}entity=${entity.logicalName}&since=${this.nextVersion}`;
    }

    /** Returns the change number a link was issued at, or null when it is expired or foreign. */
    private parseDeltaLinkIfValid(entity: EntityRef, deltaLink: string): number | null {
        const prefix = `${DELTA_LINK_PREFIX}entity=${entity.logicalName}&since=`;
        const since = deltaLink.startsWith(prefix) ? Number(deltaLink.slice(prefix.length)) : NaN;
        return Number.isInteger(since) && since >= this.oldestValidLink ? since : null;
    }

    private bumpVersion(): number {
        this.nextVersion += 1;
        return this.nextVersion;
    }

    /** Returns the fake's own time, in whole seconds like Dynamics' `modifiedon`. */
    private nowIso(): string {
        const serverMs = this.clock.nowMs() + SERVER_CLOCK_AHEAD_MS;
        const wholeSecondsMs = serverMs - (serverMs % 1000);
        return new Date(wholeSecondsMs).toISOString().replace('.000Z', 'Z');
    }

    private throwIfFailing(): void {
        const error = this.failNextCallWith;
        if (error !== null) {
            this.failNextCallWith = null;
            throw error;
        }
    }
}

function addColumn(columns: Map<string, ColumnSpec>, column: ColumnSpec): void {
    const existing = columns.get(column.logicalName);
    if (existing?.type === 'lookup' && column.type === 'lookup') {
        const targets = [...(existing.targets ?? [])];
        for (const target of column.targets ?? []) {
            if (!targets.some(known => known.logicalName === target.logicalName)) {
                targets.push(target);
            }
        }
        columns.set(column.logicalName, {...existing, targets});
    } else {
        columns.set(column.logicalName, column);
    }
}

/** Reads one requested column the way the Dataverse side returns it. */
function readColumn(row: StoredRow, column: string): Array<[string, unknown]> {
    const lookup = getLookupColumnIfExists(column);
    if (lookup === null) {
        return [[column, row.values[column] ?? null]];
    }
    const reference = row.values[lookup];
    const value = isLookupReference(reference) ? reference : null;
    return [
        [lookup, value],
        [column, value?.id ?? null],
    ];
}

function formatVersion(versionNumber: number): string {
    return `W/"${versionNumber}"`;
}

function failed(message: string, code: string): DataverseWriteResult {
    return {status: 'failed', message, code, httpStatus: 400};
}
