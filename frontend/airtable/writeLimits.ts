/**
 * Checks a write against Airtable's per-call limits before the SDK sees it. The SDK enforces the
 * same limits (`@airtable/blocks` 1.19, models/mutations.js), but with a message that names no
 * table; the engine chunks its writes, so hitting these checks means a chunking bug.
 */
import {AIRTABLE_MAX_RECORDS_PER_WRITE} from '../sync/ports';
import {AirtableSideError} from './airtableSideError';

/** Airtable's limit on one write's size: 1.9 MB of URI-encoded JSON, as the SDK measures it. */
export const AIRTABLE_MAX_WRITE_PAYLOAD_BYTES = 1.9 * 1024 * 1024;

export type WriteAction = 'create' | 'update' | 'delete';

export function checkWriteLimits(
    action: WriteAction,
    tableName: string,
    payload: readonly unknown[],
): void {
    if (payload.length > AIRTABLE_MAX_RECORDS_PER_WRITE) {
        throw new AirtableSideError(
            'tooManyRecords',
            `Can't ${action} ${payload.length} records in table "${tableName}" in one call: ` +
                `Airtable accepts at most ${AIRTABLE_MAX_RECORDS_PER_WRITE}. ` +
                `Split the records into chunks of ${AIRTABLE_MAX_RECORDS_PER_WRITE}.`,
        );
    }

    const size = encodeURIComponent(JSON.stringify(payload)).length;
    if (size > AIRTABLE_MAX_WRITE_PAYLOAD_BYTES) {
        throw new AirtableSideError(
            'payloadTooLarge',
            `Can't ${action} ${payload.length} records in table "${tableName}" in one call: ` +
                `the request is ${Math.ceil(size / 1024)} kB and Airtable accepts at most ` +
                `${Math.floor(AIRTABLE_MAX_WRITE_PAYLOAD_BYTES / 1024)} kB. Write fewer records per call.`,
        );
    }
}
