/**
 * Applies one step of a convergence case to both sides and to the entity model: a person's edit,
 * create or delete in Airtable or Dynamics, a queued fault, or a sync. Each step resolves its
 * target by a number taken modulo the rows or records that exist, and returns what it did.
 */
import type {RunSummary} from '../../frontend/sync';
import {assertNever} from '../../frontend/sync/assertNever';
import {readTagIfExists, tagValue, tagValues} from './accountValues';
import type {CaseWorld} from './caseWorld';
import type {Step} from './convergenceCase';
import type {EntityModel} from './entityModel';

export interface CaseContext {
    readonly world: CaseWorld;
    readonly model: EntityModel;
    readonly trace: string[];
    /** The tag the next new account gets in its match key values. */
    nextTag: number;
}

type StepOf<K extends Step['kind']> = Extract<Step, {kind: K}>;

/** Applies one step and returns what it did, for the trace. */
export async function applyStepAsync(
    context: CaseContext,
    step: Step,
    origin: string,
): Promise<string> {
    switch (step.kind) {
        case 'editRow':
            return editRowAsync(context, step);
        case 'createRow':
            return createRowAsync(context, step, origin);
        case 'deleteRow':
            return deleteRowAsync(context, step);
        case 'editRecord':
            return editRecord(context, step);
        case 'createRecord':
            return createRecord(context, step, origin);
        case 'deleteRecord':
            return deleteRecord(context, step);
        case 'linkRecord':
            return linkRecord(context, step);
        case 'fault':
            return addFault(context, step);
        case 'expireDeltaLinks':
            context.world.expireDeltaLinks();
            return 'delta links expired';
        case 'sync':
            return `sync: ${context.world.describeSync(await syncAsync(context))}`;
        default:
            return assertNever(step);
    }
}

/** Syncs once and lets the model observe both sides as the run left them. */
export async function syncAsync(context: CaseContext): Promise<RunSummary> {
    const {world, model} = context;
    const summary = await world.syncAsync();
    model.observe(world.observe(), world.isCompleteSync(summary));
    return summary;
}

export function takeTag(context: CaseContext): number {
    const tag = context.nextTag;
    context.nextTag += 1;
    return tag;
}

/** Picks an item by a number taken modulo the list's length, or null from an empty list. */
export function pickIfExists<T>(items: readonly T[], choice: number): T | null {
    return items.length === 0 ? null : (items[choice % items.length] ?? null);
}

async function editRowAsync(context: CaseContext, step: StepOf<'editRow'>): Promise<string> {
    const {world, model} = context;
    const rowId = pickIfExists(world.listRowIds(), step.target);
    if (rowId === null) {
        return 'edit row skipped: no rows';
    }
    const tag = getTag(context, world.getRowCellIfExists(rowId, 'name'));
    const value = tagValue(step.column, step.value, tag);
    await world.editRowAsync(rowId, step.column, value);
    model.editRow(rowId, step.column, world.canonicalizer.fromAirtable(step.column, value));
    return `edit row ${rowId} ${step.column} = ${JSON.stringify(value)}`;
}

async function createRowAsync(
    context: CaseContext,
    step: StepOf<'createRow'>,
    origin: string,
): Promise<string> {
    const {world, model} = context;
    const values = tagValues(step.values, takeTag(context));
    const rowId = await world.createRowAsync(values);
    model.addRow(rowId, world.toCanonicalValues(values, 'airtable'), origin);
    return `create row ${rowId} ${JSON.stringify(values)}`;
}

async function deleteRowAsync(context: CaseContext, step: StepOf<'deleteRow'>): Promise<string> {
    const {world, model} = context;
    const rowId = pickIfExists(world.listRowIds(), step.target);
    if (rowId === null) {
        return 'delete row skipped: no rows';
    }
    await world.deleteRowAsync(rowId);
    model.deleteRow(rowId, id => world.getRecordVersionIfExists(id));
    return `delete row ${rowId}`;
}

function editRecord(context: CaseContext, step: StepOf<'editRecord'>): string {
    const {world, model} = context;
    const id = pickIfExists(world.listRecordIds(), step.target);
    if (id === null) {
        return 'edit record skipped: no records';
    }
    const tag = getTag(context, world.getRecordValueIfExists(id, 'name'));
    const value = tagValue(step.column, step.value, tag);
    world.editRecord(id, step.column, value);
    model.editRecord(id, step.column, world.canonicalizer.fromDynamics(step.column, value));
    return `edit record ${id} ${step.column} = ${JSON.stringify(value)}`;
}

function createRecord(context: CaseContext, step: StepOf<'createRecord'>, origin: string): string {
    const {world, model} = context;
    const parentId = step.parent === null ? null : pickIfExists(world.listRecordIds(), step.parent);
    const values = tagValues(step.values, takeTag(context));
    const id = world.createRecord(values, parentId);
    model.addRecord(id, world.toCanonicalValues(values, 'dynamics'), origin);
    return `create record ${id} ${JSON.stringify(values)} with parent ${parentId}`;
}

function deleteRecord(context: CaseContext, step: StepOf<'deleteRecord'>): string {
    const {world, model} = context;
    const id = pickIfExists(world.listRecordIds(), step.target);
    if (id === null) {
        return 'delete record skipped: no records';
    }
    const unlinkedIds = world.deleteRecord(id);
    model.deleteRecord(id);
    for (const unlinkedId of unlinkedIds) {
        model.touchRecord(unlinkedId);
    }
    return `delete record ${id}, clearing the parent of [${unlinkedIds.join(', ')}]`;
}

function linkRecord(context: CaseContext, step: StepOf<'linkRecord'>): string {
    const {world, model} = context;
    const recordIds = world.listRecordIds();
    const id = pickIfExists(recordIds, step.target);
    if (id === null) {
        return 'set parent skipped: no records';
    }
    const chosenId = step.parent === null ? null : pickIfExists(recordIds, step.parent);
    const parentId = chosenId === id ? null : chosenId;
    world.setParent(id, parentId);
    model.touchRecord(id);
    return `set parent of record ${id} to ${parentId}`;
}

/** Queues the fault, aimed at one record's requests when the step names a target. */
function addFault(context: CaseContext, step: StepOf<'fault'>): string {
    const {world} = context;
    const id = step.target === null ? null : pickIfExists(world.listRecordIds(), step.target);
    const rule = id === null ? step.rule : {...step.rule, pathIncludes: `accounts(${id})`};
    world.addFault(rule);
    return `fault ${JSON.stringify(rule)}`;
}

/** Returns the tag of the account whose name is given, or a new one if the name has none. */
function getTag(context: CaseContext, name: unknown): number {
    return readTagIfExists(name) ?? takeTag(context);
}
