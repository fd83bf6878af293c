/**
 * Removes links to deleted rows from the other rows of the simulated base, as Airtable does when a
 * record is deleted. Airtable's TestDriver (`@airtable/blocks-testing` 0.0.6) leaves them in
 * place. Take an Account whose primary contact Dynamics deleted in a cascade: without this, its
 * row would keep linking to the contact's removed row, and the sync would report it every run.
 */
import type TestDriver from '@airtable/blocks-testing';
import {FieldType, type Table, type TableOrViewQueryResult} from '@airtable/blocks/models';
import {AIRTABLE_MAX_RECORDS_PER_WRITE} from '../../frontend/sync';

interface LinkField {
    readonly table: Table;
    readonly fieldId: string;
    readonly linkedTableId: string;
    /** A query on the field's table, kept loaded so that its cells can be read at any time. */
    readonly query: TableOrViewQueryResult;
}

/** Starts following deletes in the base. Resolves once the rows of the link fields are loaded. */
export async function removeLinksToDeletedRowsAsync(driver: TestDriver): Promise<void> {
    const linkFields: LinkField[] = [];
    for (const table of driver.base.tables) {
        const fields = table.fields.filter(field => field.type === FieldType.MULTIPLE_RECORD_LINKS);
        if (fields.length === 0) {
            continue;
        }
        const query = table.selectRecords({fields});
        await query.loadDataAsync();
        for (const field of fields) {
            const linkedTableId = (field.options as {linkedTableId?: unknown} | null)
                ?.linkedTableId;
            if (typeof linkedTableId === 'string') {
                linkFields.push({table, fieldId: field.id, linkedTableId, query});
            }
        }
    }

    driver.watch('mutation', mutation => {
        if (mutation.type !== 'deleteMultipleRecords') {
            return;
        }
        const deleted = new Set<string>(mutation.recordIds);
        for (const linkField of linkFields) {
            if (linkField.linkedTableId === mutation.tableId) {
                void removeLinksAsync(linkField, deleted).catch((error: unknown) => {
                    console.error('The sandbox could not remove links to deleted rows:', error);
                });
            }
        }
    });
}

async function removeLinksAsync(linkField: LinkField, deleted: ReadonlySet<string>): Promise<void> {
    const updates = [];
    for (const record of linkField.query.records) {
        const cell = record.getCellValue(linkField.fieldId);
        if (!Array.isArray(cell)) {
            continue;
        }
        const links = cell as ReadonlyArray<{readonly id: string}>;
        const remainingLinks = links.filter(link => !deleted.has(link.id));
        if (remainingLinks.length < links.length) {
            updates.push({
                id: record.id,
                fields: {[linkField.fieldId]: remainingLinks.map(link => ({id: link.id}))},
            });
        }
    }
    for (let start = 0; start < updates.length; start += AIRTABLE_MAX_RECORDS_PER_WRITE) {
        await linkField.table.updateRecordsAsync(
            updates.slice(start, start + AIRTABLE_MAX_RECORDS_PER_WRITE),
        );
    }
}
