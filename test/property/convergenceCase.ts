/**
 * One generated case of the convergence property: a small Accounts table in Airtable, a few
 * accounts in the emulator, and a sequence of edits on both sides, injected faults and syncs.
 * Steps name their target row or record by a number taken modulo the rows or records that exist
 * when the step runs, so every sequence is valid and shrinks well.
 */
import fc from 'fast-check';
import type {FaultResponse, FaultRule} from '../../dev/emulator/server';
import type {ConflictPolicy} from '../../frontend/sync';
import {
    accountValuesArbitrary,
    columnEditArbitrary,
    type AccountColumn,
    type AccountValues,
    type FieldValue,
} from './accountValues';

/** The maximum numbers of rows and of records at the start of a case, and of steps. */
const MAX_INITIAL_ROWS = 8;
const MAX_INITIAL_RECORDS = 8;
const MAX_STEPS = 16;
/**
 * Requests a fault rule applies to. The client makes at most six attempts per request, so a rule
 * of up to three mostly delays a run, and a longer one stops it part way.
 */
const MAX_RECOVERABLE_FAULT_TIMES = 3;
const MAX_FAULT_TIMES = 20;

export interface InitialRecord {
    readonly values: AccountValues;
    /** An earlier initial record set as this one's parent account, when the number is given. */
    readonly parent: number | null;
}

export interface InitialRow {
    readonly values: AccountValues;
    /**
     * An initial record whose Dynamics ID the row carries without a sync state, as in a row linked
     * by hand. When an earlier row is linked to that record already, this row stays unlinked.
     */
    readonly linkedRecord: number | null;
}

export type Step =
    | {
          readonly kind: 'editRow';
          readonly target: number;
          readonly column: AccountColumn;
          readonly value: FieldValue;
      }
    | {readonly kind: 'createRow'; readonly values: AccountValues}
    | {readonly kind: 'deleteRow'; readonly target: number}
    | {
          readonly kind: 'editRecord';
          readonly target: number;
          readonly column: AccountColumn;
          readonly value: FieldValue;
      }
    | {
          readonly kind: 'createRecord';
          readonly values: AccountValues;
          readonly parent: number | null;
      }
    | {readonly kind: 'deleteRecord'; readonly target: number}
    /** Sets or clears the record's parent account, a lookup the Accounts mapping does not sync. */
    | {readonly kind: 'linkRecord'; readonly target: number; readonly parent: number | null}
    /**
     * Queues a fault for the next sync; the queue is emptied after each sync. With a target, the
     * fault hits only the requests to that record, so a run can stop between two writes.
     */
    | {readonly kind: 'fault'; readonly rule: FaultRule; readonly target: number | null}
    /** Expires the delta links issued so far, so the next sync reads in full. */
    | {readonly kind: 'expireDeltaLinks'}
    | {readonly kind: 'sync'};

export interface ConvergenceCase {
    /** Seeds the GUIDs and retry jitter of the case. */
    readonly seed: number;
    readonly conflictPolicy: ConflictPolicy;
    readonly rows: readonly InitialRow[];
    readonly records: readonly InitialRecord[];
    readonly steps: readonly Step[];
}

const optionalIndex = fc.option(fc.nat({max: MAX_INITIAL_RECORDS * 2}), {nil: null});

const faultResponseArbitrary: fc.Arbitrary<FaultResponse> = fc.oneof(
    fc.record({status: fc.constant(429 as const), retryAfterSeconds: fc.integer({min: 0, max: 1})}),
    fc.constant({status: 503 as const}),
    fc.constant({kind: 'drop' as const}),
    fc.record({kind: fc.constant('delay' as const), ms: fc.integer({min: 1, max: 20})}),
);

const faultRuleArbitrary: fc.Arbitrary<FaultRule> = fc.record(
    {
        method: fc.constantFrom('GET', 'PATCH', 'DELETE'),
        pathIncludes: fc.constant('accounts'),
        times: fc.oneof(
            {weight: 3, arbitrary: fc.integer({min: 1, max: MAX_RECOVERABLE_FAULT_TIMES})},
            {
                weight: 1,
                arbitrary: fc.integer({min: MAX_RECOVERABLE_FAULT_TIMES + 1, max: MAX_FAULT_TIMES}),
            },
        ),
        response: faultResponseArbitrary,
    },
    {requiredKeys: ['times', 'response']},
);

/**
 * Another user saves the record an update addresses just before Dynamics handles it, so the
 * update's `If-Match` fails with 412. Writes travel in `$batch` requests, so a rule matches either
 * their parts or requests sent alone. Deletes are left out: a record saved just before its delete
 * is kept and its row comes back, which the entity model cannot foresee.
 */
const concurrentEditRuleArbitrary: fc.Arbitrary<FaultRule> = fc.record({
    method: fc.constant('PATCH'),
    pathIncludes: fc.constant('accounts'),
    inBatch: fc.boolean(),
    times: fc.integer({min: 1, max: MAX_RECOVERABLE_FAULT_TIMES}),
    response: fc.constant({kind: 'concurrentEdit' as const}),
});

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
    {
        weight: 3,
        arbitrary: fc
            .tuple(fc.nat(), columnEditArbitrary('airtable'))
            .map(([target, edit]): Step => ({kind: 'editRow', target, ...edit})),
    },
    {
        weight: 1,
        arbitrary: accountValuesArbitrary('airtable').map((values): Step => ({
            kind: 'createRow',
            values,
        })),
    },
    {weight: 1, arbitrary: fc.nat().map((target): Step => ({kind: 'deleteRow', target}))},
    {
        weight: 3,
        arbitrary: fc
            .tuple(fc.nat(), columnEditArbitrary('dynamics'))
            .map(([target, edit]): Step => ({kind: 'editRecord', target, ...edit})),
    },
    {
        weight: 1,
        arbitrary: fc
            .tuple(accountValuesArbitrary('dynamics'), optionalIndex)
            .map(([values, parent]): Step => ({kind: 'createRecord', values, parent})),
    },
    {weight: 1, arbitrary: fc.nat().map((target): Step => ({kind: 'deleteRecord', target}))},
    {
        weight: 1,
        arbitrary: fc
            .tuple(fc.nat(), optionalIndex)
            .map(([target, parent]): Step => ({kind: 'linkRecord', target, parent})),
    },
    {
        weight: 3,
        arbitrary: fc
            .tuple(faultRuleArbitrary, fc.option(fc.nat(), {nil: null}))
            .map(([rule, target]): Step => ({kind: 'fault', rule, target})),
    },
    {
        weight: 1,
        arbitrary: fc
            .tuple(concurrentEditRuleArbitrary, fc.option(fc.nat(), {nil: null}))
            .map(([rule, target]): Step => ({kind: 'fault', rule, target})),
    },
    {weight: 1, arbitrary: fc.constant<Step>({kind: 'expireDeltaLinks'})},
    {weight: 2, arbitrary: fc.constant<Step>({kind: 'sync'})},
);

export const convergenceCaseArbitrary: fc.Arbitrary<ConvergenceCase> = fc.record({
    seed: fc.integer(),
    conflictPolicy: fc.constantFrom<ConflictPolicy>('dynamicsWins', 'airtableWins'),
    rows: fc.array(
        fc.record({values: accountValuesArbitrary('airtable'), linkedRecord: optionalIndex}),
        {maxLength: MAX_INITIAL_ROWS},
    ),
    records: fc.array(
        fc.record({values: accountValuesArbitrary('dynamics'), parent: optionalIndex}),
        {maxLength: MAX_INITIAL_RECORDS},
    ),
    steps: fc.array(stepArbitrary, {maxLength: MAX_STEPS}),
});
