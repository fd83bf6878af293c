/**
 * Plans the rows and records that matching settled: each matched pair gets its first-link merge
 * and its row the record's Dynamics ID, and each ambiguous row and record a skip.
 */
import type {LinkPass} from '../links/planLinks';
import type {ConflictPolicy, TableMapping} from '../mapping';
import {planLinkedRow} from '../plan/planLinkedRow';
import {getRecordName, getRowName} from '../plan/recordNames';
import type {PlanStep} from '../plan/types';
import {ambiguousMatchSkip} from './matchMessages';
import type {AmbiguousMatch, MatchedPair} from './matchUnlinked';

/**
 * Plans the pair as a linked row with no baseline: equal values agree, an empty side takes the
 * other's value, and different values are conflicts under the policy. The row's Dynamics ID is
 * written with its merged values and state, so the pair stays unlinked if that write fails and the
 * next sync matches it again.
 */
export function planMatchedPair(
    table: TableMapping,
    pair: MatchedPair,
    policy: ConflictPolicy,
    links: LinkPass,
): PlanStep {
    const {row, record} = pair;
    const ref = {airtableRecordId: row.id, dynamicsId: record.id, name: getRowName(table, row)};
    // A leftover Sync state of an unlinked row belongs to some other record, so it is not read.
    const step = planLinkedRow(table, ref, row.cells, record, null, policy, links);
    if (step.kind !== 'update') {
        // Without a state the merge returns an update or a failure, never `unchanged`.
        return step;
    }
    return {...step, airtableCells: {...step.airtableCells, [table.dynamicsIdFieldId]: record.id}};
}

export function planAmbiguousMatch(table: TableMapping, match: AmbiguousMatch): PlanStep[] {
    const skip = ambiguousMatchSkip(table, match);
    const rowSteps = match.rows.map((row): PlanStep => ({
        kind: 'skip',
        ref: {airtableRecordId: row.id, dynamicsId: null, name: getRowName(table, row)},
        skip,
    }));
    const recordSteps = match.records.map((record): PlanStep => ({
        kind: 'skip',
        ref: {airtableRecordId: null, dynamicsId: record.id, name: getRecordName(table, record)},
        skip,
    }));
    return [...rowSteps, ...recordSteps];
}
