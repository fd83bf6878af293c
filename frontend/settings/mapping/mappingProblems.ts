/**
 * Problems found in a stored mapping, each attached to the Dynamics table, the Airtable field or
 * the column it concerns, with a message written for a person. An `error` keeps its table from
 * syncing, while a `warning` is shown but lets the table sync.
 *
 * @example
 * const check = checkCanSyncTable(problems, logicalName('account'));
 * if (!check.ok) showDisabledReason(check.reason);
 */
import type {CheckResult} from '../../airtable/checkResult';
import type {AirtableFieldId, LogicalName} from '../../sync/ids';

export type MappingProblemCode =
    /** The stored mapping was written by a newer version of the extension. */
    | 'newerSchemaVersion'
    /** The stored value, a table entry or a field entry cannot be read and was dropped. */
    | 'malformedMapping'
    | 'malformedTable'
    | 'malformedField'
    /** Two entries for one Dynamics table, or two Dynamics tables synced with one Airtable table. */
    | 'entityMappedTwice'
    | 'airtableTableMappedTwice'
    | 'airtableTableNotChosen'
    | 'airtableTableDeleted'
    | 'airtableFieldDeleted'
    | 'airtableFieldIncompatible'
    /** The live metadata no longer has the column. */
    | 'columnNotInDynamics'
    | 'columnMappedTwice'
    | 'fieldMappedTwice'
    | 'requiredColumnUnmapped'
    /** A read-only column or a computed field set to a direction its values cannot flow in. */
    | 'directionNotAllowed'
    | 'lookupTargetUnmapped'
    /** The Dynamics ID or Sync state field is missing; the extension can create it. */
    | 'bookkeepingFieldMissing'
    /** A field of the built-in template the table still lacks; the extension can create it. */
    | 'templateFieldMissing'
    | 'bookkeepingFieldIncompatible'
    /** The engine's own check of a field mapping failed, such as options that cannot be matched. */
    | 'fieldCannotSync';

export type MappingProblemSeverity = 'error' | 'warning';

export interface MappingProblem {
    readonly code: MappingProblemCode;
    readonly severity: MappingProblemSeverity;
    /** The Dynamics table the problem concerns, or null when it concerns the whole mapping. */
    readonly entityLogicalName: LogicalName | null;
    /** The Airtable field the problem concerns, if any. */
    readonly airtableFieldId: AirtableFieldId | null;
    /** The Dynamics column the problem concerns, if any. */
    readonly columnLogicalName: LogicalName | null;
    readonly message: string;
}

/** The table, field and column a problem is attached to; missing parts mean "not one". */
export interface ProblemTarget {
    readonly entityLogicalName?: LogicalName | null;
    readonly airtableFieldId?: AirtableFieldId | null;
    readonly columnLogicalName?: LogicalName | null;
}

export function mappingError(
    code: MappingProblemCode,
    target: ProblemTarget,
    message: string,
): MappingProblem {
    return buildProblem(code, 'error', target, message);
}

export function mappingWarning(
    code: MappingProblemCode,
    target: ProblemTarget,
    message: string,
): MappingProblem {
    return buildProblem(code, 'warning', target, message);
}

function buildProblem(
    code: MappingProblemCode,
    severity: MappingProblemSeverity,
    target: ProblemTarget,
    message: string,
): MappingProblem {
    return {
        code,
        severity,
        entityLogicalName: target.entityLogicalName ?? null,
        airtableFieldId: target.airtableFieldId ?? null,
        columnLogicalName: target.columnLogicalName ?? null,
        message,
    };
}

/** Returns the problems attached to the Dynamics table, its fields included. */
export function getTableProblems(
    problems: readonly MappingProblem[],
    entityLogicalName: LogicalName,
): MappingProblem[] {
    return problems.filter(problem => problem.entityLogicalName === entityLogicalName);
}

/** Returns the problems attached to one Airtable field of the Dynamics table's entry. */
export function getFieldProblems(
    problems: readonly MappingProblem[],
    entityLogicalName: LogicalName,
    airtableFieldId: AirtableFieldId,
): MappingProblem[] {
    return getTableProblems(problems, entityLogicalName).filter(
        problem => problem.airtableFieldId === airtableFieldId,
    );
}

/** Returns whether any problem keeps something from syncing. */
export function hasErrors(problems: readonly MappingProblem[]): boolean {
    return problems.some(problem => problem.severity === 'error');
}

/**
 * Checks that neither the table nor the mapping as a whole has an error. The reason names the
 * first error, with a count of the others.
 */
export function checkCanSyncTable(
    problems: readonly MappingProblem[],
    entityLogicalName: LogicalName,
): CheckResult {
    const errors = problems.filter(
        problem =>
            problem.severity === 'error' &&
            (problem.entityLogicalName === entityLogicalName || problem.entityLogicalName === null),
    );
    const [first] = errors;
    if (first === undefined) {
        return {ok: true};
    }
    const others = errors.length - 1;
    const suffix =
        others === 0 ? '' : ` ${others} other problem${others === 1 ? '' : 's'} also need fixing.`;
    return {ok: false, reason: `${first.message}${suffix}`};
}
