/** Messages for per-record failures and skips. Each names the record and tells a person what to do. */
import type {ValueProblem} from '../convert';
import type {Guid} from '../ids';
import type {FieldMapping, TableMapping} from '../mapping';
import type {RecordFailure, RecordSkip} from './types';

function describeRecord(table: TableMapping, name: string): string {
    return `${table.entity.displayName} '${name}'`;
}

export function invalidValueFailure(
    table: TableMapping,
    name: string,
    problems: readonly ValueProblem[],
    context: string,
): RecordFailure {
    const [first] = problems;
    const more = describeMoreProblems(problems.length - 1);
    const isLinkProblem = first?.code === 'tooManyLinks' || first?.code === 'unresolvedLink';
    return {
        code: isLinkProblem ? 'unresolvedLink' : 'invalidValue',
        message: `Couldn't sync ${describeRecord(table, name)}: ${first?.message ?? ''}${more}${context}`,
        detail: problems.map(problem => problem.message).join('\n'),
        problems,
    };
}

function describeMoreProblems(count: number): string {
    if (count <= 0) {
        return '';
    }
    return count === 1
        ? ' 1 more field has a problem too.'
        : ` ${count} more fields have problems too.`;
}

export function invalidDynamicsIdFailure(
    table: TableMapping,
    name: string,
    text: string,
): RecordFailure {
    return {
        code: 'invalidDynamicsId',
        message:
            `Couldn't sync the row '${name}' in ${table.table.name}: its Dynamics ID '${text}' is ` +
            `not a GUID. Clear the cell to create the record in Dynamics, or paste the ID of the ` +
            `existing record, and sync again.`,
        detail: null,
        problems: [],
    };
}

export function duplicateDynamicsIdFailure(
    table: TableMapping,
    name: string,
    id: Guid,
    rowCount: number,
): RecordFailure {
    return {
        code: 'duplicateDynamicsId',
        message:
            `Couldn't sync the row '${name}' in ${table.table.name}: ${rowCount} rows have the ` +
            `Dynamics ID ${id}. Keep the ID on the row that belongs to the record, clear it on the ` +
            `others, and sync again.`,
        detail: null,
        problems: [],
    };
}

export function deletedInDynamicsSkip(table: TableMapping, name: string): RecordSkip {
    return {
        reason: 'deletedInDynamics',
        message:
            `${describeRecord(table, name)} was not found in Dynamics, so it was probably deleted ` +
            `there. Its row in ${table.table.name} was left as it is: delete the row if the record ` +
            `is gone for good, or clear its Dynamics ID to create the record again.`,
    };
}

export function deletedInAirtableSkip(table: TableMapping, name: string): RecordSkip {
    return {
        reason: 'deletedInAirtable',
        message:
            `${describeRecord(table, name)} existed at the last complete sync but has no row in ` +
            `${table.table.name}, so its row was deleted in Airtable. The record was kept in ` +
            `Dynamics and not added back; delete it in Dynamics if it should go.`,
    };
}

export function changedDuringSyncSkip(table: TableMapping, name: string): RecordSkip {
    return {
        reason: 'changedDuringSync',
        message:
            `${describeRecord(table, name)} changed in Dynamics during the sync, so the Airtable ` +
            `changes were not sent. The next sync merges both changes.`,
    };
}

export function dynamicsRejectedFailure(
    table: TableMapping,
    name: string,
    operation: 'create' | 'update',
    result: {
        readonly message: string;
        readonly code: string | null;
        readonly httpStatus: number | null;
    },
): RecordFailure {
    const status = result.httpStatus === null ? '' : ` (HTTP ${result.httpStatus})`;
    const retry =
        operation === 'create'
            ? ' The row keeps its Dynamics ID, so the next sync retries the create without a duplicate.'
            : '';
    const detail =
        result.code === null ? result.message : `${result.message} (code ${result.code})`;
    if (result.httpStatus !== null && TEMPORARY_STATUSES.has(result.httpStatus)) {
        return {
            code: 'dynamicsRejected',
            message:
                `Dynamics was busy or briefly unavailable, so the ${operation} of ` +
                `${describeRecord(table, name)} was not made${status}. Nothing in the record ` +
                `needs correcting: sync again in a minute.${retry}`,
            detail,
            problems: [],
        };
    }
    return {
        code: 'dynamicsRejected',
        message:
            `Dynamics rejected the ${operation} of ${describeRecord(table, name)}${status}. Open ` +
            `the details for its message, correct the record in Airtable and sync again.${retry}`,
        detail,
        problems: [],
    };
}

/**
 * Statuses with which Dynamics turns a write away for a while rather than for its content:
 * service protection (429), and a server or gateway that is down or timed out (502, 503, 504).
 */
const TEMPORARY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export function unexpectedResultFailure(
    table: TableMapping,
    name: string,
    operation: 'create' | 'update' | 'delete',
    status: string,
): RecordFailure {
    return {
        code: 'unexpectedResult',
        message:
            `Couldn't ${operation} ${describeRecord(table, name)} in Dynamics: the write returned ` +
            `'${status}', which a ${operation} should never return. Sync again; if it repeats, ` +
            `report it with the details.`,
        detail: status,
        problems: [],
    };
}

/** Returns "a" or "an" for the word, by its first letter: "an Account Name", "a Topic". */
function withArticle(word: string): string {
    return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

export function emptyRowSkip(table: TableMapping, name: string): RecordSkip {
    return {
        reason: 'emptyRow',
        message:
            `The row '${name}' in ${table.table.name} has every synced field empty, so no ` +
            `${table.entity.displayName} was created in Dynamics. Fill it in to create one, or ` +
            `remove the row with Clean up.`,
    };
}

/**
 * Builds the failure of a create or update that would leave a required column empty, such as
 * "Account row 'rec1' has no Name; Dynamics requires an Account Name. Fill it in and sync again."
 */
export function missingRequiredValueFailure(
    table: TableMapping,
    name: string,
    mapping: FieldMapping,
    operation: 'create' | 'update',
): RecordFailure {
    const consequence =
        operation === 'create'
            ? `The record was not created in Dynamics.`
            : `The row and its record were left as they are.`;
    return {
        code: 'missingRequiredValue',
        message:
            `${table.entity.displayName} row '${name}' has no ${mapping.field.name}; Dynamics ` +
            `requires ${withArticle(mapping.column.displayName)}. Fill it in and sync again. ` +
            consequence,
        detail: null,
        problems: [],
    };
}
