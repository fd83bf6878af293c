import type {Table} from '@airtable/blocks/models';
import {expandRecord} from '@airtable/blocks/ui';

/**
 * Opens a row in Airtable's expanded record view. Returns false when the row no longer exists,
 * for example because someone deleted it after the sync listed it.
 */
export async function openRecordAsync(table: Table, recordId: string): Promise<boolean> {
    const query = await table.selectRecordsAsync({fields: [table.primaryField]});
    try {
        const record = query.getRecordByIdIfExists(recordId);
        if (record === null) {
            return false;
        }
        expandRecord(record);
        return true;
    } finally {
        query.unloadData();
    }
}
