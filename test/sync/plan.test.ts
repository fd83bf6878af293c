import {airtableRecordId, parseGuid, type Guid} from '../../frontend/sync/ids';
import {planTable, type TablePlanInput} from '../../frontend/sync/plan/planTable';
import type {PlanStep} from '../../frontend/sync/plan/types';
import type {AirtableRow, DataverseRecord} from '../../frontend/sync/ports';
import {encodeSyncState, hashValue, parseSyncState} from '../../frontend/sync/syncState';
import {accountTable, createGuidSequence, EMPLOYEES, NAME} from './fixtures';

const TABLE = accountTable([NAME, EMPLOYEES]);
const ACME_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b1');

function row(id: string, cells: Record<string, unknown>): AirtableRow {
    return {id: airtableRecordId(id), cells};
}

function record(id: Guid, values: Record<string, unknown>, version = 'W/"7"'): DataverseRecord {
    return {id, version, values};
}

function plan(overrides: Partial<TablePlanInput>): PlanStep[] {
    return [
        ...planTable({
            table: TABLE,
            rows: [],
            records: [],
            conflictPolicy: 'dynamicsWins',
            newGuid: createGuidSequence(),
            lastSyncedAt: null,
            ...overrides,
        }).steps,
    ];
}

const SYNCED_STATE = encodeSyncState({
    version: 'W/"6"',
    isPendingCreate: false,
    fieldHashes: {name: hashValue('Acme'), numberofemployees: hashValue(10)},
});

describe('planTable', () => {
    test('reserves an id for new rows', () => {
        const [step] = plan({rows: [row('recNew', {fldName: 'Newco', fldEmployees: 3})]});

        expect(step).toMatchObject({
            kind: 'createRecord',
            ref: {airtableRecordId: 'recNew', dynamicsId: '00000000-0000-4000-8000-000000000001'},
            values: {name: 'Newco', numberofemployees: 3},
        });
        const pending = step?.kind === 'createRecord' ? step.pendingCells : null;
        expect(pending).toMatchObject({fldDynamicsId: '00000000-0000-4000-8000-000000000001'});
        expect(parseSyncState(pending?.['fldSyncState' as never])).toMatchObject({
            state: {isPendingCreate: true},
        });
    });

    test('resends a pending create as is', () => {
        const pendingState = encodeSyncState({
            version: null,
            isPendingCreate: true,
            fieldHashes: {},
        });
        const newGuid = jest.fn(createGuidSequence());

        const [step] = plan({
            rows: [
                row('recNew', {
                    fldName: 'Newco',
                    fldDynamicsId: ACME_ID,
                    fldSyncState: pendingState,
                }),
            ],
            newGuid,
        });

        expect(step).toMatchObject({
            kind: 'createRecord',
            ref: {dynamicsId: ACME_ID},
            pendingCells: null,
        });
        expect(newGuid).not.toHaveBeenCalled();
    });

    test('adds the id and state to new rows', () => {
        const [step] = plan({records: [record(ACME_ID, {name: 'Acme', numberofemployees: 10})]});

        expect(step).toMatchObject({
            kind: 'createRow',
            ref: {airtableRecordId: null, dynamicsId: ACME_ID, name: 'Acme'},
            cells: {
                fldName: 'Acme',
                fldEmployees: 10,
                fldDynamicsId: ACME_ID,
                fldSyncState: SYNCED_STATE.replace('W/\\"6\\"', 'W/\\"7\\"'),
            },
        });
    });

    test('updates only changed fields', () => {
        const [step] = plan({
            rows: [
                row('recAcme', {
                    fldName: 'Acme',
                    fldEmployees: 11,
                    fldDynamicsId: ACME_ID,
                    fldSyncState: SYNCED_STATE,
                }),
            ],
            records: [record(ACME_ID, {name: 'Acme', numberofemployees: 10})],
        });

        expect(step).toMatchObject({
            kind: 'update',
            dynamicsValues: {numberofemployees: 11},
            ifMatch: 'W/"7"',
            airtableCells: {},
            pushedFields: ['numberofemployees'],
            pulledFields: [],
        });
    });

    test('leaves synced pairs alone', () => {
        const [step] = plan({
            rows: [
                row('recAcme', {
                    fldName: 'Acme',
                    fldEmployees: 10,
                    fldDynamicsId: ACME_ID,
                    fldSyncState: SYNCED_STATE,
                }),
            ],
            records: [record(ACME_ID, {name: 'Acme', numberofemployees: 10}, 'W/"6"')],
        });

        expect(step?.kind).toBe('unchanged');
    });

    test('stores a newer record version', () => {
        const [step] = plan({
            rows: [
                row('recAcme', {
                    fldName: 'Acme',
                    fldEmployees: 10,
                    fldDynamicsId: ACME_ID,
                    fldSyncState: SYNCED_STATE,
                }),
            ],
            records: [record(ACME_ID, {name: 'Acme', numberofemployees: 10}, 'W/"8"')],
        });

        expect(step).toMatchObject({
            kind: 'update',
            dynamicsValues: null,
            airtableCells: {},
            version: 'W/"8"',
            pushedFields: [],
            pulledFields: [],
        });
    });

    test('treats a corrupt state as no baseline', () => {
        const [step] = plan({
            rows: [
                row('recAcme', {
                    fldName: 'Acme',
                    fldEmployees: 10,
                    fldDynamicsId: ACME_ID,
                    fldSyncState: '{oops',
                }),
            ],
            records: [record(ACME_ID, {name: 'Acme', numberofemployees: 10})],
        });

        expect(step).toMatchObject({
            kind: 'update',
            dynamicsValues: null,
            pushedFields: [],
            pulledFields: [],
        });
    });

    test('fails a row with an invalid id', () => {
        const [step] = plan({rows: [row('recBad', {fldName: 'Bad', fldDynamicsId: 'not-a-guid'})]});

        expect(step).toMatchObject({kind: 'fail', failure: {code: 'invalidDynamicsId'}});
    });

    test('fails a record whose value cannot cross', () => {
        const [step] = plan({rows: [row('recBad', {fldName: 'Bad', fldEmployees: 2.5})]});

        const message = step?.kind === 'fail' ? step.failure.message : '';
        expect(step).toMatchObject({kind: 'fail', failure: {code: 'invalidValue'}});
        expect(message).toBe(
            "Couldn't sync Account 'Bad': 2.5 in the Airtable field 'Employees' is not a whole number, " +
                "which the Dynamics column 'numberofemployees' (numberofemployees) requires. Correct it " +
                'in Airtable and sync again. The record was not created in Dynamics.',
        );
    });

    test('creates a row for records created after the watermark', () => {
        const [step] = plan({
            records: [record(ACME_ID, {name: 'Acme', createdon: '2025-06-02T10:00:00Z'})],
            lastSyncedAt: '2025-06-01T10:00:00.000Z',
        });

        expect(step?.kind).toBe('createRow');
    });

    test('skips records created before the watermark', () => {
        const [step] = plan({
            records: [record(ACME_ID, {name: 'Acme', createdon: '2025-05-30T10:00:00Z'})],
            lastSyncedAt: '2025-06-01T10:00:00.000Z',
        });

        expect(step).toMatchObject({kind: 'skip', skip: {reason: 'deletedInAirtable'}});
    });
});
