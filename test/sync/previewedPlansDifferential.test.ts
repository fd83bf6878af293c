/**
 * Runs the same random edits and syncs on two identical bases, one of them with the reuse of
 * previewed plans and the second pass's delta reads turned off, and checks that both end in the
 * same state. A reused plan must be the plan the value pass would have made itself, and a second
 * pass brought up to date by a delta read must plan as after a full read. The base with the
 * shortcuts returns unchanged rows as the same objects from run to run, as the extension's
 * Airtable side does. So its plans also skip the rows remembered as unchanged
 * (`plan/unchangedRows.ts`). The other base's rows are new objects on every read.
 */
import fc from 'fast-check';
import {airtableFieldId, parseGuid, type AirtableTableId, type Guid} from '../../frontend/sync/ids';
import type {EntityRef} from '../../frontend/sync/mapping';
import {PreviewedPlans} from '../../frontend/sync/run/previewedPlans';
import * as readTableModule from '../../frontend/sync/run/readTable';
import * as readTableChangesModule from '../../frontend/sync/run/readTableChanges';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    CONTACT,
    CONTACTS_TABLE,
    createRelationsHarness,
    links,
    OPPORTUNITIES_TABLE,
    OPPORTUNITY,
    reference,
    type RelationsHarness,
} from './relationFixtures';

const NAME_FIELD = airtableFieldId('fldName');

interface TableSpec {
    readonly tableId: AirtableTableId;
    readonly entity: EntityRef;
    readonly nameColumn: string;
    /** The link field, its lookup column, and the table both point at. */
    readonly linkField: string;
    readonly lookupColumn: string;
    readonly targetIndex: number;
}

const TABLES: readonly TableSpec[] = [
    {
        tableId: ACCOUNTS_TABLE,
        entity: ACCOUNT,
        nameColumn: 'name',
        linkField: 'fldPrimaryContact',
        lookupColumn: 'primarycontactid',
        targetIndex: 1,
    },
    {
        tableId: CONTACTS_TABLE,
        entity: CONTACT,
        nameColumn: 'lastname',
        linkField: 'fldCompany',
        lookupColumn: 'parentcustomerid',
        targetIndex: 0,
    },
    {
        tableId: OPPORTUNITIES_TABLE,
        entity: OPPORTUNITY,
        nameColumn: 'name',
        linkField: 'fldCustomerAccount',
        lookupColumn: 'customerid',
        targetIndex: 0,
    },
];

type Step =
    | {readonly kind: 'editRow'; readonly table: number; readonly at: number; readonly name: string}
    | {readonly kind: 'linkRow'; readonly table: number; readonly at: number; readonly to: number}
    | {readonly kind: 'addRow'; readonly table: number; readonly name: string; readonly to: number}
    | {
          readonly kind: 'editRecord';
          readonly table: number;
          readonly at: number;
          readonly name: string;
      }
    | {
          readonly kind: 'linkRecord';
          readonly table: number;
          readonly at: number;
          readonly to: number;
      }
    | {
          readonly kind: 'addRecord';
          readonly table: number;
          readonly name: string;
          readonly to: number;
      }
    | {readonly kind: 'deleteRow'; readonly table: number; readonly at: number}
    | {readonly kind: 'deleteRecord'; readonly table: number; readonly at: number}
    /** Someone edits the record in Dynamics while the next sync reads Contacts. */
    | {
          readonly kind: 'editDuringSync';
          readonly table: number;
          readonly at: number;
          readonly to: number;
      }
    /** Airtable rejects new rows with this name in the table during the next sync. */
    | {readonly kind: 'rejectNewRows'; readonly table: number; readonly name: string}
    | {readonly kind: 'sync'};

const table = fc.integer({min: 0, max: TABLES.length - 1});
const at = fc.nat(20);
/** A target position; -1 empties the link. */
const to = fc.integer({min: -1, max: 20});
const name = fc.constantFrom('Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli');

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
    fc.record({kind: fc.constant('editRow' as const), table, at, name}),
    fc.record({kind: fc.constant('linkRow' as const), table, at, to}),
    fc.record({kind: fc.constant('addRow' as const), table, name, to}),
    fc.record({kind: fc.constant('editRecord' as const), table, at, name}),
    fc.record({kind: fc.constant('linkRecord' as const), table, at, to}),
    fc.record({kind: fc.constant('addRecord' as const), table, name, to}),
    fc.record({kind: fc.constant('rejectNewRows' as const), table, name}),
    fc.record({kind: fc.constant('editDuringSync' as const), table, at, to}),
    fc.record({kind: fc.constant('deleteRow' as const), table, at}),
    fc.record({kind: fc.constant('deleteRecord' as const), table, at}),
    fc.constant({kind: 'sync' as const}),
);

/** One base and the records the test created in it, per table, in creation order. */
interface World {
    readonly harness: RelationsHarness;
    readonly recordIds: Guid[][];
    nextRecord: number;
    /** The edits made while the next sync reads Contacts, after it read Accounts. */
    duringSync: Array<Extract<Step, {kind: 'linkRecord'}>>;
}

function createWorld(options: {readonly keepsUnchangedRows: boolean}): World {
    const world: World = {
        harness: createRelationsHarness(),
        recordIds: TABLES.map(() => []),
        nextRecord: 1,
        duringSync: [],
    };
    world.harness.airtable.keepsUnchangedRows = options.keepsUnchangedRows;
    const {dataverse} = world.harness;
    const readChangesAsync = dataverse.readChangesAsync.bind(dataverse);
    dataverse.readChangesAsync = async (entity, columns, deltaLink) => {
        if (entity.logicalName === CONTACT.logicalName) {
            const edits = world.duringSync;
            world.duringSync = [];
            edits.forEach(edit => applyStep(world, edit));
        }
        return readChangesAsync(entity, columns, deltaLink);
    };
    return world;
}

function pick<T>(items: readonly T[], position: number): T | null {
    return items.length === 0 ? null : (items[position % items.length] ?? null);
}

function getSpec(position: number): TableSpec {
    const spec = TABLES[position];
    if (spec === undefined) {
        throw new Error(`No table at position ${position}.`);
    }
    return spec;
}

function applyStep(world: World, step: Exclude<Step, {kind: 'sync'}>): void {
    const {harness} = world;
    const spec = getSpec(step.table);
    const target = getSpec(spec.targetIndex);
    const rows = harness.airtable.getRows(spec.tableId);
    const targetRowIds = harness.airtable.getRows(target.tableId).map(row => row.id);
    const targetRecordIds = world.recordIds[spec.targetIndex] ?? [];
    switch (step.kind) {
        case 'editRow': {
            const row = pick(rows, step.at);
            if (row !== null) {
                harness.airtable.editRow(spec.tableId, row.id, {fldName: step.name});
            }
            return;
        }
        case 'linkRow': {
            const row = pick(rows, step.at);
            const linked = step.to < 0 ? null : pick(targetRowIds, step.to);
            if (row !== null) {
                harness.airtable.editRow(spec.tableId, row.id, {
                    [spec.linkField]: linked === null ? [] : links(linked),
                });
            }
            return;
        }
        case 'addRow': {
            const linked = step.to < 0 ? null : pick(targetRowIds, step.to);
            harness.addRow(spec.tableId, {
                fldName: step.name,
                ...(linked === null ? {} : {[spec.linkField]: links(linked)}),
            });
            return;
        }
        case 'editRecord': {
            const id = pick(world.recordIds[step.table] ?? [], step.at);
            if (id !== null && harness.dataverse.hasRecord(spec.entity, id)) {
                harness.dataverse.editRecord(spec.entity, id, {[spec.nameColumn]: step.name});
            }
            return;
        }
        case 'linkRecord': {
            const id = pick(world.recordIds[step.table] ?? [], step.at);
            const linked = step.to < 0 ? null : pick(targetRecordIds, step.to);
            if (id !== null && harness.dataverse.hasRecord(spec.entity, id)) {
                harness.dataverse.editRecord(spec.entity, id, {
                    [spec.lookupColumn]: linked === null ? null : reference(target.entity, linked),
                });
            }
            return;
        }
        case 'addRecord': {
            const id = parseGuid(
                `9a7e0c11-0000-4000-8000-${String(world.nextRecord).padStart(12, '0')}`,
            );
            world.nextRecord += 1;
            const linked = step.to < 0 ? null : pick(targetRecordIds, step.to);
            harness.dataverse.insertRecord(spec.entity, id, {
                [spec.nameColumn]: step.name,
                ...(linked === null ? {} : {[spec.lookupColumn]: reference(target.entity, linked)}),
            });
            world.recordIds[step.table]?.push(id);
            return;
        }
        case 'deleteRow': {
            const row = pick(rows, step.at);
            if (row !== null) {
                harness.airtable.deleteRow(spec.tableId, row.id);
            }
            return;
        }
        case 'deleteRecord': {
            const id = pick(world.recordIds[step.table] ?? [], step.at);
            if (id !== null && harness.dataverse.hasRecord(spec.entity, id)) {
                harness.dataverse.deleteRecordWithCascade(spec.entity, id);
            }
            return;
        }
        case 'editDuringSync':
            world.duringSync.push({...step, kind: 'linkRecord'});
            return;
        case 'rejectNewRows':
            harness.airtable.rejectRowsWhere = (tableId, row) =>
                tableId === spec.tableId && row.id === null && row.cells[NAME_FIELD] === step.name
                    ? 'invalidValue'
                    : null;
            return;
        default:
            step satisfies never;
    }
}

/** Describes a base: every row's cells, and the values of the records the test created. */
function describeWorld(world: World): unknown {
    return TABLES.map((spec, position) => ({
        rows: world.harness.airtable.getRows(spec.tableId).map(row => row.cells),
        records: (world.recordIds[position] ?? []).map(id =>
            world.harness.dataverse.hasRecord(spec.entity, id)
                ? world.harness.dataverse.getValues(spec.entity, id)
                : null,
        ),
        recordCount: world.harness.dataverse.getRecordCount(spec.entity),
    }));
}

/** Syncs as if every table were planned again and the second pass read its tables in full. */
async function syncWithoutShortcutsAsync(world: World) {
    const reuse = jest.spyOn(PreviewedPlans.prototype, 'getPlanIfReusable').mockReturnValue(null);
    const changes = jest
        .spyOn(readTableChangesModule, 'readChangesSinceAsync')
        .mockImplementation((context, snapshot) =>
            readTableModule.readTableAsync(context, snapshot.table, []),
        );
    try {
        return await world.harness.runAndKeepWatermarksAsync();
    } finally {
        reuse.mockRestore();
        changes.mockRestore();
    }
}

describe('run shortcuts', () => {
    test('match planning and reading again', async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.array(stepArbitrary, {minLength: 1, maxLength: 25}),
                async steps => {
                    const reusing = createWorld({keepsUnchangedRows: true});
                    const planning = createWorld({keepsUnchangedRows: false});
                    for (const step of [...steps, {kind: 'sync' as const}]) {
                        if (step.kind !== 'sync') {
                            applyStep(reusing, step);
                            applyStep(planning, step);
                            continue;
                        }
                        const reused = await reusing.harness.runAndKeepWatermarksAsync();
                        const planned = await syncWithoutShortcutsAsync(planning);
                        expect(reused.counts).toEqual(planned.counts);
                        expect(reused.error).toEqual(planned.error);
                        expect(describeWorld(reusing)).toEqual(describeWorld(planning));
                    }
                },
            ),
            {numRuns: 400},
        );
    });
});
