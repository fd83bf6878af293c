/** Lists the fields an update step changes on each side, with the old and new values as text. */
import type {LogicalName} from '../ids';
import {getLookupValueProperty} from '../lookupValues';
import type {FieldMapping, TableMapping} from '../mapping';
import {isLookupMapping} from '../links/linkGroups';
import type {PlanStep} from '../plan/types';
import type {AirtableRow, DataverseRecord} from '../ports';
import type {FieldChange} from './types';
import {describeCell, type PreviewNames} from './valueText';

type UpdateStep = Extract<PlanStep, {kind: 'update'}>;

/** The old value of a record the run did not read, because it is unchanged since the last sync. */
export const UNREAD_VALUE_TEXT = '(value at the last sync)';

export interface ChangeContext {
    /** The row and record as read; null when the read did not return them. */
    readonly row: AirtableRow | null;
    readonly record: DataverseRecord | null;
    readonly names: PreviewNames;
}

export interface FieldChanges {
    readonly airtable: readonly FieldChange[];
    readonly dynamics: readonly FieldChange[];
}

export function describeFieldChanges(
    table: TableMapping,
    step: UpdateStep,
    context: ChangeContext,
): FieldChanges {
    return {
        airtable: step.pulledFields.flatMap(column =>
            describePulled(getMappings(table, column), step, context),
        ),
        dynamics: step.pushedFields.flatMap(column =>
            describePushed(getMappings(table, column), step, context),
        ),
    };
}

function getMappings(table: TableMapping, column: LogicalName): FieldMapping[] {
    return table.fields.filter(mapping => mapping.column.logicalName === column);
}

/** Describes the cells written to the row; a lookup writes each of its link fields. */
function describePulled(
    mappings: readonly FieldMapping[],
    step: UpdateStep,
    context: ChangeContext,
): FieldChange[] {
    return mappings
        .filter(mapping => mapping.field.id in step.airtableCells)
        .map(mapping =>
            toFieldChange(
                mapping.field.name,
                context.row?.cells[mapping.field.id],
                step.airtableCells[mapping.field.id],
                context.names,
            ),
        );
}

function describePushed(
    mappings: readonly FieldMapping[],
    step: UpdateStep,
    context: ChangeContext,
): FieldChange[] {
    const [mapping] = mappings;
    if (mapping === undefined || step.dynamicsValues === null) {
        return [];
    }
    const column = mapping.column.logicalName;
    const fieldName = mappings.map(candidate => candidate.field.name).join(' / ');
    const newValue = step.dynamicsValues[column];
    if (context.record === null) {
        return [withUnreadOldValue(toFieldChange(fieldName, null, newValue, context.names))];
    }
    const oldValue = getOldDynamicsValue(mapping, context.record);
    return [toFieldChange(fieldName, oldValue, newValue, context.names)];
}

/**
 * Replaces the old value of a record the run did not read, because it is unchanged since the
 * last sync, by the words for the value synced then.
 */
function withUnreadOldValue(change: FieldChange): FieldChange {
    const unread = {...change, oldValue: UNREAD_VALUE_TEXT};
    return change.fullValues === undefined
        ? unread
        : {...unread, fullValues: {...change.fullValues, oldValue: UNREAD_VALUE_TEXT}};
}

/** Describes a change, with both values in full too when either one had to be shortened. */
function toFieldChange(
    fieldName: string,
    oldCell: unknown,
    newCell: unknown,
    names: PreviewNames,
): FieldChange {
    const change = {
        fieldName,
        oldValue: describeCell(oldCell, names),
        newValue: describeCell(newCell, names),
    };
    const fullValues = {
        oldValue: describeCell(oldCell, names, true),
        newValue: describeCell(newCell, names, true),
    };
    const isShortened =
        fullValues.oldValue !== change.oldValue || fullValues.newValue !== change.newValue;
    return isShortened ? {...change, fullValues} : change;
}

/** Returns the record's value before the push, as read. */
function getOldDynamicsValue(mapping: FieldMapping, record: DataverseRecord): unknown {
    const column = mapping.column.logicalName;
    const {values} = record;
    // A lookup may come back under the column or under its `_<column>_value` property.
    return isLookupMapping(mapping)
        ? (values[column] ?? values[getLookupValueProperty(column)])
        : values[column];
}
