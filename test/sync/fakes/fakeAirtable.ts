/**
 * An in-memory Airtable base behind the engine's `AirtableSide` port. Like the SDK, it rejects a
 * write of more than 50 records, an unknown field id or record id, and a cell value of the wrong
 * type. Like Airtable's server, it rejects more than 15 writes in any 1000 ms. A rejected write
 * throws, because in the extension it would crash the page.
 */
import {
    airtableRecordId,
    type AirtableFieldId,
    type AirtableRecordId,
    type AirtableTableId,
} from '../../../frontend/sync/ids';
import type {AirtableFieldType, TableMapping} from '../../../frontend/sync/mapping';
import {
    AIRTABLE_MAX_RECORDS_PER_WRITE,
    AIRTABLE_MAX_WRITES_PER_SECOND,
    AirtableSideError,
    type AirtableCells,
    type AirtableRowRejection,
    type AirtableRowRejectionReason,
    type AirtableRow,
    type AirtableSide,
    type Clock,
} from '../../../frontend/sync/ports';

export interface FakeFieldSpec {
    readonly id: AirtableFieldId;
    readonly type: AirtableFieldType | 'bookkeepingText';
}

export interface WriteCall {
    readonly kind: 'create' | 'update' | 'delete';
    readonly tableId: AirtableTableId;
    readonly recordCount: number;
    readonly atMs: number;
}

type Cells = Record<AirtableFieldId, unknown>;

/** Returns why a written row is rejected, or null to write it. `id` is null for a new row. */
export type RowRejecter = (
    tableId: AirtableTableId,
    row: {readonly id: AirtableRecordId | null; readonly cells: AirtableCells},
) => AirtableRowRejectionReason | null;

interface FakeTable {
    readonly fields: ReadonlyMap<AirtableFieldId, FakeFieldSpec['type']>;
    /** The table each linked-record field links to. */
    readonly linkedTables: ReadonlyMap<AirtableFieldId, AirtableTableId>;
    /** The first mapped field, used as the table's primary field. */
    readonly primaryFieldId: AirtableFieldId | null;
    readonly rows: Map<AirtableRecordId, Cells>;
}

export class FakeAirtableSide implements AirtableSide {
    readonly writeCalls: WriteCall[] = [];
    /** When set, the next port call throws this error instead of running. */
    failNextCallWith: Error | null = null;
    /**
     * Picks the rows that create and update calls reject, with the reason. A call with such a row
     * throws `rowsRejected` naming them and writes nothing, as the extension's Airtable side does.
     */
    rejectRowsWhere: RowRejecter | null = null;
    /**
     * When set, a read returns the same row object as the read before for a row whose cells did
     * not change, as the extension's Airtable side does with the rows it keeps between runs.
     */
    keepsUnchangedRows = false;

    private readonly clock: Clock;
    /** The last row object read for each row id, with the JSON of its cells. */
    private readonly lastReadRows = new Map<AirtableRecordId, {text: string; row: AirtableRow}>();
    private readonly tables = new Map<AirtableTableId, FakeTable>();
    private nextRecordNumber = 1;

    constructor(clock: Clock) {
        this.clock = clock;
    }

    /** Adds a table with the mapping's fields plus its Dynamics ID and Sync state fields. */
    addTable(mapping: TableMapping): void {
        const fields = new Map<AirtableFieldId, FakeFieldSpec['type']>();
        const linkedTables = new Map<AirtableFieldId, AirtableTableId>();
        for (const field of mapping.fields) {
            fields.set(field.field.id, field.field.type);
            if (field.field.linkedTableId !== undefined) {
                linkedTables.set(field.field.id, field.field.linkedTableId);
            }
        }
        fields.set(mapping.dynamicsIdFieldId, 'bookkeepingText');
        fields.set(mapping.syncStateFieldId, 'bookkeepingText');
        const primaryFieldId = mapping.fields[0]?.field.id ?? null;
        this.tables.set(mapping.table.id, {fields, linkedTables, primaryFieldId, rows: new Map()});
    }

    /** Adds a row directly, as a person typing in the base would; cells are keyed by field id. */
    insertRow(
        tableId: AirtableTableId,
        cells: Readonly<Record<string, unknown>>,
    ): AirtableRecordId {
        const table = this.getTable(tableId);
        const id = this.newRecordId();
        table.rows.set(id, this.validateCells(table, cells));
        return id;
    }

    editRow(
        tableId: AirtableTableId,
        id: AirtableRecordId,
        cells: Readonly<Record<string, unknown>>,
    ): void {
        const table = this.getTable(tableId);
        const row = this.getRow(table, id);
        Object.assign(row, this.validateCells(table, cells));
    }

    deleteRow(tableId: AirtableTableId, id: AirtableRecordId): void {
        this.getTable(tableId).rows.delete(id);
        this.removeLinksTo(tableId, [id]);
    }

    /** Returns the ids of the rows a linked-record cell links to. */
    getLinkedRowIds(
        tableId: AirtableTableId,
        id: AirtableRecordId,
        fieldId: AirtableFieldId,
    ): AirtableRecordId[] {
        const cell = this.getCell(tableId, id, fieldId);
        return Array.isArray(cell) ? cell.map((link: {id: AirtableRecordId}) => link.id) : [];
    }

    getRows(tableId: AirtableTableId): AirtableRow[] {
        return [...this.getTable(tableId).rows].map(([id, cells]) => ({id, cells: {...cells}}));
    }

    getCell(tableId: AirtableTableId, id: AirtableRecordId, fieldId: AirtableFieldId): unknown {
        return this.getRow(this.getTable(tableId), id)[fieldId] ?? null;
    }

    /** Reads rows as the SDK does: each link carries the linked row's primary field value. */
    async readRowsAsync(mapping: TableMapping): Promise<AirtableRow[]> {
        this.throwIfFailing();
        const table = this.getTable(mapping.table.id);
        return this.getRows(mapping.table.id).map(row => {
            const cells: Cells = {...row.cells};
            for (const [fieldId, linkedTableId] of table.linkedTables) {
                const links = cells[fieldId];
                if (Array.isArray(links)) {
                    cells[fieldId] = links.map((link: {id: AirtableRecordId}) => ({
                        id: link.id,
                        name: this.getPrimaryValue(linkedTableId, link.id),
                    }));
                }
            }
            return this.keepIfUnchanged({id: row.id, cells});
        });
    }

    private keepIfUnchanged(row: AirtableRow): AirtableRow {
        if (!this.keepsUnchangedRows) {
            return row;
        }
        const text = JSON.stringify(row.cells);
        const lastRead = this.lastReadRows.get(row.id);
        if (lastRead?.text === text) {
            return lastRead.row;
        }
        this.lastReadRows.set(row.id, {text, row});
        return row;
    }

    private getPrimaryValue(tableId: AirtableTableId, id: AirtableRecordId): string {
        const table = this.getTable(tableId);
        const cell =
            table.primaryFieldId === null ? null : table.rows.get(id)?.[table.primaryFieldId];
        return typeof cell === 'string' ? cell : '';
    }

    async createRowsAsync(
        tableId: AirtableTableId,
        rows: ReadonlyArray<{readonly cells: AirtableCells}>,
    ): Promise<AirtableRecordId[]> {
        this.throwIfFailing();
        const table = this.getTable(tableId);
        this.checkNoRowRejected(
            tableId,
            rows.map(row => ({id: null, cells: row.cells})),
        );
        this.checkWrite('create', tableId, rows.length);
        const validated = rows.map(row => this.validateCells(table, row.cells));
        return validated.map(cells => {
            const id = this.newRecordId();
            table.rows.set(id, cells);
            return id;
        });
    }

    async updateRowsAsync(
        tableId: AirtableTableId,
        rows: ReadonlyArray<{readonly id: AirtableRecordId; readonly cells: AirtableCells}>,
    ): Promise<void> {
        this.throwIfFailing();
        const table = this.getTable(tableId);
        this.checkNoRowRejected(tableId, rows);
        this.checkWrite('update', tableId, rows.length);
        const validated = rows.map(row => ({
            row: this.getRow(table, row.id),
            cells: this.validateCells(table, row.cells),
        }));
        for (const {row, cells} of validated) {
            Object.assign(row, cells);
        }
    }

    async deleteRowsAsync(
        tableId: AirtableTableId,
        ids: readonly AirtableRecordId[],
    ): Promise<void> {
        this.throwIfFailing();
        const table = this.getTable(tableId);
        this.checkWrite('delete', tableId, ids.length);
        for (const id of ids) {
            this.getRow(table, id);
        }
        for (const id of ids) {
            table.rows.delete(id);
        }
        this.removeLinksTo(tableId, ids);
    }

    /** Removes links to deleted rows, as Airtable does, leaving the linking rows in place. */
    private removeLinksTo(tableId: AirtableTableId, ids: readonly AirtableRecordId[]): void {
        const deleted = new Set<string>(ids);
        for (const table of this.tables.values()) {
            for (const [fieldId, linkedTableId] of table.linkedTables) {
                if (linkedTableId !== tableId) {
                    continue;
                }
                for (const cells of table.rows.values()) {
                    const links = cells[fieldId];
                    if (Array.isArray(links)) {
                        cells[fieldId] = links.filter(
                            (link: {id: string}) => !deleted.has(link.id),
                        );
                    }
                }
            }
        }
    }

    private checkNoRowRejected(
        tableId: AirtableTableId,
        rows: ReadonlyArray<Parameters<RowRejecter>[1]>,
    ): void {
        const rejectRow = this.rejectRowsWhere;
        if (rejectRow === null) {
            return;
        }
        const rejections: AirtableRowRejection[] = rows.flatMap((row, index) => {
            const reason = rejectRow(tableId, row);
            return reason === null
                ? []
                : [{index, reason, fieldId: null, detail: `Row ${index} was rejected.`}];
        });
        if (rejections.length > 0) {
            throw new AirtableSideError(
                'rowsRejected',
                `Airtable would reject ${rejections.length} of ${rows.length} rows.`,
                {rejections},
            );
        }
    }

    private checkWrite(
        kind: WriteCall['kind'],
        tableId: AirtableTableId,
        recordCount: number,
    ): void {
        if (recordCount === 0) {
            throw new Error(`A ${kind} call with no records was sent to ${tableId}.`);
        }
        if (recordCount > AIRTABLE_MAX_RECORDS_PER_WRITE) {
            throw new Error('Request exceeds maximum batch size limit of 50 items');
        }
        const atMs = this.clock.nowMs();
        const recentCalls = this.writeCalls.filter(call => call.atMs > atMs - 1000);
        if (recentCalls.length >= AIRTABLE_MAX_WRITES_PER_SECOND) {
            throw new Error('You can only send 15 mutations every 1000ms');
        }
        this.writeCalls.push({kind, tableId, recordCount, atMs});
    }

    private validateCells(table: FakeTable, cells: Readonly<Record<string, unknown>>): Cells {
        const stored: Cells = {};
        for (const [fieldId, value] of Object.entries(cells) as Array<[AirtableFieldId, unknown]>) {
            const type = table.fields.get(fieldId);
            if (type === undefined) {
                throw new Error(`Unknown field id ${fieldId}.`);
            }
            const linkedTableId = table.linkedTables.get(fieldId);
            stored[fieldId] =
                linkedTableId === undefined
                    ? normalizeCell(type, fieldId, value)
                    : this.normalizeLinks(linkedTableId, fieldId, value);
        }
        return stored;
    }

    /** Checks a linked-record cell like the SDK: a list of `{id}` naming rows that exist. */
    private normalizeLinks(
        linkedTableId: AirtableTableId,
        fieldId: AirtableFieldId,
        value: unknown,
    ): Array<{readonly id: AirtableRecordId}> {
        if (value === null) {
            return [];
        }
        if (!Array.isArray(value)) {
            throw new Error(`Invalid cell value for link field ${fieldId}: ${String(value)}.`);
        }
        const linkedRows = this.getTable(linkedTableId).rows;
        return value.map((link: unknown) => {
            const id = (link as {id?: unknown} | null)?.id;
            if (typeof id !== 'string' || !linkedRows.has(id as AirtableRecordId)) {
                throw new Error(`Link field ${fieldId} links to a row that does not exist.`);
            }
            return {id: id as AirtableRecordId};
        });
    }

    private getTable(tableId: AirtableTableId): FakeTable {
        const table = this.tables.get(tableId);
        if (table === undefined) {
            throw new Error(`Unknown table id ${tableId}.`);
        }
        return table;
    }

    private getRow(table: FakeTable, id: AirtableRecordId): Cells {
        const row = table.rows.get(id);
        if (row === undefined) {
            throw new Error(`Unknown record id ${id}.`);
        }
        return row;
    }

    private newRecordId(): AirtableRecordId {
        const id = airtableRecordId(`rec${String(this.nextRecordNumber).padStart(6, '0')}`);
        this.nextRecordNumber += 1;
        return id;
    }

    private throwIfFailing(): void {
        const error = this.failNextCallWith;
        if (error !== null) {
            this.failNextCallWith = null;
            throw error;
        }
    }
}

/** Checks a cell value the way the SDK does and returns it as Airtable reads it back. */
function normalizeCell(type: FakeFieldSpec['type'], fieldId: string, value: unknown): unknown {
    switch (type) {
        case 'checkbox':
            if (value !== null && typeof value !== 'boolean') {
                throw new Error(
                    `Invalid cell value for checkbox field ${fieldId}: ${String(value)}.`,
                );
            }
            return value === true ? true : null;
        case 'number':
        case 'currency':
        case 'percent':
            if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
                throw new Error(
                    `Invalid cell value for number field ${fieldId}: ${String(value)}.`,
                );
            }
            return value;
        case 'singleLineText':
        case 'email':
        case 'url':
        case 'phoneNumber':
            if (typeof value === 'string' && /[\r\n]/.test(value)) {
                throw new Error(`Line break in single-line field ${fieldId}.`);
            }
            return normalizeText(fieldId, value);
        case 'multilineText':
        case 'richText':
        case 'bookkeepingText':
            return normalizeText(fieldId, value);
        default:
            throw new Error(`The fake base does not store ${type} fields.`);
    }
}

function normalizeText(fieldId: string, value: unknown): string | null {
    if (value !== null && typeof value !== 'string') {
        throw new Error(`Invalid cell value for text field ${fieldId}: ${String(value)}.`);
    }
    return value === '' ? null : value;
}
