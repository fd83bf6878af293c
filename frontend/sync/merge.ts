/**
 * The field-level three-way merge of one linked pair: the Airtable value and the Dynamics value are
 * each compared with the hash of the value both sides agreed on at the last sync (the baseline).
 */
import {assertNever} from './assertNever';
import type {ConflictPolicy, FieldMapping} from './mapping';
import {isHashOfValue} from './syncState';
import {areValuesEqual, isEmptyValue, type CanonicalValue} from './values';

export interface FieldSides {
    readonly mapping: FieldMapping;
    readonly airtable: CanonicalValue;
    readonly dynamics: CanonicalValue;
    /** Hash of the agreed value at the last sync; undefined when the field was never synced. */
    readonly baseline: string | undefined;
}

export type FieldDecision =
    /** Both sides still hold the baseline value. */
    | {readonly kind: 'unchanged'}
    /** Both sides hold the same value, which differs from the baseline or has none yet. */
    | {readonly kind: 'agree'; readonly value: CanonicalValue}
    /** The Airtable value goes to Dynamics. */
    | {readonly kind: 'push'; readonly value: CanonicalValue}
    /** The Dynamics value goes to Airtable. */
    | {readonly kind: 'pull'; readonly value: CanonicalValue}
    /** Both sides changed to different values; the policy chose `kept`. */
    | {
          readonly kind: 'conflict';
          readonly kept: 'airtable' | 'dynamics';
          readonly airtable: CanonicalValue;
          readonly dynamics: CanonicalValue;
      }
    /** The sides differ, but the field's direction and the column allow no write to settle it. */
    | {readonly kind: 'hold'};

/** The decision of every unchanged field. Decisions are read-only, so all of them share it. */
const UNCHANGED: FieldDecision = {kind: 'unchanged'};

interface Changes {
    readonly isAirtableChanged: boolean;
    readonly isDynamicsChanged: boolean;
}

/**
 * Returns whether both sides still hold the baseline value, the case in which `mergeField` returns
 * `unchanged`. Planners check it first because it is the outcome of almost every field of a sync.
 */
export function isFieldUnchanged(
    airtable: CanonicalValue,
    dynamics: CanonicalValue,
    baseline: string | undefined,
): boolean {
    return (
        areValuesEqual(airtable, dynamics) &&
        baseline !== undefined &&
        isHashOfValue(airtable, baseline)
    );
}

export function mergeField(sides: FieldSides, policy: ConflictPolicy): FieldDecision {
    const {airtable, dynamics, baseline} = sides;
    if (isFieldUnchanged(airtable, dynamics, baseline)) {
        return UNCHANGED;
    }
    if (areValuesEqual(airtable, dynamics)) {
        return {kind: 'agree', value: airtable};
    }

    const changes =
        baseline === undefined ? guessChanges(sides) : compareWithBaseline(sides, baseline);
    const canPush = canPushField(sides.mapping);
    const canPull = canPullField(sides.mapping);
    const push = {kind: 'push', value: airtable} as const;
    const pull = {kind: 'pull', value: dynamics} as const;

    if (changes.isAirtableChanged && changes.isDynamicsChanged && canPush && canPull) {
        const kept = policy === 'airtableWins' ? 'airtable' : 'dynamics';
        return {kind: 'conflict', kept, airtable, dynamics};
    }
    // The changed side's value goes first. A one-way field, or a read-only column, settles in the
    // direction it allows, overwriting an edit made on the other side.
    const isOnlyAirtableChanged = changes.isAirtableChanged && !changes.isDynamicsChanged;
    const candidates = isOnlyAirtableChanged ? [push, pull] : [pull, push];
    const allowed = candidates.find(decision => (decision.kind === 'push' ? canPush : canPull));
    if (allowed === undefined) {
        return {kind: 'hold'};
    }

    // Without a baseline, an empty value was never filled in, so it must not clear the other side.
    if (baseline === undefined && isEmptyValue(allowed.value)) {
        return {kind: 'hold'};
    }
    return allowed;
}

/**
 * Guesses the changes of a field with no baseline, as in a row linked by its Dynamics ID but never
 * synced. An empty side counts as unchanged, so it receives the other side's value. Two different
 * filled values count as two changes, which makes them a conflict.
 */
function guessChanges(sides: FieldSides): Changes {
    return {
        isAirtableChanged: !isEmptyValue(sides.airtable),
        isDynamicsChanged: !isEmptyValue(sides.dynamics),
    };
}

function compareWithBaseline(sides: FieldSides, baseline: string): Changes {
    return {
        isAirtableChanged: !isHashOfValue(sides.airtable, baseline),
        isDynamicsChanged: !isHashOfValue(sides.dynamics, baseline),
    };
}

/** Returns whether an Airtable value may update the column of an existing Dynamics record. */
export function canPushField(mapping: FieldMapping): boolean {
    return mapping.direction !== 'toAirtable' && mapping.column.isValidForUpdate;
}

/** Returns whether an Airtable value may be sent when the Dynamics record is created. */
export function canPushFieldOnCreate(mapping: FieldMapping): boolean {
    return mapping.direction !== 'toAirtable' && mapping.column.isValidForCreate;
}

export function canPullField(mapping: FieldMapping): boolean {
    return mapping.direction !== 'toDynamics';
}

/** Returns the value both sides hold after the decision, or undefined when the baseline stays. */
export function getAgreedValueIfExists(
    decision: FieldDecision,
): {readonly value: CanonicalValue} | undefined {
    switch (decision.kind) {
        case 'unchanged':
        case 'hold':
            return undefined;
        case 'agree':
        case 'push':
        case 'pull':
            return {value: decision.value};
        case 'conflict':
            return {value: decision.kept === 'airtable' ? decision.airtable : decision.dynamics};
        default:
            return assertNever(decision);
    }
}

/** Returns the side a decision writes to, or null when it writes nothing. */
export function getWriteDirection(decision: FieldDecision): 'toDynamics' | 'toAirtable' | null {
    switch (decision.kind) {
        case 'push':
            return 'toDynamics';
        case 'pull':
            return 'toAirtable';
        case 'conflict':
            return decision.kept === 'airtable' ? 'toDynamics' : 'toAirtable';
        default:
            return null;
    }
}
