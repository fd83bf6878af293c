import {airtableRecordId, logicalName, parseGuid, type Guid} from '../../frontend/sync/ids';
import type {TableMapping} from '../../frontend/sync/mapping';
import {MAX_LISTED_CANDIDATES} from '../../frontend/sync/match/matchMessages';
import {planTable, type TablePlanInput} from '../../frontend/sync/plan/planTable';
import type {PlanStep} from '../../frontend/sync/plan/types';
import type {AirtableRow, DataverseRecord} from '../../frontend/sync/ports';
import {encodeSyncState, hashValue} from '../../frontend/sync/syncState';
import {
    accountTable,
    column,
    createGuidSequence,
    EMAIL,
    EMPLOYEES,
    field,
    fieldMapping,
    NAME,
    REVENUE,
} from './fixtures';

const ACCOUNT_NUMBER = fieldMapping(
    column('accountnumber', {type: 'string', maxLength: 20}),
    field('fldAccountNumber', 'Account Number', 'singleLineText'),
);

const TABLE: TableMapping = {
    ...accountTable([NAME, ACCOUNT_NUMBER, EMAIL, REVENUE, EMPLOYEES]),
    matchKeys: [[logicalName('accountnumber')], [logicalName('name')]],
};

const CONTOSO_ID = parseGuid('6b0f0c1e-5d2a-4f7e-9a11-0000000000c1');
const FABRIKAM_ID = parseGuid('6b0f0c1e-5d2a-4f7e-9a11-0000000000f1');
const NORTHWIND_ID = parseGuid('6b0f0c1e-5d2a-4f7e-9a11-0000000000a1');

function row(id: string, cells: Record<string, unknown>): AirtableRow {
    return {id: airtableRecordId(id), cells};
}

function record(id: Guid, values: Record<string, unknown>): DataverseRecord {
    return {
        id,
        version: 'W/"7"',
        values: {createdon: '2025-05-01T08:00:00Z', modifiedon: '2025-05-01T08:00:00Z', ...values},
    };
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

function kinds(steps: readonly PlanStep[]): string[] {
    return steps.map(step => step.kind).sort();
}

function findStep(steps: readonly PlanStep[], rowOrRecordId: string): PlanStep | undefined {
    return steps.find(
        step =>
            step.ref.airtableRecordId === rowOrRecordId || step.ref.dynamicsId === rowOrRecordId,
    );
}

describe('matching on a first sync', () => {
    test('links a unique match', () => {
        const steps = plan({
            rows: [row('recContoso', {fldName: 'Contoso', fldAccountNumber: 'AC-1'})],
            records: [record(CONTOSO_ID, {name: 'Contoso', accountnumber: ' ac-1 '})],
        });

        expect(kinds(steps)).toEqual(['update']);
        expect(steps[0]).toMatchObject({
            kind: 'update',
            ref: {airtableRecordId: 'recContoso', dynamicsId: CONTOSO_ID},
            airtableCells: {fldDynamicsId: CONTOSO_ID},
        });
    });

    test('merges a matched pair without baseline', () => {
        const [step] = plan({
            rows: [
                row('recContoso', {
                    fldName: 'Contoso',
                    fldAccountNumber: 'AC-1',
                    fldEmail: 'info@contoso.example',
                    fldEmployees: 40,
                }),
            ],
            records: [
                record(CONTOSO_ID, {
                    name: 'Contoso',
                    accountnumber: 'AC-1',
                    revenue: 1500,
                    numberofemployees: 45,
                }),
            ],
        });

        expect(step).toMatchObject({
            kind: 'update',
            dynamicsValues: {emailaddress1: 'info@contoso.example'},
            pushedFields: ['emailaddress1'],
        });
        expect(step?.kind === 'update' ? step.pulledFields : []).toEqual(
            expect.arrayContaining(['revenue', 'numberofemployees']),
        );
        expect(step?.kind === 'update' ? step.conflicts : []).toMatchObject([
            {logicalName: 'numberofemployees', airtableValue: 40, dynamicsValue: 45},
        ]);
        expect(step?.kind === 'update' ? step.fieldHashes.name : null).toBe(hashValue('Contoso'));
    });

    test('ignores the state of an unlinked row', () => {
        const leftover = encodeSyncState({
            version: 'W/"3"',
            isPendingCreate: false,
            fieldHashes: {name: hashValue('Contoso'), numberofemployees: hashValue(40)},
        });

        const [step] = plan({
            rows: [
                row('recContoso', {
                    fldName: 'Contoso',
                    fldEmployees: 40,
                    fldSyncState: leftover,
                }),
            ],
            records: [record(CONTOSO_ID, {name: 'Contoso', numberofemployees: 45})],
        });

        expect(step?.kind === 'update' ? step.conflicts : []).toHaveLength(1);
    });

    test('uses the name when account number is empty', () => {
        const steps = plan({
            rows: [row('recContoso', {fldName: 'Contoso'})],
            records: [record(CONTOSO_ID, {name: 'contoso', accountnumber: 'AC-1'})],
        });

        expect(kinds(steps)).toEqual(['update']);
        expect(steps[0]?.ref).toMatchObject({
            airtableRecordId: 'recContoso',
            dynamicsId: CONTOSO_ID,
        });
    });

    test('keeps different account numbers apart', () => {
        const steps = plan({
            rows: [row('recFabrikam', {fldName: 'Fabrikam', fldAccountNumber: 'AC-7'})],
            records: [record(FABRIKAM_ID, {name: 'Fabrikam', accountnumber: 'AC-8'})],
        });

        expect(kinds(steps)).toEqual(['createRecord', 'createRow']);
    });

    test('uses the name when one account number is empty', () => {
        const steps = plan({
            rows: [row('recFabrikam', {fldName: 'Fabrikam', fldAccountNumber: 'AC-7'})],
            records: [record(FABRIKAM_ID, {name: 'Fabrikam'})],
        });

        expect(kinds(steps)).toEqual(['update']);
        expect(steps[0]?.ref.dynamicsId).toBe(FABRIKAM_ID);
    });

    test('prefers account number over name', () => {
        const steps = plan({
            rows: [
                row('recContoso', {fldName: 'Contoso', fldAccountNumber: 'AC-1'}),
                row('recNorthwind', {fldName: 'Northwind'}),
            ],
            records: [
                record(CONTOSO_ID, {name: 'Northwind', accountnumber: 'AC-1'}),
                record(NORTHWIND_ID, {name: 'Contoso'}),
            ],
        });

        expect(findStep(steps, 'recContoso')).toMatchObject({
            kind: 'update',
            ref: {dynamicsId: CONTOSO_ID},
        });
        expect(findStep(steps, 'recNorthwind')?.kind).toBe('createRecord');
        expect(findStep(steps, NORTHWIND_ID)?.kind).toBe('createRow');
    });

    test('never matches empty keys', () => {
        const steps = plan({
            rows: [row('recBlank', {fldEmployees: 5})],
            records: [record(CONTOSO_ID, {numberofemployees: 5})],
        });

        expect(kinds(steps)).toEqual(['createRecord', 'createRow']);
    });

    test('matches a number key with text', () => {
        const numberKeyTable: TableMapping = {
            ...TABLE,
            matchKeys: [[logicalName('numberofemployees')]],
        };

        const steps = plan({
            table: numberKeyTable,
            rows: [row('recContoso', {fldName: 'Contoso', fldEmployees: 1234})],
            records: [record(CONTOSO_ID, {name: 'Contoso', numberofemployees: 1234})],
        });

        expect(kinds(steps)).toEqual(['update']);
    });

    test('skips two rows for one record', () => {
        const steps = plan({
            rows: [
                row('recContoso', {fldName: 'Contoso', fldAccountNumber: 'AC-1'}),
                row('recContosoLtd', {fldName: 'Contoso Ltd', fldAccountNumber: 'ac-1'}),
            ],
            records: [record(CONTOSO_ID, {name: 'Contoso', accountnumber: 'AC-1'})],
        });

        expect(kinds(steps)).toEqual(['skip', 'skip', 'skip']);
        const [first] = steps;
        const message = first?.kind === 'skip' ? first.skip.message : '';
        expect(first).toMatchObject({kind: 'skip', skip: {reason: 'ambiguousMatch'}});
        expect(message).toContain(
            `2 Airtable rows match Account 'Contoso' (${CONTOSO_ID}) by Account Number 'AC-1': ` +
                `'Contoso' and 'Contoso Ltd'.`,
        );
        expect(message).toContain("Give one of them the record's Dynamics ID");
        expect(findStep(steps, CONTOSO_ID)?.kind).toBe('skip');
    });

    test('skips one row with two records', () => {
        const steps = plan({
            rows: [row('recContoso', {fldName: 'Contoso'})],
            records: [
                record(CONTOSO_ID, {name: 'Contoso'}),
                record(FABRIKAM_ID, {name: 'CONTOSO'}),
            ],
        });

        expect(kinds(steps)).toEqual(['skip', 'skip', 'skip']);
        const message = steps[0]?.kind === 'skip' ? steps[0].skip.message : '';
        expect(message).toContain(
            `2 Dynamics records match the row 'Contoso' in Accounts by Name 'Contoso': ` +
                `Account 'Contoso' (${CONTOSO_ID}) and Account 'CONTOSO' (${FABRIKAM_ID}).`,
        );
        expect(findStep(steps, FABRIKAM_ID)).toMatchObject({
            kind: 'skip',
            ref: {airtableRecordId: null, dynamicsId: FABRIKAM_ID},
        });
    });

    test('skips ambiguity without trying fallback', () => {
        const steps = plan({
            rows: [
                row('recContoso', {fldName: 'Contoso', fldAccountNumber: 'AC-1'}),
                row('recContosoLtd', {fldName: 'Contoso Ltd', fldAccountNumber: 'AC-1'}),
            ],
            records: [record(CONTOSO_ID, {name: 'Contoso', accountnumber: 'AC-1'})],
        });

        expect(kinds(steps)).toEqual(['skip', 'skip', 'skip']);
    });

    test('lists at most five candidates', () => {
        const rows = Array.from({length: MAX_LISTED_CANDIDATES + 3}, (_, index) =>
            row(`recContoso${index}`, {fldName: 'Contoso'}),
        );

        const steps = plan({rows, records: [record(CONTOSO_ID, {name: 'Contoso'})]});

        const message = steps[0]?.kind === 'skip' ? steps[0].skip.message : '';
        expect(message).toContain('and 3 more.');
        expect(kinds(steps).filter(kind => kind === 'skip')).toHaveLength(rows.length + 1);
    });

    test('leaves records of deleted rows alone', () => {
        const steps = plan({
            rows: [row('recContoso', {fldName: 'Contoso', fldAccountNumber: 'AC-1'})],
            records: [record(CONTOSO_ID, {name: 'Contoso', accountnumber: 'AC-1'})],
            lastSyncedAt: '2025-05-02T08:00:00Z',
        });

        expect(findStep(steps, CONTOSO_ID)).toMatchObject({
            kind: 'skip',
            skip: {reason: 'deletedInAirtable'},
        });
        expect(findStep(steps, 'recContoso')?.kind).toBe('createRecord');
    });

    test('matches records created after the watermark', () => {
        const steps = plan({
            rows: [row('recContoso', {fldName: 'Contoso'})],
            records: [record(CONTOSO_ID, {name: 'Contoso', createdon: '2025-05-03T08:00:00Z'})],
            lastSyncedAt: '2025-05-02T08:00:00Z',
        });

        expect(kinds(steps)).toEqual(['update']);
    });

    test('leaves linked rows to their IDs', () => {
        const steps = plan({
            rows: [
                row('recLinked', {
                    fldName: 'Contoso',
                    fldDynamicsId: FABRIKAM_ID,
                }),
                row('recNew', {fldName: 'Contoso'}),
            ],
            records: [
                record(FABRIKAM_ID, {name: 'Fabrikam'}),
                record(CONTOSO_ID, {name: 'Contoso'}),
            ],
        });

        expect(findStep(steps, 'recLinked')?.ref.dynamicsId).toBe(FABRIKAM_ID);
        expect(findStep(steps, 'recNew')).toMatchObject({
            kind: 'update',
            ref: {dynamicsId: CONTOSO_ID},
        });
    });

    test('creates everything without match keys', () => {
        const steps = plan({
            table: {...TABLE, matchKeys: undefined},
            rows: [row('recContoso', {fldName: 'Contoso'})],
            records: [record(CONTOSO_ID, {name: 'Contoso'})],
        });

        expect(kinds(steps)).toEqual(['createRecord', 'createRow']);
    });
});
