/**
 * The emulator's in-memory tables. Every write takes the next value of one global version counter,
 * which becomes the row's `versionnumber` and its ETag, as in Dataverse where row versions grow
 * across the whole org. The store trusts its caller: the Web API handlers validate payloads before
 * they write, while tests may plant any value directly.
 */
import {randomUUID} from 'node:crypto';

import {getAttributeIfExists, type EntityRegistry} from './entities/registry';
import {ReferenceIndex, type Referrer} from './referenceIndex';
import {
    isLookupAttribute,
    type AttributeDefinition,
    type ColumnValue,
    type EntityDefinition,
    type EntityReference,
    type Row,
} from './entities/types';

export type ColumnValues = Readonly<Record<string, ColumnValue>>;

/** Values the platform fills in when a write leaves them out. */
export interface StoreDefaults {
    /** The `systemuser` that owns rows created without an owner. */
    readonly ownerId: string;
    /** The org's base currency, set on rows that get a money value. */
    readonly currencyId: string;
}

/** A removed row, kept so change tracking can report it as deleted. */
export interface Deletion {
    readonly logicalName: string;
    readonly id: string;
    readonly version: number;
}

/** A copy of the tables taken before a change set, to roll it back as one transaction. */
export interface StoreSnapshot {
    readonly tables: ReadonlyMap<string, ReadonlyMap<string, Row>>;
    readonly deletionCount: number;
}

// Row versions in a real org are large numbers; starting high keeps ETags looking familiar.
const FIRST_VERSION = 1_000_000;

/** Formats a time as the Web API returns date-time columns: UTC, whole seconds, `Z`. */
export function formatDateTime(time: Date): string {
    return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class EmulatorStore {
    private readonly tables = new Map<string, Map<string, Row>>();
    private readonly deletions: Deletion[] = [];
    private readonly references = new ReferenceIndex();
    private version = FIRST_VERSION;
    private oldestTrackedVersion = FIRST_VERSION;

    constructor(
        private readonly registry: EntityRegistry,
        private readonly defaults: StoreDefaults,
        private readonly now: () => Date = () => new Date(),
    ) {}

    /** The version the most recent write took. */
    get currentVersion(): number {
        return this.version;
    }

    /** Returns the table's rows in insertion order. */
    list(logicalName: string): Row[] {
        return [...this.tableOf(logicalName).values()];
    }

    getIfExists(logicalName: string, id: string): Row | null {
        return this.tableOf(logicalName).get(id.toLowerCase()) ?? null;
    }

    /** Returns the row, and throws when the table has no row with that id. */
    get(logicalName: string, id: string): Row {
        const row = this.getIfExists(logicalName, id);
        if (row === null) {
            throw new Error(`The emulator's ${logicalName} table has no row with id ${id}.`);
        }
        return row;
    }

    /**
     * Inserts a row and fills what the platform fills: the primary key (unless given), created and
     * modified times, the version, the default state and status, the owner, the currency when a
     * money column has a value, and derived columns. Throws on an unknown column or a taken id.
     */
    insert(logicalName: string, values: ColumnValues): Row {
        const entity = this.registry.get(logicalName);
        const normalized = this.normalize(entity, values);
        const id = this.idFor(entity, normalized);
        if (this.tableOf(logicalName).has(id)) {
            throw new Error(`The emulator's ${logicalName} table already has a row with id ${id}.`);
        }

        const createdOn = formatDateTime(this.now());
        const row: Record<string, ColumnValue> = {};
        for (const attribute of entity.attributes) {
            row[attribute.logicalName] = normalized[attribute.logicalName] ?? null;
        }
        row[entity.primaryIdAttribute] = id;
        this.fillCreateDefaults(entity, row, createdOn);

        return this.save(entity, id, row);
    }

    /** Applies changes to an existing row, taking a new version. Throws when the row is missing. */
    update(logicalName: string, id: string, changes: ColumnValues): Row {
        const entity = this.registry.get(logicalName);
        const current = this.get(logicalName, id);
        const normalized = this.normalize(entity, changes);

        const row: Record<string, ColumnValue> = {...current, ...normalized};
        row[entity.primaryIdAttribute] = current[entity.primaryIdAttribute] ?? null;
        if (!('modifiedon' in normalized) && 'modifiedon' in row) {
            row['modifiedon'] = formatDateTime(this.now());
        }
        this.fillCurrency(entity, row);

        return this.save(entity, id.toLowerCase(), row);
    }

    /** Removes a row and records the deletion. Returns false when there was no such row. */
    remove(logicalName: string, id: string): boolean {
        const key = id.toLowerCase();
        const table = this.tableOf(logicalName);
        const row = table.get(key);
        if (row === undefined) {
            return false;
        }
        table.delete(key);
        this.references.delete(logicalName, key, row);
        this.version += 1;
        this.deletions.push({logicalName, id: key, version: this.version});
        return true;
    }

    /**
     * The oldest version a change-tracking delta can start from; older delta tokens have expired.
     */
    get oldestDeltaVersion(): number {
        return this.oldestTrackedVersion;
    }

    /**
     * Forgets the deletions recorded so far and expires every delta token issued before now, as
     * the platform does once tokens outlive the org's change-tracking retention.
     */
    discardChangeHistory(): void {
        this.deletions.length = 0;
        this.oldestTrackedVersion = this.version;
    }

    /** Deletions with a version above `version`, oldest first. */
    listDeletionsSince(logicalName: string, version: number): Deletion[] {
        return this.deletions.filter(
            deletion => deletion.logicalName === logicalName && deletion.version > version,
        );
    }

    /** Copies the tables; rows are frozen, so the copy shares them. */
    snapshot(): StoreSnapshot {
        const tables = new Map<string, ReadonlyMap<string, Row>>();
        for (const [name, table] of this.tables) {
            tables.set(name, new Map(table));
        }
        return {tables, deletionCount: this.deletions.length};
    }

    /**
     * Puts the tables back as they were at `snapshot`. The version counter keeps counting, so
     * versions taken by the rolled-back writes are never reused.
     */
    restore(snapshot: StoreSnapshot): void {
        this.tables.clear();
        this.references.clear();
        for (const [name, table] of snapshot.tables) {
            this.tables.set(name, new Map(table));
            for (const [id, row] of table) {
                this.references.add(name, id, row);
            }
        }
        this.deletions.length = snapshot.deletionCount;
        this.version += 1;
    }

    /** Lists the lookup columns of stored rows that reference `target`. */
    listReferencing(target: EntityReference): Referrer[] {
        return this.references.list({logicalName: target.logicalName, id: target.id.toLowerCase()});
    }

    /** Empties one table, or every table when no name is given. */
    clear(logicalName?: string): void {
        // A new version tells cached query results that the tables changed.
        this.version += 1;
        if (logicalName === undefined) {
            this.tables.clear();
            this.references.clear();
            this.deletions.length = 0;
            return;
        }
        const table = this.tableOf(logicalName);
        for (const [id, row] of table) {
            this.references.delete(logicalName, id, row);
        }
        table.clear();
    }

    private tableOf(logicalName: string): Map<string, Row> {
        this.registry.get(logicalName);
        let table = this.tables.get(logicalName);
        if (table === undefined) {
            table = new Map();
            this.tables.set(logicalName, table);
        }
        return table;
    }

    private idFor(entity: EntityDefinition, values: ColumnValues): string {
        const suppliedId = values[entity.primaryIdAttribute];
        return typeof suppliedId === 'string' ? suppliedId.toLowerCase() : randomUUID();
    }

    private fillCreateDefaults(
        entity: EntityDefinition,
        row: Record<string, ColumnValue>,
        createdOn: string,
    ): void {
        if ('createdon' in row) {
            row['createdon'] ??= row['overriddencreatedon'] ?? createdOn;
        }
        if ('modifiedon' in row) {
            row['modifiedon'] ??= createdOn;
        }
        const state = getAttributeIfExists(entity, 'statecode');
        if (state?.type === 'State') {
            const initial = state.options[0];
            row['statecode'] ??= initial?.value ?? 0;
            const stateOption = state.options.find(option => option.value === row['statecode']);
            row['statuscode'] ??= stateOption?.defaultStatus ?? null;
        }
        if ('ownerid' in row) {
            row['ownerid'] ??= {logicalName: 'systemuser', id: this.defaults.ownerId};
        }
        this.fillCurrency(entity, row);
    }

    private fillCurrency(entity: EntityDefinition, row: Record<string, ColumnValue>): void {
        const hasMoney = entity.attributes.some(
            attribute =>
                attribute.type === 'Money' && typeof row[attribute.logicalName] === 'number',
        );
        if (hasMoney && 'transactioncurrencyid' in row) {
            row['transactioncurrencyid'] ??= {
                logicalName: 'transactioncurrency',
                id: this.defaults.currencyId,
            };
        }
    }

    private save(entity: EntityDefinition, id: string, row: Record<string, ColumnValue>): Row {
        Object.assign(row, entity.deriveColumns?.(row) ?? {});
        this.version += 1;
        if ('versionnumber' in row) {
            row['versionnumber'] = this.version;
        }
        const saved = Object.freeze(row);
        const table = this.tableOf(entity.logicalName);
        const previous = table.get(id);
        if (previous !== undefined) {
            this.references.delete(entity.logicalName, id, previous);
        }
        table.set(id, saved);
        this.references.add(entity.logicalName, id, saved);
        return saved;
    }

    /** Checks column names and brings values to their stored form. */
    private normalize(entity: EntityDefinition, values: ColumnValues): Record<string, ColumnValue> {
        const normalized: Record<string, ColumnValue> = {};
        for (const [name, value] of Object.entries(values)) {
            const attribute = getAttributeIfExists(entity, name);
            if (attribute === null) {
                throw new Error(
                    `The emulator's ${entity.logicalName} table has no column '${name}'.`,
                );
            }
            normalized[name] = normalizeValue(attribute, value);
        }
        return normalized;
    }
}

function normalizeValue(attribute: AttributeDefinition, value: ColumnValue): ColumnValue {
    if (isLookupAttribute(attribute) && typeof value === 'string') {
        return {logicalName: attribute.targets[0] ?? '', id: value.toLowerCase()};
    }
    if (isLookupAttribute(attribute) && typeof value === 'object' && value !== null) {
        return {logicalName: value.logicalName, id: value.id.toLowerCase()};
    }
    if (attribute.type === 'Uniqueidentifier' && typeof value === 'string') {
        return value.toLowerCase();
    }
    // Dataverse stores an empty string as null.
    if (value === '') {
        return null;
    }
    return value;
}
