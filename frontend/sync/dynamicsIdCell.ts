/**
 * Reads a row's Dynamics ID cell. A run reads each row's ID several times: to check its delta
 * link, to plan deletes, values and the second pass. The Airtable adapter returns the same cells
 * object from run to run while the row is not edited, and cells are read-only, so the result is
 * remembered per cells object and dropped with it.
 */
import {parseGuidIfValid, type AirtableFieldId, type Guid} from './ids';
import type {AirtableCells} from './ports';

export type DynamicsIdCell =
    | {readonly kind: 'empty'}
    | {readonly kind: 'invalid'; readonly text: string}
    | {readonly kind: 'valid'; readonly id: Guid};

const EMPTY: DynamicsIdCell = {kind: 'empty'};

const readByCells = new WeakMap<
    AirtableCells,
    {readonly fieldId: AirtableFieldId; readonly cell: DynamicsIdCell}
>();

/** Reads the cell: empty (also when it is not text), a valid GUID, or the invalid text. */
export function readDynamicsIdCell(cells: AirtableCells, fieldId: AirtableFieldId): DynamicsIdCell {
    const remembered = readByCells.get(cells);
    if (remembered?.fieldId === fieldId) {
        return remembered.cell;
    }
    const cell = parseCell(cells[fieldId]);
    readByCells.set(cells, {fieldId, cell});
    return cell;
}

/** Returns the row's Dynamics ID, or null when the cell is empty or invalid. */
export function getDynamicsIdIfValid(cells: AirtableCells, fieldId: AirtableFieldId): Guid | null {
    const cell = readDynamicsIdCell(cells, fieldId);
    return cell.kind === 'valid' ? cell.id : null;
}

function parseCell(value: unknown): DynamicsIdCell {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') {
        return EMPTY;
    }
    const id = parseGuidIfValid(text);
    return id === null ? {kind: 'invalid', text} : {kind: 'valid', id};
}
