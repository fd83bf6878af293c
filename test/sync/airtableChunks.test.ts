import {
    AIRTABLE_MAX_WRITE_PAYLOAD,
    chunkRowsForAirtable,
} from '../../frontend/sync/apply/airtableChunks';

function rowsOfSize(count: number, textLength: number) {
    return Array.from({length: count}, (_, index) => ({
        id: index,
        cells: {fldNotes: 'x'.repeat(textLength)},
    }));
}

describe('chunkRowsForAirtable', () => {
    test('fills chunks up to 50 rows', () => {
        const chunks = chunkRowsForAirtable(rowsOfSize(120, 10));

        expect(chunks.map(chunk => chunk.length)).toEqual([50, 50, 20]);
    });

    test('splits chunks over the payload limit', () => {
        // Each row takes about a tenth of the limit, so fewer than ten fit in one write.
        const chunks = chunkRowsForAirtable(
            rowsOfSize(30, Math.floor(AIRTABLE_MAX_WRITE_PAYLOAD / 10)),
        );

        const sizes = chunks.map(
            chunk => encodeURIComponent(JSON.stringify(chunk.map(row => row.cells))).length,
        );

        expect(chunks.flat()).toHaveLength(30);
        expect(Math.max(...sizes)).toBeLessThan(AIRTABLE_MAX_WRITE_PAYLOAD);
        expect(chunks.length).toBeGreaterThan(3);
    });

    test('counts encoded characters, not length', () => {
        // '日' becomes nine characters in encodeURIComponent, as the SDK measures it.
        const rows = Array.from({length: 20}, () => ({cells: {fldNotes: '日'.repeat(20000)}}));

        const chunks = chunkRowsForAirtable(rows);

        expect(chunks.length).toBeGreaterThan(1);
    });

    test('returns no chunks for no rows', () => {
        expect(chunkRowsForAirtable([])).toEqual([]);
    });
});
