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
        .map(mapping => ({
            fieldName: mapping.field.name,
            oldValue: describeCell(context.row?.cells[mapping.field.id], context.names),
            newValue: describeCell(step.airtableCells[mapping.field.id], context.names),
        }));
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
    return [
        {
            fieldName: mappings.map(candidate => candidate.field.name).join(' / '),
            oldValue: describeOldDynamicsValue(mapping, context),
            newValue: describeCell(step.dynamicsValues[column], context.names),
        },
    ];
}

/**
 * Describes the record's value before the push. A delta read leaves out records unchanged since
 * the last sync, so for those the preview shows only that the value is the one synced then.
 */
function describeOldDynamicsValue(mapping: FieldMapping, context: ChangeContext): string {
    if (context.record === null) {
        return UNREAD_VALUE_TEXT;
    }
    const column = mapping.column.logicalName;
    const {values} = context.record;
    // A lookup may come back under the column or under its `_<column>_value` property.
    const oldValue = isLookupMapping(mapping)
        ? (values[column] ?? values[getLookupValueProperty(column)])
        : values[column];
    return describeCell(oldValue, context.names);
}
