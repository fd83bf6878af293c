/** Plans creates: an Airtable row for a new Dynamics record, a Dynamics record for a new row. */
import {
    readAirtableValue,
    readDynamicsValue,
    toAirtableCell,
    toDynamicsValue,
    type DynamicsJsonValue,
    type ValueProblem,
} from '../convert';
import type {AirtableFieldId} from '../ids';
import type {TableMapping} from '../mapping';
import {getValueMappings, type LinkGroup} from '../links/linkGroups';
import {readLinkCells, readLookupValue} from '../links/linkValues';
import {EMPTY_LINK_HASH, isEmptyLink} from '../links/planDeferredLinks';
import {planCreateRecordLinks, planCreateRowLinks, type LinkPass} from '../links/planLinks';
import {canPullField, canPushFieldOnCreate} from '../merge';
import type {AirtableCells, DataverseRecord, LookupBinding} from '../ports';
import {encodeSyncState, hashValue} from '../syncState';
import {emptyRowSkip, invalidValueFailure, missingRequiredValueFailure} from './messages';
import {areMappedCellsEmpty, getMissingOnCreateIfExists} from './requiredValues';
import type {LinkedRecordRef, PlanStep, RecordRef} from './types';

/**
 * Plans the row for a Dynamics record that has none. The Dynamics ID and the state go in the same
 * create, so a rerun after a crash finds the row instead of creating a second one.
 */
export function planRowCreate(
    table: TableMapping,
    ref: RecordRef,
    record: DataverseRecord,
    links: LinkPass,
): PlanStep {
    const linkWrites = planCreateRowLinks(links, record);
    const cells: Record<AirtableFieldId, unknown> = {...linkWrites.airtableCells};
    const fieldHashes: Record<string, string> = {
        ...getEmptyDeferredBaselines(links, group =>
            isEmptyLink(readLookupValue(group, record.values[group.column])),
        ),
        ...linkWrites.fieldHashes,
    };
    const problems: ValueProblem[] = [...linkWrites.problems];
    for (const mapping of getValueMappings(table)) {
        if (!canPullField(mapping)) {
            continue;
        }
        const canonical = readDynamicsValue(mapping, record.values[mapping.column.logicalName]);
        const cell = canonical.ok ? toAirtableCell(mapping, canonical.value) : canonical;
        if (!cell.ok) {
            problems.push(cell.problem);
            continue;
        }
        if (canonical.ok) {
            fieldHashes[mapping.column.logicalName] = hashValue(canonical.value);
        }
        if (cell.value !== null) {
            cells[mapping.field.id] = cell.value;
        }
    }

    if (problems.length > 0) {
        const context = ' The record was not added to Airtable.';
        return {
            kind: 'fail',
            ref,
            failure: invalidValueFailure(table, ref.name, problems, context),
        };
    }
    cells[table.dynamicsIdFieldId] = record.id;
    cells[table.syncStateFieldId] = encodeSyncState({
        version: record.version,
        isPendingCreate: false,
        fieldHashes,
    });
    return {kind: 'createRow', ref, cells};
}

/**
 * Plans the Dynamics create for a row. A new row (`isRetry` false) first gets the id with a
 * pending-create state; a retried row already has both, and sends the same create again. A new
 * row with every mapped field empty is skipped, and a row that leaves a required column empty
 * fails, so neither creates a blank record.
 */
export function planRecordCreate(
    table: TableMapping,
    ref: LinkedRecordRef,
    cells: AirtableCells,
    options: {
        readonly isRetry: boolean;
        readonly links: LinkPass;
    },
): PlanStep {
    if (!options.isRetry && areMappedCellsEmpty(table, cells)) {
        // The id reserved for the row is never used, so the outcome does not show it.
        const skippedRef = {...ref, dynamicsId: null};
        return {kind: 'skip', ref: skippedRef, skip: emptyRowSkip(table, ref.name)};
    }

    const linkWrites = planCreateRecordLinks(options.links, cells);
    const values: Record<string, DynamicsJsonValue | LookupBinding> = {
        ...linkWrites.dynamicsValues,
    };
    const fieldHashes: Record<string, string> = {
        ...getEmptyDeferredBaselines(options.links, group =>
            isEmptyLink(readLinkCells(group, cells, options.links.index)),
        ),
        ...linkWrites.fieldHashes,
    };
    const problems: ValueProblem[] = [...linkWrites.problems];
    for (const mapping of getValueMappings(table)) {
        if (!canPushFieldOnCreate(mapping)) {
            continue;
        }
        const canonical = readAirtableValue(mapping, cells[mapping.field.id]);
        const value = canonical.ok ? toDynamicsValue(mapping, canonical.value) : canonical;
        if (!value.ok) {
            problems.push(value.problem);
            continue;
        }
        if (canonical.ok) {
            fieldHashes[mapping.column.logicalName] = hashValue(canonical.value);
        }
        if (value.value !== null) {
            values[mapping.column.logicalName] = value.value;
        }
    }

    if (problems.length > 0) {
        const context = options.isRetry
            ? ' The row keeps its Dynamics ID, so the next sync retries the create without a duplicate.'
            : ' The record was not created in Dynamics.';
        return {
            kind: 'fail',
            ref,
            failure: invalidValueFailure(table, ref.name, problems, context),
        };
    }
    const missing = getMissingOnCreateIfExists(table, values);
    if (missing !== null) {
        const failure = missingRequiredValueFailure(table, ref.name, missing, 'create');
        return {kind: 'fail', ref, failure};
    }
    return {
        kind: 'createRecord',
        ref,
        pendingCells: options.isRetry ? null : buildPendingCells(table, ref),
        values,
        fieldHashes,
    };
}

function buildPendingCells(table: TableMapping, ref: LinkedRecordRef): AirtableCells {
    const pendingState = encodeSyncState({version: null, isPendingCreate: true, fieldHashes: {}});
    return {[table.dynamicsIdFieldId]: ref.dynamicsId, [table.syncStateFieldId]: pendingState};
}

/**
 * Returns the baseline of an empty link for each lookup left to a later pass that is empty on the
 * side the create reads. The other side starts empty too, because the create does not write
 * that lookup, so both sides agree. With the baseline stored now, the later pass has nothing to
 * write for the lookup unless a side changes it in between.
 */
function getEmptyDeferredBaselines(
    links: LinkPass,
    isEmptyOnSource: (group: LinkGroup) => boolean,
): Record<string, string> {
    const baselines: Record<string, string> = {};
    for (const group of links.groups) {
        if (!links.isPlanned(group) && isEmptyOnSource(group)) {
            baselines[group.column] = EMPTY_LINK_HASH;
        }
    }
    return baselines;
}
