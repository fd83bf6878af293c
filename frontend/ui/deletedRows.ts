/** Lists the rows a run deleted in Airtable, by name, for the run summary. */
import type {RecordOutcome} from '../sync';
import type {RecordListItem} from './RecordList';
import {shortenText} from './shortenText';

/**
 * Returns one item per row the run deleted in Airtable, because its record was deleted in Dynamics
 * or a cascade took the record with another one. A cascaded row names the record it went with.
 */
export function listDeletedRows(outcomes: readonly RecordOutcome[]): RecordListItem[] {
    return outcomes.flatMap((outcome, index) => {
        if (outcome.status !== 'deleted' || outcome.side !== 'airtable') {
            return [];
        }
        const root = outcome.cascadedFrom;
        return [
            {
                key: `${index}:${outcome.ref.airtableRecordId ?? ''}`,
                text: outcome.ref.name,
                name: outcome.ref.name,
                details: root === null ? [] : [`Deleted with '${shortenText(root.name)}'.`],
            },
        ];
    });
}
