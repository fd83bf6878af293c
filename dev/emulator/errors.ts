/**
 * The Dataverse error family the emulator returns. Every failure a handler detects is thrown as a
 * `DataverseError`, and the dispatcher turns it into Dataverse's body
 * `{"error":{"code":"0x…","message":"…"}}`. Codes and message wording follow the Web API where they
 * are documented. NOTEs mark wording that could not be checked against a live service.
 */
export class DataverseError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
    ) {
        super(message);
        this.name = 'DataverseError';
    }
}

/** Hex codes of the errors the emulator produces, named after the platform's error names. */
export const ERROR_CODES = {
    objectDoesNotExist: '0x80040217',
    duplicateRecord: '0x80040237',
    concurrencyVersionMismatch: '0x80060882',
    queryError: '0x80060888',
    payloadError: '0x80048d19',
    validationError: '0x80044331',
    invalidOptionValue: '0x8004431a',
    invalidStateStatus: '0x80048408',
    operationNotSupported: '0x80040800',
    requestLimitExceeded: '0x80072322',
    executionTimeLimitExceeded: '0x80072321',
    concurrencyLimitExceeded: '0x80072326',
    unexpected: '0x80040216',
} as const;

export function recordNotFound(logicalName: string, id: string): DataverseError {
    return new DataverseError(
        404,
        ERROR_CODES.objectDoesNotExist,
        `${logicalName} With Id = ${id} Does Not Exist`,
    );
}

export function segmentNotFound(segment: string): DataverseError {
    return new DataverseError(
        404,
        ERROR_CODES.queryError,
        `Resource not found for the segment '${segment}'.`,
    );
}

export function propertyNotFound(typeName: string, property: string): DataverseError {
    return new DataverseError(
        400,
        ERROR_CODES.queryError,
        `Could not find a property named '${property}' on type '${typeName}'.`,
    );
}

export function queryError(message: string): DataverseError {
    return new DataverseError(400, ERROR_CODES.queryError, message);
}

export function syntaxError(position: number, text: string): DataverseError {
    return queryError(`Syntax error at position ${position} in '${text}'.`);
}

/** Wraps an OData reader message the way Dataverse reports payload errors on a write. */
export function payloadError(entitySetName: string, detail: string): DataverseError {
    return new DataverseError(
        400,
        ERROR_CODES.payloadError,
        `Error identified in Payload provided by the user for Entity :'${entitySetName}'. ` +
            `InnerException : Microsoft.OData.ODataException: ${detail}`,
    );
}

export function maxLengthExceeded(
    entityName: string,
    attributeName: string,
    maxLength: number,
): DataverseError {
    // The double space after "occurred." is in the service's own message.
    return new DataverseError(
        400,
        ERROR_CODES.validationError,
        `A validation error occurred.  The length of the '${attributeName}' attribute of the ` +
            `'${entityName}' entity exceeded the maximum allowed length of '${maxLength}'.`,
    );
}

// NOTE: no Microsoft page quotes the range message, so this wording is unverified and clients
// must branch on the code only.
export function valueOutOfRange(
    entityName: string,
    attributeName: string,
    value: number,
    range: {readonly min: number; readonly max: number},
): DataverseError {
    return new DataverseError(
        400,
        ERROR_CODES.validationError,
        `A validation error occurred.  The value ${value} of '${attributeName}' on record of ` +
            `type '${entityName}' is outside the valid range. ` +
            `Accepted range: ${range.min} to ${range.max}`,
    );
}

export function invalidOptionValue(
    entityName: string,
    attributeName: string,
    value: number,
): DataverseError {
    return new DataverseError(
        400,
        ERROR_CODES.invalidOptionValue,
        `A validation error occurred.  The value ${value} of '${attributeName}' on record of ` +
            `type '${entityName}' is outside the valid range.`,
    );
}

export function versionMismatch(): DataverseError {
    return new DataverseError(
        412,
        ERROR_CODES.concurrencyVersionMismatch,
        "The version of the existing record doesn't match the RowVersion property provided.",
    );
}

export function recordAlreadyExists(): DataverseError {
    return new DataverseError(
        412,
        ERROR_CODES.duplicateRecord,
        'A record with matching key values already exists.',
    );
}

export function operationNotSupported(operation: string, logicalName: string): DataverseError {
    return new DataverseError(
        405,
        ERROR_CODES.operationNotSupported,
        `The '${operation}' method does not support entities of type '${logicalName}'.`,
    );
}

const HELP_LINK = 'Microsoft.PowerApps.CDS.HelpLink';
const INNER_ERROR_MESSAGE = 'Microsoft.PowerApps.CDS.InnerError.Message';

/**
 * Builds the body Dataverse sends with an error: `{"error":{"code","message"}}`. With
 * `Prefer: odata.include-annotations` naming them, the help link and inner message annotations
 * are added too.
 */
export function errorBody(
    error: DataverseError,
    shouldInclude: (annotationTerm: string) => boolean = () => false,
): {error: Record<string, string>} {
    const body: Record<string, string> = {code: error.code, message: error.message};
    if (shouldInclude(HELP_LINK)) {
        // The service writes the escaped colon in lower case: `CrmException%3a80044331`.
        const code = `Microsoft.Crm.CrmException%3a${error.code.replace(/^0x/, '')}`;
        body[`@${HELP_LINK}`] =
            `http://go.microsoft.com/fwlink/?LinkID=398563&error=${code}&client=platform`;
    }
    if (shouldInclude(INNER_ERROR_MESSAGE)) {
        body[`@${INNER_ERROR_MESSAGE}`] = error.message;
    }
    return {error: body};
}
