/** Plans one row linked to an existing Dynamics record: a field-by-field three-way merge. */
import {
    readAirtableValue,
    readDynamicsValue,
    toAirtableCell,
    toDynamicsValue,
    type DynamicsJsonValue,
    type ValueProblem,
} from '../convert';
import type {Conversion} from '../convert/problems';
import type {AirtableFieldId, LogicalName} from '../ids';
import type {ConflictPolicy, FieldMapping, TableMapping} from '../mapping';
import {getValueMappings} from '../links/linkGroups';
import {mergeLinks, type LinkPass, type LinkWrites} from '../links/planLinks';
import {
    getAgreedValueIfExists,
    getWriteDirection,
    isFieldUnchanged,
    mergeField,
    type FieldDecision,
} from '../merge';
import type {DataverseRecord, LookupBinding} from '../ports';
import {hashValue, type FieldHashes, type SyncState} from '../syncState';
import {invalidValueFailure, missingRequiredValueFailure} from './messages';
import {getClearedOnUpdateIfExists} from './requiredValues';
import type {FieldConflict, LinkedRecordRef, PlanStep} from './types';

interface MergedField {
    readonly mapping: FieldMapping;
    readonly decision: FieldDecision;
}

/**
 * Merges the row with its record, field by field. `valueMappings` are the table's mappings that
 * are not lookups. A caller that plans many rows passes them once, so they are not filtered again
 * for each row.
 */
export function planLinkedRow(
    table: TableMapping,
    ref: LinkedRecordRef,
    cells: Readonly<Record<AirtableFieldId, unknown>>,
    record: DataverseRecord,
    state: SyncState | null,
    policy: ConflictPolicy,
    links: LinkPass,
    valueMappings: readonly FieldMapping[] = getValueMappings(table),
): PlanStep {
    const baselines = state?.fieldHashes ?? {};
    const merged: MergedField[] = [];
    const problems: ValueProblem[] = [];
    const fieldHashes: Record<string, string> = {};
    for (const mapping of valueMappings) {
        const airtable = readAirtableValue(mapping, cells[mapping.field.id]);
        const dynamics = readDynamicsValue(mapping, record.values[mapping.column.logicalName]);
        if (!airtable.ok || !dynamics.ok) {
            problems.push(...collectProblems(airtable, dynamics));
            continue;
        }
        const logicalName = mapping.column.logicalName;
        const baseline = baselines[logicalName];
        // An unchanged field keeps its baseline and writes nothing, so it needs no decision.
        if (baseline !== undefined && isFieldUnchanged(airtable.value, dynamics.value, baseline)) {
            fieldHashes[logicalName] = baseline;
            continue;
        }

        const sides = {mapping, airtable: airtable.value, dynamics: dynamics.value, baseline};
        const decision = mergeField(sides, policy);
        merged.push({mapping, decision});
        const agreed = getAgreedValueIfExists(decision);
        const hash = agreed === undefined ? baseline : hashValue(agreed.value);
        if (hash !== undefined) {
            fieldHashes[logicalName] = hash;
        }
    }

    const linkWrites = mergeLinks(links, cells, record, baselines, policy);
    const writes = buildWrites(merged, problems);
    addLinkWrites(writes, linkWrites);
    problems.push(...linkWrites.problems);
    if (problems.length > 0) {
        return {kind: 'fail', ref, failure: invalidValueFailure(table, ref.name, problems, '')};
    }

    // Every value sent to Dynamics is also a pushed field, so a row that pushes none clears none.
    const hasPushes = writes.pushedFields.length > 0;
    const cleared = hasPushes ? getClearedOnUpdateIfExists(table, writes.dynamicsValues) : null;
    if (cleared !== null) {
        const failure = missingRequiredValueFailure(table, ref.name, cleared, 'update');
        return {kind: 'fail', ref, failure};
    }

    Object.assign(fieldHashes, linkWrites.fieldHashes);
    const hasWrites = hasPushes || writes.pulledFields.length > 0;
    // A record that changed only in columns the sync does not compare still gets its new version
    // stored, because a later push of an Airtable edit planned without reading it (after a delta
    // read) sends the stored version as If-Match.
    const isStateCurrent =
        state !== null &&
        state.version === record.version &&
        areHashesEqual(fieldHashes, state.fieldHashes);
    if (!hasWrites && isStateCurrent) {
        return {kind: 'unchanged', ref};
    }
    return {
        kind: 'update',
        ref,
        dynamicsValues: hasPushes ? writes.dynamicsValues : null,
        ifMatch: record.version,
        airtableCells: writes.airtableCells,
        fieldHashes,
        version: record.version,
        pushedFields: writes.pushedFields,
        pulledFields: writes.pulledFields,
        conflicts: [...collectConflicts(merged), ...linkWrites.conflicts],
    };
}

interface Writes {
    readonly dynamicsValues: Record<string, DynamicsJsonValue | LookupBinding>;
    readonly airtableCells: Record<AirtableFieldId, unknown>;
    readonly pushedFields: LogicalName[];
    readonly pulledFields: LogicalName[];
}

/** Converts each value that must travel into the target side's form, collecting problems. */
function buildWrites(merged: readonly MergedField[], problems: ValueProblem[]): Writes {
    const writes: Writes = {
        dynamicsValues: {},
        airtableCells: {},
        pushedFields: [],
        pulledFields: [],
    };
    for (const {mapping, decision} of merged) {
        const direction = getWriteDirection(decision);
        const agreed = getAgreedValueIfExists(decision);
        if (direction === null || agreed === undefined) {
            continue;
        }

        const logicalName = mapping.column.logicalName;
        if (direction === 'toDynamics') {
            const conversion = toDynamicsValue(mapping, agreed.value);
            if (conversion.ok) {
                writes.dynamicsValues[logicalName] = conversion.value;
                writes.pushedFields.push(logicalName);
            } else {
                problems.push(conversion.problem);
            }
        } else {
            const conversion = toAirtableCell(mapping, agreed.value);
            if (conversion.ok) {
                writes.airtableCells[mapping.field.id] = conversion.value;
                writes.pulledFields.push(logicalName);
            } else {
                problems.push(conversion.problem);
            }
        }
    }
    return writes;
}

/** Adds the link writes after the value writes, in place. */
function addLinkWrites(writes: Writes, links: LinkWrites): void {
    Object.assign(writes.dynamicsValues, links.dynamicsValues);
    Object.assign(writes.airtableCells, links.airtableCells);
    writes.pushedFields.push(...links.pushedFields);
    writes.pulledFields.push(...links.pulledFields);
}

function collectConflicts(merged: readonly MergedField[]): FieldConflict[] {
    const conflicts: FieldConflict[] = [];
    for (const {mapping, decision} of merged) {
        if (decision.kind === 'conflict') {
            conflicts.push({
                logicalName: mapping.column.logicalName,
                fieldName: mapping.field.name,
                airtableValue: decision.airtable,
                dynamicsValue: decision.dynamics,
                kept: decision.kept,
            });
        }
    }
    return conflicts;
}

function collectProblems(...conversions: ReadonlyArray<Conversion<unknown>>): ValueProblem[] {
    return conversions.flatMap(conversion => (conversion.ok ? [] : [conversion.problem]));
}

function areHashesEqual(a: FieldHashes, b: FieldHashes): boolean {
    let count = 0;
    for (const key in a) {
        if (a[key] !== b[key]) {
            return false;
        }
        count += 1;
    }
    return count === Object.keys(b).length;
}
