import {assertNever} from '../sync/assertNever';
import {describeFieldType, describeFieldTypes} from './fieldTypeNames';
import type {TemplateField} from './mappingTemplate';
import type {FieldSchema} from './tableSchema';

/** Why a template field could not be matched to a field of the live table. */
export type SchemaProblem =
    | {readonly kind: 'fieldMissing'; readonly field: TemplateField}
    | {
          readonly kind: 'fieldTypeMismatch';
          readonly field: TemplateField;
          readonly actual: FieldSchema;
          readonly compatibleTypes: readonly string[];
      }
    /** A linked-record field that links to another table than the template's linked table. */
    | {
          readonly kind: 'linkedTableMismatch';
          readonly field: TemplateField;
          readonly actual: FieldSchema;
          readonly expectedTableName: string;
      };

/** Describes a problem for a person: which field, what is wrong and what to do. */
export function describeSchemaProblem(problem: SchemaProblem, tableName: string): string {
    switch (problem.kind) {
        case 'fieldMissing':
            return (
                `Table "${tableName}" has no field named "${problem.field.name}". ` +
                `The sync needs it as a ${describeFieldType(problem.field.type)} field.`
            );
        case 'fieldTypeMismatch':
            if (problem.compatibleTypes.length === 0) {
                return (
                    `Field "${problem.actual.name}" in table "${tableName}" maps to a Dynamics ` +
                    `column the sync can't convert yet. Remove it from the mapping.`
                );
            }
            return (
                `Field "${problem.actual.name}" in table "${tableName}" is a ` +
                `${describeFieldType(problem.actual.type)} field, but the sync needs a ` +
                `${describeFieldTypes(problem.compatibleTypes)} field. Change its type in ` +
                `Airtable, or rename it so the extension can create a new field.`
            );
        case 'linkedTableMismatch':
            return (
                `Field "${problem.actual.name}" in table "${tableName}" links to another table, ` +
                `but the sync needs it to link to "${problem.expectedTableName}". Change the ` +
                `linked table in Airtable, or rename the field so the extension can create a new one.`
            );
        default:
            return assertNever(problem);
    }
}

/**
 * Lists the missing fields, which the extension may create, because mismatched fields need a
 * person. A missing linked-record field carries the id of the table it links to.
 */
export function listMissingFields(problems: readonly SchemaProblem[]): TemplateField[] {
    return problems.flatMap(problem => (problem.kind === 'fieldMissing' ? [problem.field] : []));
}
