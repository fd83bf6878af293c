/**
 * The error family of the Dataverse client. Every failure the client raises is a `DataverseError`
 * with a stable `code`. Callers branch on the code and show `message`, which is written for the
 * person running the sync. Dynamics' own code and message stay on the error as `dataverseCode` and
 * `rawMessage`, for a "details" view.
 */
import type {Guid} from '../sync/ids';

export type DataverseErrorCode =
    /** `401`: the token is missing, expired or for another environment, even after one refresh. */
    | 'unauthorized'
    /** `403`: the user lacks a security role privilege for the operation. */
    | 'forbidden'
    | 'notFound'
    /** `412` on `If-Match`: the row changed since it was read. */
    | 'versionMismatch'
    /** `412` on a create-only write (`If-None-Match: *`): a row with that id exists. */
    | 'alreadyExists'
    /** `400`: Dynamics rejected a value, such as a text longer than the column allows. */
    | 'validation'
    /** `400`, `405` or `413` that no value change fixes: a malformed query or body. */
    | 'invalidRequest'
    /** `405` with 0x80040227: a Restrict relationship keeps the row from being deleted. */
    | 'deleteRestricted'
    /** `500` with 0x80040333: a duplicate detection rule matched. */
    | 'duplicateDetected'
    /** `429`: service protection limits were exceeded and retries did not get through. */
    | 'throttled'
    /** `502`, `503` or `504`: the service is temporarily down. */
    | 'unavailable'
    /** Any other `5xx`, such as a failing plug-in. */
    | 'serverError'
    /** The request never reached Dynamics or its response was lost. */
    | 'network'
    /** The browser blocked the request or hid why it failed, as it does for CORS rejections. */
    | 'cors'
    /** Dynamics answered with a body or header the client cannot read. */
    | 'badResponse'
    /** The caller cancelled the request through its `AbortSignal`. */
    | 'aborted';

export type DataverseOperation =
    | 'read'
    | 'create'
    | 'update'
    | 'upsert'
    | 'delete'
    /** A `$batch` of creates, updates and deletes. */
    | 'write'
    | 'readMetadata'
    | 'whoAmI';

/** What the client was doing when the error arose, so messages can name the table and record. */
export interface DataverseErrorContext {
    readonly operation: DataverseOperation;
    /** The table's singular display name, such as "Account". */
    readonly tableDisplayName?: string;
    readonly recordId?: Guid;
}

export interface DataverseErrorDetails {
    readonly httpStatus: number | null;
    /** Dynamics' hex error code such as `0x80040217`, when the response carried one. */
    readonly dataverseCode: string | null;
    /** Dynamics' own message, unchanged. */
    readonly rawMessage: string | null;
    /** The wait Dynamics asked for in `Retry-After`, when it sent one. */
    readonly retryAfterMs?: number | null;
    readonly cause?: unknown;
}

export class DataverseError extends Error {
    readonly code: DataverseErrorCode;
    readonly context: DataverseErrorContext;
    readonly httpStatus: number | null;
    readonly dataverseCode: string | null;
    readonly rawMessage: string | null;
    readonly retryAfterMs: number | null;
    /** The underlying exception, such as the `TypeError` from `fetch`. */
    readonly cause: unknown;

    constructor(
        code: DataverseErrorCode,
        context: DataverseErrorContext,
        details: DataverseErrorDetails,
    ) {
        super(formatDataverseErrorMessage(code, context, details.rawMessage));
        this.name = 'DataverseError';
        this.code = code;
        this.context = context;
        this.httpStatus = details.httpStatus;
        this.dataverseCode = details.dataverseCode;
        this.rawMessage = details.rawMessage;
        this.retryAfterMs = details.retryAfterMs ?? null;
        this.cause = details.cause;
    }
}

export function isDataverseError(error: unknown): error is DataverseError {
    return error instanceof DataverseError;
}

const OPERATION_VERBS: Readonly<Record<DataverseOperation, string>> = {
    read: 'read',
    create: 'create',
    update: 'update',
    upsert: 'save',
    delete: 'delete',
    write: 'save changes to',
    readMetadata: 'read the table definition of',
    whoAmI: 'check the sign-in to',
};

/** Names the failed step, such as "Couldn't update Account 7d1f…" or "Couldn't read Contacts". */
function describeFailedStep(context: DataverseErrorContext): string {
    const verb = OPERATION_VERBS[context.operation];
    if (context.operation === 'whoAmI') {
        return `Couldn't ${verb} Dynamics`;
    }
    const table = context.tableDisplayName ?? 'a Dynamics table';
    const record = context.recordId === undefined ? '' : ` record ${context.recordId}`;
    return `Couldn't ${verb} ${table}${record}`;
}

/** The sentence after the failed step for each code: what happened and what to do. */
const EXPLANATIONS: Readonly<Record<DataverseErrorCode, (rawMessage: string) => string>> = {
    unauthorized: () => 'Dynamics did not accept your sign-in. Sign in again, then sync again.',
    forbidden: raw =>
        `your Dynamics security role doesn't allow it (${raw}). Ask your Dynamics administrator for the privilege, then sync again.`,
    notFound: () =>
        "the record doesn't exist in Dynamics. It may have been deleted, so sync again to bring Airtable up to date.",
    versionMismatch: () =>
        'the record changed in Dynamics after it was read. Sync again to pick up the change.',
    alreadyExists: () =>
        'a record with the same id already exists in Dynamics. Sync again to link the two.',
    validation: raw =>
        `Dynamics rejected a value: ${raw} Fix the value in Airtable and sync again.`,
    invalidRequest: raw =>
        `Dynamics rejected the request: ${raw} Check the field mapping, and report this error if the mapping is right.`,
    deleteRestricted: () =>
        'other records, such as orders or invoices, depend on it. Remove or reassign them in Dynamics first.',
    duplicateDetected: () =>
        'a Dynamics duplicate detection rule matched another record. Merge or change the records in Dynamics.',
    throttled: () =>
        'Dynamics is limiting how many requests you can send. Wait a few minutes, then sync again.',
    unavailable: () => 'Dynamics is temporarily unavailable. Wait a few minutes, then sync again.',
    serverError: raw =>
        `Dynamics failed while processing the request: ${raw} If this repeats, ask your Dynamics administrator to check custom plug-ins and workflows.`,
    network: () =>
        'Dynamics could not be reached. Check your internet connection and the environment URL, then sync again.',
    cors: () =>
        'the browser blocked the request or lost its response. Check your connection and that the environment URL is the one shown in Power Apps under Developer resources.',
    badResponse: () =>
        'Dynamics sent a response the extension cannot read. Sync again, and report this error if it repeats.',
    aborted: () => 'the request was cancelled.',
};

/** Builds the person-facing message for an error, quoting Dynamics' own text where it helps. */
export function formatDataverseErrorMessage(
    code: DataverseErrorCode,
    context: DataverseErrorContext,
    rawMessage: string | null,
): string {
    const raw = rawMessage === null || rawMessage === '' ? 'no details given.' : rawMessage;
    return `${describeFailedStep(context)}: ${EXPLANATIONS[code](ensureFullStop(raw))}`;
}

function ensureFullStop(text: string): string {
    const trimmed = text.trim();
    return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Builds the error for a response the client cannot read. `rawMessage` states what was wrong. */
export function createBadResponseError(
    context: DataverseErrorContext,
    rawMessage: string,
): DataverseError {
    return new DataverseError('badResponse', context, {
        httpStatus: null,
        dataverseCode: null,
        rawMessage,
    });
}
