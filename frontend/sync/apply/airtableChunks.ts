/**
 * Splits rows into Airtable write calls: at most AIRTABLE_MAX_RECORDS_PER_WRITE rows per call, and
 * fewer when the rows' encoded size would pass the SDK's payload limit. The SDK measures a write as
 * `encodeURIComponent(JSON.stringify(mutation)).length` and rejects one over 1.9 × 1024 × 1024
 * (Blocks SDK 1.19, `models/mutations.js`).
 */
import {AIRTABLE_MAX_RECORDS_PER_WRITE, type AirtableCells} from '../ports';

export const AIRTABLE_MAX_WRITE_PAYLOAD = 1.9 * 1024 * 1024;
// Room for the parts of the mutation that are not cells: its type, the table id, the record ids.
const MUTATION_ENVELOPE_ALLOWANCE = 64 * 1024;

export function chunkRowsForAirtable<T extends {readonly cells: AirtableCells}>(
    rows: readonly T[],
): T[][] {
    const maxPayload = AIRTABLE_MAX_WRITE_PAYLOAD - MUTATION_ENVELOPE_ALLOWANCE;
    const chunks: T[][] = [];
    let current: T[] = [];
    let currentSize = 0;
    for (const row of rows) {
        const size = encodeURIComponent(JSON.stringify(row.cells)).length;
        const isFull = current.length === AIRTABLE_MAX_RECORDS_PER_WRITE;
        if (current.length > 0 && (isFull || currentSize + size > maxPayload)) {
            chunks.push(current);
            current = [];
            currentSize = 0;
        }
        current.push(row);
        currentSize += size;
    }
    if (current.length > 0) {
        chunks.push(current);
    }
    return chunks;
}
