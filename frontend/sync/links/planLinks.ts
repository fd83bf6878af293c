/**
 * Plans the lookup columns of one record: the three-way merge of each link group for a linked pair,
 * and the links a new row or a new record is created with. Groups deferred to the second pass are
 * left out, and a linked pair keeps their baselines.
 */
import type {ValueProblem} from '../convert';
import type {AirtableFieldId, LogicalName} from '../ids';
import type {ConflictPolicy} from '../mapping';
import {
    canPullField,
    canPushFieldOnCreate,
    getAgreedValueIfExists,
    getWriteDirection,
    isFieldUnchanged,
    mergeField,
    type FieldDecision,
} from '../merge';
import type {DataverseRecord, LookupBinding, LookupReference} from '../ports';
import type {FieldConflict} from '../plan/types';
import {hashValue, type FieldHashes} from '../syncState';
import type {CanonicalValue} from '../values';
import {isLookupReference} from '../lookupValues';
import {restateLinkBaseline} from './linkBaselines';
import type {LinkGroup} from './linkGroups';
import type {LinkIndex} from './linkIndex';
import {
    parseLinkValue,
    readLinkCells,
    readLookupValue,
    toLinkCells,
    toLookupBinding,
} from './linkValues';

/** What one table's plan needs to resolve links in the current pass. */
export interface LinkPass {
    readonly index: LinkIndex;
    readonly groups: readonly LinkGroup[];
    /** Returns whether the group is planned in this pass; the others keep their baselines. */
    readonly isPlanned: (group: LinkGroup) => boolean;
}

/** A pass for a table without lookups, or for callers that do not sync links. */
export function createEmptyLinkPass(index: LinkIndex): LinkPass {
    return {index, groups: [], isPlanned: () => false};
}

export interface LinkWrites {
    readonly dynamicsValues: Record<string, LookupBinding>;
    readonly airtableCells: Record<AirtableFieldId, unknown>;
    readonly pushedFields: LogicalName[];
    readonly pulledFields: LogicalName[];
    readonly conflicts: FieldConflict[];
    readonly fieldHashes: Record<string, string>;
    readonly problems: ValueProblem[];
}

function emptyWrites(): LinkWrites {
    return {
        dynamicsValues: {},
        airtableCells: {},
        pushedFields: [],
        pulledFields: [],
        conflicts: [],
        fieldHashes: {},
        problems: [],
    };
}

/** Merges every planned link group of a linked pair. */
export function mergeLinks(
    pass: LinkPass,
    cells: Readonly<Record<AirtableFieldId, unknown>>,
    record: DataverseRecord,
    baselines: FieldHashes,
    policy: ConflictPolicy,
): LinkWrites {
    const writes = emptyWrites();
    for (const group of pass.groups) {
        const baseline = baselines[group.column];
        if (!pass.isPlanned(group)) {
            keepBaseline(writes, group, baseline);
            continue;
        }
        const airtable = readLinkCells(group, cells, pass.index);
        const dynamics = readLookupValue(group, record.values[group.column]);
        if (!airtable.ok || !dynamics.ok) {
            writes.problems.push(...[airtable, dynamics].flatMap(c => (c.ok ? [] : [c.problem])));
            continue;
        }

        // Most links are unchanged on both sides. Equal sides also rule out a link emptied by a
        // row delete, so such a link keeps its baseline as `decideLink` would decide.
        if (isFieldUnchanged(airtable.value, dynamics.value, baseline)) {
            keepBaseline(writes, group, baseline);
            continue;
        }
        // A baseline stored before the group changed form still names the same record, and the
        // row keeps it as stored when the merge finds the link unchanged.
        const sides = {
            airtable: airtable.value,
            dynamics: dynamics.value,
            baseline: restateLinkBaseline(group, baseline, [airtable.value, dynamics.value]),
        };
        const decision = decideLink(pass, group, sides, policy);
        if (decision === null) {
            keepBaseline(writes, group, baseline);
            continue;
        }
        const current = getLookupReferenceIfExists(record, group);
        addDecision(pass, group, decision, current, baseline, writes);
    }
    return writes;
}

interface LinkSides {
    readonly airtable: CanonicalValue;
    readonly dynamics: CanonicalValue;
    readonly baseline: string | undefined;
}

/**
 * Decides one group. Deleting a row in Airtable also empties every link to it, which is no edit of
 * the linking row: such a link counts as unchanged, so it is linked again to the row restored in
 * this run, or left as it is while the record has no row. Returns null to keep the baseline.
 */
function decideLink(
    pass: LinkPass,
    group: LinkGroup,
    sides: LinkSides,
    policy: ConflictPolicy,
): FieldDecision | null {
    const mapping = group.fields[0]?.mapping;
    if (mapping === undefined) {
        return null;
    }
    const target = parseLinkValue(group, sides.dynamics);
    const linkedTable = group.fields.find(
        field => target !== null && field.target?.logicalName === target.logicalName,
    )?.linkedTable;
    const isEmptiedByRowDelete =
        sides.airtable === null &&
        target !== null &&
        linkedTable !== undefined &&
        linkedTable !== null &&
        pass.index.isRowDeletedInAirtable(linkedTable.table.id, target.id);
    if (isEmptiedByRowDelete) {
        const hasRow = pass.index.getRowIdIfExists(linkedTable.table.id, target.id) !== null;
        return hasRow && canPullField(mapping) ? {kind: 'pull', value: sides.dynamics} : null;
    }
    return mergeField({mapping, ...sides}, policy);
}

function addDecision(
    pass: LinkPass,
    group: LinkGroup,
    decision: FieldDecision,
    current: LookupReference | null,
    baseline: string | undefined,
    writes: LinkWrites,
): void {
    const agreed = getAgreedValueIfExists(decision);
    const direction = getWriteDirection(decision);
    if (agreed === undefined) {
        keepBaseline(writes, group, baseline);
        return;
    }
    writes.fieldHashes[group.column] = hashValue(agreed.value);
    if (decision.kind === 'conflict') {
        writes.conflicts.push({
            logicalName: group.column,
            fieldName: group.fields.map(field => field.mapping.field.name).join(', '),
            airtableValue: decision.airtable,
            dynamicsValue: decision.dynamics,
            kept: decision.kept,
        });
    }
    if (direction === 'toDynamics') {
        const binding = toLookupBinding(group, agreed.value, current);
        if (binding.ok) {
            writes.dynamicsValues[group.column] = binding.value;
            writes.pushedFields.push(group.column);
        } else {
            writes.problems.push(binding.problem);
        }
    } else if (direction === 'toAirtable') {
        const cells = toLinkCells(group, agreed.value, pass.index);
        if (cells.ok) {
            Object.assign(writes.airtableCells, cells.value);
            writes.pulledFields.push(group.column);
        } else {
            writes.problems.push(cells.problem);
        }
    }
}

function keepBaseline(writes: LinkWrites, group: LinkGroup, baseline: string | undefined): void {
    if (baseline !== undefined) {
        writes.fieldHashes[group.column] = baseline;
    }
}

function getLookupReferenceIfExists(
    record: DataverseRecord,
    group: LinkGroup,
): LookupReference | null {
    const value = record.values[group.column];
    return isLookupReference(value) ? value : null;
}

/** Returns the bindings a new Dynamics record is created with, from its row's link fields. */
export function planCreateRecordLinks(
    pass: LinkPass,
    cells: Readonly<Record<AirtableFieldId, unknown>>,
): LinkWrites {
    const writes = emptyWrites();
    for (const group of pass.groups) {
        const mapping = group.fields[0]?.mapping;
        if (!pass.isPlanned(group) || mapping === undefined || !canPushFieldOnCreate(mapping)) {
            continue;
        }
        const airtable = readLinkCells(group, cells, pass.index);
        const binding = airtable.ok ? toLookupBinding(group, airtable.value, null) : airtable;
        if (!binding.ok) {
            writes.problems.push(binding.problem);
            continue;
        }
        if (airtable.ok) {
            writes.fieldHashes[group.column] = hashValue(airtable.value);
        }
        if (binding.value.id !== null) {
            writes.dynamicsValues[group.column] = binding.value;
        }
    }
    return writes;
}

/** Returns the link cells a new row is created with, from its record's lookups. */
export function planCreateRowLinks(pass: LinkPass, record: DataverseRecord): LinkWrites {
    const writes = emptyWrites();
    for (const group of pass.groups) {
        const mapping = group.fields[0]?.mapping;
        if (!pass.isPlanned(group) || mapping === undefined || !canPullField(mapping)) {
            continue;
        }
        const dynamics = readLookupValue(group, record.values[group.column]);
        const cells = dynamics.ok ? toLinkCells(group, dynamics.value, pass.index) : dynamics;
        if (!cells.ok) {
            writes.problems.push(cells.problem);
            continue;
        }
        if (dynamics.ok) {
            writes.fieldHashes[group.column] = hashValue(dynamics.value);
        }
        for (const field of group.fields) {
            const cell = cells.value[field.mapping.field.id];
            if (Array.isArray(cell) && cell.length > 0) {
                writes.airtableCells[field.mapping.field.id] = cell;
            }
        }
    }
    return writes;
}
