/**
 * Plans a linked row whose record a delta read did not return, because it is unchanged since the
 * last complete sync. Its Dynamics side therefore still contains the row's baseline, so each
 * field either kept the baseline on both sides or changed in Airtable only, and is pushed with
 * the baseline's version as `If-Match`. A field whose outcome needs the Dynamics value makes the
 * plan return null, and the caller reads the table in full.
 */
import {assertNever} from '../assertNever';
import {
    readAirtableValue,
    toDynamicsValue,
    type DynamicsJsonValue,
    type ValueProblem,
} from '../convert';
import type {AirtableFieldId, LogicalName} from '../ids';
import {isLinkAtBaseline} from '../links/linkBaselines';
import {getValueMappings, type LinkGroup} from '../links/linkGroups';
import type {LinkPass} from '../links/planLinks';
import {readLinkCells, toLookupBinding} from '../links/linkValues';
import type {FieldMapping, TableMapping} from '../mapping';
import {canPushField} from '../merge';
import type {LookupBinding} from '../ports';
import {hashValue, isHashOfValue, type SyncState} from '../syncState';
import type {CanonicalValue} from '../values';
import {invalidValueFailure, missingRequiredValueFailure} from './messages';
import {getClearedOnUpdateIfExists} from './requiredValues';
import type {LinkedRecordRef, PlanStep} from './types';

interface Pushes {
    readonly dynamicsValues: Record<string, DynamicsJsonValue | LookupBinding>;
    readonly fieldHashes: Record<string, string>;
    readonly pushedFields: LogicalName[];
    readonly problems: ValueProblem[];
}

/**
 * Returns the row's step, or null when a field cannot be planned without the record's values.
 * Such a field has no baseline, or an Airtable edit that cannot be pushed, so the merge pulls the
 * Dynamics value over it. An Airtable value that does not convert fails the row, as in a full plan.
 * `valueMappings` are the table's mappings that are not lookups, passed once by a caller that
 * plans many rows.
 */
export function planUnchangedRecordRow(
    table: TableMapping,
    ref: LinkedRecordRef,
    cells: Readonly<Record<AirtableFieldId, unknown>>,
    state: SyncState | null,
    links: LinkPass,
    valueMappings: readonly FieldMapping[] = getValueMappings(table),
): PlanStep | null {
    if (state === null || state.isPendingCreate) {
        return null;
    }
    const pushes: Pushes = {dynamicsValues: {}, fieldHashes: {}, pushedFields: [], problems: []};
    for (const mapping of valueMappings) {
        const airtable = readAirtableValue(mapping, cells[mapping.field.id]);
        const baseline = state.fieldHashes[mapping.column.logicalName];
        if (baseline === undefined) {
            return null;
        }
        if (!airtable.ok) {
            pushes.problems.push(airtable.problem);
            continue;
        }
        const pushed = pushValue(mapping, airtable.value, baseline);
        if (!addPush(pushes, mapping.column.logicalName, baseline, airtable.value, pushed)) {
            return null;
        }
    }
    for (const group of links.groups) {
        if (!addLinkPush(pushes, group, cells, state, links)) {
            return null;
        }
    }

    if (pushes.problems.length > 0) {
        const failure = invalidValueFailure(table, ref.name, pushes.problems, '');
        return {kind: 'fail', ref, failure};
    }
    if (pushes.pushedFields.length === 0) {
        return {kind: 'unchanged', ref};
    }
    const cleared = getClearedOnUpdateIfExists(table, pushes.dynamicsValues);
    if (cleared !== null) {
        const failure = missingRequiredValueFailure(table, ref.name, cleared, 'update');
        return {kind: 'fail', ref, failure};
    }
    return {
        kind: 'update',
        ref,
        dynamicsValues: pushes.dynamicsValues,
        ifMatch: state.version,
        airtableCells: {},
        fieldHashes: pushes.fieldHashes,
        version: state.version,
        pushedFields: pushes.pushedFields,
        pulledFields: [],
        conflicts: [],
    };
}

type PushedValue =
    | {readonly kind: 'unchanged'}
    | {readonly kind: 'push'; readonly value: DynamicsJsonValue | LookupBinding}
    | {readonly kind: 'invalid'; readonly problem: ValueProblem}
    | {readonly kind: 'needsRecord'};

/** The outcome of every field that kept its baseline. Outcomes are read-only, so all share it. */
const UNCHANGED_PUSH: PushedValue = {kind: 'unchanged'};

function pushValue(mapping: FieldMapping, value: CanonicalValue, baseline: string): PushedValue {
    if (isHashOfValue(value, baseline)) {
        return UNCHANGED_PUSH;
    }
    if (!canPushField(mapping)) {
        return {kind: 'needsRecord'};
    }
    const conversion = toDynamicsValue(mapping, value);
    return conversion.ok
        ? {kind: 'push', value: conversion.value}
        : {kind: 'invalid', problem: conversion.problem};
}

/** Adds the field's push or its kept baseline. Returns false when the record's values are needed. */
function addPush(
    pushes: Pushes,
    column: LogicalName,
    baseline: string,
    value: CanonicalValue,
    pushed: PushedValue,
): boolean {
    switch (pushed.kind) {
        case 'unchanged':
            pushes.fieldHashes[column] = baseline;
            return true;
        case 'push':
            pushes.dynamicsValues[column] = pushed.value;
            pushes.fieldHashes[column] = hashValue(value);
            pushes.pushedFields.push(column);
            return true;
        case 'invalid':
            pushes.problems.push(pushed.problem);
            return true;
        case 'needsRecord':
            return false;
        default:
            return assertNever(pushed);
    }
}

/**
 * Adds one link group's push or kept baseline. A group left to another pass keeps its baseline.
 * Clearing a lookup that can point at more than one table needs the current target, which only
 * the record's values give.
 */
function addLinkPush(
    pushes: Pushes,
    group: LinkGroup,
    cells: Readonly<Record<AirtableFieldId, unknown>>,
    state: SyncState,
    links: LinkPass,
): boolean {
    const baseline = state.fieldHashes[group.column];
    if (!links.isPlanned(group)) {
        if (baseline !== undefined) {
            pushes.fieldHashes[group.column] = baseline;
        }
        return true;
    }
    const mapping = group.fields[0]?.mapping;
    const airtable = readLinkCells(group, cells, links.index);
    if (mapping === undefined || baseline === undefined) {
        return false;
    }
    if (!airtable.ok) {
        pushes.problems.push(airtable.problem);
        return true;
    }
    if (isLinkAtBaseline(group, airtable.value, baseline)) {
        return addPush(pushes, group.column, baseline, airtable.value, UNCHANGED_PUSH);
    }
    if (!canPushField(mapping) || (airtable.value === null && group.isPolymorphic)) {
        return false;
    }
    const binding = toLookupBinding(group, airtable.value, null);
    const pushed: PushedValue = binding.ok
        ? {kind: 'push', value: binding.value}
        : {kind: 'invalid', problem: binding.problem};
    return addPush(pushes, group.column, baseline, airtable.value, pushed);
}
